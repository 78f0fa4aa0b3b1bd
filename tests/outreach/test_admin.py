"""The agencies' admin (editors and administrators) and curators' own banner files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from trienlam.outreach.models import Agency, PromotionKit

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/outreach/agency/"


def test_editors_and_administrators_manage_agencies_curators_do_not(personas, agency) -> None:  # type: ignore[no-untyped-def]
    for client in (personas.editor, personas.administrator):
        response = client.get(CHANGELIST, {"q": "Văn hóa"})
        assert response.status_code == 200
        assert agency.name in response.content.decode()
        assert "Nhập từ bảng tính" in response.content.decode()
        assert client.get(CHANGELIST, {"group__id__exact": agency.group_id}).status_code == 200
        assert client.get(CHANGELIST + "nhap/").status_code == 200
        assert client.get(CHANGELIST + "add/").status_code == 200
        assert client.get(f"{CHANGELIST}{agency.pk}/change/").status_code == 200
        assert client.get("/admin/outreach/promotionkit/add/").status_code == 200
        assert client.get("/admin/outreach/agencygroup/").status_code == 200
        assert client.get(CHANGELIST + "mau.xlsx").status_code == 200
    for client in (personas.curator_a, personas.anonymous):
        assert client.get(CHANGELIST).status_code in (302, 403)
        assert client.get(CHANGELIST + "nhap/").status_code in (302, 403)


def test_the_admin_import_reports_problems_by_row_and_column(personas) -> None:  # type: ignore[no-untyped-def]
    from tests import builders as b

    b.province()
    sheet = (
        "Tên cơ quan,Nhóm,Tỉnh\n"
        'Sở Nội vụ,"Sở, ban, ngành",Lạng Sơn\n'
        "Sở Y tế,Không có nhóm này,Lạng Sơn\n"
    ).encode()
    response = personas.editor.post(
        CHANGELIST + "nhap/",
        {
            "sheet": SimpleUploadedFile("danh-sach.csv", sheet, "text/csv"),
            "dry_run": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Không có gì được lưu." in body
    assert "<td>3</td><td>Nhóm</td>" in body
    assert Agency.objects.count() == 0
    fixed = sheet.replace("Không có nhóm này".encode(), b'"S\xe1\xbb\x9f, ban, ng\xc3\xa0nh"')
    response = personas.editor.post(
        CHANGELIST + "nhap/",
        {
            "sheet": SimpleUploadedFile("danh-sach.csv", fixed, "text/csv"),
        },
    )
    assert "Đã lưu." in response.content.decode()
    assert Agency.objects.count() == 2


def _png(size: tuple[int, int], colour: tuple[int, int, int] = (0, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_curators_own_banner_is_checked_and_then_used(staff, small, client) -> None:  # type: ignore[no-untyped-def]
    url = "/admin/outreach/promotionkit/add/"
    base = {
        "exhibition": small.exhibition.pk,
        "wide_width": 1200,
        "wide_height": 300,
        "sidebar_width": 300,
        "sidebar_height": 250,
    }
    wrong_size = staff.editor.post(
        url, {**base, "sidebar_file": SimpleUploadedFile("cot.png", _png((320, 240)), "image/png")}
    )
    assert wrong_size.status_code == 200
    assert "“cot.png” có kích thước 320×240 điểm ảnh" in wrong_size.content.decode()
    not_an_image = staff.editor.post(
        url,
        {**base, "sidebar_file": SimpleUploadedFile("cot.png", b"<html>hello</html>", "image/png")},
    )
    assert "“cot.png” bị từ chối" in not_an_image.content.decode()
    assert not PromotionKit.objects.exists()
    ok = staff.editor.post(
        url, {**base, "sidebar_file": SimpleUploadedFile("cot.png", _png((600, 500)), "image/png")}
    )
    assert ok.status_code == 302, ok.content.decode()[:3000]
    served = client.get("/quang-ba/cum-thi-dua/banner-cot.png")
    image = Image.open(io.BytesIO(b"".join(served.streaming_content))).convert("RGB")
    assert image.size == (300, 250)
    assert image.getpixel((150, 125)) == (0, 90, 160), "the curator's banner, not ours"
    wide = client.get("/quang-ba/cum-thi-dua/banner-ngang.png")
    wide_image = Image.open(io.BytesIO(b"".join(wide.streaming_content))).convert("RGB")
    assert wide_image.getpixel((5, 5)) != (0, 90, 160), "the other size is still generated"


def test_curators_cannot_change_promotion_settings(staff, small) -> None:  # type: ignore[no-untyped-def]
    assert staff.curator.get("/admin/outreach/promotionkit/add/").status_code in (302, 403)
