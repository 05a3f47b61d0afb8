"""The urgent services directory in and out as Open Referral UK JSON: all or nothing, every error named."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from joinedup.audit.models import AuditEvent
from joinedup.coordination import oruk, selectors, services
from joinedup.coordination.models import ServiceArea, ServiceSchedule, UrgentService
from joinedup.coordination.tests.helpers import community_provider, directory_file, load_directory


def normalised(value: Any) -> Any:
    """Equivalent JSON compares equal: lists of objects with ids in id order."""
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [normalised(item) for item in value]
        if all(isinstance(item, dict) and "id" in item for item in items):
            return sorted(items, key=lambda item: item["id"])
        return items
    return value


def test_a_good_file_imports_and_exports_back_to_equivalent_json(icb, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    original = directory_file(icb)
    load_directory(icb, hub, original)
    assert UrgentService.objects.count() == 5
    falls = UrgentService.objects.get(oruk_id="falls")
    assert (falls.kind, falls.minimum_age, falls.accepted_problems, falls.response_minutes) == (
        "falls",
        65,
        ["fall", "reduced_mobility"],
        120,
    )
    assert ServiceSchedule.objects.filter(service=falls, weekday__isnull=False).count() == 7
    exported = oruk.directory_json(list(selectors.icb_services(hub)))
    assert normalised(json.loads(json.dumps(exported))) == normalised(original)


def test_importing_the_same_file_again_updates_in_place(icb, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    load_directory(icb, hub)
    changed = directory_file(icb)
    changed["services"][0]["name"] = "Pellbridge UCR (renamed)"
    changed["services"][0]["service_areas"] = changed["services"][0]["service_areas"][:1]
    load_directory(icb, hub, changed)
    ucr = UrgentService.objects.get(oruk_id="ucr")
    assert ucr.name == "Pellbridge UCR (renamed)"
    assert ServiceArea.objects.filter(service=ucr).count() == 1
    assert UrgentService.objects.count() == 5


def test_a_file_with_one_bad_service_is_refused_with_the_error_named_and_nothing_imported(icb, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    community_provider(icb)
    bad = directory_file(icb)
    bad["services"][1]["schedules"][0]["closes_at"] = "25:00"
    before = AuditEvent.objects.count()
    with pytest.raises(oruk.DirectoryErrors) as refused:
        services.directory_import(actor=hub, data=bad)
    assert refused.value.errors == [
        "services[1] \"Pellbridge Falls Response\": schedules[0]: closes_at must be a time like 08:00 (got '25:00')"
    ]
    assert UrgentService.objects.count() == 0
    assert ServiceSchedule.objects.count() == 0
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda f: f["services"][0].update(name=""), "services[0]: name is missing"),
        (
            lambda f: f["services"][0]["attributes"][0]["taxonomy_term"].update(code="ambulance"),
            "needs one 'kind' attribute",
        ),
        (
            lambda f: f["services"][0].update(minimum_age=10**20),
            "minimum_age must be a whole number of years from 0 to 130",
        ),
        (lambda f: f["services"][0].update(description="a\x00b"), "description contains a NUL character"),
        (lambda f: f["services"][0]["service_areas"][0].update(extent="PB 1 9"), "is not a practice's ODS code"),
        (lambda f: f["services"][0]["schedules"][0].update(byday="MONDAY"), "byday must list days like MO,TU,WE"),
        (lambda f: f["services"][1].update(id="ucr"), "id 'ucr' is used twice"),
        (
            lambda f: f["services"][0].update(organization_id="ods:ZZZ"),
            "organization_id 'ods:ZZZ' is not one of the file's organizations",
        ),
        (
            lambda f: f["organizations"][0]["organization_identifiers"][0].update(identifier="RZ9"),
            "ODS code RZ9 is not an organisation in your ICB",
        ),
        (lambda f: f["services"][0]["attributes"].append({"link_type": "response_minutes", "value": "١٢٠"}), None),
    ],
)
def test_each_kind_of_bad_service_is_named(icb, actor_for, change, error) -> None:
    hub = actor_for("hub_coordinator")
    community_provider(icb)
    bad = copy.deepcopy(directory_file(icb))
    change(bad)
    if error is None:  # a second response_minutes is ignored; the first (120) stands
        services.directory_import(actor=hub, data=bad)
        assert UrgentService.objects.get(oruk_id="ucr").response_minutes == 120
        return
    with pytest.raises(oruk.DirectoryErrors) as refused:
        services.directory_import(actor=hub, data=bad)
    assert any(error in message for message in refused.value.errors), refused.value.errors
    assert UrgentService.objects.count() == 0


def test_non_ascii_digits_in_response_minutes_are_refused(icb, actor_for) -> None:
    community_provider(icb)
    bad = directory_file(icb)
    attrs = bad["services"][0]["attributes"]
    next(a for a in attrs if a["link_type"] == "response_minutes")["value"] = "١٢٠"
    with pytest.raises(oruk.DirectoryErrors) as refused:
        services.directory_import(actor=actor_for("hub_coordinator"), data=bad)
    assert refused.value.errors == [
        'services[0] "Pellbridge Urgent Community Response": response_minutes must be a number of minutes from 1 to 10080'
    ]


def test_not_an_object_or_empty_is_refused(icb, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    for data, message in (([], "The file must be a JSON object"), ({"services": []}, "The file has no services")):
        with pytest.raises(oruk.DirectoryErrors) as refused:
            services.directory_import(actor=hub, data=data)
        assert refused.value.errors[0].startswith(message)
