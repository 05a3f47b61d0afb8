"""The audit record as the ground sees it: directory changes are recorded without importing audit.

``audit`` sits above ``core`` and ``directory`` (every domain writes through it), yet changes to
the directory itself (an organisation added, a service changed, an interface lead named) need
their audit event in the same transaction too. So the ground calls ``record`` here, and the
audit app plugs in its writer from ``AuditConfig.ready``. Apps above audit call
``joinedup.audit.services.record`` directly.

With no writer plugged in, ``record`` refuses: a change is never saved unrecorded.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db import models

from joinedup.directory.access import Actor


class Recorder(Protocol):
    def __call__(
        self,
        *,
        actor: Actor,
        action: str,
        obj: models.Model | None = None,
        patient_nhs_number: str = "",
        details: dict[str, Any] | None = None,
    ) -> object: ...


class NoAuditRecord(RuntimeError):
    """Nothing records audit events: the audit app is not installed."""


_recorder: Recorder | None = None


def plug_in(recorder: Recorder) -> None:
    """Called once by the audit app: the function that writes an audit event."""
    global _recorder
    _recorder = recorder


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Write an audit event for a change; call inside the change's transaction."""
    if _recorder is None:
        raise NoAuditRecord("No audit record is plugged in: add joinedup.audit to INSTALLED_APPS")
    _recorder(actor=actor, action=action, obj=obj, details=details)
