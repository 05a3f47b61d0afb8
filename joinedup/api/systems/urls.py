from django.urls import path

from . import views

app_name = "systems"
urlpatterns = [
    path("", views.systems, name="list"),
    path("new/", views.system_register, name="register"),
    path("<str:client_id>/", views.system, name="system"),
    path("<str:client_id>/switch/", views.system_switch, name="switch"),
]
