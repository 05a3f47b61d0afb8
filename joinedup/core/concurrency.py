"""Two people acting on one record at once: one wins, the other is told, nothing applies twice.

Every record people act on (concerns, referrals, diagnostic requests, letters) carries a
``version`` that each change raises. A change locks the row (``select_for_update``, a real
row lock on PostgreSQL) and compares the version the person was looking at; if someone got
there first, the change is refused with ``StaleAction`` and the person sees what it is now.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


class StaleAction(Exception):
    """Someone else changed the record after this person opened it; nothing was applied."""


def lock_at_version(queryset: QuerySet[M], pk: int, expected_version: int, what: str) -> M:
    """The locked row, if it is still at ``expected_version``; else ``StaleAction``.

    Call inside ``transaction.atomic()``. ``what`` names the record for the message
    ("this concern", "request DA-000123").
    """
    record = queryset.select_for_update().get(pk=pk)
    current: Any = record
    if current.version != expected_version:
        state = f": it is now '{current.get_state_display()}'" if hasattr(current, "get_state_display") else ""
        raise StaleAction(
            f"Someone else changed {what} while you were looking at it{state}. Nothing you entered was applied."
        )
    return record
