"""The neighbourhood team role (issue 14): held at a community provider, and what it may do."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from joinedup.directory.access import ROLE_PERMISSIONS, Permission
from joinedup.directory.models import Organisation, OrganisationKind, Person, Role, RoleAssignment, ods_code_error


def test_a_neighbourhood_team_is_held_at_a_community_provider_only(icb) -> None:
    community = Organisation.objects.create(
        ods_code="NL1", name="Pellbridge Community Health", kind=OrganisationKind.COMMUNITY_PROVIDER, icb=icb.icb
    )
    person = Person.objects.create(username="nurse")
    RoleAssignment(person=person, organisation=community, role=Role.NEIGHBOURHOOD_TEAM).clean()
    with pytest.raises(ValidationError) as wrong_place:
        RoleAssignment(person=person, organisation=icb.practices[0], role=Role.NEIGHBOURHOOD_TEAM).clean()
    assert wrong_place.value.message_dict == {"role": ["A neighbourhood team cannot be held at a GP practice"]}
    assert ods_code_error("NL1", OrganisationKind.COMMUNITY_PROVIDER) is None
    assert ods_code_error("N<1>", OrganisationKind.COMMUNITY_PROVIDER) is not None


def test_a_neighbourhood_team_escalates_and_responds_but_does_not_coordinate() -> None:
    allowed = ROLE_PERMISSIONS[Role.NEIGHBOURHOOD_TEAM]
    assert {Permission.ESCALATE_URGENT, Permission.RESPOND_TO_ESCALATIONS} <= allowed
    assert Permission.COORDINATE_ESCALATIONS not in allowed
    assert Permission.SEARCH_PATIENTS_BY_NAME not in allowed  # by exact NHS number only, like a trust or hub
