"""Hospital letters reaching practices, what the reader found in them, and what practices said.

A ``Letter`` is one transfer-of-care document (discharge summary, clinic letter, emergency
department letter) taken in from MESH or uploaded. The reader runs in background work and
stores each GP action it finds as a ``LetterAction``; the practice records what it did with
each (``ActionFeedback``), and adds the ones the reader missed. Messages that cannot be taken
in are kept whole in ``QuarantinedMessage`` until someone fixes and retries them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.directory.models import Organisation, Person, Service
from joinedup.patients.models import Patient


class LetterKind(models.TextChoices):
    DISCHARGE_SUMMARY = "discharge_summary", "Discharge summary"
    CLINIC_LETTER = "clinic_letter", "Clinic letter"
    ED_LETTER = "ed_letter", "Emergency department letter"


# ITK3 transfer-of-care workflow ids (MESH) and the kind of letter each carries.
WORKFLOW_KINDS: dict[str, str] = {
    "TOC_FHIR_IP_DISCH": LetterKind.DISCHARGE_SUMMARY,
    "TOC_FHIR_EC_DISCH": LetterKind.ED_LETTER,
    "TOC_FHIR_OP_ATTEN": LetterKind.CLINIC_LETTER,
}


class LetterSource(models.TextChoices):
    MESH = "mesh", "MESH"
    UPLOAD = "upload", "Upload"
    SEED = "seed", "Synthetic (seeded)"


class ReadingState(models.TextChoices):
    WAITING = "waiting", "Being read"
    READ = "read", "Read"
    FAILED = "failed", "Could not be read"  # kept and shown in full; the reason is in reading_error
    NO_TEXT = "no_text", "No text to read"  # a header only (older letters kept without their text)


class TimelinessRule(models.TextChoices):
    DISCHARGE_SUMMARY_24H = "discharge_summary_24h", "Discharge summary within 24 hours"
    CLINIC_LETTER_7_DAYS = "clinic_letter_7_days", "Clinic letter within 7 days"


class Letter(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="letters")
    practice = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="letters_received",
        limit_choices_to={"kind": "gp_practice"},
    )
    trust = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters_sent",
        limit_choices_to={"kind": "nhs_trust"},
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    title = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True, help_text="The clinician who wrote it, as the letter says")
    source = models.CharField(max_length=10, choices=LetterSource.choices)
    # MESH's message id: a re-delivered message finds its letter here instead of making a second one.
    mesh_message_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    workflow_id = models.CharField(max_length=40, blank=True)
    # When the care happened (discharge or clinic) and when the letter was sent and received:
    # the timeliness rules measure sent (or received, if sent is unknown) against the event.
    event_at = models.DateTimeField(help_text="Discharge or clinic date and time")
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    timeliness_rule = models.CharField(max_length=30, choices=TimelinessRule.choices, blank=True)
    on_time = models.BooleanField(null=True, help_text="Empty when no timeliness rule applies")
    text = models.TextField(blank=True)
    original_filename = models.CharField(max_length=200, blank=True)
    original_content_type = models.CharField(max_length=100, blank=True)
    reading_state = models.CharField(max_length=10, choices=ReadingState.choices, default=ReadingState.WAITING)
    reading_error = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # reader.READER_VERSION of the reading stored (0: never read, or read before versions were kept).
    reader_version = models.PositiveIntegerField(default=0, db_default=0)
    # Requests the reader found beyond settings.LETTER_MAX_READER_ACTIONS, not kept (the page says so).
    reader_actions_left_out = models.PositiveIntegerField(default=0, db_default=0)
    # Set by the reader, for "most urgent first": inappropriate requests count most, then any action.
    action_count = models.PositiveSmallIntegerField(default=0)
    inappropriate_count = models.PositiveSmallIntegerField(default=0)
    # The practice has dealt with the letter: it leaves the "new" list but stays findable.
    filed_at = models.DateTimeField(null=True, blank=True)
    filed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            # The inbox: a practice's unfiled letters, most urgent then newest first.
            models.Index(
                "practice",
                "filed_at",
                models.F("inappropriate_count").desc(),
                models.F("received_at").desc(),
                name="letter_inbox",
            ),
            models.Index(fields=["trust", "event_at"], name="letter_trust_month"),
            models.Index(fields=["event_at"], name="letter_event"),
            models.Index(fields=["patient", "received_at"], name="letter_patient"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.patient_id} ({self.received_at:%Y-%m-%d})"


class ActionOrigin(models.TextChoices):
    READER = "reader", "Found by the reader"
    PRACTICE = "practice", "Added by the practice (missed by the reader)"


class LetterAction(models.Model):
    """One request to the GP practice in a letter: its quote, where it sits, and what it is."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="actions")
    origin = models.CharField(max_length=10, choices=ActionOrigin.choices)
    quote = models.TextField()
    start = models.PositiveIntegerField(help_text="Character offset of the quote in the letter's text")
    end = models.PositiveIntegerField()
    category = models.CharField(max_length=30)  # GUIDELINES.md categories
    verdict = models.CharField(max_length=15)  # appropriate | inappropriate
    rule = models.CharField(max_length=40, blank=True)  # RULES.md id when inappropriate
    reason = models.TextField(blank=True)  # plain English, from the reader
    added_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["letter", "start", "id"]
        indexes = [
            # Reader accuracy counts the practice's own additions (misses) per month; they are few
            # among millions of reader actions, so a partial index finds them without a scan.
            models.Index(
                fields=["created_at"], condition=models.Q(origin="practice"), name="letteraction_practice_added"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.quote[:60]}"


class FeedbackOutcome(models.TextChoices):
    DONE = "done", "Done"
    NOT_FOR_US = "not_for_us", "Not for us"
    NOT_AN_ACTION = "not_an_action", "Wrong: not an action"
    WRONG_CATEGORY = "wrong_category", "Wrong: wrong category"
    WRONG_VERDICT = "wrong_verdict", "Wrong: wrong verdict"


# Outcomes that say the reader was right about the action (whatever the practice then did).
READER_RIGHT = {FeedbackOutcome.DONE, FeedbackOutcome.NOT_FOR_US}


class ActionFeedback(models.Model):
    """What the practice did with one action: labelled data for measuring the reader in real use."""

    action = models.OneToOneField(LetterAction, on_delete=models.CASCADE, related_name="feedback")
    outcome = models.CharField(max_length=20, choices=FeedbackOutcome.choices)
    note = models.TextField(blank=True, help_text="Why it is not for us, or what the reader got wrong")
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["given_at"], name="feedback_month")]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.action_id})"


class QuarantineState(models.TextChoices):
    WAITING = "waiting", "Waiting for a fix"
    TAKEN_IN = "taken_in", "Taken in after a retry"
    DISMISSED = "dismissed", "Dismissed (kept, not a letter)"


class QuarantinedMessage(models.Model):
    """A message that could not be taken in, kept whole with the reason; never dropped."""

    source = models.CharField(max_length=10, choices=LetterSource.choices)
    mesh_message_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    workflow_id = models.CharField(max_length=40, blank=True)
    sender = models.CharField(max_length=40, blank=True, help_text="MESH mailbox or uploading organisation")
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField()
    reason = models.CharField(max_length=500)
    received_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=10, choices=QuarantineState.choices, default=QuarantineState.WAITING)
    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"Quarantined {self.source} message {self.mesh_message_id or self.id}: {self.reason[:60]}"


class LetterTimelinessMonth(models.Model):
    """Letters counted per trust, month (of discharge or clinic) and timeliness rule, kept at intake.

    The timeliness pages read these few rows instead of aggregating millions of letters; intake adds
    to them in the same transaction as each letter, and the seeds rebuild them after a bulk load.
    """

    trust = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month, in local time")
    rule = models.CharField(max_length=30, choices=TimelinessRule.choices)
    total = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trust", "month", "rule"], name="timeliness_month_unique")]

    def __str__(self) -> str:
        return f"{self.trust_id} {self.month:%Y-%m} {self.rule}: {self.on_time}/{self.total}"
