"""Changes to the directory (the ground, below audit) leave their audit event, written in the same
transaction through core/recording.py. Here, above both, because directory cannot import audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from joinedup.audit.models import AuditEvent
from joinedup.core import recording
from joinedup.directory import services
from joinedup.directory.models import Organisation, Role, RoleAssignment, Service
from joinedup.directory.tests.test_services import _update


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


def test_system_admin_adds_an_organisation_with_an_audit_event(icb, actor_for) -> None:
    admin = actor_for("system_admin")
    org = services.organisation_create(
        actor=admin, ods_code=" z09999 ", name="Fernhill Surgery", kind="gp_practice", icb=icb.icb
    )
    assert org.ods_code == "Z09999"
    event = AuditEvent.objects.get(action="organisation.created")
    assert (event.person, event.object_id, event.role) == (admin.person, str(org.id), "system_admin")


def test_an_invalid_ods_code_is_refused_and_nothing_is_saved(icb, actor_for) -> None:
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(
            actor=actor_for("system_admin"), ods_code="12345", name="Nowhere", kind="gp_practice", icb=icb.icb
        )
    assert "ods_code" in refused.value.message_dict
    assert not Organisation.objects.filter(name="Nowhere").exists()
    assert not AuditEvent.objects.filter(action="organisation.created").exists()


def test_a_designated_lead_must_hold_the_lead_role_at_that_trust(icb, actor_for) -> None:
    analyst = actor_for("icb_analyst")
    consultant = actor_for("consultant").person
    with pytest.raises(ValidationError):
        services.interface_lead_set(actor=analyst, trust=icb.trusts[-1], lead=consultant)
    lead = actor_for("trust_interface_lead").person
    RoleAssignment.objects.create(person=lead, organisation=icb.trusts[-1], role=Role.TRUST_INTERFACE_LEAD)
    services.interface_lead_set(actor=analyst, trust=icb.trusts[-1], lead=lead)
    icb.trusts[-1].refresh_from_db()
    assert icb.trusts[-1].designated_interface_lead == lead
    assert AuditEvent.objects.filter(action="organisation.interface_lead_set").count() == 1


def test_with_no_audit_record_plugged_in_a_directory_change_is_refused_and_not_saved(
    icb, actor_for, monkeypatch
) -> None:
    monkeypatch.setattr(recording, "_recorder", None)
    with pytest.raises(recording.NoAuditRecord):
        services.organisation_create(
            actor=actor_for("system_admin"), ods_code="Z09998", name="Unrecorded", kind="gp_practice", icb=icb.icb
        )
    assert not Organisation.objects.filter(name="Unrecorded").exists()


def test_a_practice_administrator_changing_their_contact_point_leaves_an_audit_event(icb, actor_for) -> None:
    practice = icb.practices[0]
    services.organisation_contact_point_set(
        actor=actor_for("practice_admin"), organisation=practice, phone="01632 960 777", hours="8 to 6", email=""
    )
    event = AuditEvent.objects.get(action="organisation.contact_point_changed", object_id=str(practice.id))
    assert event.details["phone"] == "01632 960 777"
