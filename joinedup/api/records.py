"""Reads and searches over services, letters, attachments, results and the GP actions in letters.

Each search is a ``search.Search`` (decision 0024's machinery): its sources start from the owning
domain's selector for the client's actor, so a client sees exactly what its organisation's pages
show, and each parameter narrows a source (a source without a parameter matches none of its rows).
A read outside the client's view is a 404, as on the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from joinedup.coordination import selectors as coordination
from joinedup.core.numbers import whole_number
from joinedup.diagnostics import selectors as diagnostics
from joinedup.diagnostics.models import DiagnosticRequest
from joinedup.diagnostics.models import State as DiagnosticState
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission
from joinedup.letters.intake import selectors as letters
from joinedup.letters.intake.documents import KIND_TYPES
from joinedup.letters.models import FeedbackOutcome
from joinedup.letters.reader.vocabulary import CATEGORIES
from joinedup.referrals import selectors as referrals

from . import fhir_documents as documents
from . import fhir_services, search
from .fhir_services import URGENT_PREFIX

KIND_FOR_SNOMED = {code: kind for kind, (code, _display) in KIND_TYPES.items()}
FEEDBACK_CODES = [*FeedbackOutcome.values, "waiting"]


def whole_id(value: str, prefix: str) -> int | None:
    """``letter-12`` (or ``DocumentReference/letter-12``) → 12; anything else is no id (None)."""
    text = value.rpartition("/")[2].strip()
    rest = text[len(prefix) :] if text.startswith(prefix) else ""
    return whole_number(rest, 12)


def _ids(values: list[str], prefix: str) -> list[int]:
    return search.ids(values, lambda text: whole_id(text, prefix))


def _read(rows: QuerySet[Any], pk: int | None) -> Any:
    found = rows.filter(id=pk).first() if pk is not None else None
    if found is None:
        raise Http404("No such resource")
    return found


# ---- HealthcareService ----------------------------------------------------------------------------


def _referral_services(actor: Actor) -> QuerySet[Any]:
    return directory.services_in_icb(actor.icb_id).select_related("trust")


def _urgent_services(actor: Actor) -> QuerySet[Any]:
    return (
        coordination.icb_services(actor) if actor.can(Permission.VIEW_DIRECTORY) else _referral_services(actor).none()
    )


def healthcare_service_search(actor: Actor) -> search.Search:
    trust_params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=search.ids(v, lambda x: whole_number(x, 12))),
        "organization": lambda rows, v: rows.filter(trust__ods_code__in=search.ods_codes(v)),
        "specialty": lambda rows, v: rows.filter(specialty__in=[x.rpartition("|")[2] for x in v]),
        "name": lambda rows, v: rows.filter(name__icontains=v[0][:200]),
    }
    urgent_params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=_ids(v, URGENT_PREFIX)),
        "organization": lambda rows, v: rows.filter(organisation__ods_code__in=search.ods_codes(v)),
        "service-type": lambda rows, v: rows.filter(kind__in=[x.rpartition("|")[2] for x in v]),
        "name": lambda rows, v: rows.filter(name__icontains=v[0][:200]),
    }
    return search.Search(
        resource_type="HealthcareService",
        names=frozenset(trust_params) | frozenset(urgent_params),
        sources=[
            search.Source(
                rows=_referral_services(actor),
                params=trust_params,
                shape=fhir_services.referral_service,
                order=("trust__name", "name", "id"),
            ),
            search.Source(
                rows=_urgent_services(actor),
                params=urgent_params,
                shape=fhir_services.urgent_service,
                order=("kind", "name", "id"),
            ),
        ],
    )


def healthcare_service(actor: Actor, resource_id: str) -> dict[str, Any]:
    if resource_id.startswith(URGENT_PREFIX):
        return fhir_services.urgent_service(_read(_urgent_services(actor), whole_id(resource_id, URGENT_PREFIX)))
    pk = whole_number(resource_id, 12)
    return fhir_services.referral_service(_read(_referral_services(actor), pk))


# ---- DocumentReference and Binary -----------------------------------------------------------------


def _letter_kinds(values: list[str]) -> list[str]:
    codes = search.tokens(values, KIND_FOR_SNOMED, "letter type (SNOMED CT)")
    return [KIND_FOR_SNOMED[code] for code in codes]


def document_reference_search(actor: Actor, base: str) -> search.Search:
    letter_params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=_ids(v, documents.LETTER_PREFIX)),
        "patient": lambda rows, v: rows.filter(patient__nhs_number__in=search.nhs_numbers(v)),
        "type": lambda rows, v: rows.filter(kind__in=_letter_kinds(v)),
        "date": lambda rows, v: rows.filter(**search.date_filter("received_at", v)),
        "_lastUpdated": lambda rows, v: rows.filter(**search.date_filter("received_at", v)),
        "author": lambda rows, v: rows.filter(trust__ods_code__in=search.ods_codes(v)),
    }
    attachment_params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=_ids(v, documents.ATTACHMENT_PREFIX)),
        "patient": lambda rows, v: rows.filter(request__patient__nhs_number__in=search.nhs_numbers(v)),
        "date": lambda rows, v: rows.filter(**search.date_filter("uploaded_at", v)),
        "_lastUpdated": lambda rows, v: rows.filter(**search.date_filter("uploaded_at", v)),
    }
    letter_params["subject"] = letter_params["patient"]
    attachment_params["subject"] = attachment_params["patient"]
    return search.Search(
        resource_type="DocumentReference",
        names=frozenset(letter_params) | frozenset(attachment_params),
        sources=[
            search.Source(
                rows=letters.letters_for_system(actor),
                params=letter_params,
                shape=lambda letter: documents.letter_document(letter, base),
                order=("-received_at", "-id"),
            ),
            search.Source(
                rows=referrals.visible_attachments(actor),
                params=attachment_params,
                shape=lambda attachment: documents.attachment_document(attachment, base),
                order=("-uploaded_at", "-id"),
            ),
        ],
    )


def letter(actor: Actor, resource_id: str) -> Any:
    return _read(letters.letters_for_system(actor), whole_id(resource_id, documents.LETTER_PREFIX))


def attachment(actor: Actor, resource_id: str) -> Any:
    return _read(referrals.visible_attachments(actor), whole_id(resource_id, documents.ATTACHMENT_PREFIX))


# ---- DiagnosticReport -----------------------------------------------------------------------------


def _reports(actor: Actor) -> QuerySet[Any]:
    if not (actor.can(Permission.VIEW_PRACTICE_REQUESTS) or actor.can(Permission.VIEW_PROVIDER_WORKLISTS)):
        return DiagnosticRequest.objects.none()
    return diagnostics.visible_requests(actor).filter(
        reported_at__isnull=False, state__in=(DiagnosticState.REPORTED, DiagnosticState.FILED)
    )


def _report_ids(values: list[str]) -> list[int]:
    return _ids([v.removesuffix("-report") for v in values if v.endswith("-report")], "DX")


def diagnostic_report_search(actor: Actor) -> search.Search:
    params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=_report_ids(v)),
        "patient": lambda rows, v: rows.filter(patient_nhs_number__in=search.nhs_numbers(v)),
        "issued": lambda rows, v: rows.filter(**search.date_filter("reported_at", v)),
        "_lastUpdated": lambda rows, v: rows.filter(**search.date_filter("reported_at", v)),
        "performer": lambda rows, v: rows.filter(trust__ods_code__in=search.ods_codes(v)),
    }
    params["subject"] = params["patient"]
    return search.Search(
        resource_type="DiagnosticReport",
        names=frozenset(params),
        sources=[
            search.Source(
                rows=_reports(actor), params=params, shape=documents.diagnostic_report, order=("-reported_at", "-id")
            )
        ],
    )


def diagnostic_report(actor: Actor, resource_id: str) -> Any:
    ids = _report_ids([resource_id])
    return _read(_reports(actor), ids[0] if ids else None)


# ---- Task: the GP actions found in letters, beside the requests' Tasks ----------------------------


def _gp_actions(actor: Actor) -> QuerySet[Any]:
    return letters.letter_actions_for_system(actor).annotate(
        last_changed=Coalesce(F("feedback__given_at"), F("created_at"))
    )


def _with_answer(rows: QuerySet[Any], codes: list[str]) -> QuerySet[Any]:
    """GP actions whose answer is one of ``codes`` ("waiting": not answered yet)."""
    chosen = rows.filter(feedback__outcome__in=codes)
    return chosen | rows.filter(feedback__isnull=True) if "waiting" in codes else chosen


def _with_status(rows: QuerySet[Any], statuses: list[str]) -> QuerySet[Any]:
    """GP actions whose Task.status is one of ``statuses``: the answers that give it (or none, for requested)."""
    codes = [outcome for outcome, task in documents.TASK_STATUS_FOR_FEEDBACK.items() if task in statuses]
    return _with_answer(rows, codes + (["waiting"] if "requested" in statuses else []))


def gp_action_source(actor: Actor, organisation_ids: Any, task_statuses: list[str]) -> search.Source:
    """The GP actions as a source of the Task search (``organisation_ids`` resolves ODS codes to ids)."""
    params: dict[str, search.Narrow] = {
        "_id": lambda rows, v: rows.filter(id__in=_ids(v, documents.ACTION_PREFIX)),
        "patient": lambda rows, v: rows.filter(letter__patient__nhs_number__in=search.nhs_numbers(v)),
        "owner": lambda rows, v: rows.filter(letter__practice_id__in=organisation_ids(v)),
        "requester": lambda rows, v: rows.filter(letter__trust_id__in=organisation_ids(v)),
        "status": lambda rows, v: _with_status(rows, search.tokens(v, task_statuses, "Task status")),
        "business-status": lambda rows, v: _with_answer(rows, [x.rpartition("|")[2] for x in v]),
        "focus": lambda rows, v: rows.filter(letter_id__in=_ids(v, documents.LETTER_PREFIX)),
        "code": lambda rows, v: rows.filter(category__in=search.tokens(v, CATEGORIES, "GP action category")),
        "authored-on": lambda rows, v: rows.filter(**search.date_filter("letter__received_at", v)),
        "_lastUpdated": lambda rows, v: rows.filter(**search.date_filter("last_changed", v)),
    }
    params["subject"] = params["for"] = params["patient"]
    return search.Source(
        rows=_gp_actions(actor),
        params=params,
        shape=documents.gp_action_task,
        order=("-letter__received_at", "letter_id", "start", "id"),
    )


def gp_action(actor: Actor, resource_id: str) -> Any:
    return _read(_gp_actions(actor), whole_id(resource_id, documents.ACTION_PREFIX))


# Task parameters only the GP actions take (the requests' Tasks match none of their rows for these).
GP_ACTION_ONLY_PARAMS = {"code": "token", "authored-on": "date"}
