"""Every change to the directory: in a transaction, with its audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from joinedup.core import recording as audit

from .access import Actor, Permission, require
from .models import (
    UK_PHONE_HINT,
    CapacityStatus,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    RoleAssignment,
    Service,
    normalise_ods_code,
    validate_uk_phone,
)


class StaleEdit(Exception):
    """Someone else saved this record after the editor opened it."""


def organisation_create(*, actor: Actor, ods_code: str, name: str, kind: str, icb: Organisation | None) -> Organisation:
    require(actor, Permission.MANAGE_ORGANISATIONS)
    organisation = Organisation(ods_code=normalise_ods_code(ods_code), name=name.strip(), kind=kind, icb=icb)
    if kind != OrganisationKind.ICB and icb is None:
        raise ValidationError({"icb": "Select the ICB this organisation belongs to"})
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        audit.record(actor=actor, action="organisation.created", obj=organisation, details={"ods_code": ods_code})
    return organisation


def service_update(
    *,
    actor: Actor,
    service: Service,
    expected_version: int,
    indicative_wait_weeks: int,
    capacity_status: str,
    takes_referrals: bool,
    takes_advice_and_guidance: bool,
    phone: str | None = None,
    hours: str | None = None,
    email: str | None = None,
) -> Service:
    """Changes a service, refusing if someone else saved it since ``expected_version`` was read."""
    require(actor, Permission.EDIT_SERVICES)
    if not actor.is_system_admin and service.trust_id != actor.organisation.id:
        raise ValidationError("You can only change your own trust's services")
    if capacity_status not in CapacityStatus.values:
        raise ValidationError({"capacity_status": "Select a capacity status"})
    changes = {
        "indicative_wait_weeks": indicative_wait_weeks,
        "capacity_status": capacity_status,
        "takes_referrals": takes_referrals,
        "takes_advice_and_guidance": takes_advice_and_guidance,
    }
    # The contact point patients see (decision 0023); None leaves it as it is.
    contact = {"phone": phone, "hours": hours, "email": email}
    for name, value in contact.items():
        if value is not None:
            changes[name] = value.strip()
    _check_contact_point(changes)
    with transaction.atomic():
        updated = Service.objects.filter(id=service.id, version=expected_version).update(
            version=expected_version + 1, **changes
        )
        if updated == 0:
            raise StaleEdit("This service was changed by someone else while you were editing it")
        service.refresh_from_db()
        audit.record(actor=actor, action="service.updated", obj=service, details=changes)
    return service


def _check_contact_point(changes: dict[str, object]) -> None:
    """A phone patients can dial (UK format), an email address, hours that fit: else a message by field."""
    errors: dict[str, str] = {}
    phone, email, hours = (str(changes.get(name) or "") for name in ("phone", "email", "hours"))
    try:
        validate_uk_phone(phone)
    except ValidationError:
        errors["phone"] = UK_PHONE_HINT
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com"
    if len(hours) > 200:
        errors["hours"] = "Phone hours must be 200 characters or fewer"
    if errors:
        raise ValidationError(errors)


def may_change_contact_point(actor: Actor, organisation: Organisation) -> bool:
    """A system administrator for any organisation; a trust's service editors for their own trust; a practice's
    administrator for their own practice and a hub's coordinators for their own hub (the number patients ring)."""
    own = actor.organisation.id == organisation.id
    return actor.can(Permission.MANAGE_ORGANISATIONS) or (
        own and (actor.can(Permission.EDIT_SERVICES) or actor.can(Permission.EDIT_OWN_CONTACT_POINT))
    )


def organisation_contact_point_set(
    *, actor: Actor, organisation: Organisation, phone: str, hours: str, email: str
) -> Organisation:
    """The contact point patients see for a practice, a hub or a trust's main number (decision 0023)."""
    if not may_change_contact_point(actor, organisation):
        raise PermissionDenied("You cannot change this organisation's contact point")
    changes: dict[str, object] = {"phone": phone.strip(), "hours": hours.strip(), "email": email.strip()}
    _check_contact_point(changes)
    with transaction.atomic():
        Organisation.objects.filter(id=organisation.id).update(**changes)
        organisation.refresh_from_db()
        audit.record(actor=actor, action="organisation.contact_point_changed", obj=organisation, details=changes)
    return organisation


def interface_lead_set(*, actor: Actor, trust: Organisation, lead: Person | None) -> Organisation:
    """Names (or clears) a trust's designated interface lead; the lead must hold that role at the trust."""
    require(actor, Permission.SET_INTERFACE_LEAD)
    if trust.kind != OrganisationKind.NHS_TRUST:
        raise ValidationError("Only an NHS trust has a designated interface lead")
    if not actor.is_system_admin and trust.icb_id != actor.icb_id:
        raise ValidationError("This trust is not in your ICB")
    if (
        lead is not None
        and not RoleAssignment.objects.filter(person=lead, organisation=trust, role=Role.TRUST_INTERFACE_LEAD).exists()
    ):
        raise ValidationError({"lead": "The lead must hold the trust interface lead role at this trust"})
    with transaction.atomic():
        trust.designated_interface_lead = lead
        trust.save(update_fields=["designated_interface_lead"])
        audit.record(
            actor=actor,
            action="organisation.interface_lead_set",
            obj=trust,
            details={"lead": lead.get_username() if lead else None},
        )
    return trust


def password_change(*, actor: Actor, new_password: str) -> None:
    """Sets the acting person's own password (already checked by the form); audited, never logged."""
    person = actor.person
    with transaction.atomic():
        person.set_password(new_password)
        person.save(update_fields=["password"])
        audit.record(actor=actor, action="person.password_changed", obj=person)
