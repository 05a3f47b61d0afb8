"""The header's navigation: what the current role can reach, with counts of new work.

Apps add their own entries with ``register`` (from their ``AppConfig.ready``), each with the
permission it needs and, optionally, a function that counts the work waiting for this actor
(new letters, referrals to triage, overdue requests). A count above zero shows beside the
entry, so people learn of new work without hunting for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from joinedup.directory.access import Actor, Permission

CountFunction = Callable[[Actor], int]


@dataclass(frozen=True)
class NavEntry:
    text: str
    url_name: str
    permission: Permission | None
    order: int
    count: CountFunction | None = None
    count_label: str = "new"  # read by screen readers after the number: "3 new"
    # The pages the entry stands for, when its address only leads there (a redirect to the list
    # this person works from): the entry is current on any page under this path.
    section: str = ""


# Core's own entry; every domain registers its entries from its AppConfig.ready.
_ENTRIES: list[NavEntry] = [NavEntry("Home", "home", None, 0)]


def register(
    text: str,
    url_name: str,
    permission: Permission | None,
    *,
    order: int,
    count: CountFunction | None = None,
    count_label: str = "new",
    section: str = "",
) -> None:
    """Add a header entry (once: registering the same address again replaces it)."""
    global _ENTRIES
    entry = NavEntry(text, url_name, permission, order, count, count_label, section)
    _ENTRIES = sorted([e for e in _ENTRIES if e.url_name != url_name] + [entry], key=lambda e: e.order)


def entries() -> list[NavEntry]:
    return sorted(_ENTRIES, key=lambda e: e.order)


def _label(entry: NavEntry, actor: Actor) -> dict[str, str]:
    if entry.count is None:
        return {"text": entry.text}
    waiting = entry.count(actor)
    if not waiting:
        return {"text": entry.text}
    return {
        "html": format_html(
            '{} <span class="jn-nav-count">{}<span class="nhsuk-u-visually-hidden"> {}</span></span>',
            entry.text,
            waiting,
            entry.count_label,
        )
    }


def nav_items(request: HttpRequest) -> list[dict[str, Any]]:
    actor = getattr(request, "actor", None)
    if actor is None:
        return []
    shown = [entry for entry in entries() if entry.permission is None or actor.can(entry.permission)]
    items: list[dict[str, Any]] = [
        {**_label(entry, actor), "href": reverse(entry.url_name), "current": False} for entry in shown
    ]
    # Only one item is current: the one whose address (or section) is the longest prefix of this
    # page's (on /directory/icb/ that is "ICB overview", not "Organisations" at /directory/).
    path = request.path
    stands_for = [entry.section or str(item["href"]) for entry, item in zip(shown, items, strict=True)]
    matching = [
        (prefix, item)
        for prefix, item in zip(stands_for, items, strict=True)
        if path.startswith(prefix) and (prefix != "/" or path == "/")
    ]
    if matching:
        max(matching, key=lambda pair: len(pair[0]))[1]["current"] = True
    return items


# Other ways in, offered under the staff sign-in form (an app registers its own: core names none).
_SIGN_IN_LINKS: dict[str, str] = {}


def register_sign_in_link(text: str, url_name: str) -> None:
    """Offer another way to sign in on the staff sign-in page, e.g. patients with NHS login."""
    _SIGN_IN_LINKS[url_name] = text


def sign_in_links() -> list[dict[str, str]]:
    return [{"text": text, "href": reverse(url_name)} for url_name, text in _SIGN_IN_LINKS.items()]
