from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.organisations, name="organisations"),
    path("new/", views.organisation_create, name="organisation_create"),
    path("icb/", views.icb_overview, name="icb"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("<str:ods_code>/contact/", views.organisation_contact, name="organisation_contact"),
    path("<str:ods_code>/", views.organisation, name="organisation"),
    path("<str:ods_code>/interface-lead/", views.interface_lead, name="interface_lead"),
]
