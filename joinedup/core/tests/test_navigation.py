"""Header entries registered by apps, with a count of new work beside them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from joinedup.core import navigation
from joinedup.directory.access import Permission


@pytest.fixture
def restore_entries() -> Iterator[None]:
    saved = list(navigation._ENTRIES)
    yield
    navigation._ENTRIES = saved


def test_a_count_shows_beside_the_link_and_is_read_out(
    restore_entries: None,
    signed_in,
    actor_for,  # type: ignore[no-untyped-def]
) -> None:
    navigation.register("Audit", "audit:events", Permission.VIEW_AUDIT, order=90, count=lambda actor: 7)
    page = signed_in("system_admin").get("/").content.decode()
    assert 'Audit <span class="jn-nav-count">7<span class="nhsuk-u-visually-hidden"> new</span></span>' in page


def test_no_count_when_nothing_waits_and_no_entry_without_permission(
    restore_entries: None,
    signed_in,  # type: ignore[no-untyped-def]
) -> None:
    navigation.register("Audit", "audit:events", Permission.VIEW_AUDIT, order=90, count=lambda actor: 0)
    admin_page = signed_in("system_admin").get("/").content.decode()
    assert "jn-nav-count" not in admin_page and ">Audit<" in admin_page.replace("\n", "").replace(" ", "")
    assert "/audit/" not in signed_in("gp_clinician").get("/").content.decode()


def test_registering_an_address_again_replaces_it(restore_entries: None) -> None:
    before = len(navigation.entries())
    navigation.register("Audit log", "audit:events", Permission.VIEW_AUDIT, order=95)
    assert len(navigation.entries()) == before
    assert [e.text for e in navigation.entries() if e.url_name == "audit:events"] == ["Audit log"]
