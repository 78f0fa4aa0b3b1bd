"""Originals in, IIIF derivatives out: the queue, the worker, fixity and serving."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
import pyvips
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from tests import builders as b
from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media
from trienlam.catalogue.models import Item, Media
from trienlam.imaging.derive import missing_files


@pytest.fixture
def item(db: None) -> Item:
    return b.item(b.institution())


def tiff_pages(path: Path, pages: int = 3) -> Path:
    page = pyvips.Image.black(500, 700, bands=3).linear([1, 1, 1], [240, 232, 215]).cast("uchar")
    stacked = pyvips.Image.arrayjoin([page] * pages, across=1)
    stacked = stacked.copy()
    stacked.set_type(pyvips.GValue.gint_type, "page-height", 700)
    stacked.tiffsave(str(path))
    return path


def test_an_upload_is_queued_and_the_worker_builds_iiif_derivatives(
    item: Item, tmp_path: Path
) -> None:
    [media] = add_media(item=item, source=b.scan(tmp_path / "trang"))
    assert media.state == Media.State.PENDING
    assert media.sizes == []
    [outcome] = processing.process_all()
    assert outcome.built and not outcome.error
    media.refresh_from_db()
    assert media.state == Media.State.READY
    assert media.built_from == media.sha256
    target = Path(settings.MEDIA_ROOT) / media.rendition_base
    info = json.loads((target / "info.json").read_text())
    assert info["type"] == "ImageService3" and info["profile"] == "level0"
    assert [[s["width"], s["height"]] for s in info["sizes"]] == media.sizes
    assert missing_files(target) == []
    for rendition in media.renditions():
        assert (Path(settings.MEDIA_ROOT) / rendition.url.removeprefix(settings.MEDIA_URL)).exists()
    webp = [entry.split()[0] for entry in media.webp_srcset().split(", ")]
    assert {url.split("/full/")[1].split(",")[0] for url in webp} >= {"240", "480"}
    for url in webp:
        assert (Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).exists()


def test_a_multi_page_tiff_becomes_one_media_per_page(item: Item, tmp_path: Path) -> None:
    b.with_pages(item, tmp_path)  # an existing first page
    pages = add_media(item=item, source=tiff_pages(tmp_path / "ho-so.tif"))
    assert [m.page_index for m in pages] == [0, 1, 2]
    assert [m.position for m in pages] == [1, 2, 3]
    assert len({m.file.name for m in pages}) == 1
    processing.process_all()
    assert all(m.state == Media.State.READY for m in item.media.all())
    assert [m.sizes[0][0] for m in item.media.all()] == [240, 240, 240, 240]


def test_re_running_on_an_unchanged_collection_does_no_image_work(
    item: Item, tmp_path: Path
) -> None:
    b.with_pages(item, tmp_path, pages=2)
    root = Path(settings.MEDIA_ROOT)
    info_files = [root / m.rendition_base / "info.json" for m in item.media.all()]
    before = [p.stat().st_mtime_ns for p in info_files]
    processing.requeue(Media.objects.all())
    outcomes = processing.process_all()
    assert len(outcomes) == 2
    assert not any(o.built for o in outcomes)
    assert [p.stat().st_mtime_ns for p in info_files] == before


def test_missing_derivatives_are_rebuilt(item: Item, tmp_path: Path) -> None:
    b.with_pages(item, tmp_path)
    media = item.media.get()
    tile = next((Path(settings.MEDIA_ROOT) / media.rendition_base).glob("full/*/0/default.jpg"))
    tile.unlink()
    processing.requeue(Media.objects.all())
    [outcome] = processing.process_all()
    assert outcome.built
    assert tile.exists()


def test_a_changed_original_is_not_tiled_and_verify_reports_it(
    item: Item, tmp_path: Path
) -> None:
    [media] = add_media(item=item, source=b.scan(tmp_path / "trang"))
    Path(media.file.path).write_bytes(Path(media.file.path).read_bytes() + b"tampered")
    [outcome] = processing.process_all()
    assert "has changed on disk" in outcome.error
    media.refresh_from_db()
    assert media.state == Media.State.FAILED
    with pytest.raises(CommandError):
        call_command("verify", stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert f"CHANGED  {media.file.name}" in err.getvalue()


def test_verify_passes_on_intact_originals_and_lists_orphans(item: Item, tmp_path: Path) -> None:
    b.with_pages(item, tmp_path, pages=2)
    orphan = Path(settings.MEDIA_ROOT) / "originals" / "zz" / "mo-coi.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by an interrupted upload")
    out = io.StringIO()
    call_command("verify", "--delete-orphans", stdout=out, stderr=io.StringIO())
    assert "ORPHAN   originals/zz/mo-coi.jpg" in out.getvalue()
    assert "Đã kiểm tra 2 tệp gốc: 2 nguyên vẹn, 0 bị thay đổi, 0 bị mất; 1 tệp" in out.getvalue()
    assert not orphan.exists()
    media = item.media.first()
    assert hashlib.sha256(Path(media.file.path).read_bytes()).hexdigest() == media.sha256


def test_two_workers_never_claim_the_same_row(item: Item, tmp_path: Path) -> None:
    add_media(item=item, source=b.scan(tmp_path / "a"))
    add_media(item=item, source=b.scan(tmp_path / "b"))
    first, second, third = processing.claim_next(), processing.claim_next(), processing.claim_next()
    assert first is not None and second is not None and first.pk != second.pk
    assert third is None


def test_the_worker_command_reports_progress(item: Item, tmp_path: Path) -> None:
    add_media(item=item, source=b.scan(tmp_path / "a"))
    out = io.StringIO()
    call_command("process_media", stdout=out)
    assert "1/1" in out.getvalue()
    assert item.media.get().state == Media.State.READY


def test_info_json_names_this_site_and_allows_any_origin(
    client: Client, item: Item, tmp_path: Path
) -> None:
    b.with_pages(item, tmp_path)
    media = item.media.get()
    response = client.get(f"{media.iiif_base_url}/info.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/ld+json")
    assert json.loads(response.content)["id"] == f"http://testserver{media.iiif_base_url}"
    tile = client.get(media.renditions()[0].url)
    assert tile.status_code == 200 and tile["Access-Control-Allow-Origin"] == "*"


def test_derivatives_of_a_withdrawn_item_are_gone_from_the_public(
    client: Client, item: Item, tmp_path: Path
) -> None:
    b.with_pages(item, tmp_path)
    media = item.media.get()
    urls = [f"{media.iiif_base_url}/info.json", media.renditions()[-1].url]
    assert all(client.get(url).status_code == 200 for url in urls)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)
    assert all(client.get(url).status_code == 404 for url in urls)


def test_the_site_refuses_to_start_without_dzsave(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    from trienlam.imaging import derive

    def missing() -> None:
        raise RuntimeError("libvips has no dzsave: install pyvips-binary")

    monkeypatch.setattr(derive, "check_dzsave", missing)
    with pytest.raises(ImproperlyConfigured, match="no dzsave"):
        apps.get_app_config("catalogue").ready()
