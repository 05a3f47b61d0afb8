from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("oauth2/token", views.token, name="token"),
    path("fhir/R4/metadata", views.metadata, name="metadata"),
    path("fhir/R4/Patient/<str:nhs_number>", views.patient_read, name="patient"),
    path("fhir/R4/Organization/<str:ods_code>", views.organization_read, name="organization"),
    re_path(r"^fhir/R4/(?P<rest>.*)$", views.not_found),
]
