"""The header's navigation: what the current role can reach."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from joinedup.directory.access import Permission


def nav_items(request: HttpRequest) -> list[dict[str, Any]]:
    actor = getattr(request, "actor", None)
    if actor is None:
        return []
    candidates = [
        ("Home", "home", None),
        ("Patients", "patients:search", Permission.FIND_PATIENT_BY_NHS_NUMBER),
        ("Organisations", "directory:organisations", Permission.VIEW_DIRECTORY),
        ("ICB overview", "directory:icb", Permission.VIEW_ICB_OVERVIEW),
        ("Concerns", "concerns:mine", Permission.RAISE_CONCERN),
        ("Concern review", "concerns:review", Permission.REVIEW_CONCERNS),
        ("Audit", "audit:events", Permission.VIEW_AUDIT),
    ]
    items = [
        {"text": text, "href": reverse(name), "current": False}
        for text, name, permission in candidates
        if permission is None or actor.can(permission)
    ]
    # Only one item is current: the one whose address is the longest prefix of this page's
    # (on /directory/icb/ that is "ICB overview", not "Organisations" at /directory/).
    path = request.path
    matching = [item for item in items if path.startswith(str(item["href"])) and (item["href"] != "/" or path == "/")]
    if matching:
        max(matching, key=lambda item: len(str(item["href"])))["current"] = True
    return items
