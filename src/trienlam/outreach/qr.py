"""QR codes (segno, a maintained pure-Python QR library): SVG for print, PNG for everything else.

Error correction level M (15 %): enough for a printed label that gets a little dirty, while a
typical exhibition address (about 60 characters) stays at version 4–5, large modules.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno

PNG_SCALE = 12  # pixels per module: a 45-module code is 636 px, sharp at 5 cm in print
SVG_SCALE = 4


@lru_cache(maxsize=2048)
def make(url: str) -> segno.QRCode:
    """The code for *url*, made once: choosing its mask is most of the work (~3 ms), and a
    page's or an item's code is drawn twice, as SVG and as PNG, by the kit and the export.
    Saving does not change the object."""
    return segno.make(url, error="m", micro=False, boost_error=False)


def svg(url: str, title: str = "") -> bytes:
    buffer = io.BytesIO()
    make(url).save(
        buffer,
        kind="svg",
        scale=SVG_SCALE,
        border=4,
        xmldecl=False,
        title=title or None,
        dark="#000",
        light="#fff",
        omitsize=False,
    )
    return _with_viewbox(buffer.getvalue())


def _with_viewbox(data: bytes) -> bytes:
    """Add a viewBox, so the SVG scales to any size in print and in an <img>."""
    head, sep, rest = data.partition(b">")
    if b"viewBox" in head:
        return data
    width = head.split(b'width="', 1)[1].split(b'"', 1)[0]
    height = head.split(b'height="', 1)[1].split(b'"', 1)[0]
    return head + b' viewBox="0 0 ' + width + b" " + height + b'"' + sep + rest


def png(url: str) -> bytes:
    buffer = io.BytesIO()
    make(url).save(buffer, kind="png", scale=PNG_SCALE, border=4, dark="#000", light="#fff")
    return buffer.getvalue()


def side(url: str, scale: int = SVG_SCALE) -> int:
    """Width (= height) in pixels of the code with its quiet zone at *scale*."""
    return make(url).symbol_size(scale=scale, border=4)[0]
