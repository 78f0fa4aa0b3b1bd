"""Shared drawing helpers for the demo images: fonts with full Vietnamese coverage,
measured word wrap, grain texture and the labels every image carries.

Pure Pillow code, no Django imports.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageFont

WATERMARK = "BẢN MINH HỌA – KHÔNG PHẢI TÀI LIỆU LƯU TRỮ THẬT"
PHOTO_LABEL = "Ảnh minh họa"
PHOTO_NOTE = "Ảnh dựng minh họa – không phải ảnh lưu trữ thật"


FONT_DIRS = (
    Path(__file__).resolve().parent / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
)
FONT_FILES = {
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "serif-italic": "DejaVuSerif-Italic.ttf",
    "condensed": "DejaVuSerifCondensed.ttf",
    "condensed-bold": "DejaVuSerifCondensed-Bold.ttf",
    "condensed-italic": "DejaVuSerifCondensed-Italic.ttf",
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "sans-italic": "DejaVuSans-Oblique.ttf",
}
# fontconfig patterns for the fallback lookup.
FONT_PATTERNS = {
    "serif": "DejaVu Serif:style=Book",
    "serif-bold": "DejaVu Serif:style=Bold",
    "serif-italic": "DejaVu Serif:style=Italic",
    "condensed": "DejaVu Serif:style=Condensed",
    "condensed-bold": "DejaVu Serif:style=Condensed Bold",
    "condensed-italic": "DejaVu Serif:style=Condensed Italic",
    "sans": "DejaVu Sans:style=Book",
    "sans-bold": "DejaVu Sans:style=Bold",
    "sans-italic": "DejaVu Sans:style=Oblique",
}

INK = {
    "ink": (28, 26, 30),
    "faded": (44, 40, 58),
    "pencil": (105, 100, 96),
    "mark": (168, 36, 36),
}


class FontsMissing(RuntimeError):
    """The DejaVu fonts (full Vietnamese coverage) are not installed."""


@cache
def font_path(face: str) -> Path:
    """Path of the DejaVu file for *face*; raise FontsMissing naming the package."""
    name = FONT_FILES[face]
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    fc_match = shutil.which("fc-match")
    if fc_match:
        found = subprocess.run(
            [fc_match, "-f", "%{file}", FONT_PATTERNS[face]],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and Path(found).name == name and Path(found).is_file():
            return Path(found)
    raise FontsMissing(
        f"The demo needs the DejaVu font {name} (full Vietnamese coverage), which is not "
        "installed. Install the Debian package fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core)."
    )


@lru_cache(maxsize=256)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(face)), max(1, size))


@cache
def _notdef(face: str) -> bytes:
    return bytes(_basic_font(face).getmask("\U000e0fff"))


@cache
def _basic_font(face: str) -> ImageFont.FreeTypeFont:
    # Without complex shaping a missing precomposed letter shows as .notdef instead of
    # being rebuilt from base letter and combining mark.
    return ImageFont.truetype(str(font_path(face)), 32, layout_engine=ImageFont.Layout.BASIC)


def missing_glyphs(text: str, face: str) -> set[str]:
    """Characters of *text* that *face* has no glyph of its own for (drawn as boxes or with
    misplaced marks)."""
    notdef = _notdef(face)
    basic = _basic_font(face)
    return {c for c in set(text) if not c.isspace() and bytes(basic.getmask(c)) == notdef}


def measure(face: str, size: float, text: str) -> float:
    return font(face, round(size)).getlength(text)


def wrap(text: str, face: str, size: float, width: float) -> list[str]:
    """Greedy word wrap by measured width."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(face, size, candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def noise_tile(rng: random.Random, size: int, amplitude: int) -> Image.Image:
    tile = Image.frombytes("L", (size, size), rng.randbytes(size * size))
    low = 128 - amplitude
    return tile.point(lambda v: low + v * 2 * amplitude // 255)


def tiled(tile: Image.Image, size: tuple[int, int]) -> Image.Image:
    out = Image.new("L", size)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            out.paste(tile, (x, y))
    return out
