"""One way to page a list: through the ids first, then only that page's rows.

A worklist's filter and order run on an index; joining each row to its patient, service and
organisations is what costs. Paging the ids alone (one narrow, indexed query) and then loading
just that page's rows makes a deep page cost an index walk, not thousands of joins. Every list
page uses this, and ``neighbour_links`` for the NHS.UK pagination component's previous and next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_of(
    rows: QuerySet[Any],
    number: str | int | None,
    size: int,
    *,
    load: Callable[[list[int]], Iterable[Any]] | None = None,
) -> Page:
    """Page ``number`` of ``rows`` (a bad or out-of-range number gives the first or last page).

    With ``load``, the page is found over the ids and ``load(ids)`` fetches that page's rows (in
    any order; they are put back in the list's order). Without it, the rows are paged directly.
    """
    if load is None:
        return Paginator(rows, size).get_page(number)
    page = Paginator(rows.values_list("id", flat=True), size).get_page(number)
    ids: list[int] = list(page.object_list)
    found = {row.id: row for row in load(ids)}
    page.object_list = [found[i] for i in ids if i in found]  # type: ignore[misc]
    return page


def neighbour_links(page: Page, query: Mapping[str, str]) -> dict[str, str]:
    """The previous and next pages' addresses and labels, keeping the list's filters (``query``)."""
    kept = {key: value for key, value in query.items() if key != "page"}
    links = {}
    total = page.paginator.num_pages
    if page.has_previous():
        links["previousUrl"] = "?" + urlencode({**kept, "page": page.previous_page_number()})
        links["previousPage"] = f"Page {page.previous_page_number()} of {total}"
    if page.has_next():
        links["nextUrl"] = "?" + urlencode({**kept, "page": page.next_page_number()})
        links["nextPage"] = f"Page {page.next_page_number()} of {total}"
    return links
