"""FHIR search: the parameters a resource allows, `_count` paging with next links, searchset Bundles.

Strict handling (FHIR's ``Prefer: handling=strict`` is our only mode): a parameter a resource does
not support is refused with a 400, never silently ignored, so a client never takes a wider list
for the one it asked for.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from joinedup.core import fhir_identifiers

DEFAULT_COUNT = 20
MAX_COUNT = 100
# Parameters every search accepts; each resource names its own besides.
COMMON = {"_count", "_page", "_format"}
DATE_PREFIXES = {"eq": "", "ge": "__gte", "gt": "__gt", "le": "__lte", "lt": "__lt"}


class SearchRefused(ValueError):
    """The search cannot be run as asked; the message says why (an OperationOutcome, 400)."""


@dataclass(frozen=True)
class Search:
    params: dict[str, list[str]]  # the resource's own parameters, as given
    count: int
    page: int

    def first(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""


def parse(query: QueryDict, allowed: Iterable[str]) -> Search:
    allowed = set(allowed)
    unknown = sorted(name for name in query if name not in allowed | COMMON)
    if unknown:
        raise SearchRefused(
            f"Unknown search parameter {', '.join(unknown)}; supported here: {', '.join(sorted(allowed)) or 'none'}"
        )
    return Search(
        params={name: query.getlist(name) for name in query if name in allowed},
        count=_positive(query.get("_count", str(DEFAULT_COUNT)), "_count", upper=MAX_COUNT),
        page=_positive(query.get("_page", "1"), "_page", upper=10_000),
    )


def _positive(value: str, name: str, *, upper: int) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 9 or int(value) < 1:
        raise SearchRefused(f"{name} must be a whole number from 1")
    return min(int(value), upper)


def reference_id(value: str, resource_type: str) -> str:
    """``Patient/9990000018``, ``9990000018`` or ``<system>|9990000018`` → ``9990000018``."""
    if "|" in value:
        return value.split("|", 1)[1]
    prefix = resource_type + "/"
    return value[len(prefix) :] if value.startswith(prefix) else value


def nhs_number_of(value: str) -> str:
    if "|" in value and value.split("|", 1)[0] not in ("", fhir_identifiers.NHS_NUMBER):
        raise SearchRefused("A patient is searched by NHS number (https://fhir.nhs.uk/Id/nhs-number)")
    return reference_id(value, "Patient")


def ods_code_of(value: str) -> str:
    if "|" in value and value.split("|", 1)[0] not in ("", fhir_identifiers.ODS_ORGANISATION):
        raise SearchRefused("An organisation is searched by ODS code (https://fhir.nhs.uk/Id/ods-organization-code)")
    return reference_id(value, "Organization").upper()


def date_filter(values: list[str], field: str) -> dict[str, Any]:
    """``ge2026-01-01``, ``lt2026-02-01T00:00:00Z`` … → Django lookups on ``field``."""
    lookups: dict[str, Any] = {}
    for value in values:
        prefix, rest = (value[:2], value[2:]) if value[:2] in DATE_PREFIXES else ("eq", value)
        moment = _moment(rest)
        if prefix == "eq":
            day = moment.date()
            lookups[f"{field}__date"] = day
        else:
            lookups[field + DATE_PREFIXES[prefix]] = moment
    return lookups


def _moment(value: str) -> datetime.datetime:
    parsed = parse_datetime(value) if "T" in value else None
    if parsed is None:
        day = parse_date(value) if len(value) == 10 else None
        if day is None:
            raise SearchRefused(f"{value!r} is not a FHIR date or dateTime (e.g. 2026-01-31)")
        parsed = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def page_of(queryset: QuerySet[Any], search: Search) -> tuple[list[Any], int]:
    """One page of the (ordered) queryset and the total it pages through."""
    total = queryset.count()
    start = (search.page - 1) * search.count
    return list(queryset[start : start + search.count]), total


def bundle(
    *,
    url: str,
    query: QueryDict,
    search: Search,
    found: list[Any],
    total: int,
    shape: Callable[[Any], dict[str, Any]],
    base: str,
) -> dict[str, Any]:
    """A searchset Bundle of one page, with self and (when there is more) next links."""
    links = [{"relation": "self", "url": _with_page(url, query, search.page)}]
    if search.page * search.count < total:
        links.append({"relation": "next", "url": _with_page(url, query, search.page + 1)})
    entries = []
    for item in found:
        resource = shape(item)
        entries.append(
            {
                "fullUrl": f"{base}/{resource['resourceType']}/{resource['id']}",
                "resource": resource,
                "search": {"mode": "match"},
            }
        )
    return {"resourceType": "Bundle", "type": "searchset", "total": total, "link": links, "entry": entries}


def _with_page(url: str, query: QueryDict, page: int) -> str:
    pairs = [(name, value) for name in query for value in query.getlist(name) if name != "_page"]
    return f"{url}?{urlencode([*pairs, ('_page', str(page))])}"
