from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from joinedup.directory import services
from joinedup.directory.models import Service


def _update(actor, service: Service, version: int, weeks: int = 9) -> Service:
    return services.service_update(
        actor=actor,
        service=service,
        expected_version=version,
        indicative_wait_weeks=weeks,
        capacity_status="limited",
        takes_referrals=True,
        takes_advice_and_guidance=False,
    )


def test_a_trust_cannot_change_another_trusts_service(icb, actor_for) -> None:
    other = Service.objects.filter(trust=icb.trusts[1]).earliest("id")
    with pytest.raises(ValidationError, match="your own trust"):
        _update(actor_for("triage_admin"), other, other.version)


def test_an_unknown_capacity_status_is_refused(icb, actor_for) -> None:
    service = Service.objects.filter(trust=icb.trusts[0]).earliest("id")
    with pytest.raises(ValidationError):
        services.service_update(
            actor=actor_for("triage_admin"),
            service=service,
            expected_version=service.version,
            indicative_wait_weeks=3,
            capacity_status="bursting",
            takes_referrals=True,
            takes_advice_and_guidance=True,
        )


def test_a_contact_point_is_checked_by_the_service_too(icb, actor_for) -> None:
    """Decision 0023: the phone patients dial must be a UK number, the email an address; nothing half-saved."""
    service = Service.objects.filter(trust=icb.trusts[0]).earliest("id")
    common = {
        "actor": actor_for("triage_admin"),
        "service": service,
        "expected_version": service.version,
        "indicative_wait_weeks": 5,
        "capacity_status": "normal",
        "takes_referrals": True,
        "takes_advice_and_guidance": True,
    }
    with pytest.raises(ValidationError) as refused:
        services.service_update(**common, phone="999", email="nobody", hours="x" * 201)
    assert set(refused.value.message_dict) == {"phone", "email", "hours"}
    service.refresh_from_db()
    assert service.version == common["expected_version"]
    updated = services.service_update(
        **common, phone=" 01632 960 555 ", email="clinic@joinedup.example", hours="9 to 5"
    )
    assert (updated.phone, updated.email, updated.hours) == ("01632 960 555", "clinic@joinedup.example", "9 to 5")
    assert updated.has_contact_point
