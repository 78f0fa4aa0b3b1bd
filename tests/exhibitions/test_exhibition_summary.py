"""The exhibition page's summary (counts per part, covers, kinds, institutions, first item) is
kept per content version (operations/memo.py): every change to what it shows appears at once.

Transactional tests, like test_shared_data.py: inside a test transaction nothing is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.exhibitions.conftest import SmallExhibition, _build
from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Placement
from trienlam.operations import memo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared(transactional_db: None, tmp_path: Path) -> SmallExhibition:  # type: ignore[no-untyped-def]
    memo.clear()
    small = _build(tmp_path)
    assert memo.available()
    return small


def _page(small: SmallExhibition) -> str:
    response = Client().get(reverse("exhibition", args=[small.exhibition.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _tiles(page: str) -> list[str]:
    return re.findall(r'<li class="tile">(.*?)</li>', page, re.S)


def test_the_summary_is_kept_and_a_withdrawn_item_leaves_it_at_once(
    shared: SmallExhibition,
) -> None:
    page = _page(shared)
    assert f"exhibition-summary:{shared.exhibition.pk}" in memo._store
    assert _page(shared) == page  # from the kept summary
    part1, part2 = _tiles(page)
    assert "2 tư liệu" in part1 and "1 tư liệu" in part2  # the draft is never counted
    assert "<img" in part1  # the letter's first page is part 1's cover
    assert "Trung tâm Lưu trữ quốc gia III" in page  # the photo's institution

    shared.report.status = Item.Status.WITHDRAWN
    shared.report.save()
    page = _page(shared)
    assert "1 tư liệu" in _tiles(page)[0]
    assert "Trung tâm Lưu trữ quốc gia III" not in page  # it contributed only the photo


def test_a_new_placement_and_its_image_show_at_once(
    shared: SmallExhibition, tmp_path: Path
) -> None:
    assert "<img" not in _tiles(_page(shared))[1]  # part 2 holds only a quotation
    other = b.institution("Chi cục Văn thư - Lưu trữ tỉnh Cao Bằng", short_name="CB")
    scan = b.item(other, title="Bản đồ khu vực thi đua")
    b.place(shared.part2, scan, position=5)
    page = _page(shared)
    assert "2 tư liệu" in _tiles(page)[1]
    assert "Chi cục Văn thư - Lưu trữ tỉnh Cao Bằng" in page
    assert "<img" not in _tiles(page)[1]  # no page image yet
    b.with_pages(scan, tmp_path)  # its derivatives are built: it becomes part 2's cover
    media = Media.objects.get(item=scan)
    tile = _tiles(_page(shared))[1]
    assert media.uid.hex in tile


def test_the_first_item_follows_the_reading_order_at_once(shared: SmallExhibition) -> None:
    start = reverse("exhibition_item", args=[shared.exhibition.slug, shared.letter.identifier])
    assert f'href="{start}"' in _page(shared)
    placement = Placement.objects.get(item=shared.letter)
    placement.section = shared.part2
    placement.position = 9
    placement.save()
    report = reverse("exhibition_item", args=[shared.exhibition.slug, shared.report.identifier])
    page = _page(shared)
    assert f'class="button" href="{report}"' in page
    assert "2 tư liệu" in _tiles(page)[1]
