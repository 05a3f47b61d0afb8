"""A patient's question about one of their items, sent to the organisation that owns the next step."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.directory.models import Organisation, Person
from joinedup.patients.models import Patient


class QuestionState(models.TextChoices):
    ASKED = "asked", "Waiting for an answer"
    ANSWERED = "answered", "Answered"


class PatientQuestion(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="+")
    # The item asked about, by key ("referral-12", "test-7"), and what the patient saw it called.
    item_key = models.CharField(max_length=40)
    item_title = models.CharField(max_length=300)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    owner_contact = models.CharField(max_length=300, help_text="The service or practice as the patient saw it")
    question = models.TextField()
    reply_email = models.EmailField(blank=True, help_text="From NHS login, for telling the patient of the answer")
    asked_at = models.DateTimeField(default=timezone.now)
    due = models.DateField(help_text="Answer by (PATIENT_QUESTION_WORKING_DAYS working days)")
    state = models.CharField(max_length=10, choices=QuestionState.choices, default=QuestionState.ASKED)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "state", "due"], name="pq_owner_state_due"),
            models.Index(fields=["patient", "item_key"], name="pq_patient_item"),
        ]

    def __str__(self) -> str:
        return f"Patient question {self.id} about {self.item_key}"
