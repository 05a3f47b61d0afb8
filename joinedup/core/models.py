"""What core keeps itself: the one-time tokens of forms that create a record (core/once.py)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SubmittedForm(models.Model):
    """A create form sent once: its token, and where the record it made is shown."""

    token = models.CharField(max_length=64, unique=True)
    url = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.token
