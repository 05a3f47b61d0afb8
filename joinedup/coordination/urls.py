from django.urls import path

from . import views

app_name = "coordination"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("hub/", views.hub, name="hub"),
    path("new/", views.new, name="new"),
    path("services/", views.directory, name="services"),
    path("services/import/", views.directory_import, name="import"),
    path("services/export.json", views.directory_export, name="export"),
    path("services/<int:service_id>/capacity/", views.capacity, name="capacity"),
    path("<int:escalation_id>/", views.detail, name="detail"),
    path("<int:escalation_id>/status/", views.status, name="status"),
    path("<int:escalation_id>/<slug:action>/", views.act, name="act"),
]
