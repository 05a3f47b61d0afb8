"""The workflow endpoints (ServiceRequest, Task, Communication, Subscription): thin, FHIR JSON in and out,
every refusal an OperationOutcome (decision 0024)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import services, subscriptions, workflow, writes
from .views import _fhir, _problem, fhir_base, fhir_endpoint, searched, with_etag

SEARCHABLE = ("ServiceRequest", "Task", "Communication")
CREATABLE = {
    "ServiceRequest": writes.create_service_request,
    "Communication": writes.create_communication,
}


def _body(request: HttpRequest) -> bytes:
    return writes.body_of(request, writes.MAX_BODY_BYTES)


def _refused(refused: writes.Refused) -> JsonResponse:
    return _problem(refused.status, refused.code, refused.diagnostics)


@csrf_exempt
@fhir_endpoint
def type_endpoint(request: HttpRequest, caller: services.Caller, resource_type: str) -> JsonResponse:
    """GET: search; POST: create (conditional with If-None-Exist)."""
    if request.method == "GET" and resource_type in SEARCHABLE:
        return searched(request, caller, workflow.SEARCHES[resource_type](caller.actor))
    if request.method == "POST" and (resource_type in CREATABLE or resource_type == "Subscription"):
        try:
            body = _body(request)
            if resource_type == "Subscription":
                resource = subscriptions.create(caller, body)
                created = True
            else:
                written = CREATABLE[resource_type](caller.actor, body, request.headers.get("If-None-Exist", ""))
                resource, created = written.resource, written.created
        except writes.Refused as refused:
            return _refused(refused)
        response = with_etag(_fhir(resource, status=201 if created else 200), resource)
        response["Location"] = f"{fhir_base(request)}/{resource['resourceType']}/{resource['id']}"
        return response
    response = _problem(405, "not-supported", f"{request.method} is not supported on {resource_type}")
    response["Allow"] = "GET, POST" if resource_type in CREATABLE else "GET"
    return response


@csrf_exempt
@fhir_endpoint
def instance_endpoint(
    request: HttpRequest, caller: services.Caller, resource_type: str, resource_id: str
) -> JsonResponse:
    """GET: read (ETag = the version); PUT Task: take a step (If-Match); DELETE Subscription."""
    if resource_type == "Subscription":
        if request.method == "GET":
            return _fhir(subscriptions.read(caller, resource_id))
        if request.method == "DELETE":
            subscriptions.delete(caller, resource_id)
            return _fhir(subscriptions.deleted_outcome(), status=200)
    elif request.method == "GET":
        read = workflow.read(caller.actor, resource_type, resource_id)
        nhs_number = read.resource.get("subject", read.resource.get("for", {})).get("identifier", {}).get("value", "")
        services.audit_call(
            caller,
            action="api_read",
            details={"resource": resource_type, "id": resource_id},
            patient_nhs_number=nhs_number,
        )
        return with_etag(_fhir(read.resource), read.resource)
    elif request.method == "PUT" and resource_type == "Task":
        try:
            written = writes.update_task(caller.actor, resource_id, _body(request), request.headers.get("If-Match", ""))
        except writes.Refused as refused:
            return _refused(refused)
        return with_etag(_fhir(written.resource), written.resource)
    response = _problem(405, "not-supported", f"{request.method} is not supported on {resource_type}/<id>")
    response["Allow"] = "GET, PUT" if resource_type == "Task" else "GET"
    return response
