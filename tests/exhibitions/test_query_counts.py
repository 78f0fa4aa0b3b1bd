"""How many queries each public page costs, with the per-content-version memo and without.

An extra query here means a page reads something its view did not fetch (a relation not
joined, a list not attached, a deferred field): one more query per item on a list page. The
counts are exact, so a view change that adds or saves a query must update them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import builders as b
from tests.exhibitions.conftest import SmallExhibition, _build
from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Placement
from trienlam.operations import memo


def _pages(small: SmallExhibition) -> dict[str, str]:
    slug = small.exhibition.slug
    return {
        "item": reverse("item", args=[small.letter.identifier]),
        "item in exhibition": reverse("exhibition_item", args=[slug, small.letter.identifier]),
        "quotation in exhibition": reverse("exhibition_item", args=[slug, small.quote.identifier]),
        "part": reverse("part", args=[slug, "phan-1"]),
        "exhibition": reverse("exhibition", args=[slug]),
        "home": reverse("home"),
    }


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def _queries(client: Client, url: str) -> tuple[bytes, list[str]]:
    """The page and the queries it ran, leaving out the visit counter's totals: the stats
    app keeps them for a while in each process, so whether a request reads them depends
    on the requests before it (tests/stats covers them)."""
    with CaptureQueriesContext(connection) as captured:
        content = _get(client, url)
    return content, [q["sql"] for q in captured.captured_queries if "stats_" not in q["sql"]]


# Nothing kept (inside a transaction, or TRIENLAM_CONTENT_MEMO off): each page also reads
# the site profile and what it shares with other pages (exhibition, sections, reading order).
WITHOUT_MEMO = {
    # item + media, "shown in", site profile
    "item": 4,
    # exhibition, sections, item + media, reading order, site profile
    "item in exhibition": 6,
    "quotation in exhibition": 6,
    # exhibition, sections, placements with items, their media, site profile
    "part": 5,
    # exhibition, sections, reading order, media of its items, covers, first placement,
    # institutions, site profile
    "exhibition": 8,
    # exhibitions with covers, site profile
    "home": 2,
}

# Kept per content version (the live site's default): only the page's own rows are read.
WITH_MEMO = {
    "item": 2,
    "item in exhibition": 2,
    "quotation in exhibition": 2,
    "part": 2,
    "exhibition": 0,
    "home": 1,
}


@pytest.mark.django_db
def test_queries_per_page_without_memo(small: SmallExhibition) -> None:
    assert not memo.available()  # inside the test's transaction
    client = Client()
    for name, url in _pages(small).items():
        _, queries = _queries(client, url)
        assert len(queries) == WITHOUT_MEMO[name], (name, queries)


@pytest.mark.django_db(transaction=True)
def test_queries_per_page_with_memo(tmp_path: Path) -> None:
    memo.clear()
    small = _build(tmp_path)
    assert memo.available()
    client = Client()
    for name, url in _pages(small).items():
        first = _get(client, url)  # computes what is shared
        again, queries = _queries(client, url)
        assert again == first, name
        assert len(queries) == WITH_MEMO[name], (name, queries)


@pytest.mark.django_db
def test_a_part_with_many_items_costs_the_same_queries(
    small: SmallExhibition,
    tmp_path: Path,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    """No query per card: every item's media and institution come with the page's queries."""
    other = b.institution("Chi cục Văn thư - Lưu trữ tỉnh Cao Bằng", short_name="CB")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            item = b.item(other, title=f"Tài liệu thêm {n}")
            if n % 2:
                b.with_pages(item, tmp_path, 2)
            b.place(small.section1, item, position=10 + n)
    client = Client()
    url = reverse("part", args=[small.exhibition.slug, "phan-1"])
    page, queries = _queries(client, url)
    assert len(queries) == WITHOUT_MEMO["part"], queries
    assert page.decode().count('class="card"') == 2 + 6
    _, queries = _queries(client, reverse("exhibition", args=[small.exhibition.slug]))
    assert len(queries) == WITHOUT_MEMO["exhibition"], queries


@pytest.mark.django_db
def test_the_item_page_reads_no_draft_and_no_other_item(small: SmallExhibition) -> None:
    client = Client()
    assert client.get(reverse("item", args=[small.hidden.identifier])).status_code == 404
    assert client.get(reverse("item", args=["TL-NOPE"])).status_code == 404
    page = _get(client, reverse("item", args=[small.letter.identifier])).decode()
    pages = Media.objects.filter(item=small.letter).order_by("position", "id")
    for media in pages:
        assert media.uid.hex in page
    assert page.count('class="page"') == 3
    assert Placement.objects.filter(item=small.letter).exists()
    assert Item.objects.filter(status=Item.Status.DRAFT).count() == 1


def test_viewer_labels_are_made_once_per_language() -> None:
    from django.utils import translation

    from trienlam.exhibitions.views import _viewer_labels

    with translation.override("en"):
        english = json.loads(_viewer_labels(translation.get_language(), False))
        assert english["close"] == "Close"
    with translation.override("vi"):
        vietnamese = json.loads(_viewer_labels(translation.get_language(), False))
        assert vietnamese["close"] == translation.gettext("Close") != "Close"
        # A photo is looked at, a document read.
        assert vietnamese["open"] == "Phóng to để đọc chi tiết"
        assert json.loads(_viewer_labels("vi", True))["open"] == "Phóng to để xem chi tiết"
    assert _viewer_labels("vi", False) is _viewer_labels("vi", False)  # kept, not rebuilt
