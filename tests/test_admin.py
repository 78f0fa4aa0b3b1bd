"""The Vietnamese admin: every page loads; bad input gets a specific message."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue import processing
from trienlam.catalogue.models import Item, Media


@pytest.fixture
def admin_client(db: None) -> Client:
    user = User.objects.create_superuser("quantri", "quantri@trienlam.example", "mat-khau-dai-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def data(db: None, tmp_path: Path, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        archive = b.institution()
        ex = b.exhibition(slug="cum")
        part = b.part(ex)
        published = b.with_pages(b.item(archive), tmp_path)
        draft = b.item(archive, status="draft", title="Bản nháp")
        b.place(part, published)
        b.place(part, draft, position=1)
    return {"archive": archive, "exhibition": ex, "part": part, "item": published, "draft": draft}


def item_form(archive_id: int, **overrides: object) -> dict[str, object]:
    form: dict[str, object] = {
        "identifier": "TL-0777",
        "kind": "document",
        "status": "draft",
        "title": "Công văn về thi đua",
        "summary": "",
        "date_text": "1958",
        "date_start": "1958-01-01",
        "date_end": "1958-12-31",
        "languages": "vi",
        "institution": archive_id,
        "media-TOTAL_FORMS": "0",
        "media-INITIAL_FORMS": "0",
        "media-MIN_NUM_FORMS": "0",
        "media-MAX_NUM_FORMS": "1000",
    }
    form.update(overrides)
    return form


def test_every_admin_page_loads_in_vietnamese(admin_client: Client, data: dict) -> None:
    objects = {
        "catalogue_item": data["item"],
        "catalogue_institution": data["archive"],
        "catalogue_province": data["archive"].province,
        "exhibitions_exhibition": data["exhibition"],
        "exhibitions_section": data["part"],
        "exhibitions_placement": data["part"].placements.first(),
    }
    for name, obj in objects.items():
        for url in [
            reverse(f"admin:{name}_changelist"),
            reverse(f"admin:{name}_add"),
            reverse(f"admin:{name}_change", args=[obj.pk]),
        ]:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert 'lang="vi"' in html, url
            # an empty icon of its own: no request for /favicon.ico (a 404 in the log)
            assert '<link rel="icon" href="data:,">' in html, url
    assert "Tư liệu" in admin_client.get(reverse("admin:index")).content.decode()


def test_it_refuses_an_identifier_that_exists(admin_client: Client, data: dict) -> None:
    response = admin_client.post(
        reverse("admin:catalogue_item_add"),
        item_form(data["archive"].pk, identifier=data["item"].identifier),
    )
    assert response.status_code == 200
    assert "Mã định danh" in response.content.decode()
    assert "đã tồn tại" in response.content.decode()


def test_it_refuses_an_end_date_before_the_start(admin_client: Client, data: dict) -> None:
    response = admin_client.post(
        reverse("admin:catalogue_item_add"),
        item_form(data["archive"].pk, date_start="1960-01-01", date_end="1950-01-01"),
    )
    assert "Ngày muộn nhất ở trước ngày sớm nhất." in response.content.decode()
    assert not Item.objects.filter(identifier="TL-0777").exists()


def test_it_refuses_an_upload_that_is_not_an_image(
    admin_client: Client, data: dict, settings
) -> None:  # type: ignore[no-untyped-def]
    fake = SimpleUploadedFile("trang-1.jpg", b"%PDF-1.4 not really an image\n" * 20)
    form = item_form(
        data["archive"].pk,
        **{"media-TOTAL_FORMS": "1", "media-0-position": "0", "media-0-file": fake},
    )
    response = admin_client.post(reverse("admin:catalogue_item_add"), form)
    html = response.content.decode()
    assert "“trang-1.jpg” bị từ chối" in html
    assert not Item.objects.filter(identifier="TL-0777").exists()
    assert not list((Path(settings.MEDIA_ROOT) / "originals").glob("**/trang-1*"))


def test_an_uploaded_scan_is_stored_unchanged_with_its_checksum(
    admin_client: Client, data: dict, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    scan = b.scan(tmp_path / "to-trinh", fmt=".png")
    content = scan.read_bytes()
    form = item_form(
        data["archive"].pk,
        **{
            "media-TOTAL_FORMS": "1",
            "media-0-position": "0",
            "media-0-file": SimpleUploadedFile("to-trinh.png", content),
            "media-0-alt_text": "Trang 1",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:catalogue_item_add"), form)
    assert response.status_code == 302
    media = Media.objects.get(item__identifier="TL-0777")
    assert media.mime_type == "image/png"
    assert (media.width, media.height) == (620, 877)
    import hashlib

    assert media.sha256 == hashlib.sha256(content).hexdigest()
    assert Path(media.file.path).read_bytes() == content
    # The upload returned at once; the worker builds the derivatives.
    assert media.state == Media.State.PENDING
    processing.process_all()
    media.refresh_from_db()
    assert media.state == Media.State.READY
    html = admin_client.get(
        reverse("admin:catalogue_item_change", args=[media.item.pk])
    ).content.decode()
    assert media.renditions()[0].url in html
    assert "Sẵn sàng" in html or "sẵn sàng" in html


def test_it_warns_next_to_placements_the_public_will_not_see(
    admin_client: Client, data: dict
) -> None:
    html = admin_client.get(
        reverse("admin:exhibitions_section_change", args=[data["part"].pk])
    ).content.decode()
    assert html.count("Không hiển thị trên trang công khai") == 1
    assert "Bản nháp" in html


def test_anonymous_visitors_are_sent_to_the_login(client: Client, data: dict) -> None:
    response = client.get(reverse("admin:catalogue_item_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_login_protection_reads_in_vietnamese(admin_client: Client) -> None:
    """django-axes has no Vietnamese catalogue; its admin section uses ours."""
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Bảo vệ đăng nhập" in index
    assert "Các lần thử đăng nhập" in index
    assert "access attempts" not in index.lower()
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Chọn lần thử đăng nhập để thay đổi" in attempts
    assert "<title>Chọn lần thử đăng nhập để thay đổi | Trienlam</title>" in attempts
