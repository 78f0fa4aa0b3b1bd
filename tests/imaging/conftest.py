"""Fixtures for the imaging tests: a folder of good and bad files, made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.imaging import samples
from trienlam.imaging.inspect import Limits


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Good and bad originals, named the way people name them (extensions may lie)."""
    d = tmp_path_factory.mktemp("originals")
    good_jpeg = samples.jpeg(d / "scan.jpg", 900, 600)
    two_pages = samples.pdf_pages(d / "two-pages.pdf", [(612, 792), (842, 595)])
    three = samples.tiff_pages(d / "three-pages.tif", [(300, 200), (400, 300), (500, 250)])
    (d / "empty.jpg").write_bytes(b"")
    (d / "notes.tif").write_text("Biên bản họp ngày 12/6/1975 — not an image\n", "utf-8")
    return {
        # accepted
        "jpeg": good_jpeg,
        "jpeg_rotated": samples.jpeg(
            d / "phone.jpg", orientation=6, image=samples.halves(1200, 800)
        ),
        "png_as_jpg": samples.png(d / "really-a-png.jpg"),
        "png_alpha": samples.png(d / "alpha.png", alpha=True),
        "webp": samples.webp(d / "photo.webp"),
        "tiff3": three,
        "pdf2": two_pages,
        "pdf_owner_only": samples.pdf_encrypted(d / "restricted.pdf", user_password=""),
        "mp3": samples.mp3(d / "speech.mp3"),
        "ogg_opus": samples.ogg_opus(d / "song.ogg"),
        "ogg_vorbis": samples.ogg_vorbis(d / "song-vorbis.ogg"),
        "m4a": samples.mp4(d / "interview.m4a", brand=b"M4A ", seconds=12.0),
        "mp4": samples.mp4(d / "film.mp4", video=True, seconds=95.0),
        "webm": samples.webm(d / "clip.webm", seconds=42.5),
        # refused
        "truncated_jpeg": samples.truncated(good_jpeg, d / "cut.jpg"),
        "truncated_tiff": samples.truncated(three, d / "cut.tif"),
        "truncated_pdf": samples.truncated(two_pages, d / "cut.pdf", 0.6),
        "corrupt_png": samples.corrupt_png(d / "damaged.png"),
        "corrupt_pdf": samples.pdf_garbage(d / "garbage.pdf"),
        "pixel_bomb": samples.pixel_bomb_png(d / "bomb.png"),
        "empty": d / "empty.jpg",
        "text_as_tif": d / "notes.tif",
        "pdf_no_pages": samples.pdf_no_pages(d / "blank.pdf"),
        "pdf_encrypted": samples.pdf_encrypted(d / "locked.pdf"),
        "zip_as_jpg": samples.plain_zip(d / "scans.jpg", good_jpeg),
        "docx_as_jpg": samples.docx_like(d / "letter.jpg"),
        "svg": samples.svg_with_script(d / "logo.svg"),
        "gif": samples.gif(d / "anim.jpg"),
        "bmp": samples.bmp(d / "paint.jpg"),
        "jp2": samples.jp2(d / "master.jpg"),
        "heic": samples.heic_header(d / "iphone.jpg"),
        "wav": samples.wav(d / "recording.mp3"),
        "mkv": samples.webm(d / "film.webm", doctype="matroska"),
        "webm_no_duration": samples.webm(d / "live.webm", seconds=None),
        "mp4_cut": samples.truncated(
            samples.mp4(d / "whole.mp4", video=True, moov_last=True), d / "cut.mp4", 0.8
        ),
    }


@pytest.fixture
def limits() -> Limits:
    return Limits(max_bytes=50 * 1024 * 1024)
