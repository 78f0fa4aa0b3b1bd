"""The accepted image formats by their first bytes: a leaf module, so that the tiler
(`derive`) can tell them apart without loading the inspection's dependencies (hashlib,
the container readers), which would add ~6 MB to every worker's footprint."""

from __future__ import annotations


def image_format(head: bytes) -> str | None:
    """ "jpeg", "png", "tiff" or "webp" when *head* starts like an accepted image type."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None
