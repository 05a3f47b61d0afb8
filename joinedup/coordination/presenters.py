"""Display shaping for care coordination: the hour clock, state tags, and matched services as read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from joinedup.core import patient_items

from .models import WITH_A_SERVICE, DeclineReason, Escalation, Problem, State, Urgency

STATE_COLOURS = {
    State.NEW: "blue",
    State.ACCEPTED: "aqua-green",
    State.HANDED_OVER: "purple",
    State.OUTCOME_RECORDED: "green",
    State.DECLINED: "orange",
}


@dataclass(frozen=True)
class HourClock:
    overdue: bool
    label: str  # "1 hour 20 minutes left", "Overdue by 35 minutes", "Responded in 1 hour 5 minutes"
    tag_colour: str


def duration(minutes: int) -> str:
    hours, mins = divmod(max(minutes, 0), 60)
    if hours >= 48:
        return f"{hours // 24} days"
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if mins or not hours:
        parts.append(f"{mins} minute{'' if mins == 1 else 's'}")
    return " ".join(parts)


def clock(escalation: Escalation, now: datetime.datetime | None = None) -> HourClock | None:
    """Time left or overdue while the response clock runs; how long it took once the outcome is in."""
    now = now or timezone.now()
    if escalation.state == State.OUTCOME_RECORDED:
        took = escalation.responded_in_minutes()
        if took is None:
            return None
        late = escalation.outcome_at is not None and escalation.outcome_at > escalation.response_due
        return HourClock(late, f"Responded in {duration(took)}", "red" if late else "green")
    if not escalation.is_open:
        return None
    seconds = (escalation.response_due - now).total_seconds()
    if seconds < 0:
        return HourClock(True, f"Overdue by {duration(int(-seconds // 60))}", "red")
    left = int(seconds // 60)
    return HourClock(False, f"{duration(left)} left", "orange" if left <= 30 else "green")


def due_label(escalation: Escalation) -> str:
    return f"Respond by {timezone.localtime(escalation.response_due):%H:%M on %d %B}"


def match_rows(matches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The proposal as kept on the escalation (or just made), with what a page needs to draw it."""
    rows = []
    for match in matches:
        status = "Fits" if match["fits"] else ("Closed now" if not match["open_now"] else "Does not fit")
        colour = "green" if match["fits"] else ("grey" if not match["open_now"] else "orange")
        rows.append({**match, "status": status, "colour": colour})
    return rows


# The patient's own page (NHS login): an escalation in plain words (decision 0023) -----------------
# Registered with core.patient_items from registrations.py: the patient's view may not import this app.

PLAIN_PROBLEMS = {
    Problem.FALL: "after a fall",
    Problem.BREATHLESSNESS: "for your breathing",
    Problem.CONFUSION: "because you were confused",
    Problem.REDUCED_MOBILITY: "because you could not move about well",
    Problem.END_OF_LIFE: "for care near the end of life",
    Problem.INFECTION: "for a possible infection",
    Problem.CARER_BREAKDOWN: "because your carer could not cope",
    Problem.CATHETER: "for a problem with your catheter",
    Problem.OTHER: "for your health",
}
PLAIN_DECLINE_REASONS = {
    DeclineReason.NOT_URGENT: "The hub thinks your GP practice can help with this in the usual way.",
    DeclineReason.NEEDS_999: "The hub thinks you may need an ambulance. If you feel very unwell now, call 999.",
    DeclineReason.NO_SERVICE: "No urgent care team could see you in time.",
    DeclineReason.NO_CONSENT: "You said you did not want this help.",
    DeclineReason.ALREADY_IN_CARE: "Another team is already caring for you for this.",
}
ESCALATION_WHAT = (
    "Your GP practice asked for urgent care for you, so you can stay at home if it is safe. "
    "A team called the care coordination hub finds the right people to help."
)
ESCALATION_STATUS = {
    State.NEW: "The hub is finding a team to help you. They aim to do this {when}.",
    State.ACCEPTED: "The {service} team has said they will help you. They will get in touch with you soon.",
    State.HANDED_OVER: "The {service} team has your details. They will get in touch with you soon.",
    State.OUTCOME_RECORDED: (
        "The urgent care team has seen you. They told your GP practice what happened. "
        "Your GP practice will contact you if you need to do anything."
    ),
    State.DECLINED: (
        "The hub could not set up urgent care for this. They sent advice to your GP practice. "
        "Your GP practice will contact you about what happens next."
    ),
}
ESCALATION_WHEN = {Urgency.TWO_HOURS: "within 2 hours", Urgency.SAME_DAY: "today"}


def _urgent_service_contact(escalation: Escalation) -> patient_items.Contact:
    """The urgent service's own phone and email (ORUK contacts), else its organisation's, else the hub's."""
    service = escalation.service
    name = service.name if service else "The urgent care team"
    phones = [c.phone for c in service.contacts.all() if c.phone] if service else []
    emails = [service.email] if service and service.email else []
    emails += [c.email for c in service.contacts.all() if c.email] if service else []
    own = patient_items.Contact(name=name, phone=phones[0] if phones else "", email=emails[0] if emails else "")
    return patient_items.first_known(
        own,
        patient_items.contact_from(name, escalation.service_organisation),
        patient_items.contact_from(escalation.hub.name, escalation.hub, note=f"This is the hub. Ask about {name}."),
    )


def patient_item(escalation: Escalation) -> patient_items.Item:
    state = escalation.state
    service_name = escalation.service.name if escalation.service else "urgent care"
    status = ESCALATION_STATUS.get(state, "").format(  # type: ignore[call-overload]
        when=ESCALATION_WHEN.get(escalation.urgency, "soon"),  # type: ignore[call-overload]
        service=service_name,
    ) or str(escalation.get_state_display())
    advice_reason = advice_text = ""
    if state == State.NEW:
        owner = patient_items.HUB
        owner_org_id = escalation.hub_id
        contact = patient_items.contact_from(escalation.hub.name, escalation.hub)
    elif state in WITH_A_SERVICE:
        owner = patient_items.URGENT_SERVICE
        owner_org_id = escalation.service_organisation_id or escalation.hub_id
        contact = _urgent_service_contact(escalation)
    else:
        owner = patient_items.PRACTICE
        owner_org_id = escalation.practice_id
        contact = patient_items.contact_from(escalation.practice.name, escalation.practice)
        if state == State.DECLINED:
            advice_reason = PLAIN_DECLINE_REASONS.get(escalation.decline_reason, "")  # type: ignore[call-overload]
            advice_text = escalation.advice
    times = (
        escalation.escalated_at,
        escalation.accepted_at,
        escalation.handed_over_at,
        escalation.declined_at,
        escalation.outcome_recorded_at,
    )
    return patient_items.Item(
        id=escalation.id,
        key=f"escalation-{escalation.id}",
        owner_org_id=owner_org_id,
        title=f"Urgent care {PLAIN_PROBLEMS.get(escalation.problem, 'for your health')}",  # type: ignore[call-overload]
        what=ESCALATION_WHAT,
        status=status,
        owner=owner,
        owner_label=patient_items.OWNER_LABELS[owner],
        contact=contact,
        last_change=max(t for t in times if t is not None),
        advice_reason=advice_reason,
        advice_text=advice_text,
    )


def patient_sentences() -> list[str]:
    """Every sentence this app shows patients, filled in as a patient would read it (reading-age test)."""
    sample = {"when": ESCALATION_WHEN[Urgency.TWO_HOURS], "service": "Urgent community response"}
    return [
        ESCALATION_WHAT,
        *(text.format(**sample) for text in ESCALATION_STATUS.values()),
        *PLAIN_DECLINE_REASONS.values(),
        *(f"Urgent care {words}" for words in PLAIN_PROBLEMS.values()),
    ]
