from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import builders as b
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Section


@dataclass
class SmallExhibition:
    exhibition: Exhibition
    part1: Section
    section1: Section
    part2: Section
    letter: Item  # 3-page document, first in part 1
    report: Item  # photo in section 1.1
    quote: Item  # quotation in part 2
    hidden: Item  # draft item placed in section 1.1


@pytest.fixture
def small(db: None, django_capture_on_commit_callbacks, tmp_path: Path) -> SmallExhibition:  # type: ignore[no-untyped-def]
    """An exhibition with two parts, a section, a multi-page document, a photo,
    a quotation and a draft item, with real images through the real pipeline."""
    with django_capture_on_commit_callbacks(execute=True):
        return _build(tmp_path)


def _build(tmp_path: Path) -> SmallExhibition:
    b.site_profile()
    lang_son = b.institution()
    national = b.institution(
        "Trung tâm Lưu trữ quốc gia III",
        short_name="TTLTQG III",
        kind="national_archive",
        province=b.province("Hà Nội", "ha-noi"),
    )
    ex = b.exhibition(slug="cum-thi-dua")
    part1 = b.part(ex, label="Phần I", title="Chủ tịch Hồ Chí Minh", slug="phan-1",
                   introduction="Phần mở đầu của triển lãm.", position=1)
    section1 = b.part(ex, title="Lời kêu gọi thi đua ái quốc", slug="loi-keu-goi",
                      parent=part1, position=1)
    part2 = b.part(ex, label="Phần II", title="Cụm thi đua 7 tỉnh", slug="phan-2", position=2)
    letter = b.with_pages(b.item(lang_son, title="Công văn về phong trào thi đua"), tmp_path, 3)
    report = b.with_pages(
        b.item(national, kind=Item.Kind.PHOTO, title="Ảnh hội nghị điển hình tiên tiến",
               fonds="", series="", file_unit="", sheet="", doc_number="",
               other_code="MH-ANH-0042", date_text="khoảng năm 1960"),
        tmp_path,
    )
    quote = b.item(
        lang_son, kind=Item.Kind.QUOTATION, title="Thi đua là yêu nước",
        quote_text="Thi đua là yêu nước, yêu nước thì phải thi đua",
        creator="Chủ tịch Hồ Chí Minh", occasion="Lời kêu gọi thi đua ái quốc",
        date_text="11/6/1948", fonds="", series="", file_unit="", sheet="", doc_number="",
        source_title="Hồ Chí Minh: Toàn tập", source_page="MH-12",
    )
    hidden = b.item(lang_son, title="Bản nháp chưa duyệt", status=Item.Status.DRAFT)
    b.place(part1, letter, caption="Chú thích của người biên tập.")
    b.place(section1, report, position=1)
    b.place(section1, hidden, position=2)
    b.place(part2, quote)
    return SmallExhibition(ex, part1, section1, part2, letter, report, quote, hidden)
