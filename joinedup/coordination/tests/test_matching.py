"""Matching on its own: plain facts in, ranked services with reasons out (no database)."""

from __future__ import annotations

import datetime

from joinedup.coordination.matching import (
    Case,
    Exception_,
    Hours,
    ServiceFacts,
    match_services,
    opening,
    postcode_district,
)

WEDNESDAY_NOON = datetime.datetime(2026, 12, 2, 12, 0)
ALL_WEEK = tuple(Hours(day, datetime.time(8), datetime.time(20)) for day in range(7))
ALL_DAY = tuple(Hours(day, datetime.time(0), datetime.time(0)) for day in range(7))


def service(id: int, name: str, kind: str, **facts: object) -> ServiceFacts:
    base: dict[str, object] = {
        "kind_label": kind,
        "organisation": "Pellbridge Community Health",
        "practices": frozenset({"Z00001"}),
        "hours": ALL_DAY,
        "response_minutes": 120,
    }
    base.update(facts)
    return ServiceFacts(id=id, name=name, kind=kind, **base)  # type: ignore[arg-type]


def fall_in_care_home(**changes: object) -> Case:
    fields: dict[str, object] = {
        "age": 87,
        "problem": "fall",
        "problem_label": "Fall",
        "place": "care_home",
        "practice_ods": "Z00001",
        "practice_name": "Millbrook Surgery",
        "urgency": "two_hours",
    }
    fields.update(changes)
    return Case(**fields)  # type: ignore[arg-type]


def reasons(match: object) -> dict[str, tuple[bool, str]]:
    return {r.what: (r.ok, r.text) for r in match.reasons}  # type: ignore[attr-defined]


def test_a_fall_ranks_the_falls_service_before_ucr_and_says_why_each_fits() -> None:
    found = match_services(
        [
            service(1, "Urgent Community Response", "ucr"),
            service(2, "Falls Response", "falls", accepted_problems=frozenset({"fall"})),
        ],
        fall_in_care_home(),
        WEDNESDAY_NOON,
    )
    assert [m.service.name for m in found] == ["Falls Response", "Urgent Community Response"]
    assert all(m.fits for m in found)
    assert reasons(found[0]) == {
        "eligible": (True, "Eligible: takes fall, aged 87, care home residents"),
        "open": (True, "Open now, 24 hours"),
        "covers": (True, "Covers Millbrook Surgery's patients"),
        "capacity": (True, "Capacity today: open"),
        "response": (True, "Responds within 2 hours"),
    }


def test_a_closed_service_is_shown_as_closed_after_those_that_fit() -> None:
    closed_today = Exception_(datetime.date(2026, 12, 1), datetime.date(2026, 12, 3), closed=True)
    found = match_services(
        [service(1, "Virtual Ward", "ucr", exceptions=(closed_today,)), service(2, "Urgent Community Response", "ucr")],
        fall_in_care_home(),
        WEDNESDAY_NOON,
    )
    assert [m.service.name for m in found] == ["Urgent Community Response", "Virtual Ward"]
    ward = found[1]
    assert ward.closed and not ward.fits
    assert reasons(ward)["open"] == (False, "Closed now: opens Friday at 00:00")


def test_a_full_service_does_not_fit_and_limited_ranks_after_open() -> None:
    found = match_services(
        [
            service(1, "A full UCR", "ucr", capacity="full", capacity_note="No staff"),
            service(2, "B limited UCR", "ucr", capacity="limited"),
            service(3, "C open UCR", "ucr"),
        ],
        fall_in_care_home(),
        WEDNESDAY_NOON,
    )
    assert [(m.service.name, m.fits) for m in found] == [
        ("C open UCR", True),
        ("B limited UCR", True),
        ("A full UCR", False),
    ]
    assert reasons(found[2])["capacity"] == (False, "Full today (No staff)")


def test_eligibility_names_every_reason_a_patient_is_not_taken() -> None:
    ari = service(
        1,
        "ARI hub",
        "ari_hub",
        minimum_age=18,
        maximum_age=65,
        accepted_problems=frozenset({"breathlessness"}),
        takes_care_home_residents=False,
    )
    [match] = match_services([ari], fall_in_care_home(), WEDNESDAY_NOON)
    ok, text = reasons(match)["eligible"]
    assert not ok
    assert text == (
        "Not eligible: takes people aged up to 65 (the patient is 87); does not take fall; "
        "does not take care home residents"
    )


def test_coverage_by_practice_or_by_the_postcode_district_where_the_patient_is() -> None:
    pb1 = service(1, "Postcode UCR", "ucr", practices=frozenset(), postcode_districts=frozenset({"PB1"}))
    [elsewhere] = match_services([pb1], fall_in_care_home(), WEDNESDAY_NOON)
    assert reasons(elsewhere)["covers"] == (False, "Does not cover Millbrook Surgery's patients")
    [here] = match_services([pb1], fall_in_care_home(postcode_district=postcode_district("pb1 4xy")), WEDNESDAY_NOON)
    assert reasons(here)["covers"] == (True, "Covers postcode district PB1")


def test_a_two_hour_escalation_needs_a_two_hour_response_and_same_day_does_not() -> None:
    slow = service(1, "SDEC", "sdec", response_minutes=None)
    [urgent] = match_services([slow], fall_in_care_home(), WEDNESDAY_NOON)
    assert reasons(urgent)["response"] == (False, "Does not promise a response within 2 hours")
    [same_day] = match_services([slow], fall_in_care_home(urgency="same_day"), WEDNESDAY_NOON)
    assert same_day.fits


def test_opening_hours_across_midnight_and_until_the_next_opening() -> None:
    nights = service(1, "Night UCR", "ucr", hours=(Hours(2, datetime.time(20), datetime.time(8)),))
    assert opening(nights, datetime.datetime(2026, 12, 3, 6, 30)).text == "Open now until 08:00"  # Wednesday night
    assert opening(nights, WEDNESDAY_NOON).text == "Closed now: opens today at 20:00"
    days = service(2, "Day falls", "falls", hours=ALL_WEEK)
    assert opening(days, datetime.datetime(2026, 12, 2, 21, 0)).text == "Closed now: opens tomorrow at 08:00"
    assert opening(days, datetime.datetime(2026, 12, 2, 19, 59)).text == "Open now until 20:00"
    assert opening(service(3, "Never", "ucr", hours=()), WEDNESDAY_NOON).text == (
        "Closed now: no opening hours in the next week"
    )


def test_postcode_districts() -> None:
    assert postcode_district("PB1 4XY") == "PB1"
    assert postcode_district("sw1a1aa") == "SW1A"
    assert postcode_district("PB1") == "PB1"
    assert postcode_district("") == ""


def test_capacity_not_updated_today_is_said_and_ranks_after_open_today() -> None:
    yesterday = WEDNESDAY_NOON.date() - datetime.timedelta(days=1)
    found = match_services(
        [
            service(1, "A UCR full yesterday", "ucr", capacity="full", capacity_on=yesterday),
            service(2, "B UCR open today", "ucr", capacity="open", capacity_on=WEDNESDAY_NOON.date()),
        ],
        fall_in_care_home(),
        WEDNESDAY_NOON,
    )
    assert [(m.service.name, m.fits) for m in found] == [("B UCR open today", True), ("A UCR full yesterday", True)]
    assert reasons(found[1])["capacity"] == (True, "Capacity not updated today (on 1 December it was full)")
