"""The workflow resources (decision 0024): ServiceRequest, Task and Communication over referrals, A&G and
direct-access diagnostics, shaped in UK Core terms and searched through the domains' selectors.

Ids: a referral or A&G request is ``RQ`` + its number (a UBRN is shared by an A&G request and the
referral made from it, so it is an identifier, not the id); a diagnostic request is its own reference
(``DX0000123``). Each request has one Task, with the same id: the piece of work it is now, owned by
the organisation whose move it is. Each message of an A&G conversation is a Communication ``AG`` +
its timeline row's number.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from joinedup.core import fhir_identifiers
from joinedup.core.numbers import whole_number
from joinedup.diagnostics import fhir as diagnostics_fhir
from joinedup.diagnostics import selectors as diagnostics
from joinedup.diagnostics.models import DiagnosticRequest, id_from_reference
from joinedup.diagnostics.models import State as DxState
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor
from joinedup.directory.models import OrganisationKind
from joinedup.referrals import selectors as referrals
from joinedup.referrals.models import ClinicalRequest, Kind, RequestEvent, State
from joinedup.referrals.services import TRANSITIONS, Party

from . import fhir_documents, records, search
from .fhir import UKCORE
from .fhir import instant as _when
from .fhir import organisation_ref as _org
from .fhir import patient_ref as _patient
from .models import ClientIdentifier

SNOMED = "http://snomed.info/sct"
# JoinedUp's own code systems, until the national e-RS ones are confirmed (decision 0024).
CODE_BASE = "https://joinedup.invalid/fhir/CodeSystem/"  # .invalid never resolves (RFC 2606)
REQUEST_TYPE_SYSTEM = CODE_BASE + "ers-request-type"
REQUEST_STATE_SYSTEM = CODE_BASE + "request-state"
DIAGNOSTIC_STATE_SYSTEM = CODE_BASE + "diagnostic-request-state"
MESSAGE_SYSTEM = CODE_BASE + "advice-message"
TASK_INPUT_SYSTEM = CODE_BASE + "task-input"
TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code"

# e-RS priorities in R4: two-week wait is "asap" (with the e-RS code kept in the text).
FHIR_PRIORITY = {"routine": "routine", "urgent": "urgent", "two_week_wait": "asap"}
PRIORITY_FROM_FHIR = {v: k for k, v in FHIR_PRIORITY.items()}

SERVICE_REQUEST_STATUS = {
    State.AWAITING_TRIAGE: "active",
    State.ACCEPTED: "active",
    State.BOOKED: "active",
    State.RETURNED: "on-hold",
    State.REJECTED: "revoked",
    State.CANCELLED: "revoked",
    State.AWAITING_ADVICE: "active",
    State.INFORMATION_REQUESTED: "on-hold",
    State.ADVICE_GIVEN: "active",
    State.CONVERTED: "completed",
    State.CLOSED: "completed",
}

# Task.status and whose move it is, for each state of a referral or A&G request.
PROVIDER, REQUESTER = "provider", "requester"
REQUEST_TASK: dict[str, tuple[str, str]] = {
    State.AWAITING_TRIAGE: ("requested", PROVIDER),
    State.AWAITING_ADVICE: ("requested", PROVIDER),
    State.ACCEPTED: ("accepted", PROVIDER),  # to book
    State.BOOKED: ("completed", PROVIDER),
    State.INFORMATION_REQUESTED: ("on-hold", REQUESTER),  # the GP must answer
    State.ADVICE_GIVEN: ("in-progress", REQUESTER),  # the GP closes it or refers
    State.RETURNED: ("on-hold", REQUESTER),  # the GP may amend and send again
    State.REJECTED: ("rejected", PROVIDER),
    State.CANCELLED: ("cancelled", REQUESTER),
    State.CONVERTED: ("completed", PROVIDER),
    State.CLOSED: ("completed", REQUESTER),
}
DIAGNOSTIC_TASK: dict[str, tuple[str, str]] = {
    DxState.REQUESTED: ("requested", PROVIDER),
    DxState.BOOKED: ("accepted", PROVIDER),
    DxState.DONE: ("in-progress", PROVIDER),
    DxState.REPORTED: ("in-progress", REQUESTER),  # a GP files the report with an action
    DxState.FILED: ("completed", REQUESTER),
    DxState.REJECTED: ("rejected", PROVIDER),
    DxState.CANCELLED: ("cancelled", REQUESTER),
}
# The statuses a Task search takes: the requests' and those of the GP actions in letters (decision 0025).
TASK_STATUSES = sorted(
    {s for s, _ in REQUEST_TASK.values()}
    | {s for s, _ in DIAGNOSTIC_TASK.values()}
    | set(fhir_documents.TASK_STATUS_FOR_FEEDBACK.values())
)
BUSINESS_STATUSES = State.values + DxState.values + records.FEEDBACK_CODES
CLOCK_RUNNING = (State.AWAITING_TRIAGE, State.AWAITING_ADVICE)
DX_CLOCK_RUNNING = (DxState.REQUESTED, DxState.BOOKED, DxState.DONE)

# How each step of the conversation is categorised as a message.
MESSAGE_KIND = {
    "sent": ("question", "Question from the GP"),
    "ask": ("request-information", "The consultant asks for more information"),
    "answer": ("information", "The GP's answer"),
    "reply": ("advice", "Advice from the consultant"),
    "convert": ("advice", "Advice, and conversion to a referral"),
    "refer": ("referral-decision", "The GP turns it into a referral"),
    "close": ("closing", "The GP closes the request"),
    "withdraw": ("closing", "The GP withdraws the request"),
}


def request_id(pk: int) -> str:
    return f"RQ{pk:07d}"


def pk_from_request_id(resource_id: str) -> int | None:
    text = resource_id.strip().upper()
    return whole_number(text[2:], 11) if text.startswith("RQ") else None


def message_id(pk: int) -> str:
    return f"AG{pk:07d}"


def _meta(profile: str, version: int | None, changed: datetime.datetime | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"profile": [UKCORE + profile]}
    if version is not None:
        meta["versionId"] = str(version)
    if changed is not None:
        meta["lastUpdated"] = _when(changed)
    return meta


MODELS: dict[str, Any] = {"ServiceRequest": ServiceRequest, "Task": Task, "Communication": Communication}


def validated(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource validated and normalised by its R4B model. Single reads and writes go through this;
    searches return the plain shapes, since validating 50 results costs ~90 ms (the worklist's whole
    budget) and the tests validate every shape a search returns."""
    model = MODELS[resource["resourceType"]]
    return dict(model.model_validate(resource).model_dump(mode="json", exclude_none=True))


# ---- shapes ----------------------------------------------------------------------------------------


def service_request(request: ClinicalRequest) -> dict[str, Any]:
    request_type = "TRIAGE_REQUEST" if request.kind == Kind.REFERRAL else "ADVICE_AND_GUIDANCE_REQUEST"
    data: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": request_id(request.id),
        "meta": _meta("UKCore-ServiceRequest", request.version, getattr(request, "last_changed", None)),
        "identifier": [
            {"system": fhir_identifiers.UBRN, "value": request.ubrn},
            *getattr(request, "client_identifiers", []),
        ],
        "status": SERVICE_REQUEST_STATUS[State(request.state)],
        "intent": "order",
        "category": [
            {"coding": [{"system": REQUEST_TYPE_SYSTEM, "code": request_type, "display": request.get_kind_display()}]}
        ],
        "code": (
            {"coding": [{"system": SNOMED, "code": "3457005", "display": "Patient referral"}], "text": "Referral"}
            if request.kind == Kind.REFERRAL
            else {"text": "Advice and guidance"}
        ),
        "priority": FHIR_PRIORITY[request.priority],
        "subject": _patient(request.patient.nhs_number),
        "authoredOn": _when(request.sent_at),
        "requester": _org(request.requester_org),
        "performer": [
            _org(request.trust),
            {"reference": f"HealthcareService/{request.service_id}", "display": request.service.name},
        ],
        "note": [{"text": request.clinical_information}],
    }
    if request.priority == "two_week_wait":
        data["extension"] = [
            {
                "url": CODE_BASE.replace("CodeSystem/", "StructureDefinition/") + "ers-priority",
                "valueCode": "TWO_WEEK_WAIT",
            }
        ]
    if request.converted_from_id:
        data["basedOn"] = [{"reference": f"ServiceRequest/{request_id(request.converted_from_id)}"}]
    if request.appointment_on and request.state == State.BOOKED:
        data["occurrenceDateTime"] = request.appointment_on.isoformat()
    return data


def diagnostic_service_request(request: DiagnosticRequest) -> dict[str, Any]:
    data = diagnostics_fhir.service_request(request)
    data["meta"] = _meta("UKCore-ServiceRequest", request.version, getattr(request, "last_changed", None))
    data["subject"] = _patient(request.patient_nhs_number)
    data["requester"] = _org(request.practice)
    data["performer"] = [_org(request.trust), {"reference": f"HealthcareService/{request.service_id}"}]
    data["category"] = [{"coding": [{"system": SNOMED, "code": "103693007", "display": "Diagnostic procedure"}]}]
    return data


def _task(
    *,
    resource_id: str,
    status: str,
    state_system: str,
    state: str,
    state_display: str,
    owner: Any,
    requester: Any,
    nhs_number: str,
    authored: datetime.datetime,
    changed: datetime.datetime | None,
    version: int,
    due: datetime.date | None,
    priority: str,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "resourceType": "Task",
        "id": resource_id,
        "meta": _meta("UKCore-Task", version, changed),
        "status": status,
        "businessStatus": {
            "coding": [{"system": state_system, "code": state, "display": state_display}],
            "text": state_display,
        },
        "intent": "order",
        "priority": priority,
        "code": {"coding": [{"system": TASK_CODE_SYSTEM, "code": "fulfill"}]},
        "focus": {"reference": f"ServiceRequest/{resource_id}"},
        "for": _patient(nhs_number),
        "authoredOn": _when(authored),
        "requester": _org(requester),
        "owner": _org(owner),
    }
    if changed is not None:
        data["lastModified"] = _when(changed)
    if due is not None:
        data["restriction"] = {"period": {"end": due.isoformat()}}
    return data


def request_task(request: ClinicalRequest) -> dict[str, Any]:
    status, whose = REQUEST_TASK[State(request.state)]
    return _task(
        resource_id=request_id(request.id),
        status=status,
        state_system=REQUEST_STATE_SYSTEM,
        state=request.state,
        state_display=request.get_state_display(),
        owner=request.trust if whose == PROVIDER else request.requester_org,
        requester=request.requester_org,
        nhs_number=request.patient.nhs_number,
        authored=request.sent_at,
        changed=getattr(request, "last_changed", None),
        version=request.version,
        due=request.due_date if request.state in CLOCK_RUNNING else None,
        priority=FHIR_PRIORITY[request.priority],
    )


def diagnostic_task(request: DiagnosticRequest) -> dict[str, Any]:
    status, whose = DIAGNOSTIC_TASK[DxState(request.state)]
    return _task(
        resource_id=request.reference,
        status=status,
        state_system=DIAGNOSTIC_STATE_SYSTEM,
        state=request.state,
        state_display=request.get_state_display(),
        owner=request.trust if whose == PROVIDER else request.practice,
        requester=request.practice,
        nhs_number=request.patient_nhs_number,
        authored=request.requested_at,
        changed=getattr(request, "last_changed", None),
        version=request.version,
        due=request.report_due if request.state in DX_CLOCK_RUNNING else None,
        priority=request.priority,
    )


def message_party(event: RequestEvent) -> str:
    """Who said it: the "sent" row is the GP's; any other step's party comes from the table."""
    if event.action == "sent":
        return REQUESTER
    step = TRANSITIONS.get((Kind.ADVICE, event.from_state, event.action))
    return PROVIDER if step is not None and step.party == Party.PROVIDER else REQUESTER


def communication(event: RequestEvent) -> dict[str, Any]:
    request = event.request
    gp_said = message_party(event) == REQUESTER
    sender, recipient = (request.requester_org, request.trust) if gp_said else (request.trust, request.requester_org)
    code, display = MESSAGE_KIND.get(event.action, ("message", "Message"))
    text = request.clinical_information if event.action == "sent" else event.note
    data = {
        "resourceType": "Communication",
        "id": message_id(event.id),
        "meta": _meta("UKCore-Communication", None, event.at),
        "basedOn": [{"reference": f"ServiceRequest/{request_id(request.id)}"}],
        "status": "completed",
        "category": [{"coding": [{"system": MESSAGE_SYSTEM, "code": code, "display": display}]}],
        "subject": _patient(request.patient.nhs_number),
        "sent": _when(event.at),
        "sender": _org(sender),
        "recipient": [_org(recipient)],
        "payload": [{"contentString": text or display}],
    }
    if event.person_name:
        data["note"] = [{"text": f"Written by {event.person_name}, {event.organisation_name}"}]
    return data


# ---- scoped rows ------------------------------------------------------------------------------------


def _requests(actor: Actor) -> QuerySet[ClinicalRequest]:
    return referrals.visible_requests(actor)


def _diagnostics(actor: Actor) -> QuerySet[DiagnosticRequest]:
    try:
        return diagnostics.visible_requests(actor)
    except PermissionDenied:
        return DiagnosticRequest.objects.none()


def _stamp_requests(rows: list[Any]) -> None:
    changed = referrals.last_changed_of([r.id for r in rows])
    identifiers = identifiers_of([r.id for r in rows])
    for row in rows:
        row.last_changed = changed.get(row.id, row.sent_at)
        row.client_identifiers = identifiers.get(request_id(row.id), [])


def _stamp_diagnostics(rows: list[Any]) -> None:
    changed = diagnostics.last_changed_of([r.id for r in rows])
    for row in rows:
        row.last_changed = changed.get(row.id, row.requested_at)


def clinical_request_for(actor: Actor, resource_id: str) -> ClinicalRequest:
    pk = pk_from_request_id(resource_id)
    if pk is None:
        raise Http404
    found = _requests(actor).filter(id=pk).first()
    if found is None:
        raise Http404
    _stamp_requests([found])
    return found


def diagnostic_request_for(actor: Actor, resource_id: str) -> DiagnosticRequest:
    pk = id_from_reference(resource_id)
    if pk is None or pk >= 10**12:
        raise Http404
    found = _diagnostics(actor).filter(id=pk).first()
    if found is None:
        raise Http404
    _stamp_diagnostics([found])
    return found


@dataclass(frozen=True)
class Read:
    resource: dict[str, Any]
    version: int | None


def read(actor: Actor, resource_type: str, resource_id: str) -> Read:
    """One resource the actor may see, or Http404."""
    if resource_type == "Communication":
        pk = whole_number(resource_id[2:], 12) if resource_id.upper().startswith("AG") else None
        if pk is None:
            raise Http404
        event = referrals.conversation_messages(actor).filter(id=pk).first()
        if event is None:
            raise Http404
        return Read(validated(communication(event)), None)
    if resource_type == "Task" and resource_id.startswith(fhir_documents.ACTION_PREFIX):
        action = records.gp_action(actor, resource_id)
        return Read(fhir_documents.gp_action_task(action), int(fhir_documents.gp_action_version(action)))
    if resource_id.upper().startswith("DX"):
        dx = diagnostic_request_for(actor, resource_id)
        shaped = diagnostic_service_request(dx) if resource_type == "ServiceRequest" else diagnostic_task(dx)
        return Read(validated(shaped), dx.version)
    found = clinical_request_for(actor, resource_id)
    if resource_type == "ServiceRequest":
        return Read(validated(service_request(found)), found.version)
    return Read(validated(request_task(found)), found.version)


def identifiers_of(request_pks: list[int]) -> dict[str, list[dict[str, str]]]:
    """The identifiers client systems gave these requests, by resource id (one query)."""
    ids = [request_id(pk) for pk in request_pks]
    found: dict[str, list[dict[str, str]]] = {}
    rows = ClientIdentifier.objects.filter(resource_type="ServiceRequest", resource_id__in=ids).order_by("id")
    for row in rows:
        found.setdefault(row.resource_id, []).append({"system": row.system, "value": row.value})
    return found


# ---- search parameters ------------------------------------------------------------------------------


REFERRAL_STATES = {State.AWAITING_TRIAGE, State.ACCEPTED, State.BOOKED, State.RETURNED, State.REJECTED, State.CANCELLED}


def in_states(states: list[str], kinds: bool = True) -> dict[str, Any]:
    """Lookups for referrals or A&G requests in these states, naming their kinds too: the worklist index is
    (trust, kind, state, due date), so without the kind PostgreSQL reads every row of the trust."""
    if not kinds:
        return {"state__in": states}
    wanted = sorted({Kind.REFERRAL if s in REFERRAL_STATES else Kind.ADVICE for s in states})
    return {"kind__in": wanted, "state__in": states}


class _Orgs:
    """ODS codes to organisation ids within the client's ICB, once per search: the worklist indexes
    start with the organisation's id, so filtering on it (not on a joined ODS code) keeps searches on them."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        own = actor.organisation
        self.known: dict[str, tuple[int, str]] = {own.ods_code: (own.id, own.kind)}

    def _found(self, values: list[str]) -> list[tuple[int, str]]:
        codes = set(search.ods_codes(values))
        missing = codes - set(self.known)
        if missing:
            found = directory.organisations_by_ods(self.actor.icb_id, missing)
            self.known.update({code: (org.id, org.kind) for code, org in found.items()})
        return [self.known[code] for code in codes if code in self.known]

    def ids(self, values: list[str]) -> list[int]:
        return [pk for pk, _ in self._found(values)]

    def owner_q(self, values: list[str], table: dict[str, tuple[str, str]], requester: str, kinds: bool) -> Q:
        """Rows whose Task the organisations own: a trust owns those at the provider's move, a practice
        those at the requester's; each side only where one of the organisations is of that kind."""
        found = self._found(values)
        trusts = [pk for pk, kind in found if kind == OrganisationKind.NHS_TRUST]
        practices = [pk for pk, kind in found if kind == OrganisationKind.GP_PRACTICE]
        query = Q(pk__in=[])
        if trusts:
            query |= Q(trust_id__in=trusts, **in_states(_whose(table, PROVIDER), kinds))
        if practices:
            query |= Q(**{f"{requester}_id__in": practices}, **in_states(_whose(table, REQUESTER), kinds))
        return query


def _states_with_status(table: dict[str, tuple[str, str]], statuses: list[str]) -> list[str]:
    return [state for state, (status, _) in table.items() if status in statuses]


def _whose(table: dict[str, tuple[str, str]], party: str) -> list[str]:
    return [state for state, (_, whose) in table.items() if whose == party]


def _last_updated(selector: Callable[[QuerySet[Any]], QuerySet[Any]]) -> search.Narrow:
    def narrow(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
        return selector(rows).filter(**search.date_filter("last_changed", values))

    return narrow


def _request_params(orgs: _Orgs, *, task: bool) -> dict[str, search.Narrow]:
    sr_statuses = sorted(set(SERVICE_REQUEST_STATUS.values()))
    params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=search.ids(v, pk_from_request_id)),
        "patient": lambda rows, v: rows.filter(patient__nhs_number__in=search.nhs_numbers(v)),
        "requester": lambda rows, v: rows.filter(requester_org_id__in=orgs.ids(v)),
        "_lastUpdated": _last_updated(referrals.with_last_changed),
    }
    params["subject"] = params["patient"]
    if task:
        params["for"] = params["patient"]
        params["focus"] = params["_id"]
        params["owner"] = lambda rows, v: rows.filter(orgs.owner_q(v, REQUEST_TASK, "requester_org", kinds=True))
        params["status"] = lambda rows, v: rows.filter(
            **in_states(_states_with_status(REQUEST_TASK, search.tokens(v, TASK_STATUSES, "Task status")))
        )
        params["business-status"] = lambda rows, v: rows.filter(
            **in_states(search.tokens(v, BUSINESS_STATUSES, "business status"))
        )
        params["due"] = lambda rows, v: rows.filter(
            **in_states(list(CLOCK_RUNNING)), **search.date_filter("due_date", v, is_date=True)
        )
    else:
        params["performer"] = lambda rows, v: rows.filter(trust_id__in=orgs.ids(v))
        params["status"] = lambda rows, v: rows.filter(
            **in_states(
                [s for s, st in SERVICE_REQUEST_STATUS.items() if st in search.tokens(v, sr_statuses, "status")]
            )
        )
        params["category"] = lambda rows, v: rows.filter(
            kind__in=[
                Kind.REFERRAL if code == "TRIAGE_REQUEST" else Kind.ADVICE
                for code in search.tokens(v, ["TRIAGE_REQUEST", "ADVICE_AND_GUIDANCE_REQUEST", "103693007"], "category")
                if code != "103693007"
            ]
        )
        params["identifier"] = _identifier_param
    return params


def _identifier_param(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    query = Q(pk__in=[])
    for value in values:
        system, bar, code = value.partition("|")
        if not bar:
            system, code = "", value
        if system in ("", fhir_identifiers.UBRN):
            query |= Q(ubrn=code.replace(" ", ""))
        if system != fhir_identifiers.UBRN:
            known = ClientIdentifier.objects.filter(resource_type="ServiceRequest", value=code)
            if system:
                known = known.filter(system=system)
            pks = [pk for pk in (pk_from_request_id(r) for r in known.values_list("resource_id", flat=True)) if pk]
            query |= Q(id__in=pks)
    return rows.filter(query)


def _message_identifier_param(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    """Messages by the identifier the client system gave them when it sent them."""
    query = Q(pk__in=[])
    for value in values:
        system, bar, code = value.partition("|")
        known = ClientIdentifier.objects.filter(resource_type="Communication", value=code if bar else value)
        if bar and system:
            known = known.filter(system=system)
        ids = [r[2:] for r in known.values_list("resource_id", flat=True)]
        query |= Q(id__in=search.ids(ids, lambda i: whole_number(i, 12)))
    return rows.filter(query)


def _diagnostic_params(orgs: _Orgs, *, task: bool) -> dict[str, search.Narrow]:
    params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=search.ids(v, id_from_reference)),
        "patient": lambda rows, v: rows.filter(patient_nhs_number__in=search.nhs_numbers(v)),
        "requester": lambda rows, v: rows.filter(practice_id__in=orgs.ids(v)),
        "_lastUpdated": _last_updated(diagnostics.with_last_changed),
    }
    params["subject"] = params["patient"]
    if task:
        params["for"] = params["patient"]
        params["focus"] = params["_id"]
        params["owner"] = lambda rows, v: rows.filter(orgs.owner_q(v, DIAGNOSTIC_TASK, "practice", kinds=False))
        params["status"] = lambda rows, v: rows.filter(
            state__in=_states_with_status(DIAGNOSTIC_TASK, search.tokens(v, TASK_STATUSES, "Task status"))
        )
        params["business-status"] = lambda rows, v: rows.filter(
            state__in=search.tokens(v, BUSINESS_STATUSES, "business status")
        )
        params["due"] = lambda rows, v: rows.filter(
            state__in=DX_CLOCK_RUNNING, **search.date_filter("report_due", v, is_date=True)
        )
    else:
        statuses = sorted(set(diagnostics_fhir.SERVICE_REQUEST_STATUS.values()))
        params["performer"] = lambda rows, v: rows.filter(trust_id__in=orgs.ids(v))
        params["status"] = lambda rows, v: rows.filter(
            state__in=[
                s
                for s, st in diagnostics_fhir.SERVICE_REQUEST_STATUS.items()
                if st in search.tokens(v, statuses + ["on-hold"], "status")
            ]
        )
        params["category"] = lambda rows, v: rows.filter(
            id__in=[]
            if "103693007"
            not in search.tokens(v, ["TRIAGE_REQUEST", "ADVICE_AND_GUIDANCE_REQUEST", "103693007"], "category")
            else rows.values("id")
        )
    return params


def service_request_search(actor: Actor) -> search.Search:
    orgs = _Orgs(actor)
    request_params = _request_params(orgs, task=False)
    return search.Search(
        resource_type="ServiceRequest",
        names=frozenset(request_params),
        sources=[
            search.Source(
                rows=_requests(actor),
                params=request_params,
                shape=service_request,
                order=("-sent_at", "-id"),
                prepare=_stamp_requests,
            ),
            search.Source(
                rows=_diagnostics(actor),
                params=_diagnostic_params(orgs, task=False),
                shape=diagnostic_service_request,
                order=("-requested_at", "-id"),
                prepare=_stamp_diagnostics,
            ),
        ],
    )


def task_search(actor: Actor) -> search.Search:
    orgs = _Orgs(actor)
    request_params = _request_params(orgs, task=True)
    gp_actions = records.gp_action_source(actor, orgs.ids, TASK_STATUSES)
    return search.Search(
        resource_type="Task",
        names=frozenset(request_params) | frozenset(gp_actions.params),
        includes=frozenset({"Task:focus"}),
        sources=[
            search.Source(
                rows=_requests(actor),
                params=request_params,
                shape=request_task,
                order=("due_date", "id"),
                prepare=_stamp_requests,
                includes={"Task:focus": lambda rows: [service_request(r) for r in rows]},
            ),
            search.Source(
                rows=_diagnostics(actor),
                params=_diagnostic_params(orgs, task=True),
                shape=diagnostic_task,
                order=("report_due", "id"),
                prepare=_stamp_diagnostics,
                includes={"Task:focus": lambda rows: [diagnostic_service_request(r) for r in rows]},
            ),
            gp_actions,
        ],
    )


def _message_party_q(values: list[str], party: str) -> Q:
    """Messages whose sender (``party`` = "sender") or recipient is one of these organisations."""
    codes = search.ods_codes(values)
    gp_actions = ["sent", "answer", "refer", "close", "withdraw"]
    provider_actions = ["ask", "reply", "convert"]
    practice_side, trust_side = Q(request__requester_org__ods_code__in=codes), Q(request__trust__ods_code__in=codes)
    if party == "sender":
        return (practice_side & Q(action__in=gp_actions)) | (trust_side & Q(action__in=provider_actions))
    return (practice_side & Q(action__in=provider_actions)) | (trust_side & Q(action__in=gp_actions))


def communication_search(actor: Actor) -> search.Search:
    params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=search.ids(v, lambda x: whole_number(x[2:], 11))),
        "patient": lambda rows, v: rows.filter(request__patient__nhs_number__in=search.nhs_numbers(v)),
        "sender": lambda rows, v: rows.filter(_message_party_q(v, "sender")),
        "recipient": lambda rows, v: rows.filter(_message_party_q(v, "recipient")),
        "based-on": lambda rows, v: rows.filter(request_id__in=search.ids(v, pk_from_request_id)),
        "sent": lambda rows, v: rows.filter(**search.date_filter("at", v)),
        "_lastUpdated": lambda rows, v: rows.filter(**search.date_filter("at", v)),
        "identifier": _message_identifier_param,
    }
    params["subject"] = params["patient"]
    return search.Search(
        resource_type="Communication",
        names=frozenset(params),
        includes=frozenset({"Communication:based-on"}),
        sources=[
            search.Source(
                rows=referrals.conversation_messages(actor),
                params=params,
                shape=communication,
                order=("at", "id"),
                includes={"Communication:based-on": lambda rows: [service_request(e.request) for e in rows]},
            )
        ],
    )


SEARCHES: dict[str, Callable[[Actor], search.Search]] = {
    "ServiceRequest": service_request_search,
    "Task": task_search,
    "Communication": communication_search,
}


def _params(names: dict[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "type": kind} for name, kind in names.items()]


COMMON_PARAMS = {"_id": "token", "_lastUpdated": "date", "patient": "reference", "subject": "reference"}


def capability_resources() -> list[dict[str, Any]]:
    """What the CapabilityStatement says of the workflow resources: exactly what the code above serves."""
    return [
        {
            "type": "ServiceRequest",
            "profile": UKCORE + "UKCore-ServiceRequest",
            "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "create"}],
            "versioning": "versioned",
            "conditionalCreate": True,
            "searchParam": _params(
                {
                    **COMMON_PARAMS,
                    "requester": "reference",
                    "performer": "reference",
                    "status": "token",
                    "category": "token",
                    "identifier": "token",
                }
            ),
        },
        {
            "type": "Task",
            "profile": UKCORE + "UKCore-Task",
            "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "update"}],
            "versioning": "versioned-update",
            "conditionalUpdate": False,
            "searchInclude": ["Task:focus"],
            "searchParam": [
                *_params(
                    {
                        **COMMON_PARAMS,
                        "for": "reference",
                        "focus": "reference",
                        "owner": "reference",
                        "requester": "reference",
                        "status": "token",
                        "business-status": "token",
                        **records.GP_ACTION_ONLY_PARAMS,
                    }
                ),
                {
                    "name": "due",
                    "type": "date",
                    "documentation": "Task.restriction.period.end: the date the provider's clock runs out",
                },
            ],
        },
        {
            "type": "Communication",
            "profile": UKCORE + "UKCore-Communication",
            "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "create"}],
            "conditionalCreate": True,
            "searchInclude": ["Communication:based-on"],
            "searchParam": _params(
                {
                    **COMMON_PARAMS,
                    "sender": "reference",
                    "recipient": "reference",
                    "based-on": "reference",
                    "sent": "date",
                    "identifier": "token",
                }
            ),
        },
        {
            "type": "Subscription",
            "interaction": [{"code": "read"}, {"code": "create"}, {"code": "delete"}],
            "documentation": "R4 rest-hook; criteria search ServiceRequest, Task or Communication",
        },
    ]
