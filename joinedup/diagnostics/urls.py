from django.urls import path

from . import views

app_name = "diagnostics"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("worklist/", views.worklist, name="worklist"),
    path("new/", views.new, name="new"),
    path("<int:request_id>/", views.detail, name="detail"),
    path("<int:request_id>/<slug:action>/", views.act, name="act"),
]
