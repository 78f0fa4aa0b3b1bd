"""Helpers for the search tests: a small catalogue and a shortcut to the real search."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import builders as b
from trienlam.search.api import search


def found(q: str, per_page: int = 500, **filters: list[str] | str) -> list[str]:
    """Identifiers returned for *q* (first page), through the public API."""
    params = {k.replace("_", "-"): v for k, v in filters.items()}
    return [hit.item.identifier for hit in search(q, params, per_page=per_page).hits]


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    lang_son = b.province("Lạng Sơn", "lang-son")
    dien_bien = b.province("Điện Biên", "dien-bien")
    archive = b.institution(slug="ttlt-lang-son", province=lang_son)
    other = b.institution(
        "Trung tâm Lưu trữ lịch sử tỉnh Điện Biên",
        short_name="TTLTLS Điện Biên",
        slug="ttlt-dien-bien",
        province=dien_bien,
    )
    ex = b.exhibition(slug="cum-7-tinh")
    part1 = b.part(ex, "Khởi nguồn phong trào", "phan-1", label="Phần I")
    part2 = b.part(ex, "Xây dựng quê hương", "phan-2", label="Phần II")
    items = SimpleNamespace(
        duong=b.item(
            archive,
            identifier="TL-0001",
            title="Mở Đường tuần tra biên giới",
            date_text="1958",
            summary="Công văn về làm đường.",
        ),
        duong_plain=b.item(
            archive,
            identifier="TL-0002",
            title="Lương Văn Dương được khen",
            summary="Bằng khen cá nhân.",
        ),
        sl=b.item(
            other,
            identifier="TL-0097",
            title="Sắc lệnh về thi đua ái quốc",
            doc_number="15/SL",
            creator="Chủ tịch Chính phủ",
            kind="document",
        ),
        photo=b.item(
            other,
            identifier="TL-0100",
            kind="photo",
            title="Ảnh dân công hỏa tuyến Điện Biên Phủ",
            doc_number="",
        ),
        draft=b.item(
            archive, identifier="TL-0200", title="Bản nháp bí mật về thi đua", status="draft"
        ),
    )
    from trienlam.catalogue.models import Item

    Item.objects.filter(pk=items.duong.pk).update(date_start="1958-01-01", date_end="1958-12-31")
    Item.objects.filter(pk=items.sl.pk).update(date_start="1948-06-11", date_end="1948-06-11")
    Item.objects.filter(pk=items.photo.pk).update(date_start="1954-05-07", date_end="1954-05-07")
    b.place(part1, items.sl, caption="Chú thích riêng: lời kêu gọi thi đua ái quốc")
    b.place(part2, items.photo)
    return SimpleNamespace(
        items=items,
        ex=ex,
        part1=part1,
        part2=part2,
        archive=archive,
        other=other,
        lang_son=lang_son,
        dien_bien=dien_bien,
    )
