"""Who may do what: the acting person, the role they act in, and what that role allows.

Every selector and service takes an ``Actor``. Pages check ``require`` before
they do anything; selectors then scope every query to the actor's organisation,
so a hidden link is never the only guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied

from .models import OrganisationKind, Person, Role, RoleAssignment


class Permission(StrEnum):
    VIEW_DIRECTORY = "view_directory"
    SEARCH_PATIENTS_BY_NAME = "search_patients_by_name"
    FIND_PATIENT_BY_NHS_NUMBER = "find_patient_by_nhs_number"
    REGISTER_PATIENT = "register_patient"
    EDIT_SERVICES = "edit_services"
    # the phone, hours and email patients see for the actor's own practice or hub (decision 0023)
    EDIT_OWN_CONTACT_POINT = "edit_own_contact_point"
    VIEW_ICB_OVERVIEW = "view_icb_overview"
    MANAGE_ORGANISATIONS = "manage_organisations"
    SET_INTERFACE_LEAD = "set_interface_lead"
    VIEW_AUDIT = "view_audit"
    RAISE_CONCERN = "raise_concern"
    VIEW_CONCERNS = "view_concerns"
    RESPOND_TO_CONCERNS = "respond_to_concerns"
    REVIEW_CONCERNS = "review_concerns"
    DECIDE_CONCERNS = "decide_concerns"
    MANAGE_IMPROVEMENT_PROJECTS = "manage_improvement_projects"
    # Referrals, advice and guidance, direct-access diagnostics (issue 3).
    SEND_REQUESTS = "send_requests"  # a practice sends referrals, A&G and diagnostic requests
    VIEW_PRACTICE_REQUESTS = "view_practice_requests"  # a practice's own worklists
    VIEW_PROVIDER_WORKLISTS = "view_provider_worklists"  # a trust's worklists
    TRIAGE_REFERRALS = "triage_referrals"  # accept, return with advice, reject
    ANSWER_ADVICE = "answer_advice"  # reply to A&G, ask for more, convert
    BOOK_DIAGNOSTICS = "book_diagnostics"  # book and record a test as done
    BOOK_APPOINTMENTS = "book_appointments"  # book an accepted referral's first appointment (e-RS booking)
    REPORT_DIAGNOSTICS = "report_diagnostics"  # write the report that goes back to the practice
    FILE_RESULTS = "file_results"  # a GP files a report with what the practice will do about it
    # Hospital letters (issue 5).
    VIEW_LETTERS = "view_letters"  # a practice's letter inbox and its feedback on actions
    UPLOAD_LETTERS = "upload_letters"  # a trust (or an administrator) uploads a letter
    MANAGE_QUARANTINE = "manage_quarantine"  # see and retry messages that could not be taken in
    VIEW_LETTER_TIMELINESS = "view_letter_timeliness"  # share of letters on time, per month
    # Integrated care coordination (issue 14).
    ESCALATE_URGENT = "escalate_urgent"  # a GP or neighbourhood team escalates a patient to the hub
    COORDINATE_ESCALATIONS = "coordinate_escalations"  # the hub's queue: accept, hand over, decline
    RESPOND_TO_ESCALATIONS = "respond_to_escalations"  # an urgent service records outcomes and its capacity
    MANAGE_URGENT_DIRECTORY = "manage_urgent_directory"  # import and export the urgent services directory
    # The FHIR API (issue 16).
    MANAGE_CLIENT_SYSTEMS = "manage_client_systems"  # register GP and trust systems, switch them off


P = Permission
PRACTICE_ROLES = {Role.GP_CLINICIAN, Role.PRACTICE_ADMIN}
TRUST_ROLES = {Role.CONSULTANT, Role.TRIAGE_ADMIN, Role.TRUST_INTERFACE_LEAD}

# One table: role -> what it may do. Patient data follows the patient's care:
# a practice sees its registered patients; a trust or a hub finds a patient by
# exact NHS number within its ICB (as it would through the national spine), never
# by browsing names; an ICB analyst sees aggregates, not patients.
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.GP_CLINICIAN: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.SEARCH_PATIENTS_BY_NAME,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.RAISE_CONCERN,
            P.VIEW_CONCERNS,
            P.SEND_REQUESTS,
            P.VIEW_PRACTICE_REQUESTS,
            P.VIEW_LETTERS,
            P.ESCALATE_URGENT,
            P.FILE_RESULTS,  # what a result means for the patient is a clinical decision
        }
    ),
    Role.PRACTICE_ADMIN: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.SEARCH_PATIENTS_BY_NAME,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.REGISTER_PATIENT,
            P.RAISE_CONCERN,
            P.VIEW_CONCERNS,
            P.SEND_REQUESTS,
            P.VIEW_PRACTICE_REQUESTS,
            P.VIEW_LETTERS,
            P.EDIT_OWN_CONTACT_POINT,
        }
    ),
    # Clinical decisions (triage outcomes, advice, reports) are the consultant's; the triage
    # administrator runs the worklists and books diagnostic tests.
    Role.CONSULTANT: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.RAISE_CONCERN,
            P.VIEW_CONCERNS,
            P.VIEW_PROVIDER_WORKLISTS,
            P.TRIAGE_REFERRALS,
            P.ANSWER_ADVICE,
            P.BOOK_DIAGNOSTICS,
            P.BOOK_APPOINTMENTS,
            P.REPORT_DIAGNOSTICS,
            P.UPLOAD_LETTERS,
            P.RESPOND_TO_ESCALATIONS,
        }
    ),
    Role.TRIAGE_ADMIN: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.EDIT_SERVICES,
            P.RAISE_CONCERN,
            P.VIEW_CONCERNS,
            P.VIEW_PROVIDER_WORKLISTS,
            P.BOOK_DIAGNOSTICS,
            P.BOOK_APPOINTMENTS,
            P.UPLOAD_LETTERS,
            P.RESPOND_TO_ESCALATIONS,
        }
    ),
    Role.TRUST_INTERFACE_LEAD: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.EDIT_SERVICES,
            P.RAISE_CONCERN,
            P.VIEW_CONCERNS,
            P.RESPOND_TO_CONCERNS,
            P.VIEW_PROVIDER_WORKLISTS,
            P.UPLOAD_LETTERS,
            P.VIEW_LETTER_TIMELINESS,
        }
    ),
    # The ICB answers concerns routed to it (a trust with no designated lead, or a practice),
    # decides escalations and keeps the improvement register.
    Role.ICB_ANALYST: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.VIEW_ICB_OVERVIEW,
            P.SET_INTERFACE_LEAD,
            P.VIEW_CONCERNS,
            P.RESPOND_TO_CONCERNS,
            P.REVIEW_CONCERNS,
            P.DECIDE_CONCERNS,
            P.MANAGE_IMPROVEMENT_PROJECTS,
            P.VIEW_LETTER_TIMELINESS,
        }
    ),
    Role.HUB_COORDINATOR: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.COORDINATE_ESCALATIONS,
            P.MANAGE_URGENT_DIRECTORY,
            P.EDIT_OWN_CONTACT_POINT,
        }
    ),
    # Community staff who escalate patients they visit and, as an urgent service's team (UCR, falls,
    # virtual ward), record what happened and keep their service's capacity today up to date.
    Role.NEIGHBOURHOOD_TEAM: frozenset(
        {P.VIEW_DIRECTORY, P.FIND_PATIENT_BY_NHS_NUMBER, P.ESCALATE_URGENT, P.RESPOND_TO_ESCALATIONS}
    ),
    Role.SYSTEM_ADMIN: frozenset(
        {
            P.VIEW_DIRECTORY,
            P.SEARCH_PATIENTS_BY_NAME,
            P.FIND_PATIENT_BY_NHS_NUMBER,
            P.REGISTER_PATIENT,
            P.VIEW_ICB_OVERVIEW,
            P.MANAGE_ORGANISATIONS,
            P.EDIT_SERVICES,
            P.SET_INTERFACE_LEAD,
            P.VIEW_AUDIT,
            P.VIEW_CONCERNS,
            P.REVIEW_CONCERNS,
            P.MANAGE_IMPROVEMENT_PROJECTS,
            P.UPLOAD_LETTERS,
            P.MANAGE_QUARANTINE,
            P.VIEW_LETTER_TIMELINESS,
            P.MANAGE_CLIENT_SYSTEMS,
            P.MANAGE_URGENT_DIRECTORY,
        }
    ),
}


@dataclass(frozen=True)
class Actor:
    """A signed-in person acting in one of their roles at one organisation."""

    person: Person
    assignment: RoleAssignment

    @property
    def role(self) -> str:
        return self.assignment.role

    @property
    def role_label(self) -> str:
        return self.assignment.get_role_display()

    @property
    def organisation(self):  # -> Organisation (kept untyped to avoid a cycle for mypy's plugin)
        return self.assignment.organisation

    @property
    def is_system_admin(self) -> bool:
        return self.role == Role.SYSTEM_ADMIN

    @property
    def in_practice(self) -> bool:
        return self.organisation.kind == OrganisationKind.GP_PRACTICE

    @property
    def in_community_provider(self) -> bool:
        return self.organisation.kind == OrganisationKind.COMMUNITY_PROVIDER

    @property
    def in_trust(self) -> bool:
        return self.organisation.kind == OrganisationKind.NHS_TRUST

    @property
    def icb_id(self) -> int | None:
        """The ICB whose data this actor works within (their own, if they are at an ICB)."""
        org = self.organisation
        return org.id if org.kind == OrganisationKind.ICB else org.icb_id

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())


def require(actor: Actor | None, permission: Permission) -> Actor:
    """The actor, if they may do this; else PermissionDenied (a 403 page)."""
    if actor is None or not actor.can(permission):
        raise PermissionDenied("Your role does not allow this")
    return actor
