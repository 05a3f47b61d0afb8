"""Referrals and advice & guidance (A&G) requests: one table for both, their timeline and attachments.

A referral and an A&G request are the same thing to a later FHIR API (an R4 ServiceRequest whose
category tells them apart), so they share one model and one state machine (``services.TRANSITIONS``).
An A&G request converted to a referral keeps its UBRN: the referral made from it is a second row
with the same UBRN and ``converted_from`` pointing back, as e-RS does.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from joinedup.core.timeline import TimelineEvent
from joinedup.directory.models import Organisation, Person, Service, Specialty
from joinedup.patients.models import Patient

# Identifier systems a FHIR facade will use without remodelling.


class Kind(models.TextChoices):
    REFERRAL = "referral", "Referral"
    ADVICE = "advice", "Advice and guidance"


# e-RS request types, for the FHIR facade.
ERS_REQUEST_TYPES = {Kind.REFERRAL: "TRIAGE_REQUEST", Kind.ADVICE: "ADVICE_AND_GUIDANCE_REQUEST"}


class Priority(models.TextChoices):
    """e-RS priorities; the value is the e-RS code in lower case (``ers_code`` gives the code)."""

    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"
    TWO_WEEK_WAIT = "two_week_wait", "Two-week wait (suspected cancer)"


def ers_priority_code(priority: str) -> str:
    return priority.upper()  # ROUTINE, URGENT, TWO_WEEK_WAIT


class State(models.TextChoices):
    # Referrals (e-RS referral states in brackets).
    AWAITING_TRIAGE = "awaiting_triage", "Awaiting triage"  # AWAITING_TRIAGE
    ACCEPTED = "accepted", "Accepted"  # ACCEPT_REFER_BOOK_LATER / NOT_BOOKED
    BOOKED = "booked", "Booked"  # BOOKED
    RETURNED = "returned", "Returned with advice"  # TRIAGE_RESPONSE (RETURN_TO_REFERRER_WITH_ADVICE)
    REJECTED = "rejected", "Rejected"  # REJECTED
    CANCELLED = "cancelled", "Cancelled"  # CANCELLED
    # A&G (e-RS A&G conversation states in brackets).
    AWAITING_ADVICE = "awaiting_advice", "Awaiting advice"  # PROVIDER_RESPONSE_REQUIRED
    INFORMATION_REQUESTED = "information_requested", "More information requested"  # REQUESTER_RESPONSE_REQUIRED
    ADVICE_GIVEN = "advice_given", "Advice given"  # PROVIDER_RESPONDED
    CONVERTED = "converted", "Converted to a referral"  # ADVICE_CONVERTED
    CLOSED = "closed", "Closed"  # REQUESTER_CLOSED


# Waiting for the provider: the clock runs and the trust's worklists show them.
AWAITING_PROVIDER = (State.AWAITING_TRIAGE, State.AWAITING_ADVICE)
FINISHED = (
    State.ACCEPTED,
    State.BOOKED,
    State.RETURNED,
    State.REJECTED,
    State.CANCELLED,
    State.CONVERTED,
    State.CLOSED,
)


class ReturnReason(models.TextChoices):
    """Coded reasons for returning or rejecting a referral (rule ``referral_return_reason``).

    Shaped like e-RS's reject reasons (an upper-case code plus a mandatory comment); the mapping to
    the national code system is to be confirmed when the FHIR facade is built (decision 0005).
    """

    MANAGE_IN_PRIMARY_CARE = "MANAGE_IN_PRIMARY_CARE", "Can be managed in primary care with the advice given"
    INVESTIGATIONS_FIRST = "INVESTIGATIONS_FIRST", "Investigations needed before referral"
    ANOTHER_SERVICE = "ANOTHER_SERVICE", "Another service is more appropriate"
    INSUFFICIENT_INFORMATION = "INSUFFICIENT_INFORMATION", "Not enough clinical information to triage"
    CRITERIA_NOT_MET = "CRITERIA_NOT_MET", "Does not meet the service's referral criteria"
    DUPLICATE = "DUPLICATE", "Duplicate referral"


def format_ubrn(ubrn: str) -> str:
    """A UBRN as people read it: 1234 5678 9012."""
    return f"{ubrn[:4]} {ubrn[4:8]} {ubrn[8:]}" if len(ubrn) == 12 else ubrn


class ClinicalRequest(models.Model):
    ubrn = models.CharField("UBRN", max_length=12)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    priority = models.CharField(max_length=20, choices=Priority.choices, default=Priority.ROUTINE)
    state = models.CharField(max_length=30, choices=State.choices)
    # Foreign keys whose own index would repeat the first column of a composite index below have none:
    # every index slows the half-million-row inserts and each write.
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="clinical_requests", db_index=False)
    requester_org = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="requests_sent", db_index=False
    )
    requester = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="requests_sent")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    # The service's trust, kept on the row so that worklists and scoping filter on one indexed column.
    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="requests_received", db_index=False)
    specialty = models.CharField(max_length=40, choices=Specialty.choices)
    clinical_information = models.TextField()
    conversion_allowed = models.BooleanField(
        default=False, help_text="A&G only: the GP lets the provider turn it into a referral"
    )
    converted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="converted_to"
    )
    # Patient choice: the services offered, with the wait and capacity shown at the time.
    shortlist = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(help_text="When the provider's current clock (triage or A&G answer) runs out")
    responded_at = models.DateTimeField(null=True, blank=True, help_text="The provider's first response")
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome_reason = models.CharField(max_length=40, choices=ReturnReason.choices, blank=True)
    outcome_advice = models.TextField(blank=True)
    # The first appointment, booked by the trust once the referral is accepted (State.BOOKED).
    appointment_on = models.DateField(null=True, blank=True)
    appointment_clinic = models.CharField(max_length=200, blank=True, db_default="")
    # Something happened that the practice must see, and nobody there has opened it since.
    requester_unseen = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every step: two people cannot both act")

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["ubrn", "kind"], name="request_ubrn_kind_unique")]
        indexes = [
            # Provider worklists: the trust's open items of one kind, soonest (or most overdue) first.
            models.Index(fields=["trust", "kind", "state", "due_date", "id"], name="request_provider_worklist"),
            models.Index(fields=["trust", "service", "state", "due_date"], name="request_service_worklist"),
            # Practice worklists.
            models.Index(fields=["requester_org", "state", "due_date", "id"], name="request_practice_worklist"),
            models.Index(
                fields=["requester_org", "sent_at"], name="request_practice_unseen", condition=Q(requester_unseen=True)
            ),
            models.Index(fields=["patient", "sent_at"], name="request_patient"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def reference(self) -> str:
        return format_ubrn(self.ubrn)

    @property
    def is_referral(self) -> bool:
        return self.kind == Kind.REFERRAL

    @property
    def awaiting_provider(self) -> bool:
        return self.state in AWAITING_PROVIDER

    @property
    def ers_priority(self) -> str:
        return ers_priority_code(self.priority)

    @property
    def clock_name(self) -> str:
        return "Triage" if self.is_referral else "Answer"

    def overdue_on(self, today: datetime.date) -> bool:
        return self.awaiting_provider and self.due_date < today


class RequestEvent(TimelineEvent):
    """One step in a request's life: the timeline and the A&G conversation (the audit log records it too)."""

    request = models.ForeignKey(ClinicalRequest, on_delete=models.CASCADE, related_name="events", db_index=False)
    from_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=30, choices=State.choices)
    reason = models.CharField(max_length=40, choices=ReturnReason.choices, blank=True)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["request", "at"], name="request_event_timeline")]


class Attachment(models.Model):
    """A file sent with a request or a message. Kept in the database (decision 0005), checked by content."""

    request = models.ForeignKey(ClinicalRequest, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(RequestEvent, null=True, on_delete=models.SET_NULL, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.filename
