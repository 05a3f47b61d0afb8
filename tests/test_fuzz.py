"""Hostile input never answers 500: every page every role can reach, every query parameter, every form (issue 11, item 7).

Each role signs in to the seeded demo ICB and walks the site from its home page, following
every same-site link (up to a bound). It sends the page's own query parameters, and every
form's fields, filled with hostile values: NUL bytes, non-ASCII digits, a 5,000-digit number,
years far outside any calendar, markup, deep JSON. Numbers in addresses are replaced with ones
too large for any database column. Any 500 fails, with the list of every request that answered one.

The attacks go once to each page shape: the address with every run of digits blanked, the names
of its query parameters, and its forms (method, address shape, field names, digits blanked there
too: a form's prefix is often the id of what it edits, action-61-outcome). Many pages are the same
view of another object (/letters/12/, /letters/13/, ...): they take the same parameters and the
same forms, so attacking each again sends the same hostile input to the same code and only costs
time. Every page is still fetched (and its links followed); a page whose shape was already
attacked is only fetched. A form with no field but its CSRF token is posted once, not once per
hostile value: there is nowhere to put the value, so each post would be the same request.
"""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Iterator
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import DjangoDbBlocker

from joinedup.demo.directory import DEMO_PASSWORD
from tests.module_seed import rolled_back_after_the_module

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
DIGITS = re.compile(r"\d+")
Form = tuple[str, str, dict[str, str]]
Shape = tuple[str, frozenset[str], frozenset[tuple[str, str, frozenset[str]]]]


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): unescape(value) for name, value in ATTRIBUTE.findall(tag)}


def _forms(html: str, page: str) -> list[Form]:
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


def _shape(path: str, params: dict[str, str], forms: list[Form]) -> Shape:
    """What the attacks on a page depend on: its view (the path, numbers blanked), its parameters' names, its forms."""
    return (
        DIGITS.sub("#", path),
        frozenset(params),
        frozenset(
            (method, DIGITS.sub("#", action), frozenset(DIGITS.sub("#", name) for name in fields))
            for method, action, fields in forms
        ),
    )


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
    attacked: set[Shape] = set()
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
        forms = _forms(html, path)
        params = dict(parse_qsl(urlsplit(page).query))
        for method, _action, fields in forms:
            if method == "get":
                params.update(fields)
        shape = _shape(path, params, forms)
        if shape in attacked:
            continue  # the same view, parameters and forms as a page already attacked
        attacked.add(shape)
        if re.search(r"/\d+/", path):
            walk.request("get", _huge_ids(path))
        for value in HOSTILE_QUERY:
            if params:
                walk.request("get", f"{path}?{urlencode({name: value for name in params})}")
        for method, action, fields in forms:
            if method != "post" or urlsplit(action).path.startswith(SKIP):
                continue
            posted: list[dict[str, str]] = []
            for value in HOSTILE:
                hostile = {
                    name: (current if name == "csrfmiddlewaretoken" else value) for name, current in fields.items()
                }
                if hostile not in posted:  # a form with no field but the CSRF token gets the same post for every value
                    posted.append(hostile)
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


@pytest.fixture(scope="module")
def _seeded_demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The demo ICB, seeded once per module on each worker (tests/module_seed.py); each role's walk runs in a savepoint
    on top of it, so what one role's hostile posts write never reaches the next."""
    with rolled_back_after_the_module(django_db_blocker), open(os.devnull, "w") as quiet:
        call_command("seed", scale="demo", verbosity=0, stdout=quiet)
        yield


@pytest.fixture
def demo_icb(_seeded_demo: None, db: None, quiet_errors: None) -> None:
    """The seeded demo ICB, under this test's savepoint."""


@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_input_answers_500(demo_icb: None, role: str) -> None:
    failures = _walk(role)
    assert not failures, f"{len(failures)} requests answered 500:\n" + "\n".join(failures[:40])
