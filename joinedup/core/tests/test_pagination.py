"""One way to page a list: ids first, then that page's rows, in the list's order."""

from __future__ import annotations

from joinedup.core import pagination
from joinedup.directory.models import Organisation


def test_a_page_loads_only_its_own_rows_in_the_lists_order_and_links_keep_the_filters(icb) -> None:
    rows = Organisation.objects.order_by("-id")
    loaded: list[list[int]] = []

    def load(ids: list[int]) -> list[Organisation]:
        loaded.append(ids)
        return list(Organisation.objects.filter(id__in=ids).order_by("id"))  # any order: put back in the list's

    page = pagination.page_of(rows, "2", 3, load=load)
    expected = list(rows.values_list("id", flat=True)[3:6])
    assert [o.id for o in page.object_list] == expected and loaded == [expected]
    links = pagination.neighbour_links(page, {"which": "all", "page": "2"})
    assert links["previousUrl"] == "?which=all&page=1" and links["nextUrl"] == "?which=all&page=3"
    assert links["nextPage"] == f"Page 3 of {page.paginator.num_pages}"
    # A page number that is not a number, or is past the end, gives the first or the last page.
    assert pagination.page_of(rows, "²", 3).number == 1
    assert pagination.page_of(rows, "99999", 3).number == page.paginator.num_pages
