"""Writes through the FHIR API, each through the SAME domain service the pages use (same rules, clocks,
audit and emails): a GP system sends a referral or an A&G request (POST ServiceRequest), either side
says something in an A&G conversation (POST Communication), and a step of a request's table is taken
by moving its Task (PUT Task with the target businessStatus, If-Match the version it read).

Every refusal is a ``Refused`` with its HTTP status and FHIR issue code; the view turns it into an
OperationOutcome.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from pydantic import ValidationError as ModelInvalid

from joinedup.core import bounded_json, fhir_identifiers
from joinedup.core.concurrency import StaleAction
from joinedup.core.numbers import whole_number
from joinedup.diagnostics import services as diagnostics_services
from joinedup.diagnostics.models import DiagnosticRequest
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor
from joinedup.patients import selectors as patients
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number
from joinedup.referrals import selectors as referrals
from joinedup.referrals import services as referral_services
from joinedup.referrals.models import ClinicalRequest, Kind, State

from . import fhir_documents, gp_action_answers, records, search, workflow
from .models import ClientIdentifier

MAX_BODY_BYTES = 256 * 1024  # a request, a message or a Task: text only (files go as DocumentReference)


class Refused(Exception):
    def __init__(self, status: int, code: str, diagnostics: str) -> None:
        super().__init__(diagnostics)
        self.status, self.code, self.diagnostics = status, code, diagnostics


@dataclass(frozen=True)
class Written:
    resource: dict[str, Any]
    created: bool  # False: a retried create found the first record (200, not 201)


JSON_TYPES = ("application/fhir+json", "application/json")


def body_of(request: HttpRequest, max_bytes: int) -> bytes:
    """The request's body, read from the stream up to ``max_bytes`` (a lying Content-Length is caught too),
    or Refused: 415 for anything but FHIR JSON, 413 past the limit."""
    if (request.content_type or "") not in JSON_TYPES:
        raise Refused(415, "not-supported", "Send the resource as application/fhir+json")
    length = request.META.get("CONTENT_LENGTH") or "0"
    declared = whole_number(length, 18)  # a Content-Length of 5,000 digits is no length (int() would fail)
    if declared is not None and declared > max_bytes:
        raise Refused(413, "too-costly", f"The body is larger than {max_bytes} bytes")
    body = request.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise Refused(413, "too-costly", f"The body is larger than {max_bytes} bytes")
    return body


def _has_nul(value: Any) -> bool:
    """A NUL anywhere in a key or a string (PostgreSQL refuses NUL in text; no FHIR string may hold it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def resource_from(body: bytes, resource_type: str, *, max_bytes: int | None = None) -> dict[str, Any]:
    """The body as a validated R4 resource of ``resource_type`` (R4B models), or Refused (4xx)."""
    limit: int = max_bytes or int(getattr(settings, "API_MAX_BODY_BYTES", MAX_BODY_BYTES))
    if len(body) > limit:
        raise Refused(413, "too-costly", f"The body is larger than {limit} bytes")
    try:
        data = bounded_json.loads(body, max_depth=32)
    except bounded_json.UnreadableJSON as bad:
        raise Refused(400, "structure", str(bad)) from bad
    if not isinstance(data, dict):
        raise Refused(400, "structure", "The body must be a JSON object (a FHIR resource)")
    if _has_nul(data):
        raise Refused(400, "invalid", "The resource contains a NUL character, which no FHIR string may hold")
    if data.get("resourceType") != resource_type:
        raise Refused(400, "invalid", f"resourceType must be {resource_type} here")
    model = _model(resource_type)
    try:
        model.model_validate(data)
    except (ModelInvalid, ValueError, TypeError) as bad:
        first = bad.errors()[0] if isinstance(bad, ModelInvalid) and bad.errors() else None
        where = ".".join(str(p) for p in first["loc"]) if first else ""
        what = first["msg"] if first else str(bad)
        raise Refused(400, "structure", f"Not a valid R4 {resource_type}: {where} {what}".strip()[:500]) from bad
    except RecursionError as bad:
        raise Refused(400, "structure", "The resource is nested too deeply") from bad
    return data


def _model(resource_type: str) -> Any:
    from fhir.resources.R4B.communication import Communication
    from fhir.resources.R4B.documentreference import DocumentReference
    from fhir.resources.R4B.servicerequest import ServiceRequest
    from fhir.resources.R4B.subscription import Subscription
    from fhir.resources.R4B.task import Task

    return {
        "ServiceRequest": ServiceRequest,
        "Communication": Communication,
        "DocumentReference": DocumentReference,
        "Task": Task,
        "Subscription": Subscription,
    }[resource_type]


def _problems(invalid: ValidationError) -> str:
    if hasattr(invalid, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in invalid.message_dict.items())
    return " ".join(invalid.messages)


def version_from(if_match: str) -> int:
    """The version in an If-Match header (``W/"3"`` or ``"3"``), or Refused 412."""
    text = if_match.strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    version = whole_number(text, 18)  # a GP action's version is a moment in µs
    if version is None:
        raise Refused(412, "conflict", 'If-Match must be the ETag you read, for example W/"3"')
    return version


# ---- identifiers and conditional create -------------------------------------------------------------


def _client_identifiers(data: dict[str, Any], own_systems: set[str]) -> list[tuple[str, str]]:
    found = []
    for identifier in data.get("identifier") or []:
        system, value = identifier.get("system", ""), identifier.get("value", "")
        if system and value and system not in own_systems:
            if len(system) > 255 or len(value) > 255:
                raise Refused(400, "value", "An identifier's system and value must each be 255 characters or fewer")
            found.append((system, value))
    return found


def existing_match(actor: Actor, resource_type: str, if_none_exist: str) -> dict[str, Any] | None:
    """If-None-Exist: the one resource the condition finds (None: none; 412 for more than one)."""
    query = parse_qs(if_none_exist.lstrip("?"), keep_blank_values=True)
    if not query:
        raise Refused(400, "invalid", "If-None-Exist must be a search, for example identifier=system|value")
    try:
        found = search.run(workflow.SEARCHES[resource_type](actor), {**query, "_count": ["2"]})
    except search.SearchError as bad:
        raise Refused(400, "invalid", f"If-None-Exist: {bad}") from bad
    if found.total > 1:
        raise Refused(412, "duplicate", "If-None-Exist matches more than one resource")
    return found.resources[0] if found.resources else None


def _resource_by_identifier(actor: Actor, resource_type: str, system: str, value: str) -> dict[str, Any] | None:
    row = ClientIdentifier.objects.filter(
        organisation_id=actor.organisation.id, resource_type=resource_type, system=system, value=value
    ).first()
    if row is None or not row.resource_id:
        return None
    try:
        return workflow.read(actor, resource_type, row.resource_id).resource
    except Http404:
        return None


def _claim_identifiers(actor: Actor, resource_type: str, identifiers: list[tuple[str, str]]) -> list[ClientIdentifier]:
    """Rows that claim the client's identifiers for a resource about to be made (IntegrityError if taken)."""
    return [
        ClientIdentifier.objects.create(
            organisation_id=actor.organisation.id, resource_type=resource_type, system=s, value=v, resource_id=""
        )
        for s, v in identifiers
    ]


def _created_once(
    actor: Actor, resource_type: str, identifiers: list[tuple[str, str]], make: Any
) -> tuple[dict[str, Any], bool]:
    """Makes the resource with its client identifiers claimed in the same transaction; a retry that races
    the first (same identifier) finds the first record instead of making a second."""
    for system, value in identifiers:
        if (already := _resource_by_identifier(actor, resource_type, system, value)) is not None:
            return already, False
    try:
        with transaction.atomic():
            claims = _claim_identifiers(actor, resource_type, identifiers)
            resource_id, shaped = make()
            for claim in claims:
                claim.resource_id = resource_id
                claim.save(update_fields=["resource_id"])
    except IntegrityError as raced:
        for system, value in identifiers:
            if (already := _resource_by_identifier(actor, resource_type, system, value)) is not None:
                return already, False
        raise Refused(409, "conflict", "Another create with this identifier is under way: try again") from raced
    return shaped(), True


# ---- POST ServiceRequest ----------------------------------------------------------------------------


def nhs_number_of(data: dict[str, Any]) -> str:
    """The NHS number a resource's ``subject`` names (identifier, or ``Patient/<number>``), or Refused (422)."""
    subject = data.get("subject") or {}
    identifier = subject.get("identifier") or {}
    value = identifier.get("value") if identifier.get("system") == fhir_identifiers.NHS_NUMBER else None
    if value is None and str(subject.get("reference", "")).startswith("Patient/"):
        value = str(subject["reference"]).split("/", 1)[1]
    if not value:
        raise Refused(422, "required", "subject must name the patient by NHS number")
    digits = normalise_nhs_number(str(value))
    if nhs_number_error(digits):
        raise Refused(422, "value", "subject: the NHS number is not valid")
    return digits


def _kind_of(data: dict[str, Any]) -> str:
    codes = {c.get("code") for cat in data.get("category") or [] for c in cat.get("coding") or []}
    if "ADVICE_AND_GUIDANCE_REQUEST" in codes:
        return Kind.ADVICE
    if "TRIAGE_REQUEST" in codes or "3457005" in codes:
        return Kind.REFERRAL
    raise Refused(
        422,
        "required",
        f"category must be {workflow.REQUEST_TYPE_SYSTEM}|TRIAGE_REQUEST or |ADVICE_AND_GUIDANCE_REQUEST",
    )


def _service_id_of(data: dict[str, Any]) -> int:
    for performer in data.get("performer") or []:
        reference = str(performer.get("reference", ""))
        service_id = whole_number(reference.removeprefix("HealthcareService/"), 10)
        if reference.startswith("HealthcareService/") and service_id is not None and service_id < 2**31:
            return service_id
    raise Refused(422, "required", "performer must include the service as HealthcareService/<id>")


def create_service_request(actor: Actor, body: bytes, if_none_exist: str = "") -> Written:
    data = resource_from(body, "ServiceRequest")
    if if_none_exist and (found := existing_match(actor, "ServiceRequest", if_none_exist)) is not None:
        return Written(found, created=False)
    kind, nhs_number, service_id = _kind_of(data), nhs_number_of(data), _service_id_of(data)
    priority = workflow.PRIORITY_FROM_FHIR.get(data.get("priority", "routine"))
    if priority is None:
        raise Refused(422, "value", "priority must be routine, urgent or asap (two-week wait)")
    text = "\n\n".join(str(n.get("text", "")) for n in data.get("note") or [] if n.get("text")).strip()
    identifiers = _client_identifiers(data, {fhir_identifiers.UBRN})
    try:
        patient = patients.patient_for(actor, nhs_number)
    except (Http404, PermissionDenied) as missing:
        raise Refused(422, "processing", "subject: no patient with that NHS number is registered here") from missing
    service = directory.services_in_icb(actor.icb_id).filter(id=service_id).first()
    if service is None:
        raise Refused(422, "processing", "performer: no such service in your ICB")

    def make() -> tuple[str, Any]:
        sent = referral_services.request_send(
            actor=actor,
            kind=kind,
            patient=patient,
            service=service,
            clinical_information=text,
            priority=priority,
        )
        resource_id = workflow.request_id(sent.id)
        return resource_id, lambda: workflow.read(actor, "ServiceRequest", resource_id).resource

    try:
        resource, created = _created_once(actor, "ServiceRequest", identifiers, make)
    except ValidationError as invalid:
        raise Refused(422, "business-rule", _problems(invalid)) from invalid
    except PermissionDenied as refused:
        raise Refused(403, "forbidden", "This client's role may not send requests") from refused
    return Written(resource, created=created)


# ---- POST Communication -----------------------------------------------------------------------------

PROVIDER_MESSAGES = {"advice": "reply", "request-information": "ask"}


def _request_of(actor: Actor, data: dict[str, Any]) -> ClinicalRequest:
    for based_on in data.get("basedOn") or []:
        reference = str(based_on.get("reference", ""))
        if reference.startswith("ServiceRequest/"):
            try:
                return workflow.clinical_request_for(actor, reference.split("/", 1)[1])
            except Http404 as missing:
                raise Refused(404, "not-found", "basedOn: no such ServiceRequest that this client may see") from missing
    raise Refused(422, "required", "basedOn must reference the A&G request (ServiceRequest/RQ...)")


def _message_action(actor: Actor, request: ClinicalRequest, category: str) -> str:
    if request.kind != Kind.ADVICE:
        raise Refused(422, "business-rule", "Messages are for advice and guidance requests: move a referral's Task")
    if actor.organisation.id == request.trust_id:
        action = PROVIDER_MESSAGES.get(category or "advice")
        if action is None:
            raise Refused(422, "value", "A provider's message is advice or request-information")
        return action
    if category == "closing":
        return "withdraw" if request.state == State.AWAITING_ADVICE else "close"
    if category not in ("", "information"):
        raise Refused(422, "value", "A GP's message is information (an answer) or closing")
    return "answer"


def create_communication(actor: Actor, body: bytes, if_none_exist: str = "") -> Written:
    data = resource_from(body, "Communication")
    if if_none_exist and (found := existing_match(actor, "Communication", if_none_exist)) is not None:
        return Written(found, created=False)
    request = _request_of(actor, data)
    text = "\n\n".join(
        str(p.get("contentString", "")) for p in data.get("payload") or [] if p.get("contentString")
    ).strip()
    category = next(
        (
            c.get("code", "")
            for cat in data.get("category") or []
            for c in cat.get("coding") or []
            if c.get("system") == workflow.MESSAGE_SYSTEM
        ),
        "",
    )
    action = _message_action(actor, request, category)
    identifiers = _client_identifiers(data, set())

    def make() -> tuple[str, Any]:
        referral_services.request_act(
            actor=actor, request_id=request.id, action=action, expected_version=request.version, note=text
        )
        said = referrals.conversation_messages(actor).filter(request_id=request.id).order_by("-at", "-id").first()
        assert said is not None  # the step just wrote it
        return workflow.message_id(said.id), lambda: workflow.validated(workflow.communication(said))

    try:
        resource, created = _created_once(actor, "Communication", identifiers, make)
    except StaleAction as stale:
        raise Refused(409, "conflict", str(stale)) from stale
    except ValidationError as invalid:
        raise Refused(422, "business-rule", _problems(invalid)) from invalid
    return Written(resource, created=created)


# ---- PUT Task: a step of the table ------------------------------------------------------------------


def _inputs(data: dict[str, Any]) -> dict[str, str]:
    """Task.input as name -> value (the type's code or text; the value as text)."""
    found: dict[str, str] = {}
    for item in data.get("input") or []:
        kind = item.get("type") or {}
        name = next((c.get("code") for c in kind.get("coding") or [] if c.get("code")), None) or kind.get("text")
        if not name:
            continue
        value: Any = next((item[k] for k in item if k.startswith("value")), "")
        if isinstance(value, dict):
            value = value.get("reference", "").rpartition("/")[2] or value.get("text", "")
        found[str(name)] = str(value)
    return found


def _target_state(data: dict[str, Any]) -> str:
    business = data.get("businessStatus") or {}
    codes = [c.get("code") for c in business.get("coding") or [] if c.get("code")]
    if not codes:
        raise Refused(422, "required", "businessStatus.coding must name the state the request moves to")
    return str(codes[0])


def _choose(actions: list[tuple[str, Any]], target: str, named: str, current: str) -> str:
    candidates = [name for name, step in actions if step.to == target and (named in ("", name))]
    if not candidates:
        allowed = sorted({str(step.to) for _, step in actions if step.to != current or named})
        raise Refused(
            422,
            "business-rule",
            f"This client cannot move the request from '{current}' to '{target}'"
            + (f": it may move it to {', '.join(allowed)}" if allowed else ""),
        )
    if len(candidates) > 1:
        raise Refused(422, "business-rule", f"Name the step as input 'action': one of {', '.join(candidates)}")
    return candidates[0]


def _date(value: str, name: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError as bad:
        raise Refused(422, "value", f"input '{name}' must be a date (YYYY-MM-DD)") from bad


def update_task(actor: Actor, resource_id: str, body: bytes, if_match: str) -> Written:
    if not if_match:
        raise Refused(428, "required", 'If-Match is required: send the ETag you read (W/"<version>")')
    expected = version_from(if_match)
    data = resource_from(body, "Task")
    if data.get("id") not in (None, resource_id):
        raise Refused(400, "invalid", "The Task's id must be the id in the URL")
    if resource_id.startswith(fhir_documents.ACTION_PREFIX):
        return _answer_gp_action(actor, resource_id, data, expected)
    target, given = _target_state(data), _inputs(data)
    try:
        if resource_id.upper().startswith("DX"):
            _move_diagnostic(actor, workflow.diagnostic_request_for(actor, resource_id), target, given, expected)
        else:
            _move_request(actor, workflow.clinical_request_for(actor, resource_id), target, given, expected)
    except StaleAction as stale:
        raise Refused(412, "conflict", f"{stale} (If-Match {if_match} is not the current version)") from stale
    except ValidationError as invalid:
        raise Refused(422, "business-rule", _problems(invalid)) from invalid
    except PermissionDenied as refused:
        raise Refused(403, "forbidden", "This client's role may not take that step") from refused
    return Written(workflow.read(actor, "Task", resource_id).resource, created=False)


def _answer_gp_action(actor: Actor, resource_id: str, data: dict[str, Any], expected: int) -> Written:
    """A practice system answers a request found in a letter (decision 0025), as the inbox page does."""
    action = records.gp_action(actor, resource_id)
    if fhir_documents.gp_action_version(action) != str(expected):
        raise Refused(412, "conflict", "The task has been answered since you read it: read it again")
    try:
        gp_action_answers.answer(actor, action, data)
    except gp_action_answers.AnswerRefused as refused:
        raise Refused(422, "business-rule", str(refused)) from refused
    return Written(workflow.read(actor, "Task", resource_id).resource, created=False)


def _move_request(actor: Actor, request: ClinicalRequest, target: str, given: Mapping[str, str], expected: int) -> None:
    if request.version != expected:
        raise StaleAction(f"The request is at version {request.version}")
    action = _choose(referral_services.allowed_actions(actor, request), target, given.get("action", ""), request.state)
    service = given.get("service", "")
    referral_services.request_act(
        actor=actor,
        request_id=request.id,
        action=action,
        expected_version=expected,
        note=given.get("note", ""),
        reason=given.get("reason", ""),
        priority=workflow.PRIORITY_FROM_FHIR.get(given.get("priority", ""), given.get("priority", "")),
        service_id=whole_number(service, 9),
        appointment_on=_date(given.get("appointment", ""), "appointment"),
        clinic=given.get("clinic", ""),
    )


def _move_diagnostic(
    actor: Actor, request: DiagnosticRequest, target: str, given: Mapping[str, str], expected: int
) -> None:
    if request.version != expected:
        raise StaleAction(f"The request is at version {request.version}")
    action = _choose(
        diagnostics_services.allowed_actions(actor, request), target, given.get("action", ""), request.state
    )
    diagnostics_services.request_act(
        actor=actor,
        request_id=request.id,
        action=action,
        expected_version=expected,
        appointment_on=_date(given.get("appointment", ""), "appointment"),
        report=given.get("report", ""),
        reason=given.get("reason", ""),
        advice=given.get("advice", ""),
        note=given.get("note", ""),
        late_reason=given.get("late-reason", ""),
        filed_action=given.get("filed-action", ""),
    )
