from django.urls import path

from . import views

app_name = "concerns"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("start/", views.start, name="start"),
    path("inbox/", views.inbox, name="inbox"),
    path("new/", views.raise_concern, name="new"),
    path("review/", views.review, name="review"),
    path("projects/", views.projects, name="projects"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_id>/", views.project, name="project"),
    path("<int:concern_id>/", views.detail, name="detail"),
    path("<int:concern_id>/letter/", views.letter, name="letter"),
    path("<int:concern_id>/message/", views.message, name="message"),
    path("<int:concern_id>/<slug:action>/", views.act, name="act"),
]
