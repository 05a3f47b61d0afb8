from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from joinedup.audit.models import AuditEvent
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


def test_triage_admin_changes_their_own_service_with_audit(icb, actor_for) -> None:
    service = Service.objects.filter(trust=icb.trusts[0]).earliest("id")
    updated = _update(actor_for("triage_admin"), service, service.version)
    assert (updated.indicative_wait_weeks, updated.capacity_status, updated.version) == (9, "limited", 2)
    assert AuditEvent.objects.get(action="service.updated").details["capacity_status"] == "limited"


def test_a_second_editor_working_from_an_old_version_is_refused(icb, actor_for) -> None:
    """Two people change the same service: the second is told, and the first change stands."""
    service = Service.objects.filter(trust=icb.trusts[0]).earliest("id")
    opened_version = service.version
    _update(actor_for("triage_admin"), service, opened_version, weeks=5)
    with pytest.raises(services.StaleEdit):
        _update(actor_for("trust_interface_lead"), Service.objects.get(id=service.id), opened_version, weeks=30)
    service.refresh_from_db()
    assert service.indicative_wait_weeks == 5
    assert AuditEvent.objects.filter(action="service.updated").count() == 1


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
