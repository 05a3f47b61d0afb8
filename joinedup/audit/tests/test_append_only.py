from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from joinedup.audit import services
from joinedup.audit.models import AuditEvent, AuditIsAppendOnly


@pytest.fixture
def event(actor_for) -> AuditEvent:
    return services.record(actor=actor_for("gp_clinician"), action="patient.viewed", patient_nhs_number="9990000018")


def test_an_audit_event_records_who_which_role_and_organisation(event: AuditEvent, actor_for) -> None:
    gp = actor_for("gp_clinician")
    assert (event.person, event.role, event.organisation_ods_code) == (
        gp.person,
        "gp_clinician",
        gp.organisation.ods_code,
    )
    assert event.person_name == gp.person.get_full_name()


def test_the_application_cannot_edit_an_audit_event(event: AuditEvent) -> None:
    event.action = "nothing.happened"
    with pytest.raises(AuditIsAppendOnly):
        event.save()
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.filter(id=event.id).update(action="nothing.happened")
    assert AuditEvent.objects.get(id=event.id).action == "patient.viewed"


def test_the_application_cannot_delete_an_audit_event(event: AuditEvent) -> None:
    with pytest.raises(AuditIsAppendOnly):
        event.delete()
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(id=event.id).exists()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET action = 'tampered'", "DELETE FROM audit_auditevent"],
)
def test_postgresql_itself_refuses_to_change_or_delete_audit_rows(event: AuditEvent, statement: str) -> None:
    """Even raw SQL from the application's own connection cannot rewrite history."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; this test runs in the PostgreSQL pass of make test")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.get(id=event.id).action == "patient.viewed"
