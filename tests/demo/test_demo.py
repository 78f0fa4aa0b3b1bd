"""Building the illustrative demo exhibition into the database.

`transaction=True` because renditions are made when the build commits.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import models

from trienlam.catalogue.models import Institution, Item, Media
from trienlam.demo import content
from trienlam.demo.build import ADMIN_PASSWORD, ADMIN_USERNAME, DemoError, build_demo
from trienlam.exhibitions.models import Exhibition, Placement, Section, SiteProfile

SCALE = 0.1
SLUG = "cum-thi-dua-7-tinh"
PROVINCES = ["Hà Giang", "Cao Bằng", "Lạng Sơn", "Lào Cai", "Lai Châu", "Điện Biên", "Sơn La"]
PAGES = sum(item.pages for item in content.ITEMS)
REFERENCE_FIELDS = ("fonds", "series", "file_unit", "sheet", "other_code", "doc_number")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def render_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for the module, so later tests reuse the pages the first one rendered."""
    return tmp_path_factory.mktemp("demo-data")


@pytest.fixture
def demo_settings(settings, tmp_path: Path, render_cache: Path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = render_cache
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def demo(demo_settings):  # type: ignore[no-untyped-def]
    return build_demo(scale=SCALE)


def test_it_builds_the_demo_exhibition(demo) -> None:  # type: ignore[no-untyped-def]
    assert demo.created
    exhibition = Exhibition.objects.public().get(slug=SLUG)
    assert exhibition.title == (
        "Phong trào thi đua yêu nước Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc"
    )
    assert exhibition.occasion == "Hội nghị tổng kết Cụm thi đua, Lạng Sơn, 05/3/2024"
    assert exhibition.legal_basis_lines()[0].startswith("Chỉ thị số 05/2007/CT-TTg")
    assert len(exhibition.co_organiser_lines()) == 6
    assert exhibition.cover is not None and exhibition.cover.item.identifier == "TL-0017"
    parts = Section.objects.filter(exhibition=exhibition, parent=None)
    assert [p.label for p in parts] == ["Phần I", "Phần II", "Phần III"]
    for part in parts:
        assert 2 <= part.children.count() <= 3
        assert part.introduction


def test_it_has_enough_public_items_of_every_kind(demo) -> None:  # type: ignore[no-untyped-def]
    public = Item.objects.public()
    assert public.count() >= 45
    assert demo.public_items == public.count()
    assert set(public.values_list("kind", flat=True)) >= {"document", "photo", "quotation"}
    assert public.filter(kind="quotation").count() >= 5


def test_items_come_from_every_province_and_both_central_bodies(demo) -> None:  # type: ignore[no-untyped-def]
    contributors = Institution.objects.filter(items__in=Item.objects.public()).distinct()
    names = set(contributors.values_list("name", flat=True))
    assert {f"Trung tâm Lưu trữ lịch sử tỉnh {p}" for p in PROVINCES} <= names
    assert "Trung tâm Lưu trữ quốc gia III" in names
    assert "Ban Thi đua - Khen thưởng Trung ương" in names
    assert demo.institutions == 9


def test_some_documents_have_three_pages_or_more(demo) -> None:  # type: ignore[no-untyped-def]
    long = (
        Item.objects.public()
        .filter(kind="document")
        .annotate(pages=models.Count("media"))
        .filter(pages__gte=3)
    )
    assert long.count() >= 4
    item = long.get(identifier="TL-0031")
    assert list(item.media.values_list("position", flat=True)) == [0, 1, 2]
    assert item.transcription.startswith("ỦY BAN HÀNH CHÍNH")


def test_every_page_image_is_stored_with_fixity_and_renditions(demo, demo_settings) -> None:  # type: ignore[no-untyped-def]
    media = Media.objects.all()
    assert media.count() == demo.pages == PAGES > 50
    assert set(media.values_list("mime_type", flat=True)) == {
        "image/jpeg",
        "image/png",
        "image/tiff",
    }
    for m in media:
        assert len(m.sha256) == 64
        assert m.alt_text
        renditions = Path(demo_settings.MEDIA_ROOT) / m.rendition_base / "full"
        assert renditions.is_dir(), m.original_name
    assert Media.objects.get(original_name="TL-0031-trang-1.jpg").width == 165


def test_every_archival_reference_starts_with_mh(demo) -> None:  # type: ignore[no-untyped-def]
    for item in Item.objects.all():
        for name in REFERENCE_FIELDS:
            value = getattr(item, name)
            assert not value or value.startswith("MH-"), (item.identifier, name, value)
    assert Item.objects.exclude(kind="quotation").exclude(fonds="", other_code="").count() == 41


def test_all_stored_text_is_nfc(demo) -> None:  # type: ignore[no-untyped-def]
    rows = [
        *Item.objects.all(),
        *Section.objects.all(),
        *Exhibition.objects.all(),
        *Institution.objects.all(),
        *SiteProfile.objects.all(),
        *Placement.objects.all(),
    ]
    for row in rows:
        for field in row._meta.concrete_fields:
            value = getattr(row, field.attname)
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value), (row, field.name)


def test_draft_and_withdrawn_items_are_placed_but_never_public(demo) -> None:  # type: ignore[no-untyped-def]
    exhibition = Exhibition.objects.get(slug=SLUG)
    hidden = {"TL-0049": "draft", "TL-0050": "withdrawn"}
    for identifier, status in hidden.items():
        item = Item.objects.get(identifier=identifier)
        assert item.status == status
        assert exhibition.placements.filter(item=item).exists()
    public_ids = set(exhibition.public_placements().values_list("item__identifier", flat=True))
    assert public_ids.isdisjoint(hidden)
    assert len(public_ids) == 48
    assert demo.unpublished_items == 2


def test_every_item_is_placed_in_order_some_with_a_caption(demo) -> None:  # type: ignore[no-untyped-def]
    assert Placement.objects.count() == Item.objects.count() == 50
    assert Placement.objects.exclude(caption="").count() >= 5
    assert not Placement.objects.filter(section__parent=None).exists()
    for section in Section.objects.exclude(parent=None):
        positions = list(section.placements.values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))


def test_the_site_is_labelled_illustrative_and_has_a_demo_admin(demo) -> None:  # type: ignore[no-untyped-def]
    profile = SiteProfile.current()
    assert profile.illustrative
    assert profile.email.endswith(".example")
    assert "(minh họa)" in profile.person_in_charge
    assert demo.admin_created
    user = authenticate(username=ADMIN_USERNAME, password=ADMIN_PASSWORD)
    assert user is not None and user.is_superuser


def test_building_twice_changes_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    counts = (Item.objects.count(), Media.objects.count(), Section.objects.count())
    again = build_demo(scale=SCALE)
    assert not again.created
    assert "đã có" in again.message
    assert (Item.objects.count(), Media.objects.count(), Section.objects.count()) == counts
    assert Exhibition.objects.count() == 1
    assert SiteProfile.objects.count() == 1


def test_reset_builds_it_again_from_the_cached_pages(demo, demo_settings) -> None:  # type: ignore[no-untyped-def]
    old_files = {m.file.path for m in Media.objects.all()}
    again = build_demo(scale=SCALE, reset=True)
    assert again.created
    assert again.rendered == 0 and again.reused == PAGES
    assert (Item.objects.count(), Media.objects.count()) == (50, PAGES)
    assert Exhibition.objects.count() == 1
    assert not again.admin_created
    assert not any(Path(path).exists() for path in old_files)


def test_it_refuses_identifiers_used_by_other_items(demo_settings) -> None:  # type: ignore[no-untyped-def]
    institution = Institution.objects.create(
        name="Trung tâm Lưu trữ lịch sử tỉnh Thử nghiệm", slug="thu-nghiem", kind="organisation"
    )
    Item.objects.create(
        identifier="TL-0007",
        kind="document",
        title="Hồ sơ thật của một đơn vị khác",
        institution=institution,
        status="published",
    )
    with pytest.raises(DemoError, match="TL-0007"):
        build_demo(scale=SCALE)
    with pytest.raises(DemoError, match="TL-0007"):
        build_demo(scale=SCALE, reset=True)
    assert not Exhibition.objects.exists()
    assert Item.objects.get(identifier="TL-0007").title == "Hồ sơ thật của một đơn vị khác"


def test_it_refuses_a_scale_outside_zero_to_one(demo_settings) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DemoError):
        build_demo(scale=1.5)
    assert not Exhibition.objects.exists()


def test_the_command_prints_a_summary_and_the_demo_account(demo_settings) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command("demo", scale=SCALE, stdout=out)
    text = out.getvalue()
    assert "25 tài liệu, 14 hình ảnh, 9 câu trích" in text
    assert f"Cơ quan đóng góp: 9. Trang ảnh: {PAGES}." in text
    assert f"tên đăng nhập “{ADMIN_USERNAME}”, mật khẩu “{ADMIN_PASSWORD}”" in text
    assert "http://127.0.0.1:8000/" in text
    out = io.StringIO()
    call_command("demo", scale=SCALE, stdout=out)
    assert "đã có; không thay đổi gì" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_demo_has_a_curator_and_an_editor_to_try_the_roles(demo_settings) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from trienlam.catalogue.roles import roles_of
    from trienlam.demo.build import build_demo

    build_demo(scale=SCALE)
    users = get_user_model().objects
    curator, editor = users.get(username="canbo-langson"), users.get(username="bientap")
    assert curator.check_password("trienlam-demo") and editor.check_password("trienlam-demo")
    assert not roles_of(curator).editor and len(roles_of(curator).curator_of) == 1
    assert roles_of(editor).editor and not editor.is_superuser
