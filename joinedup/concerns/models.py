"""Interface concerns (quality alerts), their timeline, and the ICB's improvement projects."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.core.timeline import TimelineEvent
from joinedup.directory.models import Organisation, Person, Service, Specialty
from joinedup.letters.reader.vocabulary import RULE_LABELS, RULE_SOURCES


def _rule(rule_id: str) -> tuple[str, str]:
    return rule_id, RULE_LABELS[rule_id]


class Rule(models.TextChoices):
    """The interface rules of ../shared/letters/RULES.md, plus "other" (ids, labels: the reader's vocabulary)."""

    ONWARD_REFERRAL = _rule("onward_referral")
    TEST_RESULTS = _rule("test_results")
    PROVIDER_FOLLOW_UP = _rule("provider_follow_up")
    DNA_DISCHARGE = _rule("dna_discharge")
    FIT_NOTE = _rule("fit_note")
    DISCHARGE_MEDICATION = _rule("discharge_medication")
    OUTPATIENT_MEDICATION = _rule("outpatient_medication")
    SHARED_CARE = _rule("shared_care")
    CONTACT_POINT = _rule("contact_point")
    REFERRAL_RETURN_REASON = _rule("referral_return_reason")
    AG_RESPONSE = _rule("ag_response")
    DIRECT_ACCESS_DIAGNOSTICS = _rule("direct_access_diagnostics")
    DISCHARGE_SUMMARY_24H = _rule("discharge_summary_24h")
    CLINIC_LETTER_7_DAYS = _rule("clinic_letter_7_days")
    TRUST_INTERFACE_LEAD = _rule("trust_interface_lead")
    OTHER = _rule("other")


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


class State(models.TextChoices):
    RAISED = "raised", "Raised"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESPONDED = "responded", "Responded"
    CLOSED = "closed", "Closed (agreed)"
    ESCALATED = "escalated", "Escalated to the ICB"
    DECIDED = "decided", "Closed (ICB decided)"


OPEN_STATES = (State.RAISED, State.ACKNOWLEDGED, State.RESPONDED, State.ESCALATED)


class EvidenceKind(models.TextChoices):
    LETTER = "letter", "Hospital letter"
    REFERRAL = "referral", "Referral"
    ADVICE_AND_GUIDANCE = "advice_and_guidance", "Advice and guidance request"
    DIAGNOSTIC_REQUEST = "diagnostic_request", "Direct-access diagnostic request"
    OTHER = "other", "Other"


class DecisionOutcome(models.TextChoices):
    """The ICB's decision as referee, coded so the board can count how disputes went."""

    UPHELD = "upheld", "Upheld: the concern stands"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Concern(models.Model):
    raised_at = models.DateTimeField(default=timezone.now, db_index=True)
    raised_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="concerns_raised")
    raised_by_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns_raised")
    about_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns_about")
    # The concerned organisation's ICB, kept on the row so the ICB's pages filter on one column.
    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns_in_icb")
    # Where the concern was routed when it was raised: the trust's designated lead, or its ICB.
    routed_to_org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns_routed")
    routed_to_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns_routed"
    )
    # The clinical team (a service of the trust it was routed to) the interface lead asked to look into it.
    assigned_service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns_assigned"
    )
    rule = models.CharField(max_length=40, choices=Rule.choices, db_index=True)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns")
    specialty = models.CharField(max_length=40, choices=Specialty.choices, blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    what_happened = models.TextField()
    evidence_quote = models.TextField(blank=True)
    evidence_kind = models.CharField(max_length=30, choices=EvidenceKind.choices, blank=True)
    evidence_reference = models.CharField(max_length=100, blank=True)
    patient_nhs_number = models.CharField(max_length=10, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.RAISED, db_index=True)
    acknowledge_due = models.DateField()
    response_due = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decision_outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices, blank=True, db_default="")
    # The improvement project the decision feeds, if the ICB linked one.
    decision_project = models.ForeignKey(
        "ImprovementProject", null=True, blank=True, on_delete=models.SET_NULL, related_name="decided_concerns"
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised on every step: two people cannot both act")

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["icb", "raised_at"], name="concern_icb_raised"),
            models.Index(fields=["icb", "state"], name="concern_icb_state"),
            models.Index(fields=["about_org", "raised_at"], name="concern_about_raised"),
            models.Index(fields=["raised_by_org", "raised_at"], name="concern_raiser_raised"),
            models.Index(fields=["routed_to_org", "state"], name="concern_routed_state"),
        ]

    def __str__(self) -> str:
        return f"Concern {self.reference}"

    @property
    def reference(self) -> str:
        return f"C{self.pk:06d}" if self.pk else "C (new)"

    @property
    def rule_source(self) -> str:
        return RULE_SOURCES.get(self.rule, "")

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def overdue_on(self, today) -> str:  # type: ignore[no-untyped-def]
        """'acknowledgement' or 'response' when that clock has run out on ``today``, else ''."""
        if self.state == State.RAISED and self.acknowledge_due < today:
            return "acknowledgement"
        if self.state in (State.RAISED, State.ACKNOWLEDGED) and self.response_due < today:
            return "response"
        return ""


class ConcernEvent(TimelineEvent):
    """One step in a concern's life, shown as its timeline (the audit log records it too)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class ImprovementProject(models.Model):
    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="improvement_projects")
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=200, help_text="The person who leads it")
    rules = models.JSONField(default=list, help_text="The rules (themes) it targets")
    trust = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="improvement_projects_at"
    )
    specialty = models.CharField(max_length=40, choices=Specialty.choices, blank=True)
    status = models.CharField(max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED)
    measure = models.CharField(max_length=300, help_text="The measure it should move")
    start_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def rule_labels(self) -> list[str]:
        return [Rule(r).label if r in Rule.values else r for r in self.rules]
