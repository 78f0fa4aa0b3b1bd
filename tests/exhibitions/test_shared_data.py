"""Data the public pages share is kept per content version (operations/memo.py), and a change
to a placement, an item, an exhibition or the site profile shows at once.

Transactional tests: inside a test transaction nothing is kept (see memo.py), so these are
the tests that exercise the kept values the live site serves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.exhibitions.conftest import SmallExhibition, _build
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Placement, SiteProfile
from trienlam.operations import memo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared(transactional_db: None, tmp_path: Path) -> SmallExhibition:  # type: ignore[no-untyped-def]
    memo.clear()
    small = _build(tmp_path)
    assert memo.available(), "content saved: a version exists and values are kept"
    return small


def _item_in(small: SmallExhibition, item: Item) -> str:
    return reverse("exhibition_item", args=[small.exhibition.slug, item.identifier])


def _get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_pages_are_the_same_with_and_without_kept_data(shared: SmallExhibition, settings) -> None:  # type: ignore[no-untyped-def]
    urls = [
        reverse("home"),
        reverse("exhibition", args=[shared.exhibition.slug]),
        reverse("part", args=[shared.exhibition.slug, "phan-1"]),
        reverse("part", args=[shared.exhibition.slug, "phan-2"]),
        _item_in(shared, shared.letter),
        _item_in(shared, shared.report),
        _item_in(shared, shared.quote),
        reverse("item", args=[shared.letter.identifier]),
        reverse("privacy"),
    ]
    kept = {url: (_get(url), _get(url)) for url in urls}  # computed, then reused
    assert len(memo._store) > 3
    settings.TRIENLAM_CONTENT_MEMO = False
    assert not memo.available()
    for url in urls:
        fresh = _get(url)
        assert kept[url][0] == fresh, url
        assert kept[url][1] == fresh, url


def test_a_moved_or_captioned_placement_shows_at_once(shared: SmallExhibition) -> None:
    letter_page = _get(_item_in(shared, shared.letter))
    assert _item_in(shared, shared.report) in letter_page  # next: the photo in section 1.1
    # The quotation moves into part 1, right after the letter (same position, later id).
    placement = Placement.objects.get(item=shared.quote)
    placement.section = shared.part1
    placement.position = 0
    placement.caption = "Chú thích mới của câu trích dẫn."
    placement.save()
    letter_page = _get(_item_in(shared, shared.letter))
    assert f'rel="next" href="{_item_in(shared, shared.quote)}"' in letter_page
    quote_page = _get(_item_in(shared, shared.quote))
    assert "Chú thích mới của câu trích dẫn." in quote_page
    assert f'rel="prev" href="{_item_in(shared, shared.letter)}"' in quote_page
    assert f'rel="next" href="{_item_in(shared, shared.report)}"' in quote_page


def test_a_withdrawn_item_leaves_the_reading_order_at_once(shared: SmallExhibition) -> None:
    report_url = _item_in(shared, shared.report)
    assert report_url in _get(_item_in(shared, shared.letter))
    shared.report.status = Item.Status.WITHDRAWN
    shared.report.save()
    assert Client().get(report_url).status_code == 404
    letter_page = _get(_item_in(shared, shared.letter))
    assert report_url not in letter_page
    assert f'rel="next" href="{_item_in(shared, shared.quote)}"' in letter_page


def test_a_renamed_item_shows_in_its_neighbours_at_once(shared: SmallExhibition) -> None:
    assert "Ảnh hội nghị" in _get(_item_in(shared, shared.letter))
    shared.report.title = "Ảnh đã đổi tên"
    shared.report.save()
    assert "Ảnh đã đổi tên" in _get(_item_in(shared, shared.letter))


def test_a_new_placement_shows_on_the_item_page_at_once(shared: SmallExhibition) -> None:
    own_page = reverse("item", args=[shared.letter.identifier])
    other = b.exhibition(slug="trien-lam-khac", title="Một triển lãm khác")
    assert "Một triển lãm khác" not in _get(own_page)
    b.place(b.part(other, title="Phần một", slug="phan-mot"), shared.letter)
    page = _get(own_page)
    assert "Một triển lãm khác" in page
    assert reverse("exhibition_item", args=[other.slug, shared.letter.identifier]) in page


def test_a_changed_site_profile_shows_in_the_layout_at_once(shared: SmallExhibition) -> None:
    url = _item_in(shared, shared.letter)
    assert "Sở Nội vụ tỉnh Lạng Sơn" in _get(url)
    profile = SiteProfile.objects.get()
    profile.agency = "Cơ quan mới chịu trách nhiệm"
    profile.site_name = "Tên trang mới"
    profile.save()
    page = _get(url)
    assert "Cơ quan mới chịu trách nhiệm" in page
    assert '<a class="site-name" href="/">Tên trang mới</a>' in page
    assert "Sở Nội vụ tỉnh Lạng Sơn" not in page
