"""The page frame: what a name set by people can and cannot do in the header (issue 11, item 3)."""

from __future__ import annotations

import json
import re

from joinedup.directory.models import Organisation

HOSTILE = 'Millbrook <b hx-post="/concerns/new/" hx-trigger="load">Surgery</b>'


def test_markup_in_an_organisation_name_is_shown_as_text_in_the_header(icb, signed_in) -> None:
    Organisation.objects.filter(id=icb.practices[0].id).update(name=HOSTILE)
    page = signed_in("practice_admin").get("/").content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert "<b hx-post" not in page
    assert "Millbrook &lt;b hx-post=&#34;/concerns/new/&#34; hx-trigger=&#34;load&#34;&gt;Surgery&lt;/b&gt;" in header
    # And htmx would ignore anything that got through: the header is hx-disable.
    assert re.search(r"<header[^>]* hx-disable[ >]", page)


def test_htmx_runs_with_its_safety_settings(icb, signed_in) -> None:
    page = signed_in("gp_clinician").get("/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", page)
    assert config is not None
    settings = json.loads(config.group(1))
    assert settings["allowEval"] is False
    assert settings["allowScriptTags"] is False
    assert settings["selfRequestsOnly"] is True
