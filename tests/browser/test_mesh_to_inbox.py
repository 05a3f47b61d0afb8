"""End to end: a trust sends a discharge summary over MESH; the GP sees its requests highlighted.

Real pieces throughout: NHS England's mesh-sandbox on a loopback port, ``mesh_poll`` taking the
message in (acknowledged only once stored), the django-tasks database worker reading it, and
the GP's inbox in Chromium.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.demo import mesh_sandbox as sandbox
from joinedup.letters.models import Letter, ReadingState
from joinedup.letters.tests.intake_helpers import letter_bytes
from tests.browser.conftest import World, assert_accessible, sign_in

pytestmark = pytest.mark.browser

CHASE = "Bloods pending at discharge: GP to follow up the blood cultures."
CHECK = "Please could the GP repeat his U&Es in one week and adjust the ramipril if needed."


@pytest.fixture
def mesh_url() -> Iterator[str]:
    with sandbox.running_sandbox() as url, override_settings(**sandbox.mesh_settings(url)):
        yield url


def test_a_letter_sent_over_mesh_reaches_the_gp_with_its_requests_highlighted(
    page: Page, world: World, mesh_url: str
) -> None:
    with sandbox.client(mesh_url, sandbox.SENDER) as trust:
        trust.handshake()
        message_id = trust.send_message(
            sandbox.RECIPIENT, letter_bytes(world.directory), workflow_id="TOC_FHIR_IP_DISCH", subject="Discharge"
        )

    call_command("mesh_poll", once=True, stdout=open(os.devnull, "w"))
    letter = Letter.objects.get(mesh_message_id=message_id)
    assert letter.reading_state == ReadingState.WAITING  # taken in now, read in the background

    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto(f"/letters/{letter.id}/")
    expect(page.locator("body")).to_contain_text("Being read")

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    letter.refresh_from_db()
    assert letter.reading_state == ReadingState.READ

    page.goto("/letters/")
    expect(page.get_by_role("link", name="Ada Fenwick")).to_be_visible()
    page.goto(f"/letters/{letter.id}/")
    marks = page.locator("#letter-text mark")
    expect(marks).to_have_text([CHECK, CHASE])
    expect(page.locator("main")).to_contain_text("Test results left to the GP (test_results)")
    assert_accessible(page)
