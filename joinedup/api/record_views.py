"""Endpoints for services, letters, attachments and results: thin, FHIR JSON in and out (decision 0025).

Reads and searches call ``records`` (which scopes through the domains' selectors) and shape with
``fhir_services`` / ``fhir_documents``; a trust system sends a letter through ``letter_upload``.
Every call is audited with the client's identity; every refusal is an OperationOutcome. The GP
actions in letters are Tasks, served with the requests' Tasks by ``workflow_views``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import fhir_documents as documents
from . import letter_upload, records, services, writes
from .views import _fhir as respond
from .views import _problem as problem
from .views import fhir_base, fhir_endpoint, only, searched, with_etag

# A letter travels base64-encoded (4/3 of its size) inside JSON: room for the largest letter the page takes.
LETTER_BODY_MAX_BYTES = settings.LETTER_UPLOAD_MAX_BYTES * 4 // 3 + 64 * 1024


def _read(
    caller: services.Caller, resource: str, resource_id: str, data: dict[str, Any], nhs_number: str = ""
) -> JsonResponse:
    services.audit_call(
        caller, action="api_read", details={"resource": resource, "id": resource_id}, patient_nhs_number=nhs_number
    )
    return with_etag(respond(data), data)


# ---- HealthcareService ----------------------------------------------------------------------------


@only("GET")
@fhir_endpoint
def healthcare_service_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    return searched(request, caller, records.healthcare_service_search(caller.actor))


@only("GET")
@fhir_endpoint
def healthcare_service_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    return _read(caller, "HealthcareService", resource_id, records.healthcare_service(caller.actor, resource_id))


# ---- DocumentReference and Binary -----------------------------------------------------------------


@only("GET")
@fhir_endpoint
def document_reference_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    return searched(request, caller, records.document_reference_search(caller.actor, fhir_base(request)))


@only("POST")
@fhir_endpoint
def document_reference_create(request: HttpRequest, caller: services.Caller) -> HttpResponse:
    """A trust system sends a letter: 201 with the stored DocumentReference and its Location."""
    try:
        body = writes.body_of(request, LETTER_BODY_MAX_BYTES)
        resource = writes.resource_from(body, "DocumentReference", max_bytes=LETTER_BODY_MAX_BYTES)
        letter = letter_upload.take_letter(caller.actor, resource)
    except writes.Refused as refused:
        return problem(refused.status, refused.code, refused.diagnostics)
    except letter_upload.LetterRefused as refused:
        return problem(422, "processing", str(refused))
    except PermissionDenied:
        return problem(403, "forbidden", "This client may not send letters")
    services.audit_call(
        caller,
        action="api_create",
        details={"resource": "DocumentReference", "id": f"{documents.LETTER_PREFIX}{letter.id}"},
        patient_nhs_number=letter.patient.nhs_number,
    )
    base = fhir_base(request)
    response = respond(documents.letter_document(letter, base), status=201)
    response["Location"] = f"{base}/DocumentReference/{documents.LETTER_PREFIX}{letter.id}"
    response["ETag"] = f'W/"{letter.version}"'
    return response


@csrf_exempt
def document_references(request: HttpRequest) -> HttpResponse:
    """``GET`` searches; ``POST`` sends a letter (the API authenticates by bearer token, not a cookie)."""
    if request.method == "POST":
        return document_reference_create(request)
    return document_reference_search(request)


@only("GET")
@fhir_endpoint
def document_reference_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    base = fhir_base(request)
    if resource_id.startswith(documents.ATTACHMENT_PREFIX):
        attachment = records.attachment(caller.actor, resource_id)
        data = documents.attachment_document(attachment, base)
        return _read(caller, "DocumentReference", resource_id, data, attachment.request.patient.nhs_number)
    letter = records.letter(caller.actor, resource_id)
    data = documents.letter_document(letter, base)
    return _read(caller, "DocumentReference", resource_id, data, letter.patient.nhs_number)


@only("GET")
@fhir_endpoint
def binary_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> HttpResponse:
    """The content itself; as a FHIR Binary (base64) only when the client asks for FHIR JSON."""
    if resource_id.startswith(documents.ATTACHMENT_PREFIX):
        attachment = records.attachment(caller.actor, resource_id)
        content, content_type = bytes(attachment.data), attachment.content_type
        nhs_number = attachment.request.patient.nhs_number
    else:
        letter = records.letter(caller.actor, resource_id)
        content, content_type, nhs_number = letter.text.encode(), "text/plain; charset=utf-8", letter.patient.nhs_number
    services.audit_call(
        caller, action="api_read", details={"resource": "Binary", "id": resource_id}, patient_nhs_number=nhs_number
    )
    wants_fhir = "fhir+json" in request.headers.get("Accept", "")
    if wants_fhir or request.GET.get("_format") in ("json", "application/fhir+json"):
        return respond(documents.binary(resource_id, content_type.split(";")[0], content))
    response = HttpResponse(content, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "attachment"
    return response


# ---- DiagnosticReport -----------------------------------------------------------------------------


@only("GET")
@fhir_endpoint
def diagnostic_report_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    return searched(request, caller, records.diagnostic_report_search(caller.actor))


@only("GET")
@fhir_endpoint
def diagnostic_report_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    report = records.diagnostic_report(caller.actor, resource_id)
    data = documents.diagnostic_report(report)
    return _read(caller, "DiagnosticReport", resource_id, data, report.patient_nhs_number)
