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
    ReturnReason.INSUFFICIENT_INFORMATION: "The specialist needs to know more from your GP practice.",
    ReturnReason.CRITERIA_NOT_MET: "This hospital service does not see people for this problem.",
    ReturnReason.DUPLICATE: "You already have a referral to the hospital for this.",
}


MAIN_NUMBER_NOTE = "This is the hospital's main number. Ask for {service}."


def service_contact(service: Service, trust: Organisation) -> Contact:
    """A hospital service's contact point; without one, the hospital's main number (say which service)."""
    name = f"{service.name}, {trust.name}"
    return patient_items.first_known(
        patient_items.contact_from(name, service),
        patient_items.contact_from(name, trust, note=MAIN_NUMBER_NOTE.format(service=service.name)),
    )


def practice_contact(practice: Organisation) -> Contact:
    return patient_items.contact_from(practice.name, practice)


def _weeks(weeks: int) -> str:
    return "1 week" if weeks == 1 else f"{weeks} weeks"


# Every sentence a patient reads about a referral or A&G request, by what it says; ``{...}`` are filled
# in from the request. Kept here, not inline, so the reading-age test reads each one (decision 0023).
REQUEST_TEXTS = {
    "two_week_wait": (
        'This is an urgent referral to check for cancer. Staff may call it a "2-week wait" or "2WW". '
        "Most people sent this way do not have cancer."
    ),
    "urgent": "Your GP marked this as urgent.",
    "advice_title": "Your GP asked a hospital specialist for advice ({specialty})",
    "advice_what": (
        "Your GP asked a specialist at the hospital for advice about you. You do not need to go to the hospital "
        'for this. Staff call this "advice and guidance" or "A&G".'
    ),
    "referral_title": "Referral to {service}",
    "referral_what": "Your GP practice asked the hospital to see you ({specialty}).",
    "wait": "The current wait is about {weeks}.",
}
REQUEST_STATUS = {
    State.AWAITING_TRIAGE: "The hospital has your referral. A specialist will read it and decide what happens next.",
    State.ACCEPTED: "The hospital has your referral. They will write to you with an appointment.",
    State.BOOKED: "You have an appointment on {when}{where}. Please go to it, or tell the hospital if you cannot.",
    State.RETURNED: (
        "The hospital specialist sent your referral back to your GP practice, with advice. "
        "Your GP practice will look at the advice. Then they will contact you about what happens next."
    ),
    State.REJECTED: (
        "The hospital specialist could not take your referral. They sent advice to your GP practice. "
        "Your GP practice will look at the advice. Then they will contact you about what happens next."
    ),
    State.AWAITING_ADVICE: "A hospital specialist is looking at your GP's question. They will reply to your GP.",
    State.INFORMATION_REQUESTED: "The specialist asked your GP practice for more facts. Then they can give advice.",
    State.ADVICE_GIVEN: (
        "The specialist has replied to your GP with advice. "
        "Your GP practice will contact you if anything needs to change."
    ),
}
REQUEST_OWNERS = {
    State.BOOKED: PATIENT,
    State.RETURNED: PRACTICE,
    State.REJECTED: PRACTICE,
    State.INFORMATION_REQUESTED: PRACTICE,
    State.ADVICE_GIVEN: PRACTICE,
}  # the hospital otherwise


def request_item(request: ClinicalRequest, patient: Patient) -> Item:
    service = request.service
    priority_note = ""
    if request.priority == Priority.TWO_WEEK_WAIT:
        priority_note = REQUEST_TEXTS["two_week_wait"]
    elif request.priority == Priority.URGENT:
        priority_note = REQUEST_TEXTS["urgent"]
    advice_reason = advice_text = ""
    specialty = service.get_specialty_display()
    if request.kind == Kind.ADVICE:
        title = REQUEST_TEXTS["advice_title"].format(specialty=specialty)
        what = REQUEST_TEXTS["advice_what"]
    else:
        title = REQUEST_TEXTS["referral_title"].format(service=service.name)
        what = REQUEST_TEXTS["referral_what"].format(specialty=specialty)
    state = request.state
    owner = REQUEST_OWNERS.get(state, HOSPITAL)  # type: ignore[call-overload]
    when = f"{request.appointment_on.day} {request.appointment_on:%B %Y}" if request.appointment_on else "a date"
    where = f" at {request.appointment_clinic}" if request.appointment_clinic else ""
    status = REQUEST_STATUS.get(state, "").format(when=when, where=where) or request.get_state_display()  # type: ignore[call-overload]
    if state in (State.AWAITING_TRIAGE, State.ACCEPTED):
        status += " " + REQUEST_TEXTS["wait"].format(weeks=_weeks(service.indicative_wait_weeks))
    if state in (State.RETURNED, State.REJECTED):
        advice_reason = PLAIN_RETURN_REASONS.get(request.outcome_reason, "")  # type: ignore[call-overload]
        advice_text = request.outcome_advice
    elif state == State.ADVICE_GIVEN:
        advice_text = request.outcome_advice
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
    RejectReason.TOO_LITTLE_INFORMATION: "The specialist needs to know more from your GP practice first.",
    RejectReason.RECENTLY_DONE: "You had this test recently, so doing it again would not change your care.",
    RejectReason.OUTSIDE_CRITERIA: "GP practices cannot ask for this test directly for your problem.",
}


TEST_STATUS = {
    TestState.REQUESTED: "The hospital will contact you to book the test.",
    TestState.BOOKED: "Your test is booked for {when}. Please go to it, or tell the hospital if you cannot.",
    TestState.DONE: "You have had the test. The hospital is writing the report. They will send it to your GP practice.",
    TestState.REPORTED: (
        "The result has gone to your GP practice. They will look at it. "
        "They will contact you if you need to do anything."
    ),
    TestState.REJECTED: (
        "The hospital did not do this test. They sent advice to your GP practice. "
        "Your GP practice will contact you about what happens next."
    ),
}
TEST_OWNERS = {TestState.BOOKED: PATIENT, TestState.REPORTED: PRACTICE, TestState.REJECTED: PRACTICE}
TEST_TITLE = "{test} (a test your GP asked for)"
TEST_WHAT = (
    "Your GP practice asked the hospital to do this test. You do not need to see a specialist first. "
    'Staff may call this a "direct access" test.'
)


def test_item(test: DiagnosticRequest) -> Item:
    advice_reason = advice_text = ""
    owner = TEST_OWNERS.get(test.state, HOSPITAL)  # type: ignore[call-overload]
    when = f"{test.appointment_on.day} {test.appointment_on:%B %Y}" if test.appointment_on else "a date"
    status = TEST_STATUS.get(test.state, "").format(when=when) or test.get_state_display()  # type: ignore[call-overload]
    if test.state == TestState.REJECTED:
        advice_reason = PLAIN_TEST_REASONS.get(test.reject_reason, "")  # type: ignore[call-overload]
        advice_text = test.clinical_advice
    contact = practice_contact(test.practice) if owner == PRACTICE else service_contact(test.service, test.trust)
    times = (test.requested_at, test.booked_at, test.done_at, test.reported_at, test.rejected_at)
    return Item(
        id=test.id,
        key=f"test-{test.id}",
        owner_org_id=test.practice_id if owner == PRACTICE else test.trust_id,
        title=TEST_TITLE.format(test=test.get_test_display()),
        what=TEST_WHAT,
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
    "specialist_prescribing": "keep giving you a medicine the specialist started",
    "admin": "do some paperwork",
}
LETTER_TITLES = {
    LetterKind.DISCHARGE_SUMMARY: "Letter about your stay in hospital",
    LetterKind.CLINIC_LETTER: "Letter after your clinic appointment",
    LetterKind.ED_LETTER: "Letter after your visit to A&E (the emergency department)",
}


LETTER_TEXTS = {
    "ask": "Your GP practice has been asked to {ask}.",
    "quote": 'The letter says: "{quote}"',
    # The patient's question then goes to the right place: the hospital, not the GP.
    "hospital_should": "NHS rules say the hospital should do this itself. If it has not been done, ask the hospital.",
    "what": "The hospital wrote to your GP practice about your care on {seen}.",
    "asks": "Your GP practice has the letter. They will do what it asks, or tell you if they cannot.",
    "asks_nothing": "The letter does not ask your GP practice to do anything.",
    "title": "{title} ({hospital})",
    "other_title": "Letter from the hospital",
}


def _plain_ask(action: LetterAction) -> str:
    words = LETTER_TEXTS["ask"].format(ask=PLAIN_ASKS.get(action.category, "do something"))
    words += " " + LETTER_TEXTS["quote"].format(quote=action.quote)
    if action.verdict == "inappropriate":
        words += " " + LETTER_TEXTS["hospital_should"]
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
        title=LETTER_TEXTS["title"].format(
            title=LETTER_TITLES.get(LetterKind(letter.kind), LETTER_TEXTS["other_title"]), hospital=hospital
        ),
        what=LETTER_TEXTS["what"].format(seen=seen),
        status=LETTER_TEXTS["asks"] if asks else LETTER_TEXTS["asks_nothing"],
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


def patient_sentences() -> list[str]:
    """Every text this app shows a patient, filled in as a patient would read it (the reading-age test,
    decision 0023). Names of services and hospitals are the directory's, not ours, so a short sample stands in."""
    sample = {
        "specialty": "Heart",
        "service": "Heart clinic",
        "weeks": "14 weeks",
        "when": "3 March 2027",
        "where": " at the Heart clinic",
        "test": "Chest X-ray",
        "quote": "Please check her blood test",
        "seen": "3 March 2027",
        "title": "Letter after your clinic appointment",
        "hospital": "Pellbridge Hospital",
    }
    texts = [
        *REQUEST_TEXTS.values(),
        *REQUEST_STATUS.values(),
        *PLAIN_RETURN_REASONS.values(),
        *TEST_STATUS.values(),
        TEST_TITLE,
        TEST_WHAT,
        *PLAIN_TEST_REASONS.values(),
        *(LETTER_TEXTS["ask"].format(ask=ask) for ask in PLAIN_ASKS.values()),
        *(text for key, text in LETTER_TEXTS.items() if key != "ask"),
        *LETTER_TITLES.values(),
        *OWNER_LABELS.values(),
        patient_items.NO_CONTACT_POINT,
        MAIN_NUMBER_NOTE,
    ]
    return [text.format(**sample) for text in texts]
