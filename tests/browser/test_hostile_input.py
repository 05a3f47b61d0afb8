"""Issue 11, item 3: a name with htmx attributes in it stays text, and htmx runs with its safety settings."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Request, expect

from conftest import DEMO_USERS
from joinedup.directory.models import Organisation
from tests.browser.conftest import World, assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_htmx_attributes_in_an_organisation_name_do_nothing(page: Page, world: World) -> None:
    practice = world.directory.practices[0]
    name = 'Millbrook <b hx-get="/concerns/new/?from=header" hx-trigger="load">Surgery</b>'
    Organisation.objects.filter(id=practice.id).update(name=name)
    requested: list[str] = []

    def on_request(request: Request) -> None:
        requested.append(request.url)

    page.on("request", on_request)
    sign_in(page, DEMO_USERS["practice_admin"])
    expect(page.locator("header .nhsuk-header__account-link[href='/role/']")).to_contain_text(name)  # as typed
    assert page.locator("header b").count() == 0
    config = page.evaluate("() => [htmx.config.allowEval, htmx.config.allowScriptTags, htmx.config.selfRequestsOnly]")
    assert config == [False, False, True]
    page.wait_for_timeout(300)  # an hx-trigger="load" would have fired by now
    assert not [url for url in requested if "from=header" in url]
    assert_accessible(page)
