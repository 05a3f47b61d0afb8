"""The FHIR API's endpoints: thin; every answer is FHIR JSON and every error an OperationOutcome."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from joinedup.directory import selectors as directory
from joinedup.patients import selectors as patients
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

from . import fhir, search, services

FHIR_JSON = "application/fhir+json"


def _fhir(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, content_type=FHIR_JSON)


def _problem(status: int, code: str, diagnostics: str) -> JsonResponse:
    return _fhir(fhir.operation_outcome(code, diagnostics), status=status)


def fhir_base(request: HttpRequest) -> str:
    """The FHIR base address as the client called it (links and fullUrls are absolute)."""
    return request.build_absolute_uri(reverse("api:metadata")).rsplit("/", 1)[0]


Response = TypeVar("Response", bound=HttpResponse)


def with_etag(response: Response, resource: dict[str, Any]) -> Response:
    """ETag from meta.versionId and Last-Modified from meta.lastUpdated, where the resource has them."""
    meta = resource.get("meta", {})
    if version := meta.get("versionId"):
        response["ETag"] = f'W/"{version}"'
    if last := meta.get("lastUpdated"):
        response["Last-Modified"] = last
    return response


def searched(request: HttpRequest, caller: services.Caller, wanted: search.Search) -> JsonResponse:
    """Runs a search for the client: a searchset Bundle, or a 400 OperationOutcome saying why not; audited."""
    query = {key: request.GET.getlist(key) for key in request.GET}
    try:
        found = search.run(wanted, query)
    except search.SearchError as refused:
        return _problem(400, "not-supported" if "Unknown search parameter" in str(refused) else "value", str(refused))
    services.audit_call(
        caller,
        action="api_search",
        details={"resource": wanted.resource_type, "query": request.GET.urlencode()[:500], "total": found.total},
    )
    return _fhir(search.bundle(found, base=fhir_base(request), resource_type=wanted.resource_type, query=query))


def only(method: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Like Django's require_GET/require_POST, but the refusal is an OperationOutcome (405)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != method:
                response = _problem(405, "not-supported", f"Only {method} is supported here")
                response["Allow"] = method
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def fhir_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Bearer token, rate limit, audit, and OperationOutcome for every refusal."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        caller = services.caller_for(header[7:]) if header.startswith("Bearer ") else None
        if caller is None:
            response = _problem(401, "login", "A valid bearer token is needed")
            response["WWW-Authenticate"] = "Bearer"
            return response
        if services.over_rate_limit(caller.client):
            response = _problem(429, "throttled", "Too many requests: slow down and try again in a minute")
            response["Retry-After"] = "60"
            return response
        try:
            return view(request, caller, *args, **kwargs)
        except (Http404, PermissionDenied):
            return _problem(404, "not-found", "No such resource that this client may see")

    return wrapped


@csrf_exempt
@only("POST")
def token(request: HttpRequest) -> JsonResponse:
    try:
        form = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        return JsonResponse({"error": "invalid_request", "error_description": "The request is too large"}, status=400)
    try:
        access_token, lifetime = services.issue_token(
            grant_type=form.get("grant_type", ""),
            assertion_type=form.get("client_assertion_type", ""),
            assertion=form.get("client_assertion", ""),
            token_url=request.build_absolute_uri(reverse("api:token")),
        )
    except services.TokenRefused as refused:
        return JsonResponse({"error": refused.error, "error_description": refused.description}, status=400)
    return JsonResponse({"access_token": access_token, "token_type": "bearer", "expires_in": lifetime})


@only("GET")
def metadata(request: HttpRequest) -> JsonResponse:
    return _fhir(fhir.capability_statement(fhir_base(request)))


@only("GET")
@fhir_endpoint
def patient_read(request: HttpRequest, caller: services.Caller, nhs_number: str) -> JsonResponse:
    digits = normalise_nhs_number(nhs_number)
    if nhs_number_error(digits):
        return _problem(400, "value", "The id is not a valid NHS number")
    found = patients.patient_for(caller.actor, digits)
    services.audit_call(caller, action="api_read", details={"resource": "Patient"}, patient_nhs_number=digits)
    return _fhir(fhir.patient(found))


@only("GET")
@fhir_endpoint
def organization_read(request: HttpRequest, caller: services.Caller, ods_code: str) -> JsonResponse:
    found = directory.organisation_for(caller.actor, ods_code)
    services.audit_call(caller, action="api_read", details={"resource": "Organization", "id": found.ods_code})
    return _fhir(fhir.organization(found))


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return _problem(404, "not-supported", "This server does not support that resource or interaction")
