"""Interface concerns (quality alerts), their timeline, and the ICB's improvement projects."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.core.timeline import TimelineEvent
from joinedup.directory.models import Organisation, Person, Service, Specialty


class Rule(models.TextChoices):
    """The interface rules of ../shared/letters/RULES.md, plus "other"."""

    ONWARD_REFERRAL = "onward_referral", "Onward referral left to the GP"
    TEST_RESULTS = "test_results", "Test results left to the GP"
    PROVIDER_FOLLOW_UP = "provider_follow_up", "Hospital follow-up left to the GP"
    DNA_DISCHARGE = "dna_discharge", "Discharged after one missed appointment"
    FIT_NOTE = "fit_note", "Fit note left to the GP"
    DISCHARGE_MEDICATION = "discharge_medication", "Too few medicines on discharge"
    OUTPATIENT_MEDICATION = "outpatient_medication", "Medicine to start after clinic left to the GP"
    SHARED_CARE = "shared_care", "Specialist drug handed over without shared care"
    CONTACT_POINT = "contact_point", "Patient sent to the GP instead of a hospital contact"
    REFERRAL_RETURN_REASON = "referral_return_reason", "Referral returned without a clinical reason"
    AG_RESPONSE = "ag_response", "Advice and guidance not answered in time"
    DIRECT_ACCESS_DIAGNOSTICS = "direct_access_diagnostics", "Direct-access test not done in 4 weeks"
    DISCHARGE_SUMMARY_24H = "discharge_summary_24h", "Discharge summary later than 24 hours"
    CLINIC_LETTER_7_DAYS = "clinic_letter_7_days", "Clinic letter later than 7 days"
    TRUST_INTERFACE_LEAD = "trust_interface_lead", "No designated interface lead"
    OTHER = "other", "Something else"


# Where each rule was confirmed (RULES.md `source`), shown beside the rule.
RULE_SOURCES: dict[str, str] = {
    Rule.ONWARD_REFERRAL: "Standard Contract SC8 (since 2016/17); Delivery plan for recovering access to primary care (2023)",
    Rule.TEST_RESULTS: "Standard Contract 2017/19; NHS England standards for communicating test results on discharge (2016)",
    Rule.PROVIDER_FOLLOW_UP: "Delivery plan for recovering access to primary care (2023)",
    Rule.DNA_DISCHARGE: "Standard Contract SC6 (since 2016/17)",
    Rule.FIT_NOTE: "Standard Contract SC11 (SC11.11 in 2017/18); DWP fit note guidance (2023)",
    Rule.DISCHARGE_MEDICATION: "Standard Contract SC11 (since 2016/17)",
    Rule.OUTPATIENT_MEDICATION: "Standard Contract 2017/19 changes; local agreements",
    Rule.SHARED_CARE: "NHS England, Responsibility for prescribing between primary and secondary care (2018); "
    "national shared care protocols",
    Rule.CONTACT_POINT: "Standard Contract SC12 (clear points of contact); Delivery plan (2023)",
    Rule.REFERRAL_RETURN_REASON: "e-Referral Service guidance; Standard Contract SC6",
    Rule.AG_RESPONSE: "NHS England advice and guidance guidance (2025)",
    Rule.DIRECT_ACCESS_DIAGNOSTICS: "NHS England, as reported in 2024 planning coverage",
    Rule.DISCHARGE_SUMMARY_24H: "Standard Contract SC11 (since 2016/17)",
    Rule.CLINIC_LETTER_7_DAYS: "Standard Contract SC11 (14 days in 2016/17, 10 in 2017/19, 7 since)",
    Rule.TRUST_INTERFACE_LEAD: "2024/25 priorities and operational planning guidance",
    Rule.OTHER: "",
}


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
