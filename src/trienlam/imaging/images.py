"""Checking page images and making their resized copies, with libvips.

Pure functions on paths and plain values; no Django imports. Nothing here
decodes a whole large scan into Python memory: libvips streams it.

Superseded by `inspect` (checks) and `derive` (IIIF tiles and sizes); kept while
callers move over. `sha256_of` now lives in `inspect`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyvips

from trienlam.imaging.inspect import sha256_of

__all__ = ["ImageRejected", "make_renditions", "probe", "rendition_widths", "sha256_of"]

# libvips loader name -> MIME type of the formats we accept as page images.
ACCEPTED_LOADERS = {
    "jpegload": "image/jpeg",
    "pngload": "image/png",
    "tiffload": "image/tiff",
    "webpload": "image/webp",
}


class ImageRejected(Exception):
    """A file that cannot be accepted as a page image; the message says why."""


@dataclass(frozen=True)
class ImageInfo:
    mime_type: str
    width: int
    height: int
    pages: int


def probe(path: str | os.PathLike[str], *, max_pixels: int) -> ImageInfo:
    """Identify an image by its content and read its size from the header.

    Raises ImageRejected with a reason a curator can act on.
    """
    path = os.fspath(path)
    if os.path.getsize(path) == 0:
        raise ImageRejected("the file is empty")
    try:
        image = pyvips.Image.new_from_file(path, access="sequential")
    except pyvips.Error as exc:
        raise ImageRejected("the content is not a readable JPEG, PNG, TIFF or WebP image") from exc
    loader = str(image.get("vips-loader")) if image.get_typeof("vips-loader") else ""
    if loader not in ACCEPTED_LOADERS:
        found = loader.removesuffix("load").removesuffix("_source").upper() or "unknown"
        raise ImageRejected(f"the content is {found}, not a JPEG, PNG, TIFF or WebP image")
    width, height = image.width, image.height
    if width * height > max_pixels:
        raise ImageRejected(
            f"the image is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), "
            f"over the limit of {max_pixels / 1e6:.0f} megapixels"
        )
    if image.get_typeof("orientation") and image.get("orientation") in (5, 6, 7, 8):
        # Rotated a quarter turn by EXIF: report the size as it will be shown.
        width, height = height, width
    pages = image.get("n-pages") if image.get_typeof("n-pages") else 1
    return ImageInfo(mime_type=ACCEPTED_LOADERS[loader], width=width, height=height, pages=pages)


RENDITION_WIDTHS = (240, 480, 960, 1600)


def rendition_widths(width: int) -> list[int]:
    """Widths of the resized copies made for an image *width* pixels wide."""
    return [w for w in RENDITION_WIDTHS if w < width] or [width]


def make_renditions(
    source: str | os.PathLike[str], target_dir: str | os.PathLike[str], widths: Iterable[int]
) -> list[tuple[int, int]]:
    """Write `full/<w>,/0/default.jpg` copies of *source* under *target_dir*.

    EXIF orientation is applied and metadata (EXIF, GPS) is dropped. The set
    is written to a temporary folder and moved into place, so a crash never
    leaves a half-written set where pages look for it.
    """
    target = Path(target_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target.parent))
    written: list[tuple[int, int]] = []
    try:
        for width in widths:
            thumb = pyvips.Image.thumbnail(
                os.fspath(source), width, height=100_000_000, size="down"
            )
            out = staging / "full" / f"{width}," / "0"
            out.mkdir(parents=True, exist_ok=True)
            if thumb.hasalpha():
                thumb = thumb.flatten(background=[255, 255, 255])
            if thumb.interpretation not in ("srgb", "b-w"):
                thumb = thumb.colourspace("srgb")
            thumb.jpegsave(
                os.fspath(out / "default.jpg"),
                Q=82,
                optimize_coding=True,
                interlace=True,
                keep=pyvips.enums.ForeignKeep.NONE,
            )
            written.append((thumb.width, thumb.height))
        old = target.with_name(target.name + ".old")
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
