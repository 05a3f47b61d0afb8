"""What core keeps itself: the one-time tokens of forms that create a record (core/once.py), and files
held while a person checks their answers (core/held.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SubmittedForm(models.Model):
    """A create form sent once: its token, and where the record it made is shown."""

    token = models.CharField(max_length=64, unique=True)
    url = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.token


class HeldFile(models.Model):
    """A file chosen on a form, kept while the person checks their answers (core/held.py).

    The browser sends a file once; the "check your answers" page and any change of answers in
    between carry only this row's key, and the file becomes the record's when it is sent.
    """

    key = models.CharField(max_length=64, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    data = models.BinaryField()
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.name
