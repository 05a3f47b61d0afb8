"""Every change to a diagnostic request: sending it, the one table of allowed steps, clock, audit, email.

A request's life is ``TRANSITIONS``: (state, action) -> (new state, which side may take it, with
which permission, and what the step needs). Nothing else moves a request on. Each step locks the
row (``select_for_update``) and checks the version the person was looking at, so when two people
act at once one wins and the other is told; nothing is applied twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.core.clocks import appointment_date_problem
from joinedup.core.concurrency import StaleAction as StaleAction  # pages and tests catch services.StaleAction
from joinedup.core.concurrency import lock_at_version
from joinedup.core.notify import notify
from joinedup.core.numbers import whole_number
from joinedup.core.timeline import taken_by
from joinedup.core.workflow import Step, Workflow, organisation_parties
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Service
from joinedup.patients import selectors as patient_selectors
from joinedup.patients.models import Patient
from joinedup.patients.nhs_numbers import nhs_number_error

from .models import (
    DIAGNOSTIC_SPECIALTIES,
    TESTS,
    DiagnosticEvent,
    DiagnosticRequest,
    FiledAction,
    PregnancyStatus,
    Priority,
    RejectReason,
    State,
    TestType,
    service_offers,
)

TEXT_LIMIT = 5000
EGFR_RANGE = range(1, 201)


@dataclass(frozen=True)
class ClinicalDetails:
    """What an imaging department needs before it accepts a request (TestDefinition says which, per test).

    ``egfr`` is the text as typed: only ASCII digits count (issue 11: no look-alike digits).
    """

    body_site: str = ""
    pregnancy_status: str = ""
    egfr: str = ""
    justification: str = ""

    def cleaned(self) -> ClinicalDetails:
        return ClinicalDetails(
            self.body_site.strip(), self.pregnancy_status, self.egfr.strip(), self.justification.strip()
        )

    @property
    def egfr_value(self) -> int | None:
        text = self.egfr.strip()
        return whole_number(text, 3)


NO_DETAILS = ClinicalDetails()


def details_problems(test: str, details: ClinicalDetails) -> dict[str, str]:
    """The clinical details this test needs and lacks (radiology's acceptance criteria, IR(ME)R)."""
    definition = TESTS.get(test)
    errors: dict[str, str] = {}
    if definition is None:
        return errors
    details = details.cleaned()
    if definition.imaging and not details.body_site:
        errors["body_site"] = "Enter the part of the body to image"
    elif len(details.body_site) > 200:
        errors["body_site"] = "The part of the body must be 200 characters or fewer"
    if definition.ionising:
        if details.pregnancy_status not in PregnancyStatus.values:
            errors["pregnancy_status"] = "Select whether the patient could be pregnant"
        elif details.pregnancy_status == PregnancyStatus.UNSURE:
            errors["pregnancy_status"] = (
                "Find out whether the patient is pregnant before asking for an X-ray or CT (IR(ME)R)"
            )
        if not details.justification:
            errors["justification"] = "Enter why the exposure to radiation is justified (IR(ME)R)"
        elif len(details.justification) > TEXT_LIMIT:
            errors["justification"] = "The justification must be 5,000 characters or fewer"
    if definition.contrast_possible:
        value = details.egfr_value
        if not details.egfr:
            errors["egfr"] = "Enter the patient's most recent eGFR, in case contrast is needed"
        elif value is None or value not in EGFR_RANGE:
            errors["egfr"] = "Enter the eGFR as a whole number from 1 to 200"
    return errors


class Party(StrEnum):
    PRACTICE = "practice"  # the requesting practice
    PROVIDER = "provider"  # the trust whose service received it


class Needs(StrEnum):
    """What a step asks the person for."""

    APPOINTMENT = "appointment_on"
    REPORT = "report"
    REASON = "reason"
    ADVICE = "advice"
    NOTE = "note"  # optional, worded by the step (``note_label``)
    FILED_ACTION = "filed_action"


@dataclass(frozen=True, kw_only=True)
class Transition(Step):
    """A row of the request table (``core.workflow.Step``), and what the step asks for."""

    needs: tuple[Needs, ...] = ()
    note_label: str = ""
    note_hint: str = ""
    # A test can only be recorded as done once its appointment day has come.
    only_from_appointment_day: bool = False


_BOOK = Transition(
    State.BOOKED, Party.PROVIDER, "Book the test", Permission.BOOK_DIAGNOSTICS, needs=(Needs.APPOINTMENT,)
)
# Rule referral_return_reason: a request the trust will not do goes back with a coded reason AND
# clinical advice, so the GP has a plan for the patient. Advice is clinical, so it is the consultant's.
_REJECT = Transition(
    State.REJECTED,
    Party.PROVIDER,
    "Reject with advice",
    Permission.REPORT_DIAGNOSTICS,
    needs=(Needs.REASON, Needs.ADVICE),
)
_CANCEL = Transition(
    State.CANCELLED,
    Party.PRACTICE,
    "Cancel the request",
    Permission.SEND_REQUESTS,
    needs=(Needs.NOTE,),
    note_label="Why are you cancelling it? (optional)",
)

# The one table of a diagnostic request's life.
TRANSITIONS: dict[tuple[str, str], Transition] = {
    (State.REQUESTED, "book"): _BOOK,
    (State.BOOKED, "rebook"): Transition(
        State.BOOKED, Party.PROVIDER, "Change the appointment", Permission.BOOK_DIAGNOSTICS, needs=(Needs.APPOINTMENT,)
    ),
    (State.BOOKED, "done"): Transition(
        State.DONE,
        Party.PROVIDER,
        "Record the test as done",
        Permission.BOOK_DIAGNOSTICS,
        only_from_appointment_day=True,
    ),
    (State.DONE, "report"): Transition(
        State.REPORTED, Party.PROVIDER, "Send the report", Permission.REPORT_DIAGNOSTICS, needs=(Needs.REPORT,)
    ),
    (State.REQUESTED, "reject"): _REJECT,
    (State.BOOKED, "reject"): _REJECT,
    # The GP decides what the report means for the patient (issue 12): the result is filed with an action.
    (State.REPORTED, "file"): Transition(
        State.FILED,
        Party.PRACTICE,
        "File the report",
        Permission.FILE_RESULTS,
        needs=(Needs.FILED_ACTION, Needs.NOTE),
        note_label="Note for the record (optional)",
        note_hint="For example, what to tell the patient",
    ),
    (State.REQUESTED, "cancel"): _CANCEL,
    (State.BOOKED, "cancel"): _CANCEL,
}
ACTIONS = sorted({action for _, action in TRANSITIONS})
# Which timestamp each new state sets.
STAMPS: dict[str, str] = {
    State.BOOKED: "booked_at",
    State.DONE: "done_at",
    State.REPORTED: "reported_at",
    State.REJECTED: "rejected_at",
    State.CANCELLED: "cancelled_at",
    State.FILED: "filed_at",
}
LATE_REASON = "late_reason"  # the form field for why a test is booked past its report date
MISSING = {  # the appointment date is checked by core.clocks.appointment_date_problem
    Needs.REPORT: "Enter the report",
    Needs.REASON: "Select why the request is rejected",
    Needs.ADVICE: "Enter your clinical advice to the practice",
    Needs.FILED_ACTION: "Select what the practice will do about the result",
}


def _parties(actor: Actor, request: DiagnosticRequest) -> set[str]:
    return organisation_parties(actor, practice=request.practice_id, provider=request.trust_id)


def _appointment_day_reached(step: Transition, request: DiagnosticRequest) -> bool:
    """A test can be recorded as done only once its appointment day has come."""
    if not step.only_from_appointment_day:
        return True
    return request.appointment_on is not None and request.appointment_on <= timezone.localdate()


WORKFLOW: Workflow[DiagnosticRequest, Transition] = Workflow(
    TRANSITIONS, position=lambda request: request.state, parties=_parties, guard=_appointment_day_reached
)
# Exactly the steps this actor may take on this request now.
allowed_actions = WORKFLOW.allowed
# Any row of the table for an action (they share their button and what they need).
transition_for = WORKFLOW.any_step


def report_due(requested_on: datetime.date) -> datetime.date:
    """Done and reported within DIAGNOSTIC_REPORT_DAYS calendar days (rule direct_access_diagnostics)."""
    return requested_on + datetime.timedelta(days=settings.DIAGNOSTIC_REPORT_DAYS)


def diagnostic_services(icb_id: int | None) -> list[Service]:
    """The diagnostics services of the trusts in an ICB, each offering at least one test."""
    services = directory.services_in_icb(icb_id, specialties=list(DIAGNOSTIC_SPECIALTIES))
    return [s for s in services if any(service_offers(s, test) for test in TESTS)]


# Sending a request ------------------------------------------------------------------------------


def request_problems(
    *,
    actor: Actor,
    nhs_number: str,
    test: str,
    service: Service | None,
    priority: str,
    clinical_question: str,
    details: ClinicalDetails = NO_DETAILS,
) -> tuple[dict[str, str], Patient | None]:
    """What is wrong with a request as entered (field -> message), and the patient if found.

    Pages call this on a form that failed its own checks too, so every problem shows at once.
    """
    errors: dict[str, str] = {}
    patient = None
    message = nhs_number_error(nhs_number)
    if message:
        errors["nhs_number"] = message
    else:
        patient = patient_selectors.patient_at_my_practice(actor, nhs_number)
        if patient is None:
            errors["nhs_number"] = "No patient with this NHS number is registered at your practice"
    if test not in TestType.values:
        errors["test"] = "Select the test you are requesting"
    if service is None:
        errors["service"] = "Select the service to send the request to"
    elif service.trust.icb_id != actor.icb_id:
        errors["service"] = "Select a service in your ICB"
    elif test in TestType.values and not service_offers(service, test):
        errors["service"] = f"{service.name} does not do {TestType(test).label.lower()}: select a service that does"
    if priority not in Priority.values:
        errors["priority"] = "Select routine or urgent"
    question = clinical_question.strip()
    if not question:
        errors["clinical_question"] = "Enter the clinical question the test should answer"
    elif len(question) > TEXT_LIMIT:
        errors["clinical_question"] = "The clinical question must be 5,000 characters or fewer"
    errors.update(details_problems(test, details))
    return errors, patient


def request_send(
    *,
    actor: Actor,
    nhs_number: str,
    test: str,
    service: Service | None,
    priority: str,
    clinical_question: str,
    details: ClinicalDetails = NO_DETAILS,
) -> DiagnosticRequest:
    require(actor, Permission.SEND_REQUESTS)
    if not actor.in_practice:
        raise ValidationError("Only a GP practice sends direct-access diagnostic requests")
    errors, patient = request_problems(
        actor=actor,
        nhs_number=nhs_number,
        test=test,
        service=service,
        priority=priority,
        clinical_question=clinical_question,
        details=details,
    )
    if errors:
        raise ValidationError(errors)
    details = _kept_details(test, details.cleaned())
    assert patient is not None and service is not None
    question = clinical_question.strip()
    requested_at = timezone.now()
    with transaction.atomic():
        request = DiagnosticRequest.objects.create(
            requested_at=requested_at,
            requested_by=actor.person,
            practice=actor.organisation,
            patient=patient,
            patient_nhs_number=patient.nhs_number,
            trust=service.trust,
            service=service,
            test=test,
            priority=priority,
            clinical_question=question,
            report_due=report_due(timezone.localdate(requested_at)),
            body_site=details.body_site,
            pregnancy_status=details.pregnancy_status,
            egfr=details.egfr_value,
            justification=details.justification,
        )
        _event(actor, request, "requested", "", f"Sent to {service.name}, {service.trust.name}")
        audit.record(
            actor=actor,
            action="diagnostic_request.requested",
            obj=request,
            patient_nhs_number=patient.nhs_number,
            details={"trust": service.trust.ods_code, "service": service.id, "test": test, "priority": priority},
        )
        notify(
            directory.people_who_may(service.trust_id, Permission.BOOK_DIAGNOSTICS),
            f"new {request.get_priority_display().lower()} diagnostic request {request.reference}",
            f"{actor.organisation.name} has sent {request.reference} ({request.get_test_display()}) "
            f"to {service.name}. It is awaiting booking; report due by {request.report_due:%d %B %Y}.",
            link=reverse("diagnostics:detail", args=[request.id]),
        )
    return request


# Moving a request on ----------------------------------------------------------------------------


def _kept_details(test: str, details: ClinicalDetails) -> ClinicalDetails:
    """Only what this test asks for is stored (an eGFR typed for an ultrasound is not)."""
    definition = TESTS[test]
    return ClinicalDetails(
        body_site=details.body_site if definition.imaging else "",
        pregnancy_status=details.pregnancy_status if definition.ionising else "",
        egfr=details.egfr if definition.contrast_possible else "",
        justification=details.justification if definition.ionising else "",
    )


def request_act(
    *,
    actor: Actor,
    request_id: int,
    action: str,
    expected_version: int,
    appointment_on: datetime.date | None = None,
    report: str = "",
    reason: str = "",
    advice: str = "",
    note: str = "",
    late_reason: str = "",
    filed_action: str = "",
) -> DiagnosticRequest:
    """Takes one step of the table, or refuses: StaleAction if the request moved on, else ValidationError.

    Booking past the request's report date (rule direct_access_diagnostics: done and reported within
    4 weeks) needs ``late_reason``, which the timeline keeps beside the appointment.
    """
    report, advice, note, late_reason = report.strip(), advice.strip(), note.strip(), late_reason.strip()
    today = timezone.localdate()
    with transaction.atomic():
        request = lock_at_version(
            DiagnosticRequest.objects.select_related("practice", "trust", "service", "requested_by"),
            request_id,
            expected_version,
            "this request",
        )
        step = WORKFLOW.step(request, action)
        if step is None or not WORKFLOW.may(actor, request, step):
            raise ValidationError(f"You cannot do that to a request that is '{request.get_state_display()}'")
        _check_inputs(
            step,
            request,
            today,
            appointment_on=appointment_on,
            report=report,
            reason=reason,
            advice=advice,
            late_reason=late_reason,
            filed_action=filed_action,
            note=note,
        )
        from_state = request.state
        now = timezone.now()
        request.state = step.to
        setattr(request, STAMPS[step.to], now)
        changed = ["state", STAMPS[step.to], "version"]
        if Needs.APPOINTMENT in step.needs:
            request.appointment_on = appointment_on
            changed.append("appointment_on")
        if step.to == State.REPORTED:
            request.report_text, request.reported_by = report, actor.person
            changed += ["report_text", "reported_by"]
        if step.to == State.REJECTED:
            request.reject_reason, request.clinical_advice = reason, advice
            changed += ["reject_reason", "clinical_advice"]
        if step.to == State.FILED:
            request.filed_action, request.filed_by = filed_action, actor.person
            changed += ["filed_action", "filed_by"]
        request.version += 1
        request.save(update_fields=changed)
        _event(actor, request, action, from_state, _timeline_note(request, step, note, late_reason))
        audit.record(
            actor=actor,
            action=f"diagnostic_request.{action}",
            obj=request,
            patient_nhs_number=request.patient_nhs_number,
            details={
                "from": from_state,
                "to": request.state,
                **({"reason": reason} if reason else {}),
                **({"filed_action": filed_action} if filed_action else {}),
            },
        )
        _tell(request, action)
    return request


def _check_inputs(
    step: Transition,
    request: DiagnosticRequest,
    today: datetime.date,
    *,
    appointment_on: datetime.date | None,
    report: str,
    reason: str,
    advice: str,
    late_reason: str = "",
    filed_action: str = "",
    note: str = "",
) -> None:
    errors: dict[str, str] = {}
    given = {
        Needs.REPORT: report,
        Needs.REASON: reason,
        Needs.ADVICE: advice,
        Needs.FILED_ACTION: filed_action,
    }
    for need in step.needs:
        if need in MISSING and not given[need]:
            errors[need] = MISSING[need]
    if Needs.APPOINTMENT in step.needs and (problem := appointment_date_problem(appointment_on, today)):
        errors[Needs.APPOINTMENT] = problem
    if (
        Needs.APPOINTMENT in step.needs
        and appointment_on is not None
        and appointment_on > request.report_due
        and not late_reason
    ):
        errors[LATE_REASON] = (
            f"The appointment is after {request.report_due:%d %B %Y}, when the test should be done and reported "
            f"({settings.DIAGNOSTIC_REPORT_DAYS} days from the request): say why it cannot be sooner"
        )
    if len(late_reason) > TEXT_LIMIT:
        errors[LATE_REASON] = "This must be 5,000 characters or fewer"
    if Needs.REASON in step.needs and reason and reason not in RejectReason.values:
        errors[Needs.REASON] = "Select why the request is rejected"
    if Needs.FILED_ACTION in step.needs and filed_action and filed_action not in FiledAction.values:
        errors[Needs.FILED_ACTION] = MISSING[Needs.FILED_ACTION]
    for need, text in ((Needs.REPORT, report), (Needs.ADVICE, advice), (Needs.NOTE, note)):
        if len(text) > TEXT_LIMIT:
            errors[need] = "This must be 5,000 characters or fewer"
    if errors:
        raise ValidationError(errors)


def _timeline_note(request: DiagnosticRequest, step: Transition, note: str, late_reason: str = "") -> str:
    if Needs.APPOINTMENT in step.needs and request.appointment_on:
        booked = f"Appointment on {request.appointment_on:%d %B %Y}"
        if request.appointment_on > request.report_due:
            booked += f", after the date it should be reported by ({request.report_due:%d %B %Y}): {late_reason}"
        return booked
    if step.to == State.REPORTED:
        return request.report_text
    if step.to == State.REJECTED:
        return f"{request.get_reject_reason_display()}. Advice: {request.clinical_advice}"
    if step.to == State.FILED:
        return request.get_filed_action_display() + (f". {note}" if note else "")
    return note


def _tell(request: DiagnosticRequest, action: str) -> None:
    """One email per event, to whoever acts next; the reference number, never the patient's name."""
    link = reverse("diagnostics:detail", args=[request.id])
    what = f"{request.reference} ({request.get_test_display()})"
    if action in ("book", "rebook"):
        assert request.appointment_on is not None
        notify(
            [request.requested_by],
            f"diagnostic request {request.reference} booked",
            f"{what} is booked at {request.service.name} for {request.appointment_on:%d %B %Y}.",
            link,
        )
    elif action == "done":
        notify(
            directory.people_who_may(request.trust_id, Permission.REPORT_DIAGNOSTICS),
            f"diagnostic request {request.reference} awaiting report",
            f"{what} has been done and is awaiting its report (due by {request.report_due:%d %B %Y}).",
            link,
        )
    elif action == "report":
        notify(
            [request.requested_by],
            f"report for diagnostic request {request.reference}",
            f"The report for {what} from {request.trust.name} is ready to read.",
            link,
        )
    elif action == "reject":
        notify(
            [request.requested_by],
            f"diagnostic request {request.reference} rejected with advice",
            f"{request.trust.name} has rejected {what} with clinical advice. Please read it.",
            link,
        )
    elif action == "cancel":
        notify(
            directory.people_who_may(request.trust_id, Permission.BOOK_DIAGNOSTICS),
            f"diagnostic request {request.reference} cancelled",
            f"{request.practice.name} has cancelled {what}.",
            link,
        )


def request_viewed(*, actor: Actor, request: DiagnosticRequest) -> None:
    """The request page (patient's name and NHS number) was shown: audited, and an outcome is no longer new."""
    audit.record(
        actor=actor, action="diagnostic_request.viewed", obj=request, patient_nhs_number=request.patient_nhs_number
    )
    outcome_opened(actor=actor, request=request)


def outcome_opened(*, actor: Actor, request: DiagnosticRequest) -> bool:
    """Someone at the practice opened a report or rejection: it is no longer new. True the first time."""
    if Party.PRACTICE not in WORKFLOW.parties_of(actor, request) or not request.is_new_outcome:
        return False
    with transaction.atomic():
        # A conditional update: two people opening it at once mark and audit it once.
        marked = DiagnosticRequest.objects.filter(Q(id=request.id) & Q(outcome_opened_at__isnull=True)).update(
            outcome_opened_at=timezone.now()
        )
        if marked:
            audit.record(
                actor=actor,
                action="diagnostic_request.outcome_opened",
                obj=request,
                patient_nhs_number=request.patient_nhs_number,
            )
    return bool(marked)


def _event(actor: Actor, request: DiagnosticRequest, action: str, from_state: str, note: str) -> DiagnosticEvent:
    return DiagnosticEvent.objects.create(
        request=request,
        **taken_by(actor),
        action=action,
        from_state=from_state,
        to_state=request.state,
        note=note,
    )
