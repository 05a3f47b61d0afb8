"""How referrals and A&G requests are shown: the worklists' names and a request's clock.

Display shaping only: no query and no write.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.core.clocks import ClockStatus, clock_status

from .models import ClinicalRequest

# The worklists, named as users know them (e-RS names where e-RS has them).
PROVIDER_LISTS = {"referrals": "Referrals for review", "advice": "A&G requests", "to_book": "Accepted, to book"}
PRACTICE_LISTS = {
    "awaiting": "Awaiting response",
    "asked": "The hospital asked you a question",
    "returned": "Returned or rejected",
    "answered": "A&G answered",
    "overdue": "Overdue",
}
CLOCK_FILTERS = {"": "Any", "overdue": "Overdue", "today": "Due today", "in_time": "Not yet due"}


def clock_of(request: ClinicalRequest, today: datetime.date | None = None) -> ClockStatus | None:
    """The provider's clock, while it runs."""
    if not request.awaiting_provider:
        return None
    return clock_status(request.due_date, today or timezone.localdate())
