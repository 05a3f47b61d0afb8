"""The patient's items in plain English: what it is, where it stands, who has the next step, whom to ask.

Words aim at a reading age of about 9. Abbreviations staff use ("A&G", "2WW") appear only with
their meaning beside them, so a patient who hears them from staff can match them up.
"""

from __future__ import annotations

from collections.abc import Sequence

from joinedup.core import patient_items
from joinedup.diagnostics.models import DiagnosticRequest, RejectReason
from joinedup.diagnostics.models import State as TestState
from joinedup.directory.models import Organisation, Service
from joinedup.letters.models import Letter, LetterAction, LetterKind
from joinedup.patients.models import Patient
from joinedup.referrals.models import ClinicalRequest, Kind, Priority, ReturnReason, State

PRACTICE = patient_items.PRACTICE
HOSPITAL = patient_items.HOSPITAL
PATIENT = patient_items.PATIENT
OWNER_LABELS = patient_items.OWNER_LABELS
Item = patient_items.Item
Contact = patient_items.Contact

# Why a referral came back, in words a patient can use.
PLAIN_RETURN_REASONS = {
    ReturnReason.MANAGE_IN_PRIMARY_CARE: "The specialist thinks your GP practice can look after this, with their advice.",
    ReturnReason.INVESTIGATIONS_FIRST: "The specialist would like some tests done first, before they see you.",
    ReturnReason.ANOTHER_SERVICE: "The specialist thinks a different service would be better for you.",
    ReturnReason.INSUFFICIENT_INFORMATION: "The specialist needs more information from your GP practice.",
    ReturnReason.CRITERIA_NOT_MET: "This hospital service does not see people for this problem.",
    ReturnReason.DUPLICATE: "The hospital already has another referral for you for this.",
}


def service_contact(service: Service, trust: Organisation) -> Contact:
    """A hospital service's contact point; without one, the hospital's main number (say which service)."""
    name = f"{service.name}, {trust.name}"
    return patient_items.first_known(
        patient_items.contact_from(name, service),
        patient_items.contact_from(name, trust, note=f"This is the hospital's main number. Ask for {service.name}."),
    )


def practice_contact(practice: Organisation) -> Contact:
    return patient_items.contact_from(practice.name, practice)


def _weeks(weeks: int) -> str:
    return "1 week" if weeks == 1 else f"{weeks} weeks"


def request_item(request: ClinicalRequest, patient: Patient) -> Item:
    service = request.service
    wait = f" The current wait is about {_weeks(service.indicative_wait_weeks)}."
    priority_note = ""
    if request.priority == Priority.TWO_WEEK_WAIT:
        priority_note = (
            'This is an urgent referral to check for cancer (staff may call it a "2-week wait" or "2WW"). '
            "Most people referred this way do not have cancer."
        )
    elif request.priority == Priority.URGENT:
        priority_note = "Your GP marked this as urgent."
    advice_reason = advice_text = ""
    if request.kind == Kind.ADVICE:
        title = f"Your GP asked a hospital specialist for advice ({service.get_specialty_display()})"
        what = (
            "Your GP asked a specialist at the hospital for advice about you, without a hospital appointment. "
            'Staff call this "advice and guidance" or "A&G".'
        )
    else:
        title = f"Referral to {service.name}"
        what = f"Your GP practice asked the hospital to see you ({service.get_specialty_display()})."
    state = request.state
    owner = HOSPITAL
    if state == State.AWAITING_TRIAGE:
        status = "The hospital has your referral. A specialist will read it and decide what happens next." + wait
    elif state == State.ACCEPTED:
        status = "The hospital has accepted your referral. They will write to you with an appointment." + wait
    elif state == State.BOOKED:
        owner = PATIENT
        when = f"{request.appointment_on.day} {request.appointment_on:%B %Y}" if request.appointment_on else "a date"
        where = f" at {request.appointment_clinic}" if request.appointment_clinic else ""
        status = f"You have an appointment on {when}{where}. Please go to it, or tell the hospital if you cannot."
    elif state in (State.RETURNED, State.REJECTED):
        owner = PRACTICE
        sent_back = "sent your referral back" if state == State.RETURNED else "could not accept your referral"
        status = (
            f"The hospital specialist {sent_back} to your GP practice, with advice. "
            "Your GP practice will look at the advice and contact you about what happens next."
        )
        advice_reason = PLAIN_RETURN_REASONS.get(request.outcome_reason, "")  # type: ignore[call-overload]
        advice_text = request.outcome_advice
    elif state == State.AWAITING_ADVICE:
        status = "A hospital specialist is looking at your GP's question. They will reply to your GP."
    elif state == State.INFORMATION_REQUESTED:
        owner = PRACTICE
        status = "The specialist asked your GP practice for more information before they can give advice."
    elif state == State.ADVICE_GIVEN:
        owner = PRACTICE
        status = "The specialist has replied to your GP with advice. Your GP practice will contact you if anything needs to change."
        advice_text = request.outcome_advice
    else:
        status = request.get_state_display()
    contact = practice_contact(request.requester_org) if owner == PRACTICE else service_contact(service, request.trust)
    last = max(t for t in (request.sent_at, request.responded_at, request.finished_at) if t is not None)
    return Item(
        id=request.id,
        key=f"referral-{request.id}",
        owner_org_id=request.requester_org_id if owner == PRACTICE else request.trust_id,
        title=title,
        what=what,
        status=status,
        owner=owner,
        owner_label=OWNER_LABELS[owner],
        contact=contact,
        last_change=last,
        advice_reason=advice_reason,
        advice_text=advice_text,
        priority_note=priority_note,
    )


PLAIN_TEST_REASONS = {
    RejectReason.NOT_INDICATED: "The specialist thinks this test would not answer the question about you.",
    RejectReason.BETTER_TEST: "The specialist thinks a different test would be better for you.",
    RejectReason.NEEDS_SPECIALIST: "The specialist thinks you should see a specialist instead of just having a test.",
    RejectReason.TOO_LITTLE_INFORMATION: "The specialist needs more information from your GP practice first.",
    RejectReason.RECENTLY_DONE: "You had this test recently, so doing it again would not change your care.",
    RejectReason.OUTSIDE_CRITERIA: "GP practices cannot ask for this test directly for your problem.",
}


def test_item(test: DiagnosticRequest) -> Item:
    advice_reason = advice_text = ""
    owner = HOSPITAL
    if test.state == TestState.REQUESTED:
        status = "The hospital will contact you to book the test."
    elif test.state == TestState.BOOKED:
        owner = PATIENT
        when = f"{test.appointment_on.day} {test.appointment_on:%B %Y}" if test.appointment_on else "a date"
        status = f"Your test is booked for {when}. Please go to it, or tell the hospital if you cannot."
    elif test.state == TestState.DONE:
        status = "You have had the test. The hospital is writing the report and will send it to your GP practice."
    elif test.state == TestState.REPORTED:
        owner = PRACTICE
        status = (
            "The result has gone to your GP practice. They will look at it and contact you if you need to do anything."
        )
    elif test.state == TestState.REJECTED:
        owner = PRACTICE
        status = (
            "The hospital did not do this test. They sent advice to your GP practice, "
            "who will contact you about what happens next."
        )
        advice_reason = PLAIN_TEST_REASONS.get(test.reject_reason, "")  # type: ignore[call-overload]
        advice_text = test.clinical_advice
    else:
        status = test.get_state_display()
    contact = practice_contact(test.practice) if owner == PRACTICE else service_contact(test.service, test.trust)
    times = (test.requested_at, test.booked_at, test.done_at, test.reported_at, test.rejected_at)
    return Item(
        id=test.id,
        key=f"test-{test.id}",
        owner_org_id=test.practice_id if owner == PRACTICE else test.trust_id,
        title=f"{test.get_test_display()} (a test your GP asked for)",
        what=(
            "Your GP practice asked the hospital to do this test without you seeing a specialist first "
            '(staff may call this a "direct access" test).'
        ),
        status=status,
        owner=owner,
        owner_label=OWNER_LABELS[owner],
        contact=contact,
        last_change=max(t for t in times if t is not None),
        advice_reason=advice_reason,
        advice_text=advice_text,
    )


# What a letter's request asks of the practice, by the reader's category, in words a patient can use.
PLAIN_ASKS = {
    "medication": "do something about your medicines",
    "monitoring": "keep an eye on something with regular checks",
    "investigation": "arrange a test",
    "results": "look at a test result",
    "referral": "refer you to another service",
    "follow_up": "see you again",
    "fit_note": "give you a fit note (a note for your work)",
    "specialist_prescribing": "take over prescribing a medicine the specialist started",
    "admin": "do some paperwork",
}
LETTER_TITLES = {
    LetterKind.DISCHARGE_SUMMARY: "Letter about your stay in hospital",
    LetterKind.CLINIC_LETTER: "Letter after your clinic appointment",
    LetterKind.ED_LETTER: "Letter after your visit to A&E (the emergency department)",
}


def _plain_ask(action: LetterAction) -> str:
    words = f'Your GP practice has been asked to {PLAIN_ASKS.get(action.category, "do something")}. The letter says: "{action.quote}"'
    if action.verdict == "inappropriate":
        # The patient's question then goes to the right place: the hospital, not the GP.
        words += " NHS rules say the hospital should do this itself. If it has not been done, ask the hospital."
    return words


def letter_item(letter: Letter) -> Item:
    """A hospital letter about the patient: what it asks of the practice, and whom to ask about it.

    A letter that asks the practice to do something puts the next step with the practice; one that
    asks nothing is the hospital's to explain.
    """
    asks = tuple(_plain_ask(action) for action in letter.actions.all())
    # A letter whose sender is not a trust we know has nobody else to ask: the practice holds it.
    owner = PRACTICE if asks or letter.trust is None else HOSPITAL
    hospital = letter.trust.name if letter.trust else "the hospital"
    seen = f"{letter.event_at.day} {letter.event_at:%B %Y}"
    return Item(
        id=letter.id,
        key=f"letter-{letter.id}",
        owner_org_id=letter.practice_id if owner == PRACTICE or letter.trust_id is None else letter.trust_id,
        title=f"{LETTER_TITLES.get(LetterKind(letter.kind), 'Letter from the hospital')} ({hospital})",
        what=f"The hospital wrote to your GP practice about your care on {seen}.",
        status=(
            "Your GP practice has the letter and will do what it asks, or tell you if it cannot."
            if asks
            else "The letter does not ask your GP practice to do anything."
        ),
        owner=owner,
        owner_label=OWNER_LABELS[owner],
        contact=(
            practice_contact(letter.practice)
            if owner == PRACTICE
            else patient_items.contact_from(hospital, letter.trust, note="This is the hospital's main number.")
        ),
        last_change=letter.received_at,
        asks=asks,
    )


def items_for(
    requests: list[ClinicalRequest],
    tests: list[DiagnosticRequest],
    patient: Patient,
    letters: Sequence[Letter] = (),
    others: Sequence[Item] = (),
) -> list[Item]:
    """Every item, newest change first: the patient's view's own, and what other domains registered
    with core.patient_items (``others``: urgent escalations)."""
    items = [
        *(request_item(r, patient) for r in requests),
        *(test_item(t) for t in tests),
        *(letter_item(x) for x in letters),
        *others,
    ]
    return sorted(items, key=lambda i: i.last_change, reverse=True)
