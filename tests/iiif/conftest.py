"""IIIF test data and a shim that installs the app when the project does not yet.

Once `trienlam.iiif` is in INSTALLED_APPS and `iiif/` in the project's urls, the shim does
nothing and the tests run against the real configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, reverse

from tests import builders as b
from trienlam.catalogue.models import Institution, Item, Media
from trienlam.exhibitions.models import Exhibition, Section

APP = "trienlam.iiif"
SIZES = [[240, 339], [480, 679], [960, 1357], [1600, 2263]]


@pytest.fixture(autouse=True)
def _iiif_installed(settings) -> None:  # type: ignore[no-untyped-def]
    if APP not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, APP]
    try:
        reverse("iiif_manifest", kwargs={"identifier": "TL-0001"})
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.iiif.urls"


def page(item: Item, position: int = 0, **fields: object) -> Media:
    """A processed page image (no files: only the rows the manifest reads)."""
    values: dict[str, object] = {
        "item": item,
        "file": f"originals/x/{item.identifier}-{position}.jpg",
        "position": position,
        "page_index": 0,
        "mime_type": "image/jpeg",
        "width": 1654,
        "height": 2339,
        "state": Media.State.READY,
        "sizes": SIZES,
        "sha256": "0" * 64,
    }
    values.update(fields)
    return Media.objects.create(**values)


@dataclass
class Gallery:
    institution: Institution
    exhibition: Exhibition
    part1: Section
    section1: Section
    part2: Section
    letter: Item  # 3 pages, first in part 1
    photo: Item  # 1 page, in section 1.1
    quote: Item  # quotation, in part 2
    hidden: Item  # draft with a page, in section 1.1
    late: Item  # 1 page, in part 2 after the quotation


@pytest.fixture
def gallery(db: None) -> Gallery:
    b.site_profile()
    inst = b.institution(website="https://luutru.langson.example.vn/")
    ex = b.exhibition(slug="cum-thi-dua")
    part1 = b.part(ex, label="Phần I", title="Chủ tịch Hồ Chí Minh", slug="phan-1", position=1)
    section1 = b.part(ex, title="Lời kêu gọi", slug="loi-keu-goi", parent=part1, position=1)
    part2 = b.part(ex, label="Phần II", title="Cụm thi đua 7 tỉnh", slug="phan-2", position=2)
    letter = b.item(inst, title="Công văn về phong trào thi đua")
    for position in (2, 0, 1):  # created out of order: canvases follow `position`
        page(letter, position=position, page_index=position)
    photo = b.item(inst, kind=Item.Kind.PHOTO, title="Ảnh hội nghị điển hình tiên tiến",
                   fonds="", series="", file_unit="", sheet="", doc_number="",
                   other_code="MH-ANH-0042", date_text="khoảng năm 1960")
    page(photo)
    quote = b.item(inst, kind=Item.Kind.QUOTATION, title="Thi đua là yêu nước",
                   quote_text="Thi đua là yêu nước, yêu nước thì phải thi đua",
                   creator="Chủ tịch Hồ Chí Minh", fonds="", series="", file_unit="",
                   sheet="", doc_number="", source_title="Hồ Chí Minh: Toàn tập")
    hidden = b.item(inst, title="Bản nháp chưa duyệt", status=Item.Status.DRAFT)
    page(hidden)
    late = b.item(inst, title="Danh sách điển hình tiên tiến")
    page(late)
    # placed in an order unlike creation order
    b.place(part2, late, position=5)
    b.place(section1, hidden, position=2)
    b.place(part2, quote, position=1)
    b.place(section1, photo, position=1)
    b.place(part1, letter)
    return Gallery(inst, ex, part1, section1, part2, letter, photo, quote, hidden, late)
