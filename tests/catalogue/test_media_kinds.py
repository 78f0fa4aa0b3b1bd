"""Every kind of original a curator brings, through the same path: PDFs, recordings, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.imaging import samples
from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media
from trienlam.catalogue.models import Item, Media


@pytest.fixture
def item(db: None) -> Item:
    return b.item(b.institution())


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).glob("**/*") if p.is_file()]


def test_a_pdf_gives_one_page_image_per_page(item: Item, tmp_path: Path) -> None:
    pdf = samples.pdf_pages(tmp_path / "bao-cao.pdf", [(595, 842), (595, 842)])
    pages = add_media(item=item, source=pdf)
    assert [m.page_index for m in pages] == [0, 1]
    assert pages[0].width >= 1600  # A4 rendered at ≥ 200 dpi
    processing.process_all()
    assert [m.state for m in item.media.all()] == [Media.State.READY] * 2


def test_a_recording_is_played_from_the_item_page(
    client: Client, item: Item, tmp_path: Path
) -> None:
    [media] = add_media(item=item, source=samples.mp3(tmp_path / "ghi-am.mp3"))
    assert media.mime_type == "audio/mpeg" and media.duration
    processing.process_all()
    html = client.get(reverse("item", args=[item.identifier])).content.decode()
    assert f'<audio controls preload="metadata" src="{media.recording_url}">' in html
    response = client.get(media.recording_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)
    assert client.get(media.recording_url).status_code == 404


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: samples.truncated(samples.jpeg(d / "a.jpg"), d / "cut.jpg"), "thiếu phần cuối"),
        (lambda d: samples.pixel_bomb_png(d / "bomb.png"), "vượt giới hạn 300 megapixel"),
        (lambda d: empty(d / "rong.jpg"), "rỗng"),
        (lambda d: samples.svg_with_script(d / "logo.svg"), "SVG"),
        (lambda d: samples.plain_zip(d / "anh.jpg"), "ZIP"),
        (lambda d: samples.pdf_no_pages(d / "trong.pdf"), "không có trang"),
        (lambda d: samples.pdf_encrypted(d / "khoa.pdf"), "mật khẩu"),
    ],
)
def test_a_refused_file_is_named_with_its_reason_and_leaves_nothing(
    item: Item, tmp_path: Path, make, reason: str
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(ValidationError) as error:
        add_media(item=item, source=path)
    message = error.value.messages[0]
    assert message.startswith(f"“{path.name}” bị từ chối: ")
    assert reason in message
    assert item.media.count() == 0
    assert stored_files() == []


def test_an_original_is_served_as_its_content_not_as_its_name_says(
    client: Client, item: Item, tmp_path: Path, django_user_model
) -> None:  # type: ignore[no-untyped-def]
    # A real PNG uploaded under an HTML name: its bytes could carry markup (a text chunk),
    # which a browser told "text/html" by the name would run in an editor's session.
    disguised = samples.png(tmp_path / "trang.png", 64, 48).rename(tmp_path / "trang.html")
    [media] = add_media(item=item, source=disguised)
    assert media.mime_type == "image/png"
    assert client.get(media.file.url).status_code == 404  # never the public
    client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    response = client.get(media.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="trang.html"'
    assert b"".join(response.streaming_content) == disguised.read_bytes()


ACCEPTED = "JPEG, PNG, TIFF, WebP, PDF, MP3, M4A, OGG, MP4 hoặc WebM"
BOMB = {"width": 20000, "height": 20000, "pixels": 4 * 10**8, "limit": 3 * 10**8}
MB = 1024 * 1024


@pytest.mark.parametrize(
    ("code", "params", "expected"),
    [
        # What the file is, not "?": the sniffer names it in `detected`.
        ("unsupported_type", {"detected": "GIF image"}, "không nhận tệp GIF image"),
        ("unsupported_type", {}, "không nhận tệp loại này"),
        # A file just over a small limit is not "1 MB, over the limit of 1 MB".
        ("too_large", {"size": 1_363_149, "limit": MB}, "tệp nặng 1,3 MB, vượt giới hạn 1 MB"),
        ("too_large", {"size": 600 * MB, "limit": 500 * MB},
         "tệp nặng 600 MB, vượt giới hạn 500 MB"),
        # In a multi-page file, which page is too large.
        ("pixel_bomb", {**BOMB, "page": 7, "pages": 20},
         "trang 7 có 20000×20000 điểm ảnh, vượt giới hạn 300 megapixel"),
        ("pixel_bomb", {**BOMB, "page": 1, "pages": 1},
         "ảnh có 20000×20000 điểm ảnh, vượt giới hạn 300 megapixel"),
    ],
)  # fmt: skip
def test_refusals_tell_the_curator_what_and_how_much(
    code: str, params: dict, expected: str
) -> None:
    from django.utils import translation

    from trienlam.catalogue.media import refusal_message
    from trienlam.imaging.inspect import Refused

    with translation.override("vi"):
        message = refusal_message("tep.bin", Refused(code, **params))
    lead = f"“tep.bin” bị từ chối: {expected}"
    assert message.startswith(lead)
    assert message[len(lead) :] in (".", f"; hãy dùng {ACCEPTED}.")
