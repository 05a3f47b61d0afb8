"""Files held while a person checks their answers (core/held.py): the owner's alone, for a day, and gone when sent."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from joinedup.core import held
from joinedup.core.models import HeldFile


@pytest.fixture
def two_people(icb):  # type: ignore[no-untyped-def]
    from joinedup.directory.models import Person

    return Person.objects.get(username="gp"), Person.objects.get(username="practice.admin")


def test_only_the_owner_takes_a_held_file_and_sending_releases_it(two_people) -> None:
    owner, other = two_people
    kept = held.hold(owner, "bloods.pdf", b"%PDF-1.4 results")
    assert held.held(owner, kept.key) == held.Held(kept.key, "bloods.pdf", b"%PDF-1.4 results")
    assert held.held(other, kept.key) is None
    held.release(kept.key)
    assert held.held(owner, kept.key) is None and not HeldFile.objects.exists()


def test_a_file_held_over_a_day_is_gone_and_dropped_by_the_next_hold(two_people) -> None:
    owner, _ = two_people
    old = held.hold(owner, "old.pdf", b"old")
    HeldFile.objects.filter(key=old.key).update(at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    assert held.held(owner, old.key) is None
    held.hold(owner, "new.pdf", b"new")
    assert list(HeldFile.objects.values_list("name", flat=True)) == ["new.pdf"]


@pytest.mark.parametrize("key", ["", "short", "a\x00" * 12, '<b>"x"</b>' * 3, "٣" * 20, "k" * 65])
def test_a_key_that_hold_never_made_is_no_key(two_people, key: str) -> None:
    owner, _ = two_people
    held.hold(owner, "bloods.pdf", b"data")
    assert held.held(owner, key) is None
    held.release(key)  # nothing to release, and no error
    assert HeldFile.objects.count() == 1
