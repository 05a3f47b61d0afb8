"""Endpoints for services, letters, attachments, results and GP actions: thin, FHIR JSON in and out.

Reads and searches only call ``record_selectors`` (which scope through the domains' selectors) and
shape with ``fhir_services`` / ``fhir_documents``; every call is audited with the client's identity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.task import Task

from . import bodies, fhir_services, gp_action_answers, letter_upload, searchset, services
from . import fhir_documents as documents
from . import record_selectors as records
from .views import _fhir as respond
from .views import _problem as problem
from .views import fhir_endpoint, only

Shape = Callable[[Any], dict[str, Any]]
# A letter travels base64-encoded (4/3 of its size) inside JSON: room for the largest letter the page takes.
LETTER_BODY_MAX_BYTES = settings.LETTER_UPLOAD_MAX_BYTES * 4 // 3 + 64 * 1024
TASK_BODY_MAX_BYTES = 64 * 1024


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("api:metadata")).rsplit("/", 1)[0]


def _search(
    request: HttpRequest,
    caller: services.Caller,
    resource: str,
    allowed: set[str],
    find: Callable[[Any, searchset.Search], Any],
    shape: Shape,
) -> JsonResponse:
    try:
        search = searchset.parse(request.GET, allowed)
        found, total = searchset.page_of(find(caller.actor, search), search)
    except searchset.SearchRefused as refused:
        return problem(400, "not-supported" if "Unknown search parameter" in str(refused) else "value", str(refused))
    services.audit_call(
        caller, action="api_search", details={"resource": resource, "query": request.GET.urlencode()[:500]}
    )
    url = request.build_absolute_uri(request.path)
    return respond(
        searchset.bundle(
            url=url, query=request.GET, search=search, found=found, total=total, shape=shape, base=_base(request)
        )
    )


def _read(
    caller: services.Caller, resource: str, resource_id: str, data: dict[str, Any], nhs_number: str = ""
) -> JsonResponse:
    services.audit_call(
        caller, action="api_read", details={"resource": resource, "id": resource_id}, patient_nhs_number=nhs_number
    )
    return respond(data)


# ---- HealthcareService ----------------------------------------------------------------------------


@only("GET")
@fhir_endpoint
def healthcare_service_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    try:
        search = searchset.parse(request.GET, records.HEALTHCARE_SERVICE_PARAMS)
        trusts = records.referral_services(caller.actor, search)
        urgent = [] if search.first("_id") else records.urgent_services(caller.actor, search)
    except searchset.SearchRefused as refused:
        return problem(400, "value", str(refused))
    # The trusts' services page first, then the hub's urgent services after them (they are few).
    trust_page, trust_total = searchset.page_of(trusts, search)
    skip = max(0, (search.page - 1) * search.count - trust_total)
    room = search.count - len(trust_page)
    shapes = [fhir_services.referral_service(s) for s in trust_page]
    shapes += [fhir_services.urgent_service(s) for s in urgent[skip : skip + room]] if room > 0 else []
    services.audit_call(caller, action="api_search", details={"resource": "HealthcareService"})
    url = request.build_absolute_uri(request.path)
    return respond(
        searchset.bundle(
            url=url,
            query=request.GET,
            search=search,
            found=shapes,
            total=trust_total + len(urgent),
            shape=lambda shaped: shaped,
            base=_base(request),
        )
    )


@only("GET")
@fhir_endpoint
def healthcare_service_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    if resource_id.startswith(fhir_services.URGENT_PREFIX):
        data = fhir_services.urgent_service(records.urgent_service(caller.actor, resource_id))
    else:
        data = fhir_services.referral_service(records.referral_service(caller.actor, resource_id))
    return _read(caller, "HealthcareService", resource_id, data)


# ---- DocumentReference and Binary -----------------------------------------------------------------


@only("GET")
@fhir_endpoint
def document_reference_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    base = _base(request)
    return _search(
        request,
        caller,
        "DocumentReference",
        records.DOCUMENT_REFERENCE_PARAMS,
        records.letter_documents,
        lambda letter: documents.letter_document(letter, base),
    )


@only("GET")
@fhir_endpoint
def document_reference_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    base = _base(request)
    if resource_id.startswith(documents.ATTACHMENT_PREFIX):
        attachment = records.attachment(caller.actor, resource_id)
        data = documents.attachment_document(attachment, base)
        return _read(caller, "DocumentReference", resource_id, data, attachment.request.patient.nhs_number)
    letter = records.letter(caller.actor, resource_id)
    return _read(
        caller, "DocumentReference", resource_id, documents.letter_document(letter, base), letter.patient.nhs_number
    )


@only("GET")
@fhir_endpoint
def binary_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> HttpResponse:
    """The content itself; as a FHIR Binary (base64) only when the client asks for FHIR JSON."""
    if resource_id.startswith(documents.ATTACHMENT_PREFIX):
        attachment = records.attachment(caller.actor, resource_id)
        content, content_type, nhs_number = (
            bytes(attachment.data),
            attachment.content_type,
            attachment.request.patient.nhs_number,
        )
    else:
        letter = records.letter(caller.actor, resource_id)
        content, content_type, nhs_number = letter.text.encode(), "text/plain; charset=utf-8", letter.patient.nhs_number
    services.audit_call(
        caller, action="api_read", details={"resource": "Binary", "id": resource_id}, patient_nhs_number=nhs_number
    )
    if "fhir+json" in request.headers.get("Accept", "") or request.GET.get("_format") in (
        "json",
        "application/fhir+json",
    ):
        return respond(documents.binary(resource_id, content_type.split(";")[0], content))
    response = HttpResponse(content, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "attachment"
    return response


# ---- DiagnosticReport -----------------------------------------------------------------------------


@only("GET")
@fhir_endpoint
def diagnostic_report_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    return _search(
        request,
        caller,
        "DiagnosticReport",
        records.DIAGNOSTIC_REPORT_PARAMS,
        records.diagnostic_reports,
        documents.diagnostic_report,
    )


@only("GET")
@fhir_endpoint
def diagnostic_report_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    report = records.diagnostic_report(caller.actor, resource_id)
    return _read(
        caller, "DiagnosticReport", resource_id, documents.diagnostic_report(report), report.patient_nhs_number
    )


# ---- Task: the GP actions found in letters --------------------------------------------------------


@only("GET")
@fhir_endpoint
def gp_action_read(request: HttpRequest, caller: services.Caller, resource_id: str) -> JsonResponse:
    action = records.gp_action(caller.actor, resource_id)
    response = _read(caller, "Task", resource_id, documents.gp_action_task(action), action.letter.patient.nhs_number)
    response["ETag"] = f'W/"{documents.gp_action_version(action)}"'
    return response


@only("GET")
@fhir_endpoint
def gp_action_search(request: HttpRequest, caller: services.Caller) -> JsonResponse:
    return _search(request, caller, "Task", records.GP_ACTION_PARAMS, records.gp_actions, documents.gp_action_task)


@only("POST")
@fhir_endpoint
def document_reference_create(request: HttpRequest, caller: services.Caller) -> HttpResponse:
    """A trust system sends a letter (decision 0025): 201 with the stored DocumentReference and its Location."""
    try:
        resource = bodies.resource_from(request, model=DocumentReference, max_bytes=LETTER_BODY_MAX_BYTES)
        letter = letter_upload.take_letter(caller.actor, resource)
    except bodies.BodyRefused as refused:
        return problem(refused.status, refused.code, str(refused))
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
    base = _base(request)
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


@only("PUT")
@fhir_endpoint
def gp_action_update(request: HttpRequest, caller: services.Caller, resource_id: str) -> HttpResponse:
    """A practice system answers a request in a letter; ``If-Match`` with the ETag it read guards a second answer."""
    action = records.gp_action(caller.actor, resource_id)
    expected = request.headers.get("If-Match")
    if expected is not None and expected.strip() != f'W/"{documents.gp_action_version(action)}"':
        return problem(412, "conflict", "The task has been answered since you read it: read it again")
    try:
        resource = bodies.resource_from(request, model=Task, max_bytes=TASK_BODY_MAX_BYTES)
        gp_action_answers.answer(caller.actor, action, resource)
    except bodies.BodyRefused as refused:
        return problem(refused.status, refused.code, str(refused))
    except gp_action_answers.AnswerRefused as refused:
        return problem(422, "processing", str(refused))
    services.audit_call(caller, action="api_update", details={"resource": "Task", "id": resource_id})
    answered = records.gp_action(caller.actor, resource_id)
    response = respond(documents.gp_action_task(answered))
    response["ETag"] = f'W/"{documents.gp_action_version(answered)}"'
    return response


@csrf_exempt
def task(request: HttpRequest, resource_id: str) -> HttpResponse:
    """``GET`` reads a Task; ``PUT`` answers it (the API authenticates by bearer token, not a cookie)."""
    if request.method == "PUT":
        return gp_action_update(request, resource_id=resource_id)
    return gp_action_read(request, resource_id=resource_id)
