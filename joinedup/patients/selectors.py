"""Finding patients, only within what the asking actor may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from joinedup.directory.access import Actor, Permission, require

from .models import Patient
from .nhs_numbers import nhs_number_error, normalise_nhs_number

SEARCH_LIMIT = 50


def visible_patients(actor: Actor) -> QuerySet[Patient]:
    """Patients this actor may open. Practices: their registered list. Trusts and hubs: their ICB's
    patients, but only ever by exact NHS number (enforced in ``patient_search``). Others: none."""
    patients = Patient.objects.select_related("registered_practice")
    if actor.is_system_admin:
        return patients
    if actor.in_practice:
        return patients.filter(registered_practice=actor.organisation)
    if actor.can(Permission.FIND_PATIENT_BY_NHS_NUMBER) and actor.icb_id:
        return patients.filter(registered_practice__icb_id=actor.icb_id)
    return patients.none()


def search_kind(query: str) -> str:
    """How a search was made, as the audit records it: by NHS number or by name."""
    return "nhs_number" if any(ch.isdigit() for ch in query) else "name"


def patient_search(actor: Actor, query: str) -> tuple[QuerySet[Patient], str | None]:
    """Patients matching an NHS number or a name, and an error message for bad input."""
    query = query.strip()
    if not query:
        return Patient.objects.none(), None
    if search_kind(query) == "nhs_number":
        require(actor, Permission.FIND_PATIENT_BY_NHS_NUMBER)
        digits = normalise_nhs_number(query)
        error = nhs_number_error(digits)  # the digits alone: "NHS 999 402 1184" is still a search
        if error:
            return Patient.objects.none(), error
        return visible_patients(actor).filter(nhs_number=digits), None
    if not actor.can(Permission.SEARCH_PATIENTS_BY_NAME):
        return Patient.objects.none(), "Search by the patient's NHS number"
    terms = query.split()
    matches = visible_patients(actor)
    family = terms[-1]
    matches = matches.filter(Q(family_name__istartswith=family) | Q(given_name__istartswith=family))
    for term in terms[:-1]:
        matches = matches.filter(Q(given_name__istartswith=term) | Q(family_name__istartswith=term))
    return matches[:SEARCH_LIMIT], None  # type: ignore[return-value]


def patient_for(actor: Actor, nhs_number_value: str) -> Patient:
    require(actor, Permission.FIND_PATIENT_BY_NHS_NUMBER)
    try:
        return visible_patients(actor).get(nhs_number=normalise_nhs_number(nhs_number_value))
    except Patient.DoesNotExist as missing:
        # Not found and not yours look the same: a 404 does not confirm the patient exists.
        raise Http404("No patient with that NHS number that you can see") from missing


def registered_patients(actor: Actor) -> QuerySet[Patient]:
    """The actor's practice list (for a practice's home page)."""
    if not actor.in_practice:
        return Patient.objects.none()
    return visible_patients(actor).order_by("family_name", "given_name")


def patient_at_my_practice(actor: Actor, nhs_number_value: str) -> Patient | None:
    """The patient with this NHS number on the actor's own practice list, or None.

    What a GP may send a referral, a test request or an escalation about: not any patient they
    can see, only one registered with them.
    """
    if not actor.in_practice:
        return None
    return Patient.objects.filter(
        nhs_number=normalise_nhs_number(nhs_number_value), registered_practice=actor.organisation
    ).first()


def patient_with_nhs_number(nhs_number: str) -> Patient | None:
    """The patient with this (normalised) NHS number, with their practice, whoever's they are.

    For JoinedUp's own processes (letter intake matching a letter to its patient) and for checks the
    caller scopes itself; a person's search goes through ``patient_search`` instead.
    """
    return Patient.objects.select_related("registered_practice").filter(nhs_number=nhs_number).order_by().first()
