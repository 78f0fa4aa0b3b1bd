"""Drawing banners and share images from an exhibition's own words and cover.

Pure Pillow code on plain values (no Django), so it can be tested and reused anywhere.

Text is *fitted*, never overflowing: each block is wrapped by measured width and shrunk step by
step until its lines fit its box; at the smallest size the last line is cut with "…". Every line
drawn is recorded with its real ink box (`Drawn`), so tests check that no text leaves its box
or the canvas. Vietnamese stacks up to two marks above a capital (Ể, Ỗ): line pitch and the
checks use the ink boxes, not the font's nominal ascent, which is lower than those marks.

The faces are DejaVu (Debian's fonts-dejavu-core), which has every precomposed Vietnamese
letter; `VIETNAMESE_SAMPLE` is what the tests check it draws without a missing glyph.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

# Bump when the drawing changes, so cached files are made again.
DRAWING_VERSION = 3

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FACES = {
    "title": "DejaVuSansCondensed-Bold.ttf",
    "text": "DejaVuSansCondensed.ttf",
    "bold": "DejaVuSans-Bold.ttf",
}
VIETNAMESE_SAMPLE = (
    "ĂÂĐÊÔƠƯăâđêôơư ÀẢÃÁẠ ẰẲẴẮẶ ẦẨẪẤẬ ÈẺẼÉẸ ỀỂỄẾỆ ÌỈĨÍỊ ÒỎÕÓỌ ỒỔỖỐỘ ỜỞỠỚỢ ÙỦŨÚỤ ỪỬỮỨỰ ỲỶỸÝỴ "
    "àảãáạ ằẳẵắặ ầẩẫấậ èẻẽéẹ ềểễếệ ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ"
)

ACCENT = (138, 28, 20)  # the site's --accent
ACCENT_DARK = (104, 20, 14)
PAPER = (251, 248, 243)
GOLD = (244, 213, 141)
WHITE = (255, 255, 255)
INK = (31, 26, 23)
ELLIPSIS = "…"


class FontsMissing(RuntimeError):
    """The DejaVu fonts (full Vietnamese coverage) are not installed."""


@cache
def font_path(face: str) -> Path:
    name = FACES[face]
    if (FONT_DIR / name).is_file():
        return FONT_DIR / name
    fc_match = shutil.which("fc-match")
    if fc_match:
        family = name.removesuffix(".ttf")
        found = subprocess.run(
            [fc_match, "-f", "%{file}", family], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found and Path(found).name == name:
            return Path(found)
    raise FontsMissing(
        f"Banners need the DejaVu font {name} (full Vietnamese coverage); install the Debian "
        "package fonts-dejavu-core (apt-get install fonts-dejavu-core)."
    )


@lru_cache(maxsize=512)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(face)), max(1, size))


# --- text fitting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def contains(self, bbox: tuple[int, int, int, int]) -> bool:
        left, top, right, bottom = bbox
        return left >= self.x and top >= self.y and right <= self.right and bottom <= self.bottom


@dataclass(frozen=True)
class Drawn:
    """One line of text as drawn: its block name, text, size and real ink box."""

    block: str
    text: str
    size: int
    bbox: tuple[int, int, int, int]
    box: Box  # the box it had to stay in


@dataclass
class Layout:
    width: int
    height: int
    drawn: list[Drawn] = field(default_factory=list)

    def overflowing(self) -> list[Drawn]:
        canvas = Box(0, 0, self.width, self.height)
        return [d for d in self.drawn if not (d.box.contains(d.bbox) and canvas.contains(d.bbox))]

    def text_of(self, block: str) -> str:
        return " ".join(d.text for d in self.drawn if d.block == block)


def _ink(face: str, size: int, text: str) -> tuple[int, int, int, int]:
    """Ink box of *text* drawn at (0, 0) with its baseline at y = 0."""
    return font(face, size).getbbox(text, anchor="ls")


@lru_cache(maxsize=65536)
def _width(face: str, size: int, text: str) -> int:
    left, _top, right, _bottom = _ink(face, size, text)
    return max(right, round(font(face, size).getlength(text))) - min(left, 0)


@lru_cache(maxsize=1024)
def _pitch(face: str, size: int) -> tuple[int, int]:
    """(space above the baseline for the tallest Vietnamese capital, line pitch)."""
    _l, top, _r, bottom = _ink(face, size, "ỂỖẪẰg")
    above, below = -top, bottom
    return above, round((above + below) * 1.08)


def _break_word(word: str, face: str, size: int, width: int) -> list[str]:
    parts: list[str] = []
    current = ""
    for char in word:
        if current and _width(face, size, current + char) > width:
            parts.append(current)
            current = char
        else:
            current += char
    return [*parts, current] if current else parts


@lru_cache(maxsize=4096)
def wrap(text: str, face: str, size: int, width: int) -> tuple[str, ...]:
    """Greedy word wrap by measured width; a word wider than the box is broken."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        pieces = (
            [word] if _width(face, size, word) <= width else _break_word(word, face, size, width)
        )
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if current and _width(face, size, candidate) > width:
                lines.append(current)
                current = piece
            else:
                current = candidate
    if current:
        lines.append(current)
    return tuple(lines)


def _shorten(line: str, face: str, size: int, width: int) -> str:
    """*line* with "…" at the end, cut at a word (or letter) so it fits *width*."""
    words = line.split()
    while words:
        candidate = " ".join(words).rstrip(",.;:–-") + ELLIPSIS
        if _width(face, size, candidate) <= width:
            return candidate
        if len(words) == 1:
            word = words[0]
            while word and _width(face, size, word + ELLIPSIS) > width:
                word = word[:-1]
            return word + ELLIPSIS
        words.pop()
    return ELLIPSIS


@dataclass(frozen=True)
class Fitted:
    lines: list[str]
    size: int
    height: int  # from the top of the first line's tallest mark to the last baseline's descent
    above: int
    pitch: int


def fit(
    text: str,
    face: str,
    box_width: int,
    box_height: int,
    *,
    max_size: int,
    min_size: int,
    max_lines: int,
) -> Fitted | None:
    """The largest size (max_size down to min_size) at which *text* wraps into at most
    *max_lines* lines within the box; at min_size, the lines that fit, the last cut with "…".
    None if not even one line fits in the height."""
    text = " ".join(text.split())
    if not text:
        return None

    def fitting(size: int) -> Fitted | None:
        above, pitch = _pitch(face, size)
        lines = wrap(text, face, size, box_width)
        height = above + (len(lines) - 1) * pitch + _descent(face, size)
        if len(lines) <= max_lines and height <= box_height:
            return Fitted(list(lines), size, height, above, pitch)
        return None

    # Binary search for the largest size that fits (smaller type never needs more room).
    low, high, best = min_size, max_size, None
    while low <= high:
        middle = (low + high) // 2
        found = fitting(middle)
        if found is not None:
            best, low = found, middle + 1
        else:
            high = middle - 1
    if best is not None:
        return best
    size = min_size
    above, pitch = _pitch(face, size)
    descent = _descent(face, size)
    room = 0 if box_height < above + descent else 1 + (box_height - above - descent) // pitch
    keep = min(room, max_lines)
    if keep < 1:
        return None
    lines = list(wrap(text, face, size, box_width))
    if len(lines) > keep:
        lines = [*lines[: keep - 1], _shorten(" ".join(lines[keep - 1 :]), face, size, box_width)]
    return Fitted(lines, size, above + (len(lines) - 1) * pitch + descent, above, pitch)


@lru_cache(maxsize=1024)
def _descent(face: str, size: int) -> int:
    return max(1, _ink(face, size, "gyjpqạ")[3])


def draw_fitted(
    draw: ImageDraw.ImageDraw,
    layout: Layout,
    block: str,
    fitted: Fitted,
    face: str,
    x: int,
    y: int,
    box: Box,
    color: tuple[int, int, int],
) -> int:
    """Draw *fitted* with its top at *y*; return the y below it."""
    baseline = y + fitted.above
    for line in fitted.lines:
        # Start the ink, not the pen, at x (a "T" or "V" would otherwise poke out on the left).
        left = draw.textbbox((x, baseline), line, font=font(face, fitted.size), anchor="ls")[0]
        start = x + max(0, x - left)
        draw.text((start, baseline), line, font=font(face, fitted.size), fill=color, anchor="ls")
        bbox = draw.textbbox((start, baseline), line, font=font(face, fitted.size), anchor="ls")
        layout.drawn.append(Drawn(block, line, fitted.size, bbox, box))
        baseline += fitted.pitch
    return y + fitted.height


# --- images ----------------------------------------------------------------------------------


def cover_crop(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """*image* scaled to fill *size*, cropped around its upper middle (documents' headings)."""
    return ImageOps.fit(image.convert("RGB"), size, Image.Resampling.LANCZOS, centering=(0.5, 0.3))


def contain(
    image: Image.Image, size: tuple[int, int], background: tuple[int, int, int]
) -> Image.Image:
    canvas = Image.new("RGB", size, background)
    fitted = ImageOps.contain(image.convert("RGB"), size, Image.Resampling.LANCZOS)
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    return canvas


def _no_cover(size: tuple[int, int]) -> Image.Image:
    """A quiet pattern where there is no cover image: diagonal stripes in the accent."""
    image = Image.new("RGB", size, ACCENT_DARK)
    draw = ImageDraw.Draw(image)
    step = max(8, size[1] // 6)
    for offset in range(-size[1], size[0], step):
        draw.line([(offset, size[1]), (offset + size[1], 0)], fill=ACCENT, width=max(2, step // 3))
    return image


# --- the banner ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BannerText:
    title: str
    subtitle: str = ""
    organisers: Sequence[str] = ()
    address: str = ""  # the web address shown, without the scheme
    call_to_action: str = "Xem triển lãm"


def _pill(
    draw: ImageDraw.ImageDraw,
    layout: Layout,
    text: str,
    box: Box,
    *,
    max_size: int,
    min_size: int,
    fallback: str = "",
) -> None:
    """The web address on a paper-coloured rounded label at the bottom of *box*."""
    pad = max(3, max_size // 3)
    inner = box.width - 2 * pad
    chosen = None
    for candidate in (text, fallback):
        if not candidate:
            continue
        for size in range(max_size, min_size - 1, -1):
            if _width("bold", size, candidate) <= inner:
                chosen = (candidate, size)
                break
        if chosen:
            break
    if chosen is None:
        fitted = fit(
            fallback or text,
            "bold",
            inner,
            box.height - 2 * pad,
            max_size=min_size,
            min_size=min_size,
            max_lines=1,
        )
        if fitted is None:
            return
        chosen = (fitted.lines[0], fitted.size)
    line, size = chosen
    above = _pitch("bold", size)[0]
    descent = _descent("bold", size)
    height = above + descent + 2 * pad
    width = _width("bold", size, line) + 2 * pad
    top = box.bottom - height
    draw.rounded_rectangle(
        [box.x, top, box.x + width, box.bottom], radius=max(3, height // 4), fill=PAPER
    )
    inside = Box(box.x, top, width + 1, height + 1)
    draw_fitted(
        draw,
        layout,
        "address",
        Fitted([line], size, above + descent, above, 0),
        "bold",
        box.x + pad,
        top + pad,
        inside,
        ACCENT,
    )


def render_banner(
    text: BannerText,
    size: tuple[int, int],
    cover: Image.Image | None,
    *,
    scale: int = 1,
    cover_detail: int = 1,
) -> tuple[Image.Image, Layout]:
    """A promotion banner of *size* (CSS pixels) drawn at *scale* (2 for high-density screens).

    Wide shapes (width ≥ 2 × height) put the cover on the right and the words on the left;
    others put the cover in a strip at the top and the words under it. *cover_detail* > 1
    draws the cover with that many times fewer pixels (smoother, so the file is smaller)."""
    if cover is not None and cover_detail > 1:
        cover = cover.reduce(cover_detail)
    width, height = size[0] * scale, size[1] * scale
    image = Image.new("RGB", (width, height), ACCENT)
    draw = ImageDraw.Draw(image)
    layout = Layout(width, height)
    wide = size[0] >= 2 * size[1]
    unit = min(size[1], size[0] / 2.4) / 100 * scale  # type sizes scale with the short side
    if wide:
        panel = min(round(height * 1.25), width * 3 // 10)
        art = cover_crop(cover, (panel, height)) if cover else _no_cover((panel, height))
        image.paste(art, (width - panel, 0))
        draw.rectangle([width - panel - max(2, scale * 3), 0, width - panel - 1, height], fill=GOLD)
        pad = round(height * 0.09)
        area = Box(pad, pad, width - panel - 2 * pad, height - 2 * pad)
    else:
        strip = round(height * 0.26)
        art = cover_crop(cover, (width, strip)) if cover else _no_cover((width, strip))
        image.paste(art, (0, 0))
        draw.rectangle([0, strip, width, strip + max(2, scale * 2)], fill=GOLD)
        pad = round(min(width, height) * 0.06)
        area = Box(pad, strip + pad, width - 2 * pad, height - strip - 2 * pad)
    _words(draw, layout, text, area, unit, wide)
    return image, layout


def _words(
    draw: ImageDraw.ImageDraw, layout: Layout, text: BannerText, area: Box, unit: float, wide: bool
) -> None:
    gap = round(unit * 4)
    address_size = round(unit * (9 if wide else 11))
    address_min = round(unit * (7 if wide else 8.5))
    address_room = (
        _pitch("bold", address_size)[0]
        + _descent("bold", address_size)
        + 2 * max(3, address_size // 3)
    )
    words_box = Box(area.x, area.y, area.width, area.height - address_room - gap)
    organisers = " · ".join(o for o in text.organisers if o)
    blocks: list[tuple[str, str, str, int, int, tuple[int, int, int]]] = []
    if text.subtitle:
        blocks.append(("subtitle", text.subtitle, "text", round(unit * 10), 1, GOLD))
    if organisers and wide:
        blocks.append(("organisers", organisers, "text", round(unit * 9), 1, PAPER))
    # Drop the small blocks, organisers first, when the title would otherwise be cut.
    title_max, title_min = round(unit * (22 if wide else 17)), round(unit * (11 if wide else 9.5))
    title_lines = 3 if wide else 6
    for drop in range(len(blocks) + 1):
        kept = blocks[: len(blocks) - drop] if drop else blocks
        fixed = {
            name: fit(
                words,
                face,
                words_box.width,
                words_box.height,
                max_size=size,
                min_size=max(1, round(size * 0.8)),
                max_lines=lines,
            )
            for name, words, face, size, lines, _c in kept
        }
        used = sum(f.height + gap for f in fixed.values() if f)
        title = fit(
            text.title,
            "title",
            words_box.width,
            words_box.height - used,
            max_size=title_max,
            min_size=title_min,
            max_lines=title_lines,
        )
        cut = title is None or title.lines[-1].endswith(ELLIPSIS)
        if not cut or drop == len(blocks):
            break
    y = words_box.y
    order = ["subtitle", "title", "organisers"]
    colours = {name: colour for name, _w, _f, _s, _l, colour in kept}
    faces = {name: face for name, _w, face, _s, _l, _c in kept}
    for name in order:
        fitted = title if name == "title" else fixed.get(name)
        if fitted is None:
            continue
        face = "title" if name == "title" else faces[name]
        colour = WHITE if name == "title" else colours[name]
        y = draw_fitted(draw, layout, name, fitted, face, words_box.x, y, words_box, colour) + gap
    address = text.address
    host = address.split("/", 1)[0]
    label = f"{text.call_to_action}: {address}" if wide and text.call_to_action else address
    _pill(
        draw,
        layout,
        label,
        Box(area.x, area.bottom - address_room, area.width, address_room),
        max_size=address_size,
        min_size=address_min,
        fallback=address if wide else host,
    )


def banner_bytes(
    text: BannerText,
    size: tuple[int, int],
    cover: Image.Image | None,
    *,
    scale: int,
    fmt: str,
    budget: int,
) -> bytes:
    """The banner encoded within *budget*: a very detailed cover (a photograph full of fine
    grain) is drawn smoother until the file fits; the words are never degraded."""
    for detail in (1, 2, 4, 8):
        image, _layout = render_banner(text, size, cover, scale=scale, cover_detail=detail)
        try:
            return encode(image, fmt, budget)
        except TooLarge:
            if cover is None:
                raise
    image, _layout = render_banner(text, size, None, scale=scale)
    return encode(image, fmt, budget)


# --- the share image (Open Graph, 1200×630) --------------------------------------------------

SHARE_SIZE = (1200, 630)


@dataclass(frozen=True)
class ShareText:
    title: str
    eyebrow: str = ""  # the exhibition, or "Phần I"
    site: str = ""  # the site's name or address, at the bottom


def render_share(text: ShareText, picture: Image.Image | None) -> tuple[Image.Image, Layout]:
    """The preview image Zalo and Facebook show for a shared link: words on the left, the
    page's own picture (whole, not cropped: documents) on the right."""
    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    layout = Layout(width, height)
    panel = 500
    if picture is not None:
        image.paste(
            contain(picture, (panel - 60, height - 60), ACCENT_DARK), (width - panel + 30, 30)
        )
    else:
        image.paste(_no_cover((panel, height)), (width - panel, 0))
    pad = 56
    area = Box(pad, pad, width - panel - 2 * pad, height - 2 * pad)
    y = area.y
    site_fit = fit(text.site, "bold", area.width, 60, max_size=26, min_size=18, max_lines=1)
    site_room = (site_fit.height + 20) if site_fit else 0
    body = Box(area.x, area.y, area.width, area.height - site_room)
    eyebrow = fit(
        text.eyebrow, "text", body.width, body.height // 3, max_size=30, min_size=22, max_lines=2
    )
    if eyebrow:
        y = draw_fitted(draw, layout, "eyebrow", eyebrow, "text", body.x, y, body, GOLD) + 18
    title = fit(
        text.title, "title", body.width, body.bottom - y, max_size=62, min_size=30, max_lines=6
    )
    if title:
        draw_fitted(
            draw,
            layout,
            "title",
            title,
            "title",
            body.x,
            y,
            Box(body.x, y, body.width, body.bottom - y),
            WHITE,
        )
    if site_fit:
        draw.rectangle(
            [
                area.x,
                area.bottom - site_fit.height - 12,
                area.x + 80,
                area.bottom - site_fit.height - 8,
            ],
            fill=GOLD,
        )
        draw_fitted(
            draw,
            layout,
            "site",
            site_fit,
            "bold",
            area.x,
            area.bottom - site_fit.height,
            area,
            PAPER,
        )
    return image, layout


# --- encoding within a byte budget -----------------------------------------------------------


class TooLarge(ValueError):
    pass


def encode(image: Image.Image, fmt: str, budget: int) -> bytes:
    """PNG, WebP or JPEG bytes of *image* no larger than *budget*: full colour first, then
    fewer colours (PNG) or lower quality (WebP, JPEG). Deterministic (no timestamps)."""
    image = image.convert("RGB")
    if fmt == "png":
        attempts = [lambda: _save(image, "PNG", compress_level=6)] + [
            (
                lambda c=colours: _save(
                    image.quantize(
                        colors=c,
                        method=Image.Quantize.MEDIANCUT,
                        dither=Image.Dither.FLOYDSTEINBERG,
                    ),
                    "PNG",
                    compress_level=9,
                )
            )
            for colours in (256, 64)
        ]
    elif fmt == "webp":
        attempts = [
            (lambda q=quality: _save(image, "WEBP", quality=q, method=4))
            for quality in (88, 76, 64, 52, 40)
        ]
    elif fmt == "jpeg":
        attempts = [
            (lambda q=quality: _save(image, "JPEG", quality=q, optimize=True, progressive=True))
            for quality in (86, 76, 66, 56)
        ]
    else:
        raise ValueError(f"unknown format {fmt}")
    for attempt in attempts:
        data = attempt()
        if len(data) <= budget:
            return data
    raise TooLarge(f"cannot encode a {image.width}×{image.height} {fmt} in {budget} bytes")


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
