from django.urls import path, re_path

from . import views, workflow_views

app_name = "api"

urlpatterns = [
    path("oauth2/token", views.token, name="token"),
    path("fhir/R4/metadata", views.metadata, name="metadata"),
    path("fhir/R4/Patient/<str:nhs_number>", views.patient_read, name="patient"),
    path("fhir/R4/Organization/<str:ods_code>", views.organization_read, name="organization"),
    # The workflow resources (decision 0024).
    re_path(
        r"^fhir/R4/(?P<resource_type>ServiceRequest|Task|Communication|Subscription)$",
        workflow_views.type_endpoint,
        name="workflow-type",
    ),
    re_path(
        r"^fhir/R4/(?P<resource_type>ServiceRequest|Task|Communication|Subscription)/(?P<resource_id>[A-Za-z0-9.-]{1,64})$",
        workflow_views.instance_endpoint,
        name="workflow-instance",
    ),
    re_path(r"^fhir/R4/(?P<rest>.*)$", views.not_found),
]
