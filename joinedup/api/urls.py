from django.urls import path, re_path

from . import record_views, views, workflow_views

app_name = "api"

urlpatterns = [
    path("oauth2/token", views.token, name="token"),
    path("fhir/R4/metadata", views.metadata, name="metadata"),
    path("fhir/R4/Patient/<str:nhs_number>", views.patient_read, name="patient"),
    path("fhir/R4/Organization/<str:ods_code>", views.organization_read, name="organization"),
    path("fhir/R4/HealthcareService", record_views.healthcare_service_search, name="healthcare_services"),
    path(
        "fhir/R4/HealthcareService/<str:resource_id>", record_views.healthcare_service_read, name="healthcare_service"
    ),
    path("fhir/R4/DocumentReference", record_views.document_references, name="document_references"),
    path(
        "fhir/R4/DocumentReference/<str:resource_id>", record_views.document_reference_read, name="document_reference"
    ),
    path("fhir/R4/Binary/<str:resource_id>", record_views.binary_read, name="binary"),
    path("fhir/R4/DiagnosticReport", record_views.diagnostic_report_search, name="diagnostic_reports"),
    path("fhir/R4/DiagnosticReport/<str:resource_id>", record_views.diagnostic_report_read, name="diagnostic_report"),
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
