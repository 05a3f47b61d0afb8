"""Taking letters in: from MESH, from an upload, or from quarantine after a fix.

Every path ends in ``_create_letter``: one transaction that stores the letter with its
timeliness and queues its reading (the task row is written in the same transaction with the
database task backend, so a stored letter is never left without its reading). A message that
cannot be read is kept whole in ``QuarantinedMessage`` with the reason, never dropped.

A MESH message id is unique on both tables, so a message delivered twice (the poller crashed
after storing it and before acknowledging) finds what the first delivery made.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Organisation, Service
from joinedup.letters.models import (
    Letter,
    LetterKind,
    LetterSource,
    LetterTimelinessMonth,
    QuarantinedMessage,
    QuarantineState,
    ReadingState,
    TimelinessRule,
)
from joinedup.patients import selectors as patients
from joinedup.patients.models import Patient
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

from .parsing import ParsedLetter, Unreadable, event_date_problem, parse_bundle, without_nul

logger = logging.getLogger(__name__)


class AlreadyDealtWith(Exception):
    """Someone else retried or dismissed the quarantined message first."""


# ---- timeliness -------------------------------------------------------------------------------


def timeliness(
    kind: str, event_at: datetime.datetime, sent_at: datetime.datetime | None, received_at: datetime.datetime
) -> tuple[str, bool | None]:
    """The rule that applies to this kind of letter, and whether it was met (sent, else received, by the limit)."""
    arrived = sent_at or received_at
    if kind in (LetterKind.DISCHARGE_SUMMARY, LetterKind.ED_LETTER):
        limit = datetime.timedelta(hours=settings.DISCHARGE_SUMMARY_HOURS)
        return str(TimelinessRule.DISCHARGE_SUMMARY_24H), arrived - event_at <= limit
    if kind == LetterKind.CLINIC_LETTER:
        # Counted in days from the clinic's date: a clinic letter's time of day is rarely given, and
        # none is invented for it.
        days = (timezone.localdate(arrived) - timezone.localdate(event_at)).days
        return str(TimelinessRule.CLINIC_LETTER_7_DAYS), days <= settings.CLINIC_LETTER_DAYS
    return "", None


# ---- intake of a FHIR document (MESH, upload, retry) ------------------------------------------


@dataclass(frozen=True)
class Intake:
    """What became of one message: a letter, or a quarantined message (and whether it was new)."""

    letter: Letter | None
    quarantined: QuarantinedMessage | None
    duplicate: bool = False


def take_in_mesh_message(
    *, content: bytes, mesh_message_id: str, workflow_id: str = "", sender: str = "", filename: str = ""
) -> Intake:
    """Store one MESH message as a letter, or quarantine it. Safe to call again for the same message.

    Whatever is wrong with a message (unreadable, unknown patient, or something nobody foresaw),
    it ends as a letter or in quarantine with its reason, never as an error that stops intake:
    the poller acknowledges it either way, and the messages behind it come in.
    """
    mesh_message_id, workflow_id, sender, filename = (
        without_nul(value) for value in (mesh_message_id, workflow_id, sender, filename)
    )
    existing = _already_taken_in(mesh_message_id)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            try:
                parsed = parse_bundle(content, workflow_id)
                patient, practice, trust, service = _resolve(parsed)
            except Unreadable as unreadable:
                return Intake(
                    None, _quarantine(content, mesh_message_id, workflow_id, sender, filename, str(unreadable))
                )
            letter = _create_letter(
                parsed,
                patient=patient,
                practice=practice,
                trust=trust,
                service=service,
                source=LetterSource.MESH,
                mesh_message_id=mesh_message_id,
                workflow_id=workflow_id,
                filename=filename,
                content_type="application/fhir+json",
            )
            return Intake(letter, None)
    except IntegrityError:
        # Two pollers took the same message at once: the other one stored it.
        existing = _already_taken_in(mesh_message_id)
        if existing is not None:
            return existing
        reason = "It could not be stored (the database refused it)"
    except Exception as unforeseen:  # noqa: BLE001 - one bad message must never stop the ones behind it
        logger.exception("MESH message %s could not be taken in", mesh_message_id)
        reason = f"It could not be taken in ({type(unforeseen).__name__}); a developer has been told"
    with transaction.atomic():
        return Intake(None, _quarantine(content, mesh_message_id, workflow_id, sender, filename, reason))


def _quarantine(
    content: bytes, mesh_message_id: str, workflow_id: str, sender: str, filename: str, reason: str
) -> QuarantinedMessage:
    return QuarantinedMessage.objects.create(
        source=LetterSource.MESH,
        mesh_message_id=mesh_message_id,
        workflow_id=workflow_id[:40],
        sender=sender[:40],
        filename=filename[:200],
        content_type="application/fhir+json",
        content=content,
        reason=without_nul(reason)[:500],
    )


def _already_taken_in(mesh_message_id: str) -> Intake | None:
    letter = Letter.objects.filter(mesh_message_id=mesh_message_id).order_by().first()
    if letter is not None:
        return Intake(letter, None, duplicate=True)
    held = QuarantinedMessage.objects.filter(mesh_message_id=mesh_message_id).order_by().first()
    if held is not None:
        return Intake(held.letter, held, duplicate=True)
    return None


def _resolve(parsed: ParsedLetter) -> tuple[Patient, Organisation, Organisation | None, Service | None]:
    """The patient, practice, trust and service a parsed letter names; Unreadable when the first two don't match.

    The common case costs one query: the patient with their practice, which must be the one the
    letter is addressed to. Only a mismatch looks further, to give the precise reason.
    """
    patient = patients.patient_with_nhs_number(parsed.nhs_number)
    if patient is None or patient.registered_practice.ods_code != parsed.practice_ods:
        practice = directory.practice_by_ods(parsed.practice_ods)
        if practice is None:
            raise Unreadable(f"Unknown practice: no GP practice has the ODS code {parsed.practice_ods}")
        if patient is None:
            raise Unreadable(f"Unknown patient: no patient has the NHS number {parsed.nhs_number}")
        raise Unreadable(
            f"The patient with NHS number {parsed.nhs_number} is not registered at {practice.ods_code}"
            " (the practice the letter is addressed to)"
        )
    trust = _trust(parsed.trust_ods) if parsed.trust_ods else None
    service = None
    if trust is not None and parsed.service_name:
        service = directory.service_named(trust, parsed.service_name)
    return patient, patient.registered_practice, trust, service


def _trust(ods_code: str) -> Organisation | None:
    return directory.trust_by_ods(ods_code)


def _create_letter(
    parsed: ParsedLetter,
    *,
    patient: Patient,
    practice: Organisation,
    trust: Organisation | None,
    service: Service | None,
    source: str,
    mesh_message_id: str | None = None,
    workflow_id: str = "",
    filename: str = "",
    content_type: str = "",
) -> Letter:
    from .tasks import read_letter  # late: tasks imports the reader, which the parsing tests don't need

    received_at = timezone.now()
    rule, on_time = timeliness(parsed.kind, parsed.event_at, parsed.sent_at, received_at)
    letter = Letter.objects.create(
        patient=patient,
        practice=practice,
        trust=trust,
        service=service,
        kind=parsed.kind,
        title=parsed.title[:200],
        author=parsed.author[:200],
        source=source,
        mesh_message_id=mesh_message_id,
        workflow_id=workflow_id[:40],
        event_at=parsed.event_at,
        sent_at=parsed.sent_at,
        received_at=received_at,
        timeliness_rule=rule,
        on_time=on_time,
        text=parsed.text,
        original_filename=filename[:200],
        original_content_type=content_type[:100],
    )
    _count_in_timeliness(letter)
    # Queued in the same transaction: with the database backend the task row commits with the letter.
    read_letter.enqueue(letter.id)
    return letter


# ---- upload ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadDetails:
    """What the form asks for a text or PDF letter (a FHIR document carries its own)."""

    nhs_number: str
    kind: str
    event_at: datetime.datetime
    service: Service | None
    title: str = ""
    author: str = ""


def upload_document(actor: Actor, *, content: bytes, filename: str) -> Letter:
    """A FHIR document uploaded by hand: read as MESH would, but problems go back to the uploader."""
    require(actor, Permission.UPLOAD_LETTERS)
    try:
        parsed = parse_bundle(content)
        patient, practice, trust, service = _resolve(parsed)
    except Unreadable as unreadable:
        raise ValidationError({"file": str(unreadable)}) from unreadable
    _check_may_upload_for(actor, patient, trust)
    with transaction.atomic():
        letter = _create_letter(
            parsed,
            patient=patient,
            practice=practice,
            trust=trust,
            service=service,
            source=LetterSource.UPLOAD,
            filename=filename,
            content_type="application/fhir+json",
        )
        audit.record(actor=actor, action="letter.upload", obj=letter, patient_nhs_number=patient.nhs_number)
    return letter


def upload_text(actor: Actor, *, text: str, details: UploadDetails, filename: str, content_type: str) -> Letter:
    """A plain-text or PDF letter (already turned into text), with the details the form asked for."""
    require(actor, Permission.UPLOAD_LETTERS)
    if not text.strip():
        raise ValidationError({"file": "The file has no text in it. If it is a scanned PDF, upload a text version"})
    problem = nhs_number_error(details.nhs_number)
    if problem:
        raise ValidationError({"nhs_number": problem})
    if when := event_date_problem(details.event_at):
        raise ValidationError({"event_date": when})
    nhs_number = normalise_nhs_number(details.nhs_number)
    patient = patients.patient_with_nhs_number(nhs_number)
    if patient is None or patient.registered_practice.icb_id != actor.icb_id:
        raise ValidationError({"nhs_number": "No patient in this ICB has that NHS number"})
    trust = actor.organisation if actor.in_trust else (details.service.trust if details.service else None)
    _check_may_upload_for(actor, patient, trust)
    parsed = ParsedLetter(
        nhs_number=nhs_number,
        practice_ods=patient.registered_practice.ods_code,
        trust_ods=trust.ods_code if trust else "",
        kind=details.kind,
        event_at=details.event_at,
        sent_at=None,
        title=details.title or LetterKind(details.kind).label,
        author=details.author,
        service_name=details.service.name if details.service else "",
        text=text if text.endswith("\n") else text + "\n",
    )
    with transaction.atomic():
        letter = _create_letter(
            parsed,
            patient=patient,
            practice=patient.registered_practice,
            trust=trust,
            service=details.service,
            source=LetterSource.UPLOAD,
            filename=filename,
            content_type=content_type,
        )
        audit.record(actor=actor, action="letter.upload", obj=letter, patient_nhs_number=patient.nhs_number)
    return letter


def _check_may_upload_for(actor: Actor, patient: Patient, trust: Organisation | None) -> None:
    # A trust uploads its own letters only; an administrator may upload for any trust in the ICB.
    if actor.in_trust and trust is not None and trust.id != actor.organisation.id:
        raise ValidationError({"file": f"This letter is from {trust.name}: you can upload only your own trust's"})
    if patient.registered_practice.icb_id != actor.icb_id:
        raise ValidationError({"file": "The patient is not registered with a practice in this ICB"})


# ---- quarantine ---------------------------------------------------------------------------------


def quarantine_retry(actor: Actor, message_id: int) -> Intake:
    """Read a quarantined message again (after a fix, e.g. the patient is registered now).

    Taken in: the message points at its new letter and leaves the list. Still unreadable: the
    reason is updated and it stays, so nothing is lost either way.
    """
    require(actor, Permission.MANAGE_QUARANTINE)
    with transaction.atomic():
        held = _lock_waiting(message_id)
        held.attempts += 1
        try:
            with transaction.atomic():  # a savepoint: a failed attempt leaves no half-made letter
                parsed = parse_bundle(bytes(held.content), held.workflow_id)
                patient, practice, trust, service = _resolve(parsed)
                letter = _create_letter(
                    parsed,
                    patient=patient,
                    practice=practice,
                    trust=trust,
                    service=service,
                    source=held.source,
                    mesh_message_id=held.mesh_message_id,
                    workflow_id=held.workflow_id,
                    filename=held.filename,
                    content_type=held.content_type,
                )
        except Unreadable as unreadable:
            held.reason = str(unreadable)[:500]
            held.save(update_fields=["attempts", "reason"])
            audit.record(actor=actor, action="quarantine.retry_failed", obj=held, details={"reason": held.reason})
            return Intake(None, held)
        held.state = QuarantineState.TAKEN_IN
        held.letter = letter
        held.resolved_at = timezone.now()
        held.resolved_by = actor.person
        held.save(update_fields=["attempts", "state", "letter", "resolved_at", "resolved_by"])
        audit.record(actor=actor, action="quarantine.taken_in", obj=held, patient_nhs_number=letter.patient.nhs_number)
        return Intake(letter, held)


def quarantine_dismiss(actor: Actor, message_id: int, *, note: str) -> QuarantinedMessage:
    """Mark a quarantined message as not a letter (a test, a duplicate sent by other means); it is kept."""
    require(actor, Permission.MANAGE_QUARANTINE)
    if not note.strip():
        raise ValidationError({"note": "Enter why the message is dismissed"})
    with transaction.atomic():
        held = _lock_waiting(message_id)
        held.state = QuarantineState.DISMISSED
        held.resolved_at = timezone.now()
        held.resolved_by = actor.person
        held.save(update_fields=["state", "resolved_at", "resolved_by"])
        audit.record(actor=actor, action="quarantine.dismissed", obj=held, details={"note": note.strip()[:1000]})
    return held


def _lock_waiting(message_id: int) -> QuarantinedMessage:
    held = QuarantinedMessage.objects.select_for_update().get(pk=message_id)
    if held.state != QuarantineState.WAITING:
        raise AlreadyDealtWith(f"This message was already {held.get_state_display().lower()}")
    return held


# ---- recovery ----------------------------------------------------------------------------------


def requeue_waiting_letters(*, waited_at_least: datetime.timedelta) -> int:
    """Queues reading again for letters still waiting to be read; the number queued.

    A worker killed mid-reading leaves its task marked running, and nothing picks it up again;
    its letter would show "being read" for ever. Run at every start of the task workers (and
    safe at any time): reading is done once per letter (``store_reading(only_if_waiting=True)``),
    so a letter queued twice is still read once, with no duplicate actions.
    """
    from .tasks import read_letter

    cutoff = timezone.now() - waited_at_least
    waiting = list(
        Letter.objects.filter(reading_state=ReadingState.WAITING, received_at__lte=cutoff).values_list("id", flat=True)
    )
    for letter_id in waiting:
        read_letter.enqueue(letter_id)
    return len(waiting)


def uploaded_letter_viewed(*, actor: Actor, letter: Letter) -> None:
    """The page confirming an upload shows the patient and the letter: audited as a view of it."""
    audit.record(actor=actor, action="letter.upload_viewed", obj=letter, patient_nhs_number=letter.patient.nhs_number)


def quarantined_message_viewed(*, actor: Actor, held: QuarantinedMessage, downloaded: bool = False) -> None:
    """A quarantined message is the whole letter as it arrived (patient details included): every view and
    download is audited. Its patient is not known for certain (that is often why it is held)."""
    audit.record(
        actor=actor,
        action="quarantined_message.downloaded" if downloaded else "quarantined_message.viewed",
        obj=held,
        details={"reason": held.reason[:200]},
    )


# Timeliness per trust and month: the counts behind the timeliness pages, kept as letters arrive.


def _month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


def _count_in_timeliness(letter: Letter) -> None:
    """Add one new letter to its trust's month. Call inside the transaction that stores the letter."""
    if letter.trust_id is None or not letter.timeliness_rule:
        return
    key = {"trust_id": letter.trust_id, "month": _month_of(letter.event_at), "rule": letter.timeliness_rule}
    on_time = 1 if letter.on_time else 0
    # UPDATE first: one statement, safe when several pollers add to the same month at once.
    if LetterTimelinessMonth.objects.filter(**key).update(total=F("total") + 1, on_time=F("on_time") + on_time):
        return
    try:
        with transaction.atomic():  # a savepoint: another poller may create the row first
            LetterTimelinessMonth.objects.create(**key, total=1, on_time=on_time)
    except IntegrityError:
        LetterTimelinessMonth.objects.filter(**key).update(total=F("total") + 1, on_time=F("on_time") + on_time)


def timeliness_rebuild() -> int:
    """Count every letter again (after a bulk load that bypassed intake). Returns the rows written."""
    rows = (
        Letter.objects.filter(trust__isnull=False)
        .exclude(timeliness_rule="")
        .annotate(month=TruncMonth("event_at"))
        .values("trust_id", "month", "timeliness_rule")
        .annotate(total=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
        .order_by()
    )
    months = [
        LetterTimelinessMonth(
            trust_id=row["trust_id"],
            month=row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"],
            rule=row["timeliness_rule"],
            total=row["total"],
            on_time=row["on_time"],
        )
        for row in rows
    ]
    with transaction.atomic():
        LetterTimelinessMonth.objects.all().delete()
        LetterTimelinessMonth.objects.bulk_create(months, batch_size=1000)
    return len(months)
