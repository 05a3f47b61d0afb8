"""Home-page panels: each domain registers its own, core draws them in order and names none."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from joinedup.core import panels
from joinedup.core.panels import Link, links_panel


@pytest.fixture
def restore_panels() -> Iterator[None]:
    saved = dict(panels._PANELS)
    yield
    panels._PANELS.clear()
    panels._PANELS.update(saved)


def _only(*names: str) -> None:
    for name in list(panels._PANELS):
        if name not in names:
            del panels._PANELS[name]


def test_panels_are_drawn_in_order_and_a_panel_that_answers_none_is_left_out(restore_panels, actor_for) -> None:
    panels._PANELS.clear()
    panels.register("b", "b.jinja", lambda actor: {"n": 2}, order=20)
    panels.register("a", "a.jinja", lambda actor: {"n": 1}, order=10)
    panels.register("not-mine", "c.jinja", lambda actor: None, order=15)
    drawn = panels.panels_for(actor_for("gp_clinician"))
    assert [(d.template, d.context) for d in drawn] == [("a.jinja", {"n": 1}), ("b.jinja", {"n": 2})]


def test_registering_a_name_again_replaces_the_panel(restore_panels) -> None:
    panels.register("test.panel", "one.jinja", lambda actor: {}, order=5)
    panels.register("test.panel", "two.jinja", lambda actor: {}, order=6)
    assert [(p.template, p.order) for p in panels.registered() if p.name == "test.panel"] == [("two.jinja", 6)]


def test_neighbouring_link_panels_are_drawn_as_one_list(restore_panels, actor_for) -> None:
    panels._PANELS.clear()
    panels.register("x", panels.LINKS_TEMPLATE, lambda actor: links_panel(Link("One", "/1/")), order=1)
    panels.register("y", panels.LINKS_TEMPLATE, lambda actor: links_panel(Link("Two", "/2/")), order=2)
    panels.register("z", "other.jinja", lambda actor: {}, order=3)
    panels.register("w", panels.LINKS_TEMPLATE, lambda actor: links_panel(Link("Three", "/3/")), order=4)
    drawn = panels.panels_for(actor_for("system_admin"))
    assert [d.template for d in drawn] == [panels.LINKS_TEMPLATE, "other.jinja", panels.LINKS_TEMPLATE]
    assert [link.text for link in drawn[0].context["links"]] == ["One", "Two"]
    assert [link.text for link in drawn[2].context["links"]] == ["Three"]


def test_a_new_domain_reaches_the_home_page_by_registering_a_panel(restore_panels, signed_in) -> None:
    def build(actor: Any) -> dict[str, Any] | None:
        if not actor.in_practice:
            return None
        return links_panel(Link("Urgent escalations <b>today</b>", "/hub/escalations/", "2 waiting"))

    panels.register("hub.escalations", panels.LINKS_TEMPLATE, build, order=45)
    practice_home = signed_in("gp_clinician").get("/").content.decode()
    assert '<a href="/hub/escalations/">Urgent escalations &lt;b&gt;today&lt;/b&gt;</a>: 2 waiting' in practice_home
    # In order: after the referrals panel (40), before diagnostics (50).
    assert practice_home.index("Referrals and advice") < practice_home.index("/hub/escalations/")
    assert practice_home.index("/hub/escalations/") < practice_home.index("Direct-access diagnostics")
    assert "/hub/escalations/" not in signed_in("consultant").get("/").content.decode()


def test_every_domains_panels_come_through_registration(restore_panels, signed_in) -> None:
    practice_home = signed_in("practice_admin").get("/").content.decode()
    assert "registered patients." in practice_home and "Referrals and advice" in practice_home
    _only()  # no domain registered: core draws the heading and nothing else
    bare = signed_in("practice_admin").get("/").content.decode()
    assert "<h1>" in bare and "registered patients." not in bare and "Referrals and advice" not in bare
    assert "Hospital letters" not in bare and "Patients (first 25 by name)" not in bare
