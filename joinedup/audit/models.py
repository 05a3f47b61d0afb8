"""The append-only record of who saw and changed what.

Rows are written by ``audit.services.record`` only. The model refuses updates
and deletes, its queryset refuses bulk updates and deletes, and on PostgreSQL a
trigger refuses UPDATE and DELETE from any client (see migration 0002).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditIsAppendOnly("Audit events cannot be updated")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AuditIsAppendOnly("Audit events cannot be deleted")


class AuditEvent(models.Model):
    # The runtime database role may only read and add rows here (``manage.py grant_runtime_role``).
    APPEND_ONLY = True

    at = models.DateTimeField(default=timezone.now, db_index=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Snapshots, so the record still says who and where after names and roles change.
    person_name = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=30, blank=True)
    organisation_ods_code = models.CharField(max_length=6, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    patient_nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation_ods_code", "-at"], name="audit_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.person_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditIsAppendOnly("Audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditIsAppendOnly("Audit events cannot be deleted")
