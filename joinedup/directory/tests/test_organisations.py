from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from joinedup.directory import services
from joinedup.directory.models import Organisation, OrganisationKind, Role, RoleAssignment, ods_code_error


@pytest.mark.parametrize(
    ("code", "kind"),
    [("A81001", "gp_practice"), ("RX1", "nhs_trust"), ("TAJ", "nhs_trust"), ("QHM", "icb"), ("ZH1", "hub")],
)
def test_valid_ods_codes_pass(code: str, kind: str) -> None:
    assert ods_code_error(code, kind) is None


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        ("A8100", "gp_practice", "a letter followed by 5 numbers"),
        ("181001", "gp_practice", "a letter followed by 5 numbers"),
        ("QX1", "nhs_trust", "starting with R or T"),
        ("RX1", "icb", "starting with Q"),
        ("R!1", "hub", "3 to 6 letters and numbers"),
        ("RX1", "bakery", "Select the kind"),
    ],
)
def test_invalid_ods_codes_say_what_is_expected(code: str, kind: str, message: str) -> None:
    error = ods_code_error(code, kind)
    assert error is not None and message in error


def test_a_practice_must_belong_to_an_icb(icb, actor_for) -> None:
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(
            actor=actor_for("system_admin"), ods_code="Z09998", name="Orphan Surgery", kind="gp_practice", icb=None
        )
    assert "icb" in refused.value.message_dict


def test_only_a_system_admin_adds_organisations(icb, actor_for) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.organisation_create(
            actor=actor_for("icb_analyst"), ods_code="Z09997", name="X Surgery", kind="gp_practice", icb=icb.icb
        )


def test_a_role_is_held_only_at_the_right_kind_of_organisation(icb) -> None:
    wrong = RoleAssignment(person=icb.trusts[0].role_assignments.first().person, organisation=icb.practices[0])
    wrong.role = Role.CONSULTANT
    with pytest.raises(ValidationError) as refused:
        wrong.full_clean()
    assert "cannot be held at a GP practice" in str(refused.value)


def test_the_icb_lists_trusts_without_a_designated_lead(icb, actor_for) -> None:
    from joinedup.directory import selectors

    gaps = list(selectors.trusts_without_interface_lead(icb.icb))
    assert gaps == [icb.trusts[-1]]


def test_an_analyst_cannot_set_the_lead_of_another_icbs_trust(icb, actor_for) -> None:
    other_icb = Organisation.objects.create(ods_code="QZ9", name="Other ICB", kind=OrganisationKind.ICB)
    other_trust = Organisation.objects.create(ods_code="RZ9", name="Far Trust", kind="nhs_trust", icb=other_icb)
    with pytest.raises(ValidationError, match="not in your ICB"):
        services.interface_lead_set(actor=actor_for("icb_analyst"), trust=other_trust, lead=None)


def test_the_add_organisation_form_says_what_each_empty_field_needs(icb, signed_in) -> None:
    response = signed_in("system_admin").post("/directory/new/", {"kind": "", "ods_code": "", "name": ""})
    body = response.content.decode()
    assert response.status_code == 400
    for message in ["Select the kind of organisation", "Enter the ODS code", "Enter the organisation&#39;s name"]:
        assert message in body
    assert "This field is required" not in body
