"""Fixtures for the browse tests: a small catalogue with public and non-public items in
several provinces, institutions and years; the browser fixtures come from tests/conftest.py."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from tests import builders as b
from trienlam.catalogue.models import Institution, Item


def dated(year: int, end_year: int | None = None) -> dict[str, object]:
    return {
        "date_text": str(year) if end_year is None else f"{year}-{end_year}",
        "date_start": datetime.date(year, 1, 1),
        "date_end": datetime.date(end_year or year, 12, 31),
    }


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    """Lạng Sơn: 3 public items (1948, 1954, 1958) + 1 draft (1930) + 1 withdrawn (1962);
    Cao Bằng: 1 public (1945-1954, placed in 1945) + 1 in review; Điện Biên: only a draft;
    a national archive (no province): 1 public undated item; Sơn La: no item at all."""
    b.site_profile()
    lang_son = b.province("Lạng Sơn", "lang-son")
    lang_son.position = 3
    lang_son.save()
    cao_bang = b.province("Cao Bằng", "cao-bang")
    cao_bang.position = 2
    cao_bang.save()
    dien_bien = b.province("Điện Biên", "dien-bien")
    son_la = b.province("Sơn La", "son-la")
    archive_ls = b.institution(
        slug="ttlt-lang-son", province=lang_son, address="Thành phố Lạng Sơn"
    )
    archive_cb = b.institution(
        "Trung tâm Lưu trữ lịch sử tỉnh Cao Bằng",
        short_name="TTLTLS Cao Bằng",
        slug="ttlt-cao-bang",
        province=cao_bang,
    )
    archive_db = b.institution(
        "Trung tâm Lưu trữ lịch sử tỉnh Điện Biên",
        short_name="TTLTLS Điện Biên",
        slug="ttlt-dien-bien",
        province=dien_bien,
    )
    national = Institution.objects.create(
        name="Trung tâm Lưu trữ quốc gia III",
        short_name="TTLTQG III",
        slug="ttltqg-3",
        kind=Institution.Kind.NATIONAL_ARCHIVE,
        address="34 Phan Kế Bính, Hà Nội",
    )
    old_board = Institution.objects.create(
        name="Ban Thi đua - Khen thưởng tỉnh Hà Giang",
        slug="btdkt-ha-giang",
        kind=Institution.Kind.EMULATION_BOARD,
        successor=archive_cb,
    )
    published = Item.Status.PUBLISHED
    items = SimpleNamespace(
        ls_1948=b.item(archive_ls, title="Lời kêu gọi thi đua 1948", **dated(1948)),
        ls_1954=b.item(archive_ls, title="Báo cáo năm 1954", **dated(1954)),
        ls_1958=b.item(archive_ls, title="Báo cáo năm 1958", **dated(1958)),
        ls_draft=b.item(
            archive_ls, title="Bản nháp bí mật", status=Item.Status.DRAFT, **dated(1930)
        ),
        ls_withdrawn=b.item(
            archive_ls, title="Tư liệu đã gỡ", status=Item.Status.WITHDRAWN, **dated(1962)
        ),
        cb_range=b.item(
            archive_cb, title="Hồ sơ kháng chiến", status=published, **dated(1945, 1954)
        ),
        cb_review=b.item(
            archive_cb, title="Tư liệu chờ duyệt", status=Item.Status.IN_REVIEW, **dated(1970)
        ),
        db_draft=b.item(
            archive_db, title="Nháp Điện Biên", status=Item.Status.DRAFT, **dated(1954)
        ),
        national=b.item(
            national,
            title="Ảnh tư liệu không rõ năm",
            province=None,
            kind=Item.Kind.PHOTO,
            date_text="",
            date_start=None,
            date_end=None,
        ),
    )
    return SimpleNamespace(
        provinces=SimpleNamespace(
            lang_son=lang_son, cao_bang=cao_bang, dien_bien=dien_bien, son_la=son_la
        ),
        archives=SimpleNamespace(
            lang_son=archive_ls,
            cao_bang=archive_cb,
            dien_bien=archive_db,
            national=national,
            old_board=old_board,
        ),
        items=items,
    )
