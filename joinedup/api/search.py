"""FHIR search for any resource module: strict parameters, date prefixes, `_count` paging, searchset Bundles.

A resource module describes its search as a ``Search``: one or more ``Source``s (a queryset the
client's actor may see, already scoped by the domain's selectors, and how to shape each row), the
parameters it understands (each a function narrowing a queryset) and the ``_include``s it offers.
Paging is by offset over the sources in turn, so one Task search can list referrals, A&G requests
and diagnostic requests together. Unknown parameters are refused (FHIR strict handling): a client
that misspells ``owner`` must not silently get every task of its organisation.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.core import fhir_identifiers
from joinedup.core.numbers import whole_number
from joinedup.patients.nhs_numbers import nhs_number_error

DEFAULT_COUNT = 20
MAX_COUNT = 100
# Parameters the machinery answers itself; any other must be one the Search names.
CONTROL = {"_count", "_offset", "_include", "_format", "_total"}
_PREFIXED = re.compile(r"^(eq|ne|lt|gt|le|ge|sa|eb)?(\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?)$")


class SearchError(ValueError):
    """A search this server will not run; the message says why (the answer is a 400 OperationOutcome)."""


Narrow = Callable[[QuerySet[Any], list[str]], QuerySet[Any]]
Shape = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class Source:
    """Rows of one table for a search: ``rows`` scoped already; ``params`` narrow it; ``shape`` makes a resource.

    A parameter missing from ``params`` but named by the Search means "matches none of these rows".
    """

    rows: QuerySet[Any]
    params: Mapping[str, Narrow]
    shape: Shape
    order: Sequence[str] = ("id",)
    # _include name -> the resources it adds for a page of rows (shaped already).
    includes: Mapping[str, Callable[[list[Any]], list[dict[str, Any]]]] = field(default_factory=dict)
    # Loads what the page's rows need beyond their joins, in one query for the page (not one per row).
    prepare: Callable[[list[Any]], None] | None = None


@dataclass(frozen=True)
class Search:
    resource_type: str
    names: frozenset[str]  # every parameter this resource's search takes
    sources: Sequence[Source]
    includes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Found:
    total: int
    resources: list[dict[str, Any]]
    included: list[dict[str, Any]]
    offset: int
    count: int


def parsed_params(query: Mapping[str, list[str]], search: Search) -> dict[str, list[str]]:
    """The search's own parameters (name -> every value given), or SearchError for one it does not know."""
    params: dict[str, list[str]] = {}
    for name, values in query.items():
        if name in CONTROL:
            continue
        if name not in search.names:
            known = ", ".join(sorted(search.names | {"_count", "_include"}))
            raise SearchError(
                f"Unknown search parameter '{name}' for {search.resource_type}: this server takes {known}"
            )
        params[name] = [v for v in values if v != ""]
        if not params[name]:
            raise SearchError(f"Search parameter '{name}' has no value")
    for include in query.get("_include", []):
        if include not in search.includes:
            offered = ", ".join(sorted(search.includes)) or "none"
            raise SearchError(f"Unsupported _include '{include}' for {search.resource_type} (offered: {offered})")
    return params


def count_and_offset(query: Mapping[str, list[str]]) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        values = query.get(name)
        if not values:
            return default
        if len(values) > 1:
            raise SearchError(f"{name} may be given once")
        number = whole_number(values[0], 9)  # not "٣", "３", "+3" or "3_0", which int() would take
        if number is None:
            raise SearchError(f"{name} must be a whole number (0 to 999999999)")
        return number

    return min(number("_count", DEFAULT_COUNT), MAX_COUNT), number("_offset", 0)


def run(search: Search, query: Mapping[str, list[str]]) -> Found:
    """Runs a search over its sources in turn: the page at ``_offset`` of ``_count`` rows, and any _include."""
    params = parsed_params(query, search)
    count, offset = count_and_offset(query)
    wanted_includes = list(dict.fromkeys(query.get("_include", [])))
    total = 0
    page: list[dict[str, Any]] = []
    included: list[dict[str, Any]] = []
    for source in search.sources:
        rows = narrowed(source, params)
        if rows is None:
            continue
        size = rows.count()
        start = max(0, offset - total)
        room = count - len(page)
        if room > 0 and start < size:
            # The page's ids first (an index walk, no joins), then only those rows with their joins: the
            # planner would otherwise join every matching row before sorting (core.pagination does the same).
            ids = list(rows.order_by(*source.order).values_list("pk", flat=True)[start : start + room])
            loaded = {row.pk: row for row in rows.filter(pk__in=ids)}
            chunk = [loaded[pk] for pk in ids if pk in loaded]
            if source.prepare is not None:
                source.prepare(chunk)
            page.extend(source.shape(row) for row in chunk)
            for name in wanted_includes:
                if name in source.includes:
                    included.extend(source.includes[name](chunk))
        total += size
    return Found(total=total, resources=page, included=_unique(included), offset=offset, count=count)


def narrowed(source: Source, params: Mapping[str, list[str]]) -> QuerySet[Any] | None:
    """The source's rows narrowed by every parameter (each value of a repeated parameter must hold: AND);
    None when the source does not take one of the parameters, so none of its rows can match."""
    rows = source.rows
    for name, values in params.items():
        narrow = source.params.get(name)
        if narrow is None:
            return None
        for value in values:
            rows = narrow(rows, value.split(","))
    return rows


def _unique(resources: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for resource in resources:
        seen.setdefault((resource["resourceType"], resource["id"]), resource)
    return list(seen.values())


def bundle(found: Found, *, base: str, resource_type: str, query: Mapping[str, list[str]]) -> dict[str, Any]:
    """The searchset Bundle: self and next links (next only while there are more), matches then includes."""

    def link(offset: int) -> str:
        pairs = [(k, v) for k, values in query.items() if k not in ("_offset", "_count") for v in values]
        pairs += [("_count", str(found.count)), ("_offset", str(offset))]
        return f"{base}/{resource_type}?{urlencode(pairs)}"

    links = [{"relation": "self", "url": link(found.offset)}]
    if found.offset + found.count < found.total and found.count > 0:
        links.append({"relation": "next", "url": link(found.offset + found.count)})
    if found.offset > 0:
        links.append({"relation": "previous", "url": link(max(0, found.offset - found.count))})
    entries = [
        {"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r, "search": {"mode": "match"}}
        for r in found.resources
    ] + [
        {"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r, "search": {"mode": "include"}}
        for r in found.included
    ]
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": timezone.now().isoformat(),
        "total": found.total,
        "link": links,
        "entry": entries,
    }


# ---- value parsers a resource's parameters use ------------------------------------------------------


def date_bound(value: str) -> tuple[str, datetime.datetime]:
    """A date parameter's (prefix, instant): ``ge2026-01-01`` -> ("ge", midnight local time)."""
    match = _PREFIXED.match(value.strip())
    if match is None:
        raise SearchError(f"'{value}' is not a date search value (for example ge2026-01-31)")
    prefix, text = match.group(1) or "eq", match.group(2)
    if prefix in ("ne", "sa", "eb"):
        raise SearchError(f"The date prefix '{prefix}' is not supported: use eq, lt, le, gt or ge")
    try:
        if "T" in text:
            instant = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if timezone.is_naive(instant):
                instant = timezone.make_aware(instant)
        else:
            instant = timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time()))
    except ValueError as bad:
        raise SearchError(f"'{value}' is not a real date") from bad
    return prefix, instant


def date_filter(field_name: str, values: list[str], *, is_date: bool = False) -> dict[str, Any]:
    """Django lookups for one date parameter value (a date without time means that whole day for eq)."""
    if len(values) != 1:
        raise SearchError("A date parameter takes one value (repeat the parameter for a range)")
    prefix, instant = date_bound(values[0])
    day = timezone.localdate(instant) if timezone.is_aware(instant) else instant.date()
    whole_day = "T" not in values[0]
    if is_date:
        lookup = {"eq": "", "lt": "__lt", "le": "__lte", "gt": "__gt", "ge": "__gte"}[prefix]
        return {f"{field_name}{lookup}": day}
    if prefix == "eq" and whole_day:
        return {f"{field_name}__gte": instant, f"{field_name}__lt": instant + datetime.timedelta(days=1)}
    if prefix == "eq":
        return {field_name: instant}
    if whole_day and prefix in ("le", "gt"):
        instant += datetime.timedelta(days=1)  # "on or before the 3rd" includes all of the 3rd
        prefix = {"le": "lt", "gt": "ge"}[prefix]
    return {f"{field_name}__{ {'lt': 'lt', 'le': 'lte', 'gt': 'gt', 'ge': 'gte'}[prefix] }": instant}


def reference_id(value: str, resource_type: str) -> str:
    """The id in a reference parameter: ``Organization/X``, ``X``, or ``system|X`` with the type's identifier system."""
    text = value.strip()
    if "|" in text:
        system, _, code = text.partition("|")
        expected = {
            "Organization": fhir_identifiers.ODS_ORGANISATION,
            "Patient": fhir_identifiers.NHS_NUMBER,
        }.get(resource_type)
        if system and system != expected:
            raise SearchError(f"'{system}' is not the identifier system for {resource_type}")
        return code
    if "/" in text:
        kind, _, ident = text.rpartition("/")
        if kind.rsplit("/", 1)[-1] != resource_type:
            raise SearchError(f"'{value}' is not a reference to a {resource_type}")
        return ident
    return text


def ids(values: list[str], parse: Callable[[str], int | None]) -> list[int]:
    """Row ids from id or reference values (``Type/x`` or ``x``), each read by ``parse``; what it cannot read
    (or a number no row can have) matches nothing rather than failing the search."""
    found = []
    for value in values:
        pk = parse(value.rpartition("/")[2])
        if pk is not None and pk < 10**12:
            found.append(pk)
    return found


def ods_codes(values: list[str]) -> list[str]:
    """Organisation parameter values (``Organization/X``, ``X`` or ``system|X``) as ODS codes, upper case."""
    return [reference_id(v, "Organization").strip().upper() for v in values]


def nhs_numbers(values: list[str]) -> list[str]:
    """Patient parameter values as NHS numbers; SearchError for one that is not a valid NHS number, so a
    mistyped number is told, never answered with an empty list the client takes for "no records"."""
    numbers = [reference_id(v, "Patient").replace(" ", "") for v in values]
    for number in numbers:
        if nhs_number_error(number):
            raise SearchError(f"'{number[:20]}' is not a valid NHS number")
    return numbers


def tokens(values: list[str], allowed: Iterable[str], what: str) -> list[str]:
    """Token values (a ``system|`` part is ignored), each one of ``allowed``; else SearchError."""
    codes = [v.rpartition("|")[2].strip() for v in values]
    known = set(allowed)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise SearchError(f"Unknown {what} '{unknown[0]}': use one of {', '.join(sorted(known))}")
    return codes
