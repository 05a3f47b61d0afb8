"""export_answered_letters: the practice's answers as gold, measured with the reader's own --evaluate."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.letters.inbox import services
from joinedup.letters.inbox.tests.helpers import CHASE, CHECK, MISSED, START, make_letter
from joinedup.letters.reader.cli import main as reader_main
from joinedup.letters.reader.evaluate import score_records

DAY = datetime.datetime(2026, 3, 10, 11, 0, tzinfo=datetime.UTC)


def _answer(gp, letter, quote: str, outcome: str) -> None:
    services.give_feedback(
        actor=gp, letter_id=letter.id, action_id=letter.actions.get(quote=quote).id, outcome=outcome, note="n"
    )


@pytest.fixture
def seeded(icb, actor_for):
    gp = actor_for("gp_clinician")
    practice, other, trust = icb.practices[0], icb.practices[1], icb.trusts[0]
    full = make_letter(practice, trust, received_at=DAY)
    _answer(gp, full, CHASE, "wrong_verdict")  # the reader flagged it; the practice says it is theirs
    _answer(gp, full, CHECK, "done")
    _answer(gp, full, START, "not_an_action")
    services.add_missed_action(actor=gp, letter_id=full.id, quote=MISSED, category="monitoring", verdict="appropriate")
    partly = make_letter(practice, trust, received_at=DAY)
    _answer(gp, partly, CHECK, "done")
    later = make_letter(practice, trust, received_at=DAY + datetime.timedelta(days=40))
    for quote in (CHASE, CHECK, START):
        _answer(gp, later, quote, "done")
    return {"full": full, "partly": partly, "later": later, "practice": practice, "other": other, "gp": gp}


def _export(tmp_path, *extra: str) -> list[dict]:
    out = tmp_path / "answered.json"
    call_command(
        "export_answered_letters",
        "--since",
        "2026-03-01",
        "--until",
        "2026-03-31",
        "--output",
        str(out),
        *extra,
        verbosity=0,
    )
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_only_fully_answered_letters_of_the_period_are_exported_with_the_answers_as_gold(seeded, tmp_path) -> None:
    records = _export(tmp_path)
    assert [r["id"] for r in records] == [f"letter-{seeded['full'].id}"]
    record = records[0]
    assert record["text"] == seeded["full"].text
    assert record["doc_type"] == "clinic_letter" and record["event_date"] and record["sent_date"]
    gold = {g["quote"]: g for g in record["gold"]}
    assert set(gold) == {CHASE, CHECK, MISSED}  # "not an action" has no gold
    assert (gold[CHASE]["verdict"], gold[CHASE]["rule"]) == ("appropriate", None)
    assert (gold[CHECK]["category"], gold[CHECK]["verdict"]) == ("monitoring", "appropriate")
    assert gold[MISSED]["answer"] == "missed"
    for entry in record["gold"]:
        assert entry["quote"] in record["text"]


@pytest.mark.django_db
def test_evaluating_the_export_counts_the_practices_corrections(seeded, tmp_path, capsys) -> None:
    records = _export(tmp_path)
    report = score_records(records)
    # Found and confirmed: CHASE and CHECK; START is not an action (a false positive); MISSED was missed.
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (2, 1, 1)
    # The flag on CHASE the practice rejected is a false flag, and no flag was missed.
    assert (report.flag.tp, report.flag.fp, report.flag.fn) == (0, 1, 0)
    assert reader_main(["--evaluate", str(tmp_path / "answered.json")]) == 0
    printed = capsys.readouterr().out
    assert "1 letters, 3 gold actions, 3 predicted" in printed


@pytest.mark.django_db
def test_a_missed_flag_and_a_wrong_category_count_against_the_reader(icb, actor_for, tmp_path) -> None:
    gp = actor_for("gp_clinician")
    letter = make_letter(icb.practices[0], icb.trusts[0], received_at=DAY)
    _answer(gp, letter, CHASE, "done")
    _answer(gp, letter, CHECK, "wrong_verdict")  # the practice says checking U&Es here is the hospital's
    _answer(gp, letter, START, "wrong_category")
    report = score_records(_export(tmp_path))
    assert (report.flag.tp, report.flag.fp, report.flag.fn) == (1, 0, 1)
    assert (report.category_right, report.matched) == (2, 3)


@pytest.mark.django_db
def test_the_practice_filter_and_the_audit(seeded, tmp_path) -> None:
    assert _export(tmp_path, "--practice", seeded["other"].ods_code) == []
    assert len(_export(tmp_path, "--practice", seeded["practice"].ods_code.lower())) == 1
    events = AuditEvent.objects.filter(action="letters.answered_exported").order_by("id")
    assert [e.details["count"] for e in events] == [0, 1]
    assert events[1].details["letters"] == [seeded["full"].id]
    assert events[1].details["practice"] == seeded["practice"].ods_code


@pytest.mark.django_db
def test_bad_arguments_get_a_clear_message(seeded, tmp_path) -> None:
    out = str(tmp_path / "x.json")
    for args, message in (
        (["--since", "2026-13-01", "--until", "2026-03-31"], "not a date"),
        (["--since", "2026-03-31", "--until", "2026-03-01"], "before"),
        (["--since", "2026-03-01", "--until", "2026-03-31", "--practice", "ZZZ999"], "no GP practice"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("export_answered_letters", *args, "--output", out, verbosity=0)
    assert not AuditEvent.objects.filter(action="letters.answered_exported").exists()


@pytest.mark.django_db
def test_a_filed_letter_with_no_actions_is_exported_as_nothing_to_do(icb, tmp_path) -> None:
    quiet = make_letter(icb.practices[0], icb.trusts[0], received_at=DAY, text="Dear Dr Hale\n\nAll well.\n")
    assert _export(tmp_path) == []
    quiet.filed_at = timezone.now()
    quiet.save(update_fields=["filed_at"])
    records = _export(tmp_path)
    assert [(r["id"], r["gold"]) for r in records] == [(f"letter-{quiet.id}", [])]
