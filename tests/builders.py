"""Small, realistic archival records for tests (Vietnamese text, reference codes, scans)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pyvips

from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media
from trienlam.catalogue.models import Institution, Item, Province
from trienlam.exhibitions.models import Exhibition, Placement, Section, SiteProfile

_counter = itertools.count(1)


def scan(path: Path, width: int = 620, height: int = 877, fmt: str = ".jpg") -> Path:
    """A small paper-toned 'scan' with some text, written by libvips."""
    paper = [244, 236, 220]
    page = pyvips.Image.black(width, height, bands=3).linear([1, 1, 1], paper)
    text = pyvips.Image.text("Ủy ban hành chính tỉnh Lạng Sơn", width=width - 80, dpi=110)
    page = page.insert(text.ifthenelse([40, 30, 20], [244, 236, 220]).cast("uchar"), 40, 60)
    page = page.cast("uchar").copy(interpretation="srgb")
    page.write_to_file(str(path.with_suffix(fmt)))
    return path.with_suffix(fmt)


def site_profile() -> SiteProfile:
    return SiteProfile.objects.create(
        site_name="Triển lãm tài liệu lưu trữ trực tuyến",
        agency="Sở Nội vụ tỉnh Lạng Sơn (minh họa)",
        address="Thành phố Lạng Sơn, tỉnh Lạng Sơn",
        person_in_charge="Chánh Văn phòng Ban Tổ chức (minh họa)",
        phone="0200 000 0000",
        email="lienhe@trienlam.example",
        privacy_note="Trang công khai không đặt cookie và không lưu địa chỉ IP.",
        illustrative=True,
    )


def province(name: str = "Lạng Sơn", slug: str = "lang-son") -> Province:
    return Province.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def institution(
    name: str = "Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn", **extra: object
) -> Institution:
    slug = extra.pop("slug", None) or f"inst-{next(_counter)}"
    return Institution.objects.create(
        name=name,
        short_name=extra.pop("short_name", "TTLTLS Lạng Sơn"),
        slug=slug,
        kind=extra.pop("kind", Institution.Kind.PROVINCIAL_ARCHIVE),
        province=extra.pop("province", None) or province(),
        **extra,
    )


def item(inst: Institution, **fields: object) -> Item:
    number = next(_counter)
    defaults: dict[str, object] = {
        "identifier": f"TL-{number:04d}",
        "kind": Item.Kind.DOCUMENT,
        "title": f"Báo cáo tổng kết phong trào thi đua năm 1958 (số {number})",
        "summary": "Báo cáo về phong trào thi đua yêu nước trong toàn tỉnh.",
        "date_text": "12/6/1958",
        "doc_number": "MH-15/TĐ",
        "creator": "Ủy ban hành chính tỉnh Lạng Sơn",
        "fonds": "MH-UBHC-LS",
        "series": "MH-03",
        "file_unit": "MH-127",
        "sheet": "MH-12-15",
        "status": Item.Status.PUBLISHED,
        "institution": inst,
        "province": inst.province,
    }
    defaults.update(fields)
    return Item.objects.create(**defaults)


def exhibition(**fields: object) -> Exhibition:
    defaults: dict[str, object] = {
        "slug": f"trien-lam-{next(_counter)}",
        "title": "Phong trào thi đua yêu nước Cụm 7 tỉnh miền núi biên giới phía Bắc",
        "subtitle": "Triển lãm tài liệu lưu trữ trực tuyến",
        "introduction": "Lời giới thiệu đoạn một.\n\nĐoạn hai.",
        "legal_basis": "Chỉ thị số 05/2007/CT-TTg ngày 02/3/2007",
        "organisers": "UBND tỉnh Lạng Sơn",
        "occasion": "Hội nghị tổng kết Cụm thi đua, Lạng Sơn, 05/3/2024",
        "status": Exhibition.Status.PUBLISHED,
    }
    defaults.update(fields)
    return Exhibition.objects.create(**defaults)


def part(ex: Exhibition, title: str = "Phần I", slug: str = "phan-1", **fields: object) -> Section:
    return Section.objects.create(exhibition=ex, title=title, slug=slug, **fields)


def place(section: Section, it: Item, position: int = 0, caption: str = "") -> Placement:
    return Placement.objects.create(section=section, item=it, position=position, caption=caption)


def with_pages(it: Item, folder: Path, pages: int = 1) -> Item:
    """Attach *pages* scans through the real pipeline and build their derivatives."""
    for page in range(pages):
        add_media(item=it, source=scan(folder / f"{it.identifier}-{page + 1}"), alt_text="")
    processing.process_all()
    return it
