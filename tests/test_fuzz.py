"""Hostile input never answers 500: every page every role can reach, every query parameter, every form (issue 11, item 7).

Each role signs in to the seeded demo ICB and walks the site from its home page, following
every same-site link (up to a bound). On each page visited it sends the page's own query
parameters, and every form's fields, filled with hostile values: NUL bytes, non-ASCII digits,
a 5,000-digit number, years far outside any calendar, markup, deep JSON. Numbers in addresses
are replaced with ones too large for any database column. Any 500 fails, with the list of every
request that answered one.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterator
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from joinedup.demo.directory import DEMO_PASSWORD

ROLES = ["gp", "practice.admin", "consultant", "triage", "interface.lead", "icb.analyst", "hub", "admin"]
HOSTILE = [
    "\x00",
    "a\x00b",
    "９９９４０２１１８４",  # full-width digits
    "²",
    "٣",
    "9" * 5000,
    "99999999999999999999",
    "-1",
    "1e309",
    '<script>alert(1)</script>" hx-post="/sign-out/',
    "[" * 5000 + "]" * 5000,
    "",
]
# For query parameters, the values most likely to break a parser (each page's parameters are many).
HOSTILE_QUERY = ["\x00", "９", "²", "9" * 5000, "<b>x</b>", ""]
PAGES_PER_ROLE = 60
LINK = re.compile(r'href="(/[^"#]*)"')
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
SKIP = ("/sign-out/", "/static/", "/health/")


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): unescape(value) for name, value in ATTRIBUTE.findall(tag)}


def _forms(html: str, page: str) -> list[tuple[str, str, dict[str, str]]]:
    """(method, action, {field name: its current value}) for each form on the page."""
    found = []
    for attributes, body in FORM.findall(html):
        form = _attributes(attributes)
        fields: dict[str, str] = {}
        for _, tag in FIELD.findall(body):
            field = _attributes(tag)
            if "name" in field and field.get("type") not in ("submit", "button", "file"):
                fields.setdefault(field["name"], field.get("value", ""))
        found.append((form.get("method", "get").lower(), form.get("action") or page, fields))
    return found


def _huge_ids(path: str) -> str:
    return re.sub(r"/\d+/", "/" + "9" * 30 + "/", path, count=1)


class Walk:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.failures: list[str] = []

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> str:
        response = getattr(self.client, method)(path, data or {})
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {method.upper()} {path} {sorted((data or {}).items())[:4]}")
        return response.content.decode(errors="replace") if response.status_code == 200 else ""


def _walk(role: str) -> list[str]:
    client = Client(raise_request_exception=False)
    assert client.post("/sign-in/", {"username": role, "password": DEMO_PASSWORD}).status_code == 302
    walk = Walk(client)
    seen: set[str] = set()
    queue = deque(["/"])
    while queue and len(seen) < PAGES_PER_ROLE:
        page = queue.popleft()
        path = urlsplit(page).path
        if page in seen or path.startswith(SKIP):
            continue
        seen.add(page)
        html = walk.request("get", page)
        for link in LINK.findall(html):
            link = unescape(link)
            if link not in seen and not link.startswith(SKIP) and "format=csv" not in link:
                queue.append(link)
        if re.search(r"/\d+/", path):
            walk.request("get", _huge_ids(path))
        params = dict(parse_qsl(urlsplit(page).query))
        for method, _action, fields in _forms(html, path):
            if method == "get":
                params.update(fields)
        for value in HOSTILE_QUERY:
            if params:
                walk.request("get", f"{path}?{urlencode({name: value for name in params})}")
        for method, action, fields in _forms(html, path):
            if method != "post" or urlsplit(action).path.startswith(SKIP):
                continue
            for value in HOSTILE:
                hostile = {
                    name: (current if name == "csrfmiddlewaretoken" else value) for name, current in fields.items()
                }
                walk.request("post", action, hostile)
    return walk.failures


@pytest.fixture
def quiet_errors() -> Iterator[None]:
    """Each 500 is listed by the test; Django's traceback for each would drown the output."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def demo_icb(db: None, quiet_errors: None) -> None:
    call_command("seed", scale="demo", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_input_answers_500(demo_icb: None, role: str) -> None:
    failures = _walk(role)
    assert not failures, f"{len(failures)} requests answered 500:\n" + "\n".join(failures[:40])
