"""Synthetic hospital letters: about 40 read letters for the demo practice, or a year of an ICB's letters.

Demo: letters to the demo practice (Z00001) from the first trust (RZ1), full texts written with
requests to the GP (some against RULES.md), each read by the reader now; some are late. A few
hundred older header-only letters from every trust give the timeliness pages a year to show,
and two quarantined messages show the quarantine.

ICB: a year of letters (about 3 million headers) with a few percent full texts; on PostgreSQL
written with COPY. Each trust has its own on-time rate, so the ICB's side-by-side view has a
story. Letters that share a scenario, sex and requests share everything from the diagnosis to the
signature (where every request is), so the reader runs once per such group and its findings are reused with the
offsets moved by the header's length (checked on every letter: each quote is its slice of the text).
"""

from __future__ import annotations

import datetime
import random
from array import array
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from joinedup.demo import bulk
from joinedup.demo.directory import SeededDirectory
from joinedup.directory.models import Organisation, Service
from joinedup.letters.intake import services as intake_services
from joinedup.letters.intake.documents import document_bytes
from joinedup.letters.intake.services import timeliness
from joinedup.letters.models import (
    WORKFLOW_KINDS,
    Letter,
    LetterAction,
    LetterKind,
    LetterSource,
    ReadingState,
)
from joinedup.letters.reader import READER_VERSION
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reading import store_reading
from joinedup.patients.models import Patient

from .letter_writer import SCENARIOS, Scenario, write_letter

KIND_WORKFLOW = {kind: workflow for workflow, kind in WORKFLOW_KINDS.items()}
# Share of letters on time, by trust (in directory order): most are on time, some trusts worse.
TRUST_ON_TIME = [0.91, 0.83, 0.95, 0.74, 0.87]
# A sustained shift for insights' charts (issue 13): the first trust's letters fall behind for the
# last seven months, so its clinic-letter and discharge-summary charts flag a special cause concern.
SHIFTED_TRUST, SHIFTED_ON_TIME, SHIFT_DAYS = 0, 0.35, 7 * 30.5
# A trend (issue 13): the second trust's letters get steadily better over the last eight months, from
# TRENDING_FROM to TRENDING_TO on time, so its charts flag a trend of seven rising; the third trust
# stays as it is (common cause only).
TRENDING_TRUST, TRENDING_FROM, TRENDING_TO, TREND_DAYS = 1, 0.62, 0.94, 8 * 30.5
STABLE_TRUST = 2
HISTORY_DAYS = 420  # the small demo's letters are sent up to this long ago: 13 months and more of chart points
CHARTED_MONTHS = 13  # the ICB-scale letters' events fill the 13 whole months before this one
LATEST_DELAY_DAYS = 46  # the longest a seeded letter takes to be sent (a late clinic letter, 45 days)


def on_time_share(trust_index: int, days_ago: float) -> float:
    if trust_index == SHIFTED_TRUST and days_ago < SHIFT_DAYS:
        return SHIFTED_ON_TIME
    if trust_index == TRENDING_TRUST:
        if days_ago >= TREND_DAYS:
            return TRENDING_FROM
        return TRENDING_FROM + (TRENDING_TO - TRENDING_FROM) * (1 - days_ago / TREND_DAYS)
    return TRUST_ON_TIME[trust_index % len(TRUST_ON_TIME)]


TRUST_WEIGHTS = [0.32, 0.24, 0.18, 0.14, 0.12]
KIND_WEIGHTS = {LetterKind.CLINIC_LETTER: 0.55, LetterKind.DISCHARGE_SUMMARY: 0.33, LetterKind.ED_LETTER: 0.12}
FULL_TEXT_SHARE = 0.03
LETTERS_PER_YEAR = 3_000_000


def seed_letters(*, directory: SeededDirectory, rng: random.Random, demo: bool) -> int:
    count = _seed_demo(directory, rng) if demo else _seed_icb(directory, rng)
    intake_services.timeliness_rebuild()  # the bulk loads bypass intake, which keeps these counts
    return count


# ---- timing ---------------------------------------------------------------------------------------


def _delay(rng: random.Random, kind: str, on_time: bool) -> datetime.timedelta:
    """How long after the discharge or clinic the letter was sent."""
    if kind == LetterKind.CLINIC_LETTER:
        days = rng.uniform(0.2, 6.9) if on_time else rng.choice([rng.uniform(7.1, 14), rng.uniform(14, 45)])
        return datetime.timedelta(days=days)
    hours = rng.uniform(0.5, 23.5) if on_time else rng.choice([rng.uniform(24.5, 72), rng.uniform(72, 24 * 12)])
    return datetime.timedelta(hours=hours)


# ---- demo ------------------------------------------------------------------------------------------


def _seed_demo(directory: SeededDirectory, rng: random.Random) -> int:
    practice = directory.practices[0]
    trust = directory.trusts[0]
    patients = list(Patient.objects.filter(registered_practice=practice).order_by("id")[:60])
    services = {s.name: s for s in Service.objects.filter(trust=trust)}
    now = timezone.now()
    letter_ids = []
    with transaction.atomic():
        for index in range(40):
            scenario = SCENARIOS[index % len(SCENARIOS)]
            patient = patients[index % len(patients)]
            on_time = index % 4 != 3  # one in four late
            sent_at = now - datetime.timedelta(days=rng.uniform(0, 35), minutes=rng.randint(0, 600))
            event_at = sent_at - _delay(rng, scenario.kind, on_time)
            received_at = min(now, sent_at + datetime.timedelta(minutes=rng.randint(1, 20)))
            written = write_letter(
                rng,
                scenario=scenario,
                trust_name=trust.name,
                practice_name=practice.name,
                given=patient.given_name,
                family=patient.family_name,
                nhs_number=patient.nhs_number,
                female=index % 2 == 0,
                event_at=event_at,
                inappropriate=rng.choice([0, 1, 1, 2]),
            )
            rule, met = timeliness(scenario.kind, event_at, sent_at, received_at)
            letter = Letter.objects.create(
                patient=patient,
                practice=practice,
                trust=trust,
                service=services.get(scenario.service),
                kind=scenario.kind,
                title=scenario.title,
                author=written.author,
                source=LetterSource.SEED,
                workflow_id=KIND_WORKFLOW[scenario.kind],
                event_at=event_at,
                sent_at=sent_at,
                received_at=received_at,
                timeliness_rule=rule,
                on_time=met,
                text=written.text,
                # The oldest third has been dealt with; the rest waits in the practice's inbox.
                filed_at=received_at + datetime.timedelta(days=2)
                if now - received_at > datetime.timedelta(days=24)
                else None,
            )
            letter_ids.append(letter.id)
        history = _demo_history(directory, rng, now)
        _demo_quarantine(directory, rng)
    for letter_id in letter_ids:
        store_reading(letter_id)  # the same reader and storage as background work uses
    return len(letter_ids) + history


def _demo_history(directory: SeededDirectory, rng: random.Random, now: datetime.datetime) -> int:
    """Older header-only letters from every trust, so timeliness has a year to show."""
    patients = list(Patient.objects.select_related("registered_practice").order_by("id")[:300])
    letters = []
    for _ in range(900):
        trust_index = rng.randrange(len(directory.trusts))
        trust = directory.trusts[trust_index]
        patient = rng.choice(patients)
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        days_ago = rng.uniform(36, HISTORY_DAYS)
        on_time = rng.random() < on_time_share(trust_index, days_ago)
        sent_at = now - datetime.timedelta(days=days_ago)
        event_at = sent_at - _delay(rng, kind, on_time)
        received_at = sent_at + datetime.timedelta(minutes=rng.randint(1, 30))
        rule, met = timeliness(kind, event_at, sent_at, received_at)
        letters.append(
            Letter(
                patient=patient,
                practice=patient.registered_practice,
                trust=trust,
                kind=kind,
                title=LetterKind(kind).label,
                source=LetterSource.SEED,
                workflow_id=KIND_WORKFLOW[kind],
                event_at=event_at,
                sent_at=sent_at,
                received_at=received_at,
                timeliness_rule=rule,
                on_time=met,
                reading_state=ReadingState.NO_TEXT,
                filed_at=received_at + datetime.timedelta(days=1),
            )
        )
    Letter.objects.bulk_create(letters, batch_size=500)
    return len(letters)


def _demo_quarantine(directory: SeededDirectory, rng: random.Random) -> None:
    """Two messages that could not be taken in, quarantined by the same code MESH intake uses."""
    from joinedup.letters.intake.services import take_in_mesh_message

    event = timezone.now() - datetime.timedelta(days=1)
    unknown_patient = document_bytes(
        nhs_number="9999999998",  # the end of the test range: no seeded patient has it
        practice_ods=directory.practices[0].ods_code,
        trust_ods=directory.trusts[0].ods_code,
        event_at=event,
        sent_at=event + datetime.timedelta(hours=4),
    )
    broken = b'{"resourceType": "Bundle", "type": "document", "entry": ['
    for number, (content, workflow) in enumerate(
        [(unknown_patient, "TOC_FHIR_IP_DISCH"), (broken, "TOC_FHIR_OP_ATTEN")], start=1
    ):
        take_in_mesh_message(
            content=content,
            mesh_message_id=f"DEMO-QUARANTINE-{number}",
            workflow_id=workflow,
            sender="X26ABC1",
            filename=f"DEMO-QUARANTINE-{number}.dat",
        )


# ---- ICB -------------------------------------------------------------------------------------------

LETTER_COLUMNS = (
    "id",
    "patient_id",
    "practice_id",
    "trust_id",
    "service_id",
    "kind",
    "title",
    "author",
    "source",
    "mesh_message_id",
    "workflow_id",
    "event_at",
    "sent_at",
    "received_at",
    "timeliness_rule",
    "on_time",
    "text",
    "original_filename",
    "original_content_type",
    "reading_state",
    "reading_error",
    "read_at",
    "action_count",
    "inappropriate_count",
    "filed_at",
    "filed_by_id",
    "version",
    "reader_version",
)
ACTION_COLUMNS = (
    "letter_id",
    "origin",
    "quote",
    "start",
    "end",
    "category",
    "verdict",
    "rule",
    "reason",
    "added_by_id",
    "created_at",
)


@dataclass(frozen=True)
class _Reading:
    """The reader's findings for one shared letter body, with offsets from the body's start."""

    actions: list[tuple[int, int, str, str, str, str, str]]
    inappropriate: int


def _seed_icb(directory: SeededDirectory, rng: random.Random) -> int:
    if connection.vendor != "postgresql":
        raise RuntimeError("The ICB-scale letters are written with COPY: use PostgreSQL")
    patient_ids, practice_ids = array("q"), array("q")
    for patient_id, practice_id in (
        Patient.objects.order_by("id").values_list("id", "registered_practice_id").iterator(chunk_size=50_000)
    ):
        patient_ids.append(patient_id)
        practice_ids.append(practice_id)
    # Full-text letters go to a random sample of patients whose names are fetched first: no
    # query may run on the connection while COPY is writing.
    sample = rng.sample(range(len(patient_ids)), k=min(len(patient_ids), 60_000))
    named = {
        pid: (given, family, nhs)
        for pid, given, family, nhs in Patient.objects.filter(id__in=[patient_ids[i] for i in sample]).values_list(
            "id", "given_name", "family_name", "nhs_number"
        )
    }
    _NAMES.clear()
    _NAMES.update(named)
    trusts = directory.trusts
    services = {t.id: list(Service.objects.filter(trust=t).values_list("id", "name")) for t in trusts}
    first_id = (Letter.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    actions: list[tuple] = []
    rows = _icb_rows(rng, trusts, services, patient_ids, practice_ids, sample, first_id, actions)
    with transaction.atomic(), bulk.without_indexes(Letter, LetterAction):
        count = bulk.write_rows(Letter, LETTER_COLUMNS, rows)
        bulk.write_rows(LetterAction, ACTION_COLUMNS, actions)
    return count


def _whole_months_back(now: datetime.datetime, months: int) -> datetime.datetime:
    """Midnight (local time) on the first day of the month ``months`` before the one ``now`` falls in."""
    month_start = timezone.localtime(now).date().replace(day=1)
    total = month_start.year * 12 + month_start.month - 1 - months
    first = datetime.date(total // 12, total % 12 + 1, 1)
    return timezone.make_aware(datetime.datetime.combine(first, datetime.time()))


def _icb_rows(
    rng: random.Random,
    trusts: list[Organisation],
    services: dict[int, list[tuple[int, str]]],
    patient_ids: array,
    practice_ids: array,
    sample: list[int],
    first_id: int,
    actions: list[tuple],
) -> Iterator[tuple]:
    """One row per letter. Written for speed (3 million rows): cumulative weights, plain floats, no lookups."""
    now = timezone.now()
    kinds = list(KIND_WEIGHTS)
    kind_cumulative = list(accumulate(KIND_WEIGHTS.values()))
    trust_cumulative = list(accumulate(TRUST_WEIGHTS[: len(trusts)]))
    readings: dict[tuple, _Reading] = {}
    patients = len(patient_ids)
    scenarios_by_kind = {kind: [s for s in SCENARIOS if s.kind == kind] for kind in kinds}
    rules = {kind: timeliness(kind, now, now, now)[0] for kind in kinds}
    limits = {
        kind: datetime.timedelta(days=settings.CLINIC_LETTER_DAYS)
        if kind == LetterKind.CLINIC_LETTER
        else datetime.timedelta(hours=settings.DISCHARGE_SUMMARY_HOURS)
        for kind in kinds
    }
    labels = {kind: str(LetterKind(kind).label) for kind in kinds}
    workflows = {kind: KIND_WORKFLOW[kind] for kind in kinds}
    service_ids = {trust.id: [service_id for service_id, _ in services[trust.id]] for trust in trusts}
    filed_before = now - datetime.timedelta(days=14)
    source = LetterSource.SEED.value
    random_, uniform, randrange = rng.random, rng.uniform, rng.randrange
    timedelta = datetime.timedelta
    # Letters are sent over the window and the longest delay before it, but only those whose discharge or clinic
    # falls in the window are kept: otherwise the first month would hold only the late letters of events before it.
    # The window opens on a month's first day, as a part month is a few days' letters and charts as noise.
    window_start = _whole_months_back(now, CHARTED_MONTHS)
    sending_days = (now - window_start) / timedelta(days=1) + LATEST_DELAY_DAYS
    offset = -1
    while offset < LETTERS_PER_YEAR - 1:
        trust_index = bisect(trust_cumulative, random_() * trust_cumulative[-1])
        trust = trusts[trust_index]
        kind = kinds[bisect(kind_cumulative, random_() * kind_cumulative[-1])]
        seconds_ago = uniform(0, sending_days * 86400)
        on_time = random_() < on_time_share(trust_index, seconds_ago / 86400)
        sent_at = now - timedelta(seconds=seconds_ago)
        delay = _delay(rng, kind, on_time)
        event_at = sent_at - delay
        if event_at < window_start:
            continue
        offset += 1
        letter_id = first_id + offset
        which = randrange(patients)
        received_at = sent_at + timedelta(seconds=uniform(20, 1800))
        trust_services = service_ids[trust.id]
        service_id = trust_services[randrange(len(trust_services))]
        filed_at = received_at + timedelta(hours=uniform(2, 96)) if received_at < filed_before else None
        text, author, title, state, read_at, action_count, inappropriate = "", "", labels[kind], "no_text", None, 0, 0
        if random_() < FULL_TEXT_SHARE:
            which = sample[randrange(len(sample))]
            scenario = rng.choice(scenarios_by_kind[kind])
            text, author, title, action_count, inappropriate = _full_text(
                rng, scenario, trust, letter_id, event_at, patient_ids[which], readings, actions, received_at
            )
            state, read_at = "read", received_at + timedelta(seconds=uniform(1, 30))
        yield (
            letter_id,
            patient_ids[which],
            practice_ids[which],
            trust.id,
            service_id,
            kind,
            title,
            author,
            source,
            None,
            workflows[kind],
            event_at,
            sent_at,
            received_at,
            rules[kind],
            delay <= limits[kind],  # as services.timeliness, inlined for speed
            text,
            "",
            "",
            state,
            "",
            read_at,
            action_count,
            inappropriate,
            filed_at,
            None,
            1,
            READER_VERSION if state == "read" else 0,  # read at seed time by this reader
        )


_NAMES: dict[int, tuple[str, str, str]] = {}  # given, family, NHS number of the sampled patients


def _patient_name(patient_id: int) -> tuple[str, str, str]:
    return _NAMES[patient_id]


def _full_text(
    rng: random.Random,
    scenario: Scenario,
    trust: Organisation,
    letter_id: int,
    event_at: datetime.datetime,
    patient_id: int,
    readings: dict[tuple, _Reading],
    actions: list[tuple],
    received_at: datetime.datetime,
) -> tuple[str, str, str, int, int]:
    given, family, nhs_number = _patient_name(patient_id)
    female = rng.random() < 0.5
    written = write_letter(
        rng,
        scenario=scenario,
        trust_name=trust.name,
        practice_name="the practice",
        given=given,
        family=family,
        nhs_number=nhs_number,
        female=female,
        event_at=event_at,
        inappropriate=rng.choice([0, 0, 1, 1, 2]),
    )
    key = (scenario.title, female, written.requests)
    reading = readings.get(key)
    if reading is None:
        found = read_letter(written.text, scenario.kind)
        reading = readings[key] = _Reading(
            actions=[
                (
                    a.start - written.body_start,
                    a.end - written.body_start,
                    a.quote,
                    a.category,
                    a.verdict,
                    a.rule or "",
                    a.reason,
                )
                for a in found
            ],
            inappropriate=sum(a.verdict == "inappropriate" for a in found),
        )
    for start, end, quote, category, verdict, rule, reason in reading.actions:
        start, end = start + written.body_start, end + written.body_start
        if written.text[start:end] != quote:  # the shared body is not what was read: never store a wrong quote
            raise RuntimeError(f"seed: reused reading does not match letter {letter_id}")
        actions.append((letter_id, "reader", quote, start, end, category, verdict, rule, reason, None, received_at))
    return written.text, written.author, scenario.title, len(reading.actions), reading.inappropriate
