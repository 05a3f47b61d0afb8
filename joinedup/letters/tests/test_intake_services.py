"""Taking letters in: stored with timeliness and queued reading, or quarantined whole with the reason."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake import services
from joinedup.letters.models import Letter, LetterKind, QuarantinedMessage, QuarantineState, ReadingState

from .intake_helpers import EVENT, NHS_NUMBER, letter_bytes, register_patient

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE)
def test_a_good_message_becomes_a_read_letter_with_its_actions(icb: SeededDirectory) -> None:
    patient = register_patient(icb)
    result = services.take_in_mesh_message(
        content=letter_bytes(icb), mesh_message_id="M1", workflow_id="TOC_FHIR_IP_DISCH", sender="X26ABC1"
    )
    letter = result.letter
    assert letter is not None and result.quarantined is None
    letter.refresh_from_db()
    assert (letter.patient, letter.practice, letter.trust) == (patient, icb.practices[0], icb.trusts[0])
    assert letter.kind == LetterKind.DISCHARGE_SUMMARY
    assert letter.on_time is True and letter.timeliness_rule == "discharge_summary_24h"
    assert letter.reading_state == ReadingState.READ
    assert letter.actions.count() >= 1
    assert letter.action_count == letter.actions.count()


def test_with_the_database_backend_the_letter_waits_to_be_read(icb: SeededDirectory) -> None:
    from django_tasks_db.models import DBTaskResult

    register_patient(icb)
    letter = services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="M1").letter
    assert letter is not None
    assert letter.reading_state == ReadingState.WAITING
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [letter.id]


def test_the_same_message_twice_makes_one_letter(icb: SeededDirectory) -> None:
    register_patient(icb)
    first = services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="M1")
    again = services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="M1")
    assert again.duplicate and again.letter == first.letter
    assert Letter.objects.count() == 1


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("none", "Unknown patient"),
        ("elsewhere", "is not registered at"),
        ("bad_practice", "Unknown practice"),
        ("bad_json", "Bad JSON"),
    ],
)
def test_a_message_that_cannot_be_placed_is_quarantined_whole(icb: SeededDirectory, setup: str, reason: str) -> None:
    content = letter_bytes(icb)
    if setup == "elsewhere":
        register_patient(icb, practice_index=1)
    elif setup == "bad_practice":
        register_patient(icb)
        content = letter_bytes(icb, practice_ods="Z99999")
    elif setup == "bad_json":
        content = content[:-20]
    result = services.take_in_mesh_message(
        content=content, mesh_message_id="Q1", workflow_id="TOC_FHIR_IP_DISCH", sender="X26ABC1"
    )
    assert result.letter is None
    held = QuarantinedMessage.objects.get()
    assert reason in held.reason
    assert bytes(held.content) == content
    assert (held.mesh_message_id, held.sender, held.state) == ("Q1", "X26ABC1", QuarantineState.WAITING)
    assert not Letter.objects.exists()
    # A re-delivery does not make a second copy.
    services.take_in_mesh_message(content=content, mesh_message_id="Q1")
    assert QuarantinedMessage.objects.count() == 1


def test_retry_after_the_patient_is_registered_takes_the_letter_in(icb: SeededDirectory, actor_for) -> None:
    admin = actor_for("system_admin")
    services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="Q1", workflow_id="TOC_FHIR_IP_DISCH")
    held = QuarantinedMessage.objects.get()
    # Still unknown: the reason stays, the attempt is counted, nothing is lost.
    assert services.quarantine_retry(admin, held.id).letter is None
    held.refresh_from_db()
    assert held.attempts == 2 and held.state == QuarantineState.WAITING
    register_patient(icb)
    result = services.quarantine_retry(admin, held.id)
    held.refresh_from_db()
    assert result.letter is not None and held.letter == result.letter
    assert held.state == QuarantineState.TAKEN_IN and held.resolved_by == admin.person
    assert result.letter.mesh_message_id == "Q1"
    with pytest.raises(services.AlreadyDealtWith):
        services.quarantine_retry(admin, held.id)
    # A re-delivery of the message now finds the letter.
    again = services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="Q1")
    assert again.duplicate and Letter.objects.count() == 1


def test_dismiss_needs_a_note_and_keeps_the_message(icb: SeededDirectory, actor_for) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    admin = actor_for("system_admin")
    services.take_in_mesh_message(content=b"not json", mesh_message_id="Q1")
    held = QuarantinedMessage.objects.get()
    with pytest.raises(PermissionDenied):
        services.quarantine_dismiss(actor_for("consultant"), held.id, note="test")
    with pytest.raises(ValidationError):
        services.quarantine_dismiss(admin, held.id, note=" ")
    services.quarantine_dismiss(admin, held.id, note="A test message from the trust")
    held.refresh_from_db()
    assert held.state == QuarantineState.DISMISSED and bytes(held.content) == b"not json"


@pytest.mark.parametrize(
    ("kind", "delay", "on_time"),
    [
        (LetterKind.DISCHARGE_SUMMARY, datetime.timedelta(hours=24), True),
        (LetterKind.DISCHARGE_SUMMARY, datetime.timedelta(hours=24, minutes=1), False),
        (LetterKind.ED_LETTER, datetime.timedelta(hours=23), True),
        (LetterKind.ED_LETTER, datetime.timedelta(hours=25), False),
        # A clinic letter is counted in days from the clinic's date (its time is rarely given): the
        # clinic was at 15:00, so any time on the seventh day after it is in time, the eighth is late.
        (LetterKind.CLINIC_LETTER, datetime.timedelta(days=7, hours=8, minutes=59), True),
        (LetterKind.CLINIC_LETTER, datetime.timedelta(days=7, hours=9), False),
    ],
)
def test_timeliness_across_the_thresholds(kind: str, delay: datetime.timedelta, on_time: bool) -> None:
    rule, met = services.timeliness(kind, EVENT, EVENT + delay, EVENT + datetime.timedelta(days=30))
    assert met is on_time
    assert rule == ("clinic_letter_7_days" if kind == LetterKind.CLINIC_LETTER else "discharge_summary_24h")


def test_timeliness_uses_received_when_sent_is_unknown() -> None:
    assert services.timeliness(LetterKind.CLINIC_LETTER, EVENT, None, EVENT + datetime.timedelta(days=8))[1] is False
    assert services.timeliness(LetterKind.CLINIC_LETTER, EVENT, None, EVENT + datetime.timedelta(days=6))[1] is True


@override_settings(DISCHARGE_SUMMARY_HOURS=48, CLINIC_LETTER_DAYS=14)
def test_thresholds_come_from_settings() -> None:
    assert services.timeliness(LetterKind.DISCHARGE_SUMMARY, EVENT, EVENT + datetime.timedelta(hours=30), EVENT)[1]
    assert services.timeliness(LetterKind.CLINIC_LETTER, EVENT, EVENT + datetime.timedelta(days=10), EVENT)[1]


def test_nhs_number_in_the_letter_is_matched_exactly(icb: SeededDirectory) -> None:
    register_patient(icb)
    services.take_in_mesh_message(content=letter_bytes(icb, nhs_number="9990000026"), mesh_message_id="Q2")
    assert QuarantinedMessage.objects.get().reason.startswith("Unknown patient")
    assert NHS_NUMBER != "9990000026"


def test_intake_counts_each_letter_in_its_trusts_month_as_a_rebuild_would(icb: SeededDirectory) -> None:
    from joinedup.letters.intake import services as intake_services
    from joinedup.letters.models import LetterTimelinessMonth

    register_patient(icb)
    late = EVENT + datetime.timedelta(hours=30)
    for number, sent in enumerate([EVENT, EVENT, late]):
        services.take_in_mesh_message(content=letter_bytes(icb, sent_at=sent), mesh_message_id=f"T{number}")
    services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="T0")  # a re-delivery counts nothing
    counted = list(LetterTimelinessMonth.objects.values_list("trust_id", "month", "rule", "total", "on_time"))
    assert counted == [(icb.trusts[0].id, datetime.date(2026, 11, 1), "discharge_summary_24h", 3, 2)]
    intake_services.timeliness_rebuild()
    assert list(LetterTimelinessMonth.objects.values_list("trust_id", "month", "rule", "total", "on_time")) == counted


def test_an_uploaded_clinic_letter_without_a_time_gets_no_invented_time(icb: SeededDirectory, signed_in) -> None:
    """Issue 12, bug 11: a clinic letter without a time was given 09:00 and its timeliness counted from it."""
    register_patient(icb)
    page = (
        signed_in("consultant")
        .post(
            "/letters/upload/",
            {
                "pasted_text": "Dear Dr Hale, I saw Mrs Fenwick in clinic today.",
                "nhs_number": NHS_NUMBER,
                "kind": LetterKind.CLINIC_LETTER,
                "event_date_0": "2",
                "event_date_1": "11",
                "event_date_2": "2026",
            },
            follow=True,
        )
        .content.decode()
    )
    letter = Letter.objects.get()
    local = timezone.localtime(letter.event_at)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2026, 11, 2), 0, 0)
    assert "2 November 2026" in page and "09:00" not in page and "00:00" not in page


def test_an_empty_upload_form_names_everything_it_lacks_at_once(icb: SeededDirectory, signed_in) -> None:
    body = signed_in("consultant").post("/letters/upload/", {"title": ""}).content.decode()  # as a browser sends it
    for message in (
        "or paste its text",
        "Enter the patient",
        "Select the kind of letter",
        "Enter the date of the discharge or clinic",
    ):
        assert message in body
