"""Direct-access diagnostic requests from GP practices to a trust's diagnostics services.

A request carries what a later FHIR ServiceRequest / DiagnosticReport needs: its own reference,
the patient's NHS number (system ``NHS_NUMBER_SYSTEM``), both organisations' ODS codes, and a
SNOMED CT code per test type (``TESTS``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from joinedup.core.numbers import whole_number
from joinedup.core.timeline import TimelineEvent
from joinedup.directory.models import Organisation, Person, Service, Specialty
from joinedup.patients.models import Patient

SNOMED_SYSTEM = "http://snomed.info/sct"
# The request's own identifier system, for ServiceRequest.identifier (our reference, "DX0000123").
REQUEST_REFERENCE_SYSTEM = "https://joinedup.invalid/Id/diagnostic-request"


class TestType(models.TextChoices):
    ULTRASOUND = "ultrasound", "Ultrasound scan"
    XRAY = "xray", "X-ray"
    CT = "ct", "CT scan"
    MRI = "mri", "MRI scan"
    SPIROMETRY = "spirometry", "Spirometry"
    FENO = "feno", "FeNO (exhaled nitric oxide)"
    NT_PROBNP = "nt_probnp", "NT-proBNP blood test"
    ECHOCARDIOGRAM = "echocardiogram", "Echocardiogram"


@dataclass(frozen=True)
class TestDefinition:
    snomed_code: str
    snomed_display: str
    specialty: str
    service_name: str  # the directory's service that offers it (sites are "<name> (site 2)")
    # What a radiology department needs before it can accept the request (issue 12):
    imaging: bool = False  # the body part to image
    ionising: bool = False  # IR(ME)R: pregnancy status and the referrer's clinical justification
    contrast_possible: bool = False  # kidney function (eGFR) in case contrast is given


class PregnancyStatus(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "Not applicable: the patient cannot be pregnant"
    NOT_PREGNANT = "not_pregnant", "Not pregnant: asked and confirmed"
    UNSURE = "unsure", "Could be pregnant"
    PREGNANT = "pregnant", "Pregnant"


# The one table of tests: what each is coded as, and which services offer it. The codes are SNOMED CT
# procedure / observable concepts as we know them; FeNO's (UK extension) and NT-proBNP's must be confirmed
# against the NHS terminology server before a FHIR interface goes live (docs/decisions/0006).
TESTS: dict[str, TestDefinition] = {
    TestType.ULTRASOUND: TestDefinition(
        "16310003", "Ultrasonography", Specialty.DIAGNOSTIC_IMAGING, "Direct access ultrasound", imaging=True
    ),
    TestType.XRAY: TestDefinition(
        "363680008",
        "Radiographic imaging procedure",
        Specialty.DIAGNOSTIC_IMAGING,
        "Direct access X-ray",
        imaging=True,
        ionising=True,
    ),
    TestType.CT: TestDefinition(
        "77477000",
        "Computed tomography",
        Specialty.DIAGNOSTIC_IMAGING,
        "Direct access CT",
        imaging=True,
        ionising=True,
        contrast_possible=True,
    ),
    TestType.MRI: TestDefinition(
        "113091000",
        "Magnetic resonance imaging",
        Specialty.DIAGNOSTIC_IMAGING,
        "Direct access MRI",
        imaging=True,
        contrast_possible=True,
    ),
    TestType.SPIROMETRY: TestDefinition(
        "127783003", "Spirometry", Specialty.DIAGNOSTIC_PHYSIOLOGY, "Spirometry and FeNO"
    ),
    TestType.FENO: TestDefinition(
        "1011571000000101",
        "Measurement of fractional exhaled nitric oxide",
        Specialty.DIAGNOSTIC_PHYSIOLOGY,
        "Spirometry and FeNO",
    ),
    TestType.NT_PROBNP: TestDefinition(
        "414798009",
        "N-terminal pro-brain natriuretic peptide level",
        Specialty.DIAGNOSTIC_PHYSIOLOGY,
        "NT-proBNP testing",
    ),
    TestType.ECHOCARDIOGRAM: TestDefinition(
        "40701008", "Echocardiography", Specialty.DIAGNOSTIC_PHYSIOLOGY, "Direct access echocardiography"
    ),
}
DIAGNOSTIC_SPECIALTIES = (Specialty.DIAGNOSTIC_IMAGING, Specialty.DIAGNOSTIC_PHYSIOLOGY)


def service_offers(service: Service, test: str) -> bool:
    definition = TESTS.get(test)
    if definition is None or service.specialty != definition.specialty:
        return False
    return service.name == definition.service_name or service.name.startswith(definition.service_name + " (")


def tests_offered_by(service: Service) -> list[str]:
    return [test for test in TESTS if service_offers(service, test)]


class Priority(models.TextChoices):
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class State(models.TextChoices):
    REQUESTED = "requested", "Awaiting booking"
    BOOKED = "booked", "Booked"
    DONE = "done", "Done, awaiting report"
    REPORTED = "reported", "Reported, to file"
    FILED = "filed", "Reported and filed"
    REJECTED = "rejected", "Rejected with advice"
    CANCELLED = "cancelled", "Cancelled by the practice"


# The clock runs until the report is back (rule direct_access_diagnostics).
OPEN_STATES = (State.REQUESTED, State.BOOKED, State.DONE)
# Outcomes the practice must read: new until someone at the practice opens the request.
OUTCOME_STATES = (State.REPORTED, State.REJECTED)


class FiledAction(models.TextChoices):
    """What the practice decided on reading a report (issue 12): a report is filed with an action, not just opened."""

    NO_ACTION = "no_action", "No action needed"
    CONTACT_PATIENT = "contact_patient", "Contact the patient to discuss the result"
    PRACTICE_REVIEW = "practice_review", "Book a review at the practice"
    REPEAT_TEST = "repeat_test", "Repeat the test"
    REFER = "refer", "Refer the patient"


class RejectReason(models.TextChoices):
    NOT_INDICATED = "not_indicated", "The test is not indicated for the clinical question"
    BETTER_TEST = "better_test", "Another test would answer the question better"
    NEEDS_SPECIALIST = "needs_specialist", "Needs specialist assessment: refer instead"
    TOO_LITTLE_INFORMATION = "too_little_information", "Not enough clinical information to justify the test"
    RECENTLY_DONE = "recently_done", "The test was done recently; a repeat would not change management"
    OUTSIDE_CRITERIA = "outside_criteria", "Outside the direct-access criteria for this test"


class DiagnosticRequest(models.Model):
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="diagnostic_requests")
    practice = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="diagnostic_requests_sent")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="diagnostic_requests")
    # Kept on the row as sent: the identifier a FHIR ServiceRequest.subject carries.
    patient_nhs_number = models.CharField(max_length=10)
    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="diagnostic_requests_received")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="diagnostic_requests")
    test = models.CharField(max_length=20, choices=TestType.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.ROUTINE)
    clinical_question = models.TextField()
    # Imaging only (TestDefinition): what radiology needs to accept the request, IR(ME)R's among them.
    body_site = models.CharField(max_length=200, blank=True, db_default="")
    pregnancy_status = models.CharField(max_length=20, choices=PregnancyStatus.choices, blank=True, db_default="")
    egfr = models.PositiveSmallIntegerField(null=True, blank=True, help_text="mL/min/1.73 m², most recent")
    justification = models.TextField(blank=True, db_default="", help_text="The referrer's IR(ME)R justification")
    state = models.CharField(max_length=12, choices=State.choices, default=State.REQUESTED)
    report_due = models.DateField(help_text="Done and reported by this day (rule direct_access_diagnostics)")
    appointment_on = models.DateField(null=True, blank=True)
    booked_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    report_text = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="diagnostic_reports"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=30, choices=RejectReason.choices, blank=True)
    clinical_advice = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The practice's decision on the report, by a GP (FiledAction).
    filed_at = models.DateTimeField(null=True, blank=True)
    filed_action = models.CharField(max_length=20, choices=FiledAction.choices, blank=True, db_default="")
    filed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="diagnostic_reports_filed"
    )
    # When someone at the practice first opened the outcome (report or rejection); until then it is new.
    outcome_opened_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every step: two people cannot both act")

    class Meta:
        ordering = ["report_due", "id"]
        indexes = [
            # The provider's worklist: its trust, the open states, soonest clock first.
            models.Index(fields=["trust", "state", "report_due"], name="diag_trust_state_due"),
            models.Index(fields=["trust", "service", "state", "report_due"], name="diag_trust_service_state_due"),
            # The practice's lists, and its header count of unopened outcomes.
            models.Index(fields=["practice", "state", "report_due"], name="diag_practice_state_due"),
            models.Index(
                fields=["practice", "state"],
                name="diag_practice_unopened",
                condition=models.Q(outcome_opened_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Diagnostic request {self.reference}"

    @property
    def reference(self) -> str:
        return reference_for(self.pk) if self.pk else "DX (new)"

    @property
    def definition(self) -> TestDefinition:
        return TESTS[self.test]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_new_outcome(self) -> bool:
        return self.state in OUTCOME_STATES and self.outcome_opened_at is None

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.report_due < today

    def reported_in_days(self) -> int | None:
        if self.reported_at is None:
            return None
        return (timezone.localdate(self.reported_at) - timezone.localdate(self.requested_at)).days


def reference_for(pk: int) -> str:
    return f"DX{pk:07d}"


def id_from_reference(reference: str) -> int | None:
    text = reference.strip().upper()
    return whole_number(text[2:], 12) if text.startswith("DX") else None


class DiagnosticEvent(TimelineEvent):
    """One step in a request's life, shown as its timeline (the audit log records it too)."""

    request = models.ForeignKey(DiagnosticRequest, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=State.choices)
