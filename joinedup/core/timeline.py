"""A record's timeline: one row per step, naming who took it as they were then.

Concerns, referrals and diagnostic requests each keep their own timeline table (their states
differ); what a step records about who took it, and when, is this one shape. Names are kept
as text as well as the person, so the timeline still reads true after someone leaves.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from joinedup.directory.access import Actor
from joinedup.directory.models import Person


class TimelineEvent(models.Model):
    at = models.DateTimeField(default=timezone.now)
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    person_name = models.CharField(max_length=300)
    organisation_name = models.CharField(max_length=200)
    action = models.CharField(max_length=20)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"


def taken_by(actor: Actor) -> dict[str, Any]:
    """The who-fields of a timeline row for a step this actor takes."""
    return {"person": actor.person, "person_name": str(actor.person), "organisation_name": actor.organisation.name}
