"""Recordings in the static export: the original audio or video file, byte for byte, at the
very URL the exported item page plays it from; never a withdrawn item's recording; reused,
not copied again, by an incremental export. And a site with no public item at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import builders as b
from tests.imaging import samples
from tests.publishing.conftest import BASE_URL
from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media
from trienlam.catalogue.models import Item
from trienlam.publishing.exporter import publish


@pytest.fixture
def recordings(db: None, tmp_path: Path, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        archive = b.institution()
        public = b.item(archive, identifier="GA-1", title="Ghi âm buổi mít tinh")
        withdrawn = b.item(archive, identifier="GA-2", title="Ghi âm đã rút")
        sources = tmp_path / "sources"
        sources.mkdir()
        audio = add_media(item=public, source=samples.mp3(sources / "ghi-am.mp3"))[0]
        video = add_media(
            item=public, source=samples.mp4(sources / "phim.mp4", video=True, seconds=5.0)
        )[0]
        hidden = add_media(item=withdrawn, source=samples.mp3(sources / "an.mp3"))[0]
        processing.process_all()
        Item.objects.filter(pk=withdrawn.pk).update(status=Item.Status.WITHDRAWN)
    return public, [audio, video], hidden


def _played_sources(html: str) -> list[str]:
    return re.findall(r'<(?:audio|video)[^>]*\ssrc="([^"]+)"', html)


def test_the_export_plays_each_recording_from_its_own_copy(recordings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    item, media, hidden = recordings
    out = tmp_path / "site"
    report = publish(out, BASE_URL)
    page = (out / "tu-lieu" / item.identifier / "index.html").read_text(encoding="utf-8")
    played = _played_sources(page)
    assert len(played) == 2, played
    for url, original in zip(played, media, strict=True):
        assert url == original.recording_url
        copy = out / url.lstrip("/")
        with original.file.open("rb") as source:
            assert copy.read_bytes() == source.read(), url
    assert report.media >= 2
    assert hidden.uid.hex not in "\n".join(str(p) for p in out.rglob("*"))


def test_an_incremental_export_keeps_recordings_without_copying(recordings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, media, _ = recordings
    out = tmp_path / "site"
    publish(out, BASE_URL)
    first = {m.pk: (out / m.recording_url.lstrip("/")).stat().st_ino for m in media}
    publish(out, BASE_URL)
    again = {m.pk: (out / m.recording_url.lstrip("/")).stat().st_ino for m in media}
    assert len(again) == 2 and again == first  # the same files (hard links), not fresh copies


def test_a_site_without_public_items_still_gets_a_search_index(db: None, tmp_path: Path) -> None:
    """Pagefind's binary refuses a site with no pages: the export falls back to an empty
    bundle, so the exported search page works (and finds nothing)."""
    b.item(b.institution(), identifier="NHAP-1", status=Item.Status.DRAFT)
    out = tmp_path / "site"
    report = publish(out, BASE_URL)
    assert report.records == 0
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    assert "NHAP-1" not in "".join(p.name for p in out.rglob("*"))
