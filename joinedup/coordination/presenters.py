"""Display shaping for care coordination: the hour clock, state tags, and matched services as read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .models import Escalation, State

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
