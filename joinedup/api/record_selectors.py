"""FHIR reads and searches over services, letters, attachments, results and GP actions.

Each starts from the owning domain's selector for the client's actor (so a client sees exactly what
its organisation's pages show) and narrows it by the FHIR search parameters; a resource outside the
client's view is a 404, as on the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from joinedup.coordination import selectors as coordination
from joinedup.diagnostics import selectors as diagnostics
from joinedup.diagnostics.models import State as DiagnosticState
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission
from joinedup.letters.intake import selectors as letters
from joinedup.letters.intake.documents import KIND_TYPES
from joinedup.patients.nhs_numbers import nhs_number_error
from joinedup.referrals import selectors as referrals

from . import fhir_documents as documents
from .fhir_services import URGENT_PREFIX
from .searchset import Search, SearchRefused, date_filter, nhs_number_of, ods_code_of, reference_id

HEALTHCARE_SERVICE_PARAMS = {"organization", "specialty", "name", "service-type", "_id"}
DOCUMENT_REFERENCE_PARAMS = {"patient", "subject", "type", "date", "author", "_id"}
DIAGNOSTIC_REPORT_PARAMS = {"patient", "subject", "issued", "performer", "_id"}
GP_ACTION_PARAMS = {"patient", "focus", "status", "code", "authored-on", "_id"}
KIND_FOR_SNOMED = {code: kind for kind, (code, _display) in KIND_TYPES.items()}


def _whole_id(value: str, prefix: str) -> int:
    """``letter-12`` → 12; anything else is no resource at all (404)."""
    rest = value[len(prefix) :] if value.startswith(prefix) else ""
    if not (rest.isascii() and rest.isdigit()) or len(rest) > 12:
        raise Http404("No such resource")
    return int(rest)


def _searched_id(value: str, prefix: str) -> int:
    """As ``_whole_id``, but for a search: an id that cannot exist matches nothing (an empty Bundle)."""
    try:
        return _whole_id(value, prefix)
    except Http404:
        return -1


def _nhs_number(search: Search) -> str:
    value = search.first("patient") or search.first("subject")
    if not value:
        return ""
    number = nhs_number_of(value)
    if nhs_number_error(number):
        raise SearchRefused("patient must be a valid NHS number")
    return number


# ---- HealthcareService ----------------------------------------------------------------------------


def referral_services(actor: Actor, search: Search) -> QuerySet[Any]:
    services = directory.services_in_icb(actor.icb_id).select_related("trust").order_by("trust__name", "name", "id")
    if search.first("organization"):
        services = services.filter(trust__ods_code=ods_code_of(search.first("organization")))
    if search.first("specialty"):
        services = services.filter(specialty=reference_id(search.first("specialty"), ""))
    if search.first("name"):
        services = services.filter(name__icontains=search.first("name"))
    if search.first("_id"):
        ids = [v for v in search.first("_id").split(",") if v.isascii() and v.isdigit() and len(v) <= 12]
        services = services.filter(id__in=[int(value) for value in ids[:100]])
    return services


def urgent_services(actor: Actor, search: Search) -> list[Any]:
    """The hub's urgent services, searched only by what applies to them (a specialty never matches)."""
    if not actor.can(Permission.VIEW_DIRECTORY) or search.first("specialty"):
        return []
    services = coordination.icb_services(actor)
    if search.first("organization"):
        services = services.filter(organisation__ods_code=ods_code_of(search.first("organization")))
    if search.first("service-type"):
        services = services.filter(kind=reference_id(search.first("service-type"), ""))
    if search.first("name"):
        services = services.filter(name__icontains=search.first("name"))
    return list(services[:200])


def referral_service(actor: Actor, service_id: str) -> Any:
    number = int(service_id) if service_id.isascii() and service_id.isdigit() and len(service_id) < 12 else 0
    found = directory.services_in_icb(actor.icb_id).select_related("trust").filter(id=number).first()
    if found is None:
        raise Http404("No such service")
    return found


def urgent_service(actor: Actor, service_id: str) -> Any:
    if not actor.can(Permission.VIEW_DIRECTORY):
        raise Http404("No such service")
    return coordination.service_for(actor, _whole_id(service_id, URGENT_PREFIX))


# ---- DocumentReference and Binary -----------------------------------------------------------------


def letter_documents(actor: Actor, search: Search) -> QuerySet[Any]:
    found = letters.letters_for_system(actor).order_by("-received_at", "-id")
    number = _nhs_number(search)
    if number:
        found = found.filter(patient__nhs_number=number)
    if search.first("type"):
        kind = KIND_FOR_SNOMED.get(reference_id(search.first("type"), ""))
        if kind is None:
            raise SearchRefused("type must be a letter's SNOMED CT code: " + ", ".join(sorted(KIND_FOR_SNOMED)))
        found = found.filter(kind=kind)
    if search.params.get("date"):
        found = found.filter(**date_filter(search.params["date"], "received_at"))
    if search.first("author"):
        found = found.filter(trust__ods_code=ods_code_of(search.first("author")))
    if search.first("_id"):
        found = found.filter(id=_searched_id(search.first("_id"), documents.LETTER_PREFIX))
    return found


def letter(actor: Actor, resource_id: str) -> Any:
    found = letters.letters_for_system(actor).filter(id=_whole_id(resource_id, documents.LETTER_PREFIX)).first()
    if found is None:
        raise Http404("No such letter")
    return found


def attachment(actor: Actor, resource_id: str) -> Any:
    found = referrals.visible_attachments(actor).filter(id=_whole_id(resource_id, documents.ATTACHMENT_PREFIX)).first()
    if found is None:
        raise Http404("No such attachment")
    return found


# ---- DiagnosticReport -----------------------------------------------------------------------------


def _reports(actor: Actor) -> QuerySet[Any]:
    if not (actor.can(Permission.VIEW_PRACTICE_REQUESTS) or actor.can(Permission.VIEW_PROVIDER_WORKLISTS)):
        raise Http404("No such report")
    return (
        diagnostics.visible_requests(actor)
        .filter(reported_at__isnull=False, state__in=(DiagnosticState.REPORTED, DiagnosticState.FILED))
        .order_by("-reported_at", "-id")
    )


def diagnostic_reports(actor: Actor, search: Search) -> QuerySet[Any]:
    found = _reports(actor)
    number = _nhs_number(search)
    if number:
        found = found.filter(patient_nhs_number=number)
    if search.params.get("issued"):
        found = found.filter(**date_filter(search.params["issued"], "reported_at"))
    if search.first("performer"):
        found = found.filter(trust__ods_code=ods_code_of(search.first("performer")))
    if search.first("_id"):
        found = found.filter(id=_searched_id(search.first("_id").removesuffix("-report"), "DX"))
    return found


def _report_pk(resource_id: str) -> int:
    """``DX0000123-report`` → 123 (the request's own reference, see diagnostics.models)."""
    reference = resource_id.removesuffix("-report")
    digits = reference[2:] if reference.startswith("DX") else ""
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12 or not resource_id.endswith("-report"):
        raise Http404("No such report")
    return int(digits)


def diagnostic_report(actor: Actor, resource_id: str) -> Any:
    found = _reports(actor).filter(id=_report_pk(resource_id)).first()
    if found is None:
        raise Http404("No such report")
    return found


# ---- Task: the GP actions in letters --------------------------------------------------------------

TASK_STATUSES = set(documents.TASK_STATUS_FOR_FEEDBACK.values()) | {"requested"}


def gp_actions(actor: Actor, search: Search) -> QuerySet[Any]:
    found = letters.letter_actions_for_system(actor).order_by("-letter__received_at", "letter_id", "start", "id")
    number = _nhs_number(search)
    if number:
        found = found.filter(letter__patient__nhs_number=number)
    if search.first("focus"):
        found = found.filter(
            letter_id=_searched_id(reference_id(search.first("focus"), "DocumentReference"), documents.LETTER_PREFIX)
        )
    if search.first("code"):
        found = found.filter(category=reference_id(search.first("code"), ""))
    if search.first("status"):
        found = _with_status(found, search.first("status"))
    if search.params.get("authored-on"):
        found = found.filter(**date_filter(search.params["authored-on"], "letter__received_at"))
    if search.first("_id"):
        found = found.filter(id=_searched_id(search.first("_id"), documents.ACTION_PREFIX))
    return found


def _with_status(found: QuerySet[Any], status: str) -> QuerySet[Any]:
    if status not in TASK_STATUSES:
        raise SearchRefused(f"status must be one of {', '.join(sorted(TASK_STATUSES))}")
    outcomes = [outcome for outcome, task in documents.TASK_STATUS_FOR_FEEDBACK.items() if task == status]
    if status == "requested":
        return found.filter(feedback__isnull=True) | found.filter(feedback__outcome__in=outcomes)
    return found.filter(feedback__outcome__in=outcomes)


def gp_action(actor: Actor, resource_id: str) -> Any:
    found = letters.letter_actions_for_system(actor).filter(id=_whole_id(resource_id, documents.ACTION_PREFIX)).first()
    if found is None:
        raise Http404("No such task")
    return found
