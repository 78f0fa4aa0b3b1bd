from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from tests import builders as b
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Section
from trienlam.outreach.models import Agency, AgencyGroup
from trienlam.stats import counting

CHROME = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


@dataclass
class Site:
    exhibition: Exhibition
    part1: Section
    section1: Section
    part2: Section
    letter: Item  # in part 1
    photo: Item  # in section 1.1 (so part 1)
    quote: Item  # in part 2
    draft: Item  # placed, but not public
    department: Agency  # code "sonoivu", group departments, province Lạng Sơn
    commune: Agency  # code "ubnd-xa-tan-thanh", group communes, province Cao Bằng
    silent: Agency  # never sends anyone


@pytest.fixture(autouse=True)
def _fresh_counting(monkeypatch):  # type: ignore[no-untyped-def]
    """Each test starts with empty per-process caches and flood windows."""
    counting.clear_caches()
    monkeypatch.setattr(counting, "flood_gate", counting.FloodGate())
    cache.clear()
    yield
    counting.clear_caches()
    cache.clear()


@pytest.fixture
def site(db) -> Site:  # type: ignore[no-untyped-def]
    b.site_profile()
    archive = b.institution("Trung tâm Lưu trữ lịch sử tỉnh Bắc Kạn", slug="ttlt-bac-kan")
    ex = b.exhibition(slug="cum-thi-dua")
    part1 = b.part(ex, label="Phần I", title="Chủ tịch Hồ Chí Minh", slug="phan-1", position=1)
    section1 = b.part(ex, title="Lời kêu gọi", slug="loi-keu-goi", parent=part1, position=1)
    part2 = b.part(ex, label="Phần II", title="Cụm thi đua 7 tỉnh", slug="phan-2", position=2)
    letter = b.item(archive, identifier="TL-0001", title="Công văn về phong trào thi đua")
    photo = b.item(
        archive, identifier="TL-0002", title="Ảnh hội nghị điển hình", kind=Item.Kind.PHOTO
    )
    quote = b.item(
        archive, identifier="TL-0003", title="Thi đua là yêu nước", kind=Item.Kind.QUOTATION
    )
    draft = b.item(archive, identifier="TL-0009", title="Bản nháp", status=Item.Status.DRAFT)
    b.place(part1, letter)
    b.place(section1, photo)
    b.place(section1, draft, position=2)
    b.place(part2, quote)
    departments = AgencyGroup.objects.get_or_create(name="Sở, ban, ngành")[0]
    communes = AgencyGroup.objects.get_or_create(name="UBND xã, phường")[0]
    cao_bang = b.province("Cao Bằng", "cao-bang")
    department = Agency.objects.create(
        name="Sở Nội vụ tỉnh Lạng Sơn", code="sonoivu", group=departments, province=b.province()
    )
    commune = Agency.objects.create(
        name="UBND xã Tân Thành", code="ubnd-xa-tan-thanh", group=communes, province=cao_bang
    )
    silent = Agency.objects.create(
        name="Báo Lạng Sơn", code="baolangson", group=departments, province=b.province()
    )
    return Site(
        ex, part1, section1, part2, letter, photo, quote, draft, department, commune, silent
    )


def hit(client, path: str, ua: str = CHROME, **params: str):  # type: ignore[no-untyped-def]
    """One request to the counting endpoint, as count.js makes it."""
    return client.get("/dem/", {"u": path, **params}, HTTP_USER_AGENT=ua)
