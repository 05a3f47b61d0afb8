from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("", views.practice, name="practice"),
    path("worklists/", views.worklists, name="worklists"),
    path("new/<slug:kind>/", views.new_request, name="new"),
    path("<int:request_id>/", views.detail, name="detail"),
    path("<int:request_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<int:request_id>/<slug:action>/", views.act, name="act"),
]
