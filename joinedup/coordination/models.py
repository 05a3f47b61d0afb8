"""Integrated care coordination: the urgent services directory and the escalations a hub coordinates.

The directory is stored in the shape of Open Referral UK (HSDS 3.0, UK profile) so that it can be
loaded from, and given back as, ORUK JSON (``oruk.py``): an ``UrgentService`` is an ORUK *service*
run by an *organization* (a directory ``Organisation``, matched by ODS code), with its
*locations*, *schedules* (weekly hours and dated exceptions), *service areas* (the practices or
postcode districts it covers), *eligibility* and *contacts*. What ORUK has no field for (the kind
of urgent service, its response standard, its capacity today) is carried as ORUK attributes and
extension fields: see docs/decisions/0012.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from joinedup.core.timeline import TimelineEvent
from joinedup.directory.models import Organisation, Person
from joinedup.patients.models import Patient


class ServiceKind(models.TextChoices):
    UCR = "ucr", "Urgent community response"
    ARI_HUB = "ari_hub", "Acute respiratory infection hub"
    FALLS = "falls", "Falls service"
    SDEC = "sdec", "Same-day emergency care"
    ACUTE_FRAILTY = "acute_frailty", "Acute frailty service"
    VIRTUAL_WARD = "virtual_ward", "Virtual ward"
    OTHER = "other", "Other urgent service"


class Capacity(models.TextChoices):
    OPEN = "open", "Open"
    LIMITED = "limited", "Limited"
    FULL = "full", "Full"


class Problem(models.TextChoices):
    """The short coded list a GP picks the presenting problem from."""

    FALL = "fall", "Fall"
    BREATHLESSNESS = "breathlessness", "Breathlessness"
    CONFUSION = "confusion", "Confusion or delirium"
    REDUCED_MOBILITY = "reduced_mobility", "Reduced mobility"
    END_OF_LIFE = "end_of_life", "End-of-life crisis"
    INFECTION = "infection", "Suspected infection"
    CARER_BREAKDOWN = "carer_breakdown", "Carer breakdown"
    CATHETER = "catheter", "Catheter problem"
    OTHER = "other", "Other"


class ServiceStatus(models.TextChoices):
    """ORUK ``service.status``."""

    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"


class UrgentService(models.Model):
    """An ORUK service: one urgent service an ICB's hub can send patients to."""

    oruk_id = models.CharField("ORUK identifier", max_length=64, unique=True)
    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="urgent_services_in_icb")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="urgent_services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    status = models.CharField(max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    email = models.EmailField(blank=True)
    url = models.URLField(blank=True)
    # How quickly it responds (UCR: 2 hours); None when it makes no promise.
    response_minutes = models.PositiveIntegerField(null=True, blank=True)
    # Eligibility (ORUK service.minimum_age / maximum_age, and our coded presenting problems).
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    accepted_problems = models.JSONField(default=list, blank=True, help_text="Empty: any presenting problem")
    excluded_problems = models.JSONField(default=list, blank=True)
    takes_care_home_residents = models.BooleanField(default=True)
    eligibility_description = models.TextField(blank=True)
    # Capacity today, updated by the service itself.
    capacity = models.CharField(max_length=10, choices=Capacity.choices, default=Capacity.OPEN)
    capacity_note = models.CharField(max_length=300, blank=True)
    capacity_updated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["icb", "status"], name="urgent_service_icb_status")]

    def __str__(self) -> str:
        return self.name


class ServiceLocation(models.Model):
    """An ORUK location (via service_at_location): where the service is based."""

    service = models.ForeignKey(UrgentService, on_delete=models.CASCADE, related_name="locations")
    oruk_id = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


# ORUK (RFC 5545) day codes.
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class ServiceSchedule(models.Model):
    """An ORUK schedule row: weekly hours (``weekday`` set) or a dated exception (``valid_from`` set)."""

    service = models.ForeignKey(UrgentService, on_delete=models.CASCADE, related_name="schedules")
    oruk_id = models.CharField(max_length=64)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    # Closed all day (an exception); otherwise open from ``opens_at`` until ``closes_at`` (24:00 is 00:00 next day).
    closed = models.BooleanField(default=False)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "valid_from", "opens_at"]

    def __str__(self) -> str:
        return self.description or f"{self.weekday} {self.valid_from}"


class AreaType(models.TextChoices):
    PRACTICE = "practice", "GP practice's patients"
    POSTCODE_DISTRICT = "postcode_district", "Postcode district"


class ServiceArea(models.Model):
    """An ORUK service_area: the practices or postcode districts the service covers."""

    service = models.ForeignKey(UrgentService, on_delete=models.CASCADE, related_name="areas")
    oruk_id = models.CharField(max_length=64)
    area_type = models.CharField(max_length=20, choices=AreaType.choices)
    code = models.CharField(max_length=10, help_text="A practice's ODS code, or a postcode district like PB1")
    name = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.code


class ServiceContact(models.Model):
    """An ORUK contact (with its phone)."""

    service = models.ForeignKey(UrgentService, on_delete=models.CASCADE, related_name="contacts")
    oruk_id = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    def __str__(self) -> str:
        return self.name


# Escalations ---------------------------------------------------------------------------------


class Place(models.TextChoices):
    HOME = "home", "At home"
    CARE_HOME = "care_home", "In a care home"


class Urgency(models.TextChoices):
    TWO_HOURS = "two_hours", "Within 2 hours"
    SAME_DAY = "same_day", "Same day"


URGENCY_MINUTES: dict[str, int] = {Urgency.TWO_HOURS: 120}


class State(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    HANDED_OVER = "handed_over", "Handed over"
    OUTCOME_RECORDED = "outcome_recorded", "Outcome recorded"
    DECLINED = "declined", "Declined with advice"


# The clock runs until the service records what happened (or the hub declines).
OPEN_STATES = (State.NEW, State.ACCEPTED, State.HANDED_OVER)
WITH_A_SERVICE = (State.ACCEPTED, State.HANDED_OVER)
CLOSED_STATES = (State.OUTCOME_RECORDED, State.DECLINED)


class Outcome(models.TextChoices):
    SEEN_AT_HOME = "seen_at_home", "Seen at home"
    ADMISSION_AVOIDED = "admission_avoided", "Admission avoided"
    CONVEYED_TO_ED = "conveyed_to_ed", "Conveyed to the emergency department"
    ADMITTED = "admitted", "Admitted to hospital"
    REFERRED_TO_SDEC = "referred_to_sdec", "Referred to same-day emergency care"


# Outcomes where the patient stayed where they were.
AVOIDED = (Outcome.SEEN_AT_HOME, Outcome.ADMISSION_AVOIDED)


class DeclineReason(models.TextChoices):
    NOT_URGENT = "not_urgent", "Not urgent enough for the hub: routine care fits"
    NEEDS_999 = "needs_999", "Needs an emergency ambulance (999)"
    NO_SERVICE = "no_service", "No service can take the patient in time"
    NO_CONSENT = "no_consent", "The patient does not consent"
    ALREADY_IN_CARE = "already_in_care", "Already under another team's care"


class Escalation(models.Model):
    escalated_at = models.DateTimeField(default=timezone.now)
    escalated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="escalations")
    # The practice or community provider that escalated, and the hub of its ICB that coordinates it.
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="escalations_sent")
    hub = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="escalations_coordinated")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="escalations")
    patient_nhs_number = models.CharField(max_length=10)
    # The patient's registered practice when escalated: whose list it shows on, and who is counted.
    practice = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="escalations_for_patients")
    place = models.CharField(max_length=10, choices=Place.choices)
    postcode = models.CharField(max_length=10, blank=True)
    problem = models.CharField(max_length=20, choices=Problem.choices)
    details = models.TextField()
    news2 = models.PositiveSmallIntegerField("NEWS2", null=True, blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    tried = models.TextField(blank=True)
    consent = models.BooleanField(default=False)
    # What JoinedUp proposed when it was sent (ranked, with reasons), and what the escalator picked.
    matches = models.JSONField(default=list, blank=True)
    preferred_service = models.ForeignKey(
        UrgentService, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response_due = models.DateTimeField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.NEW)
    service = models.ForeignKey(
        UrgentService, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )
    # Denormalised from the service when it is given one: whose team sees it, and the measures by kind.
    service_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations_received"
    )
    service_kind = models.CharField(max_length=20, choices=ServiceKind.choices, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    advice = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True, help_text="When it happened, as the service says")
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-escalated_at", "-id"]
        indexes = [
            # The hub's queue: its open escalations, soonest clock first.
            models.Index(fields=["hub", "state", "response_due"], name="escalation_hub_state_due"),
            models.Index(fields=["hub", "escalated_at"], name="escalation_hub_when"),  # its closed list, newest first
            models.Index(fields=["practice", "escalated_at"], name="escalation_practice_when"),
            models.Index(fields=["from_organisation", "escalated_at"], name="escalation_from_when"),
            models.Index(fields=["service_organisation", "state"], name="escalation_team_state"),
            models.Index(fields=["escalated_at"], name="escalation_when"),
        ]

    def __str__(self) -> str:
        return f"Escalation {self.reference}"

    @property
    def reference(self) -> str:
        return f"UC{self.pk:07d}" if self.pk else "UC (new)"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, now: datetime.datetime) -> bool:
        return self.is_open and now > self.response_due

    def responded_in_minutes(self) -> int | None:
        if self.outcome_at is None:
            return None
        return int((self.outcome_at - self.escalated_at).total_seconds() // 60)


class EscalationEvent(TimelineEvent):
    """One step in an escalation's life, shown as its timeline (the audit log records it too)."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
