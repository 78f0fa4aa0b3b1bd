"""Rendering the demo's page images: illustrative documents laid out the Vietnamese
way on paper-toned pages, photos (see photos.py), and writing them to files.

Pure Pillow code on plain values, no Django imports, so it runs in worker
processes and in tests. Everything is deterministic: the same spec, page,
scale and format give the same bytes (seeded randomness, fixed encoder
settings, no timestamps). Every image carries a visible label saying it is an
illustrative reconstruction, never a real archival document or photo.

Layout is computed once in "design units" (pixels of an A4 page at 200 dpi),
independent of the output scale, so a document has the same number of pages
at every scale.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from trienlam.demo.drawing import (
    INK,
    WATERMARK,
    FontsMissing,
    font,
    measure,
    missing_glyphs,
    noise_tile,
    tiled,
    wrap,
)
from trienlam.demo.photos import PHOTO_SIZE, PhotoSpec, Scene, render_photo

__all__ = [
    "PHOTO_SIZE",
    "WATERMARK",
    "DocumentSpec",
    "FontsMissing",
    "PageJob",
    "PhotoSpec",
    "Scene",
    "document_text",
    "missing_glyphs",
    "national_heading",
    "page_count",
    "render_bytes",
    "render_document_page",
    "render_photo",
    "render_to_file",
]

# Bump when drawing changes, so cached renders are made again.
RENDER_VERSION = 4

SIGNATURE_NOTE = "(Bản minh họa: không có chữ ký, con dấu)"
PAGE_BREAK = "\f"
# Where the recipients and signature go when an annex follows them (default: at the end).
CLOSING = "\v"

A4_MM = (210, 297)


def a4_pixels(dpi: int, scale: float = 1.0) -> tuple[int, int]:
    """An A4 page scanned at *dpi*: 1654×2339 at 200 dpi, 2480×3508 at 300 dpi."""
    return (
        max(1, round(A4_MM[0] / 25.4 * dpi * scale)),
        max(1, round(A4_MM[1] / 25.4 * dpi * scale)),
    )


# A4 at 200 dpi: the design unit of every document layout.
A4_200 = a4_pixels(200)

Format = Literal["jpeg", "png", "tiff"]
EXTENSIONS: dict[str, str] = {"jpeg": "jpg", "png": "png", "tiff": "tif"}


@dataclass(frozen=True)
class DocumentSpec:
    """One illustrative administrative document, laid out the Vietnamese way.

    *body* holds paragraphs. A paragraph starting with "## " is a bold heading, "#> "
    a centred bold line, "- " a list item, "|" a table row (cells separated by "|",
    the first row is the header), PAGE_BREAK alone starts a new page and CLOSING
    places the recipients and signature before an annex. A letter (công văn) has
    no *doc_type*: its subject ("V/v …") goes under the number and *addressees*
    follow "Kính gửi:".
    """

    issuer_parent: str
    issuer: str
    number: str
    national: tuple[str, str]
    date_line: str
    doc_type: str
    subject: str
    body: tuple[str, ...]
    signature: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    archive_mark: str = ""
    typeface: Literal["serif", "condensed"] = "serif"
    paper: Literal["aged", "white"] = "aged"
    dpi: int = 200
    seed: int = 0


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float
    text: str
    face: str
    size: float
    ink: str = "ink"


@dataclass(frozen=True)
class RuleOp:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 2


Op = TextOp | RuleOp

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 236, 150, 160, 250


class _Flow:
    """Places lines top to bottom, starting a new page when one is full."""

    def __init__(self) -> None:
        self.pages: list[list[Op]] = [[]]
        self.y = float(MARGIN_TOP)
        self.bottom = A4_200[1] - MARGIN_BOTTOM

    def new_page(self) -> None:
        self.pages.append([])
        self.y = float(MARGIN_TOP)

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom and self.pages[-1]:
            self.new_page()

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)


def _faces(spec: DocumentSpec) -> tuple[str, str, str]:
    family = spec.typeface
    return family, f"{family}-bold", f"{family}-italic"


def _centered(
    flow: _Flow, text: str, face: str, size: float, cx: float, y: float, limit: float = 0
) -> float:
    """Draw *text* centred on *cx*, shrunk to fit *limit* if given; return its width."""
    width = measure(face, size, text)
    if limit and width > limit:
        size = size * limit / width
        width = measure(face, size, text)
    flow.add(TextOp(cx - width / 2, y, text, face, size))
    return width


LEFT_COLUMN = 440.0
RIGHT_COLUMN = 748.0


def _letterhead(flow: _Flow, spec: DocumentSpec) -> None:
    regular, bold, italic = _faces(spec)
    page_w = A4_200[0]
    left_cx = MARGIN_LEFT + 240
    right_cx = page_w - MARGIN_RIGHT - 400
    size = 29
    lh = size * 1.45
    y = flow.y
    if spec.issuer_parent:
        _centered(flow, spec.issuer_parent, regular, size, left_cx, y, LEFT_COLUMN)
        y += lh
    widest = 0.0
    for line in spec.issuer.split("\n"):
        widest = max(widest, _centered(flow, line, bold, size, left_cx, y, LEFT_COLUMN))
        y += lh
    rule = min(widest, 260) / 2
    flow.add(RuleOp(left_cx - rule, y + 2, left_cx + rule, y + 2, 2.5))
    y += lh * 0.7
    _centered(flow, f"Số: {spec.number}", regular, size, left_cx, y, LEFT_COLUMN)
    y += lh
    if not spec.doc_type and spec.subject:
        small = 26
        for line in wrap(f"V/v {spec.subject}", regular, small, LEFT_COLUMN):
            _centered(flow, line, regular, small, left_cx, y)
            y += small * 1.4
    left_bottom = y

    ry = flow.y
    _centered(flow, spec.national[0], bold, size, right_cx, ry, RIGHT_COLUMN)
    ry += lh
    motto_w = _centered(flow, spec.national[1], bold, size + 1, right_cx, ry)
    ry += lh + 2
    flow.add(RuleOp(right_cx - motto_w / 2, ry, right_cx + motto_w / 2, ry, 2.5))
    ry += lh * 0.8
    _centered(flow, spec.date_line, italic, size + 1, right_cx, ry, RIGHT_COLUMN)
    flow.y = max(left_bottom, ry + lh) + 70

    cx = (MARGIN_LEFT + page_w - MARGIN_RIGHT) / 2
    title_size = 40
    if spec.doc_type:
        _centered(flow, spec.doc_type, bold, title_size, cx, flow.y)
        flow.y += title_size * 1.5
        if spec.subject:
            for line in wrap(spec.subject, bold, 33, (page_w - MARGIN_LEFT - MARGIN_RIGHT) * 0.8):
                _centered(flow, line, bold, 33, cx, flow.y)
                flow.y += 33 * 1.45
            short = 180
            flow.add(RuleOp(cx - short, flow.y + 6, cx + short, flow.y + 6, 2))
        flow.y += 60
    if spec.addressees:
        size = 34 if spec.typeface == "serif" else 32
        label = "Kính gửi: "
        x = MARGIN_LEFT + 240
        indent = x + measure(regular, size, label)
        flow.add(TextOp(x, flow.y, label, regular, size))
        for addressee in spec.addressees:
            for line in wrap(addressee, regular, size, page_w - MARGIN_RIGHT - indent):
                flow.add(TextOp(indent, flow.y, line, regular, size))
                flow.y += size * 1.5
        flow.y += 30


def _paragraph(flow: _Flow, spec: DocumentSpec, text: str) -> None:
    regular, bold, _italic = _faces(spec)
    size = 34 if spec.typeface == "serif" else 32
    lh = size * 1.5
    left = MARGIN_LEFT
    width = A4_200[0] - MARGIN_LEFT - MARGIN_RIGHT
    face, first_indent, hang = regular, 70.0, 0.0
    if text.startswith("#> "):
        flow.y += lh * 0.2
        for line in wrap(text[3:], bold, size, width):
            flow.ensure(lh)
            _centered(flow, line, bold, size, left + width / 2, flow.y)
            flow.y += lh
        flow.y += lh * 0.15
        return
    if text.startswith("## "):
        text, face, first_indent = text[3:], bold, 70.0
        flow.y += lh * 0.2
    elif text.startswith("- "):
        first_indent, hang = 70.0, 70.0 + measure(regular, size, "- ")
    lines: list[str] = []
    remaining = text.split()
    # The first line is indented; the rest run from the margin (or hang under a list dash).
    first = wrap(" ".join(remaining), face, size, width - first_indent)
    if first:
        lines.append(first[0])
        rest = " ".join(remaining[len(first[0].split()) :])
        lines.extend(wrap(rest, face, size, width - hang))
    for index, line in enumerate(lines):
        flow.ensure(lh)
        x = left + (first_indent if index == 0 else hang)
        avail = width - (first_indent if index == 0 else hang)
        last = index == len(lines) - 1
        words = line.split()
        if last or len(words) < 2:
            flow.add(TextOp(x, flow.y, line, face, size, _ink(spec)))
        else:
            gaps = len(words) - 1
            natural = sum(measure(face, size, w) for w in words)
            gap = (avail - natural) / gaps
            cursor = x
            for word in words:
                flow.add(TextOp(cursor, flow.y, word, face, size, _ink(spec)))
                cursor += measure(face, size, word) + gap
        flow.y += lh
    flow.y += lh * 0.15


def _table(flow: _Flow, spec: DocumentSpec, rows: list[list[str]]) -> None:
    regular, bold, _italic = _faces(spec)
    size = 28 if spec.typeface == "serif" else 27
    lh = size * 1.4
    pad = 14
    left = MARGIN_LEFT
    width = A4_200[0] - MARGIN_LEFT - MARGIN_RIGHT
    columns = max(len(r) for r in rows)
    weights = [max(len(r[c]) if c < len(r) else 0 for r in rows) + 4 for c in range(columns)]
    total = sum(weights)
    col_w = [width * w / total for w in weights]
    flow.y += 10
    for row_index, row in enumerate(rows):
        face = bold if row_index == 0 else regular
        cells = [
            wrap(row[c] if c < len(row) else "", face, size, col_w[c] - 2 * pad)
            for c in range(columns)
        ]
        height = max(len(c) for c in cells) * lh + 2 * pad
        flow.ensure(height)
        top = flow.y
        x = float(left)
        for c, cell in enumerate(cells):
            for i, line in enumerate(cell):
                flow.add(TextOp(x + pad, top + pad + i * lh, line, face, size, _ink(spec)))
            flow.add(RuleOp(x, top, x, top + height, 2))
            x += col_w[c]
        flow.add(RuleOp(x, top, x, top + height, 2))
        flow.add(RuleOp(left, top, left + width, top, 2))
        flow.add(RuleOp(left, top + height, left + width, top + height, 2))
        flow.y = top + height
    flow.y += 30


def _closing(flow: _Flow, spec: DocumentSpec) -> None:
    regular, bold, italic = _faces(spec)
    size = 30 if spec.typeface == "serif" else 28
    lh = size * 1.45
    small = 26 if spec.typeface == "serif" else 25
    height = max(len(spec.recipients) * small * 1.4 + lh, (len(spec.signature) + 2) * lh) + 40
    flow.ensure(height)
    flow.y += 30
    top = flow.y
    if spec.recipients:
        flow.add(TextOp(MARGIN_LEFT, top, "Nơi nhận:", f"{spec.typeface}-bold", small + 1))
        y = top + small * 1.5
        for line in spec.recipients:
            flow.add(TextOp(MARGIN_LEFT, y, f"- {line}", regular, small))
            y += small * 1.4
    if spec.signature:
        cx = A4_200[0] - MARGIN_RIGHT - 330
        y = top
        for line in spec.signature:
            _centered(flow, line, bold, size, cx, y)
            y += lh
        y += lh * 0.4
        note_size = small - 2
        for line in wrap(SIGNATURE_NOTE, italic, note_size, 560):
            _centered(flow, line, italic, note_size, cx, y)
            y += note_size * 1.4
    flow.y = top + height


def _ink(spec: DocumentSpec) -> str:
    return "faded" if spec.typeface == "condensed" else "ink"


@lru_cache(maxsize=64)
def layout(spec: DocumentSpec) -> tuple[tuple[Op, ...], ...]:
    """The drawing operations of every page, in design units; cached per process."""
    flow = _Flow()
    _letterhead(flow, spec)
    table: list[list[str]] = []
    for block in spec.body:
        if block.startswith("|"):
            table.append([cell.strip() for cell in block.strip().strip("|").split("|")])
            continue
        if table:
            _table(flow, spec, table)
            table = []
        if block == PAGE_BREAK:
            flow.new_page()
        elif block == CLOSING:
            _closing(flow, spec)
        else:
            _paragraph(flow, spec, block)
    if table:
        _table(flow, spec, table)
    if CLOSING not in spec.body:
        _closing(flow, spec)
    return tuple(tuple(page) for page in flow.pages)


def page_count(spec: DocumentSpec) -> int:
    return len(layout(spec))


def document_text(spec: DocumentSpec) -> str:
    """The text drawn on the pages, in reading order: the item's transcription."""
    lines: list[str] = []
    if spec.issuer_parent:
        lines.append(spec.issuer_parent)
    lines += [*spec.issuer.split("\n"), f"Số: {spec.number}"]
    if not spec.doc_type and spec.subject:
        lines.append(f"V/v {spec.subject}")
    lines += ["", *spec.national, spec.date_line, ""]
    if spec.doc_type:
        lines += [spec.doc_type, spec.subject, ""]
    if spec.addressees:
        lines += [f"Kính gửi: {spec.addressees[0]}", *spec.addressees[1:], ""]
    closing: list[str] = []
    if spec.recipients:
        closing += ["", "Nơi nhận:", *(f"- {r}" for r in spec.recipients)]
    if spec.signature:
        closing += ["", *spec.signature, SIGNATURE_NOTE]
    for block in spec.body:
        if block == PAGE_BREAK:
            continue
        if block == CLOSING:
            lines += [*closing, ""]
        elif block.startswith("|"):
            lines.append(" | ".join(c.strip() for c in block.strip().strip("|").split("|")))
        else:
            lines.append(block.removeprefix("## ").removeprefix("#> "))
    if CLOSING not in spec.body:
        lines += closing
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def national_heading(year: int, month: int = 1, day: int = 1) -> tuple[str, str]:
    """The national heading of a document issued on that date (the name changed 2/7/1976)."""
    if (year, month, day) < (1976, 7, 2):
        return ("VIỆT NAM DÂN CHỦ CỘNG HÒA", "Độc lập - Tự do - Hạnh phúc")
    return ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def paper(size: tuple[int, int], seed: int, kind: str, scale: float) -> Image.Image:
    """A paper-toned page: blotchy low-frequency tone, grain from a small tile, foxing."""
    rng = random.Random(seed)
    w, h = size
    aged = kind == "aged"
    grid = (10, 14)
    base, spread = (214, 26) if aged else (244, 8)
    low = Image.new("L", grid)
    low.putdata(
        [
            base
            - rng.randint(0, spread)
            - (spread if aged and (x in (0, grid[0] - 1) or y in (0, grid[1] - 1)) else 0)
            for y in range(grid[1])
            for x in range(grid[0])
        ]
    )
    tone = low.resize(size, Image.Resampling.BICUBIC)
    grain = tiled(noise_tile(rng, 128, 9 if aged else 5), size)
    lum = ImageChops.add(tone, grain, scale=1.0, offset=-128)
    if aged:
        draw = ImageDraw.Draw(lum)
        for _ in range(rng.randint(6, 14)):
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            r = rng.uniform(2, 9) * scale * 1.5 + 1
            draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=rng.randint(150, 185))
        crease = h * rng.uniform(0.47, 0.53)
        line_w = max(1, round(3 * scale))
        draw.line((0, crease, w, crease + rng.uniform(-8, 8) * scale), fill=190, width=line_w)
        draw.line((0, crease + line_w + 1, w, crease + line_w + 1), fill=226, width=line_w)
    if aged:
        return ImageOps.colorize(lum, black=(70, 52, 30), white=(255, 250, 232))
    return ImageOps.colorize(lum, black=(40, 40, 44), white=(255, 255, 253))


def _watermark(page: Image.Image, scale: float) -> None:
    w, h = page.size
    size = max(1, round(70 * scale))
    face = font("sans-bold", size)
    text_w = face.getlength(WATERMARK)
    layer = Image.new("L", (round(text_w) + 8, round(size * 1.4) + 8), 0)
    ImageDraw.Draw(layer).text((4, 4), WATERMARK, font=face, fill=64)
    layer = layer.rotate(54, expand=True, resample=Image.Resampling.BICUBIC)
    x, y = (w - layer.width) // 2, (h - layer.height) // 2
    page.paste(INK["mark"], (x, y, x + layer.width, y + layer.height), mask=layer)


def render_document_page(spec: DocumentSpec, page: int, scale: float = 1.0) -> Image.Image:
    """Draw page *page* (1-based) of *spec*; sizes follow spec.dpi times *scale*."""
    pages = layout(spec)
    if not 1 <= page <= len(pages):
        raise ValueError(f"page {page} outside 1..{len(pages)}")
    factor = scale * spec.dpi / 200
    size = a4_pixels(spec.dpi, scale)
    image = paper(size, spec.seed * 1000 + page, spec.paper, factor)
    draw = ImageDraw.Draw(image)
    for op in pages[page - 1]:
        if isinstance(op, TextOp):
            draw.text(
                (op.x * factor, op.y * factor),
                op.text,
                font=font(op.face, round(op.size * factor)),
                fill=INK[op.ink],
            )
        else:
            draw.line(
                (op.x0 * factor, op.y0 * factor, op.x1 * factor, op.y1 * factor),
                fill=INK["ink"],
                width=max(1, round(op.width * factor)),
            )
    if spec.archive_mark:
        mark = font("sans", round(24 * factor))
        text = spec.archive_mark
        x = size[0] - MARGIN_RIGHT * factor - mark.getlength(text)
        draw.text((x, 70 * factor), text, font=mark, fill=INK["pencil"])
    footer = font("sans", round(25 * factor))
    number = f"Trang {page}/{len(pages)}"
    y = size[1] - 200 * factor
    draw.text(((size[0] - footer.getlength(number)) / 2, y), number, font=footer, fill=INK["ink"])
    mark = font("sans-bold", round(26 * factor))
    draw.text(
        ((size[0] - mark.getlength(WATERMARK)) / 2, y + 55 * factor),
        WATERMARK,
        font=mark,
        fill=INK["mark"],
    )
    _watermark(image, factor)
    if spec.paper == "aged" and factor >= 0.5:
        image = image.filter(ImageFilter.GaussianBlur(0.55 * factor))
    return image


@dataclass(frozen=True)
class PageJob:
    """One image to render: page *page* of a document, or a photo (page 1)."""

    spec: DocumentSpec | PhotoSpec
    page: int = 1
    scale: float = 1.0
    format: Format = "jpeg"
    greyscale: bool = False

    @property
    def dpi(self) -> int:
        return self.spec.dpi if isinstance(self.spec, DocumentSpec) else 300


def render_image(job: PageJob) -> Image.Image:
    if isinstance(job.spec, DocumentSpec):
        image = render_document_page(job.spec, job.page, job.scale)
    else:
        image = render_photo(job.spec, job.scale)
    return image.convert("L") if job.greyscale else image


def encode(image: Image.Image, fmt: Format, dpi: int) -> bytes:
    """Encode with fixed settings and no timestamps, so equal images give equal bytes."""
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=86, dpi=(dpi, dpi), optimize=True)
    elif fmt == "png":
        image.save(buffer, "PNG", dpi=(dpi, dpi), compress_level=6)
    else:
        image.save(buffer, "TIFF", dpi=(dpi, dpi), compression="tiff_lzw")
    return buffer.getvalue()


def render_bytes(job: PageJob) -> bytes:
    return encode(render_image(job), job.format, job.dpi)


def render_to_file(job: PageJob, path: str) -> str:
    """Render *job* into *path* (written atomically); the worker-process entry point."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(render_bytes(job))
    partial.replace(target)
    return path
