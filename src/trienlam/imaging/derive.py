"""IIIF Image API 3 level-0 static images of one page: tiles, sized copies, info.json.

`derive_page` tiles one page of an original (an image, or a PDF page rendered at
PDF_DPI) with libvips `dzsave(layout="iiif3")`, adds what dzsave leaves out — the
`full/{w},{h}/0/default.jpg` sizes (and a WebP copy of the small ones, for cards) and the
`sizes` and `id` of info.json — checks that every file info.json implies exists, and only
then swaps the new set into place. EXIF orientation is applied; no derivative carries
metadata (EXIF, GPS, XMP, ICC: colours are converted to sRGB instead).

The page streams through libvips once for the tiles. The sized copies (240, 480, 960 px
and a largest one of 1200–1600 px, see `_size_plan`) come from one pyramid level of the
page: after dzsave, joined back from that level's tiles (nothing is decoded twice: the
cheapest way when the cores are busy, e.g. several workers at VIPS_CONCURRENCY=1); or, when
libvips may use two threads or more, alongside dzsave in a second thread from a second
read of the original at that level's scale (libjpeg decodes a JPEG at 1/2, 1/4 or 1/8 size
itself), streaming, so they cost no wall time where dzsave leaves a core idle. Each
smaller copy is made from a larger one, and none but the small ones is ever whole in
memory while dzsave runs, so memory stays near that of a bare dzsave: the two reads of a
JPEG share one mapping of the file, the heap is trimmed after each large copy, and libvips'
operation cache is off while a page is derived. The copies' thread also makes the WebP of
the pyramid's top, so that after dzsave only info.json and the final check remain.

What a complete set holds, and the atomic swap, are in `tileset`.

Pure: paths and plain values in and out, no Django.
"""

from __future__ import annotations

import ctypes
import json
import math
import mmap
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvips

from trienlam.imaging.formats import image_format
from trienlam.imaging.pdfpages import PDF_DPI, render_page
from trienlam.imaging.tileset import (
    TMP_MARK,
    WEBP_MAX_WIDTH,
    absent,
    clean_stale,
    implied_files,
    missing_files,
    swap_into_place,
    tree_files,
)

__all__ = [
    "PDF_DPI",
    "SIZE_WIDTHS",
    "TMP_MARK",
    "WEBP_MAX_WIDTH",
    "Derived",
    "check_dzsave",
    "clean_stale",
    "derive_page",
    "implied_files",
    "missing_files",
]

SIZE_WIDTHS = (240, 480, 960, 1600)
TILE_SIZE = 512
TILE_QUALITY = 80
SIZE_QUALITY = 82
WEBP_QUALITY = 78
WEBP_EFFORT = 2  # libwebp 0–6; 2 is ~2× faster than the default 4 for a few % more bytes
PROGRESSIVE_MAX_WIDTH = 480
# A pyramid level at least this wide (and at most SIZE_WIDTHS[-1]) is the largest copy
# itself: an A4 page at 300 dpi (2480 px) gets a 1240-px copy from the tiles instead of a
# 1600-px one from a second read of the original. Viewers zoom further with the tiles.
MIN_LARGEST_WIDTH = 1200
# Sized copies alongside dzsave only up to this size: the copies' share of the work shrinks
# with the page (~40 % of a bare dzsave's time at 12 MP, ~10 % at 80 MP) while the second
# read's buffers grow with its width (an 80 MP TIFF: +21 MB over a bare dzsave's 92 MB);
# at 40 MP, alongside is faster on an idle second core (0.93/0.85× of a bare dzsave's
# throughput against 0.89/0.80× after, JPEG/TIFF, peak RSS 1.08/1.14×; bench/README.md,
# session 4) but slower when other work holds the cores (0.72–0.78× against 0.85–0.96×);
# at 80 MP it gains nothing and peaks at 1.23×. A worker sharing the cores runs with
# VIPS_CONCURRENCY=1 and never overlaps.
OVERLAP_MAX_PIXELS = 48_000_000
IIIF_CONTEXT = "http://iiif.io/api/image/3/context.json"
IIIF_PROTOCOL = "http://iiif.io/api/image"
_UNBOUNDED = 10_000_000  # "no limit" for the height of a thumbnail


@dataclass(frozen=True)
class Derived:
    width: int  # of the full image as tiled (oriented)
    height: int
    sizes: tuple[tuple[int, int], ...]  # every full/{w},{h}/0/default.jpg written, smallest first
    bytes_written: int


# --- Start-up check --------------------------------------------------------------------------


def check_dzsave() -> None:
    """Raise RuntimeError, saying what is missing, unless libvips can write our derivatives."""
    version = f"{pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}"
    for operation in ("dzsave", "jpegsave", "webpsave", "thumbnail"):
        if not pyvips.type_find("VipsOperation", operation):
            raise RuntimeError(
                f"the installed libvips {version} has no `{operation}`: IIIF tiles and sized "
                "copies cannot be made. Install the pyvips-binary wheel pinned in pyproject.toml."
            )
    with tempfile.TemporaryDirectory(prefix="trienlam-dzsave-check-") as tmp:
        out = Path(tmp) / "probe" / "tiles"
        out.parent.mkdir()
        try:
            pyvips.Image.black(600, 10, bands=3).dzsave(
                os.fspath(out), layout="iiif3", tile_size=TILE_SIZE, suffix=".jpg"
            )
            info = json.loads((out / "info.json").read_text())
        except (pyvips.Error, OSError, ValueError) as exc:
            raise RuntimeError(
                f"the installed libvips {version} cannot write IIIF Image API 3 tiles "
                f"(dzsave layout='iiif3'): {exc}"
            ) from exc
        if info.get("type") != "ImageService3" or not info.get("tiles"):
            raise RuntimeError(f"libvips {version} dzsave wrote an unexpected info.json: {info}")


# --- Reading the page ------------------------------------------------------------------------


def _for_web(image: pyvips.Image) -> pyvips.Image:
    """8-bit sRGB (or grey), no alpha, colour profile applied rather than carried."""
    if image.get_typeof("icc-profile-data"):
        try:
            image = image.icc_transform("srgb", embedded=True, intent="relative")
        except pyvips.Error:
            pass  # a broken profile: fall back to the plain colourspace conversion
    grey = image.interpretation in ("b-w", "grey16")
    target = "b-w" if grey else "srgb"
    if image.interpretation != target or image.format != "uchar":
        try:
            image = image.colourspace(target)
        except pyvips.Error:
            if image.bands not in (3, 4):
                raise
            image = image.copy(interpretation="srgb")
    if image.hasalpha():
        image = image.flatten(background=[255.0] * (image.bands - 1))
    if image.format != "uchar":
        image = image.cast("uchar")
    return image


@dataclass
class _Page:
    tiles: pyvips.Image  # streams the page once, for dzsave
    thumb_name: str  # a file for pyvips.Image.thumbnail (shrink-on-load where it can)
    has_profile: bool
    fmt: str = "tiff"  # the loader of thumb_name's file
    path: str = ""
    page_index: int = 0
    orientation: int = 1
    data: mmap.mmap | None = None  # the file, mapped, when both reads decode it (see level)

    def level(self, scale: int) -> pyvips.Image:
        """The page shrunk *scale* times (a power of two), upright: a second read of the
        original, streaming; a JPEG is decoded at 1/2, 1/4 or 1/8 size by libjpeg itself.
        The box filter of `shrink` is the one dzsave's pyramid levels are made with."""
        options: dict[str, Any] = {"fail_on": "error", "access": "sequential"}
        if self.fmt == "tiff":
            options["page"] = self.page_index
        left = scale
        if self.fmt == "jpeg":
            options["shrink"] = min(scale, 8)
            left = scale // options["shrink"]
        if self.data is not None:
            source = pyvips.Source.new_from_memory(self.data)  # not copied
            image = getattr(pyvips.Image, f"{self.fmt}load_source")(source, **options)
        else:
            image = getattr(pyvips.Image, f"{self.fmt}load")(self.path, **options)
        if left > 1:  # across first: the rows shrinkv holds are then narrower (−3 MB, 12 MP)
            image = image.shrinkh(left).shrinkv(left)
        image = _for_web(image)
        if self.orientation not in (0, 1):  # the level is small: turn it in memory
            image = image.copy_memory()
            image.set_type(pyvips.GValue.gint_type, "orientation", self.orientation)
            image = image.autorot()
        return image

    def thumbnail(self, width: int, height: int | None = None) -> pyvips.Image:
        """The page *width* wide (and exactly *height* high if given), shrunk on load."""
        options: dict[str, Any] = {"output_profile": "srgb"} if self.has_profile else {}
        if height is None:
            options.update(height=_UNBOUNDED, size="down")
        else:
            options.update(height=height, size="force")
        thumb = pyvips.Image.thumbnail(self.thumb_name, width, fail_on="error", **options)
        return _for_web(thumb)


def _image_page(source: str, page_index: int, scratch: Path, overlap: bool | None) -> _Page:
    with open(source, "rb") as f:
        fmt = image_format(f.read(64))
    if fmt is None:
        raise ValueError(f"{source} is not a JPEG, PNG, TIFF or WebP image")
    if page_index and fmt != "tiff":
        raise ValueError(f"a {fmt.upper()} image has only page 0, not page {page_index}")
    options: dict[str, Any] = {"fail_on": "error", "revalidate": True}
    if fmt == "tiff":
        options["page"] = page_index
    image = getattr(pyvips.Image, f"{fmt}load")(source, access="sequential", **options)
    has_profile = bool(image.get_typeof("icc-profile-data"))
    orientation = image.get("orientation") if image.get_typeof("orientation") else 1
    data = None
    if fmt == "jpeg" and orientation in (0, 1) and _overlaps(overlap, image.width, image.height):
        # Both reads (the tiles' and the copies') decode one mapping of the file, which the
        # page keeps: libvips maps a JPEG file whole for each loader, and two mappings of
        # one file count twice in the process's memory (+4 MB at 12 MP; a buffer loader
        # would copy the bytes).
        with open(source, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        from_memory = pyvips.Source.new_from_memory(data)
        image = pyvips.Image.jpegload_source(from_memory, access="sequential", **options)
    image = _for_web(image)
    if orientation not in (0, 1):
        image = _upright(image, orientation, scratch)
    name = f"{source}[page={page_index}]" if fmt == "tiff" else source
    return _Page(
        tiles=image,
        thumb_name=name,
        has_profile=has_profile,
        fmt=fmt,
        path=source,
        page_index=page_index,
        orientation=orientation,
        data=data,
    )


def _upright(image: pyvips.Image, orientation: int, scratch: Path) -> pyvips.Image:
    """Apply an EXIF orientation without holding the whole page in memory.

    Turning a page a quarter needs it in random access: libvips would decode it whole
    into memory (3× the RSS of tiling it upright, measured on 80 MP). So the page is
    streamed once into an uncompressed tiled TIFF in the scratch folder, and turned from
    there, reading only the tiles each strip of output needs.
    """
    tiled = os.fspath(scratch / "upright.tif")
    image.tiffsave(tiled, tile=True, tile_width=256, tile_height=256, bigtiff=True, keep="none")
    turned = pyvips.Image.tiffload(tiled, access="random").copy()
    turned.set_type(pyvips.GValue.gint_type, "orientation", orientation)
    return turned.autorot()


@contextmanager
def _open_page(
    source: str, kind: str, page_index: int, scratch: Path, overlap: bool | None
) -> Iterator[_Page]:
    if kind == "image":
        yield _image_page(source, page_index, scratch, overlap)
        return
    rendered = scratch / "page.tif"
    render_page(source, page_index, rendered, dpi=PDF_DPI)
    pixels = pyvips.Image.new_from_file(os.fspath(rendered), access="sequential")
    try:
        yield _Page(
            tiles=pixels,
            thumb_name=os.fspath(rendered),
            has_profile=False,
            path=os.fspath(rendered),
        )
    finally:
        del pixels
        _release_memory()


def _load_malloc_trim() -> Any:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only; elsewhere a no-op
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_malloc_trim()


def _release_memory() -> None:
    """Between phases: hand freed heap pages back to the system, so the peaks of the tiling
    phase and of the sized-copies phase do not add up."""
    if _malloc_trim is not None:
        _malloc_trim(0)


_cache_lock = threading.Lock()
_cache_users = 0
_cache_limit = 0


@contextmanager
def _operation_cache_off() -> Iterator[None]:
    """libvips' operation cache off while pages are derived (restored after the last one).

    Nothing here is computed twice, and a cached operation keeps its images — the copies
    held in memory, the bytes of the page — alive after use; dropping them afterwards
    (flushing the cache) cost 2–3 ms a page, on the critical path.
    """
    global _cache_users, _cache_limit
    with _cache_lock:
        if _cache_users == 0:
            _cache_limit = pyvips.cache_get_max()
            pyvips.cache_set_max(0)
        _cache_users += 1
    try:
        yield
    finally:
        with _cache_lock:
            _cache_users -= 1
            if _cache_users == 0:
                pyvips.cache_set_max(_cache_limit)


# --- Writing ---------------------------------------------------------------------------------


def _save_jpeg(image: pyvips.Image, folder: Path) -> None:
    # Progressive up to the phone sizes: a blurred whole page arrives first on a slow line,
    # and the file is ~8 % smaller. The desktop copy stays baseline, streamed: progressive
    # encoding (or optimised Huffman tables, ~3 % smaller) would hold all its DCT
    # coefficients in memory (9 MB for 1456×2060) and cost a second pass.
    progressive = image.width <= PROGRESSIVE_MAX_WIDTH
    image.jpegsave(
        os.fspath(folder / "default.jpg"),
        Q=SIZE_QUALITY,
        optimize_coding=progressive,
        interlace=progressive,
        keep="none",
    )


def _save_webp(image: pyvips.Image, folder: Path) -> None:
    image.webpsave(
        os.fspath(folder / "default.webp"), Q=WEBP_QUALITY, effort=WEBP_EFFORT, keep="none"
    )


@dataclass(frozen=True)
class _SizePlan:
    """Which sized copies a page gets, and where the largest one comes from.

    The largest copy is `largest` (width, and height when it must match a pyramid level
    exactly); it is made from the pyramid level of `scale` (joined back from its tiles) when
    `scale` > 1, else from the original. Every smaller copy (`smaller`, widest first) is
    made from the copy just above it. `top` is the smallest pyramid level, which dzsave
    writes itself as `full/{w},{h}` (a standard width equal to its width is left to it).
    """

    largest: tuple[int, int | None]
    scale: int
    smaller: tuple[int, ...]
    top: tuple[int, int]


def _level_size(width: int, height: int, scale: int) -> tuple[int, int]:
    return math.ceil(width / scale), math.ceil(height / scale)


def _size_plan(width: int, height: int) -> _SizePlan:
    top_scale = 1
    while any(n > TILE_SIZE for n in _level_size(width, height, top_scale)):
        top_scale *= 2
    top = _level_size(width, height, top_scale)
    widths = [w for w in SIZE_WIDTHS if w < width] or [width]
    largest: tuple[int, int | None] = (widths[-1], None)
    scale = 1
    if width > SIZE_WIDTHS[-1]:
        # The pyramid levels wide enough for the largest copy (each half the one before):
        # one between MIN_LARGEST and the largest standard width is taken as it is, else
        # the narrowest wider one is reduced to that width.
        levels = []
        s = 2
        while math.ceil(width / s) >= MIN_LARGEST_WIDTH:
            levels.append(s)
            s *= 2
        if levels:
            scale = levels[-1]
            level_w, level_h = _level_size(width, height, scale)
            if level_w <= SIZE_WIDTHS[-1]:
                widths = [w for w in widths[:-1] if w < level_w] + [level_w]
                largest = (level_w, level_h)
    smaller = tuple(w for w in reversed(widths[:-1]) if w != top[0])
    return _SizePlan(largest=largest, scale=scale, smaller=smaller, top=top)


def _tile_level(out: Path, width: int, height: int, scale: int) -> pyvips.Image:
    """The pyramid level of scale factor *scale* of the tiles in *out*, joined back from its
    tiles (the paths :func:`implied_files` computes for that scale factor)."""
    span = TILE_SIZE * scale
    tiles: list[pyvips.Image] = []
    for y in range(0, height, span):
        for x in range(0, width, span):
            w, h = min(span, width - x), min(span, height - y)
            whole = (x, y, w, h) == (0, 0, width, height)
            region = "full" if whole else f"{x},{y},{w},{h}"
            path = out / region / f"{math.ceil(w / scale)},{math.ceil(h / scale)}" / "0"
            tiles.append(
                pyvips.Image.jpegload(
                    os.fspath(path / "default.jpg"), access="sequential", fail_on="error"
                )
            )
    across = math.ceil(width / span)
    # Edge tiles are smaller: arrayjoin puts every tile in a cell of the largest tile's size
    # at its top left, so the level is the joined image cropped to the level's size.
    joined = pyvips.Image.arrayjoin(tiles, across=across) if len(tiles) > 1 else tiles[0]
    level_w, level_h = _level_size(width, height, scale)
    return joined.crop(0, 0, min(level_w, joined.width), min(level_h, joined.height))


def _largest_copy(page: _Page, plan: _SizePlan, out: Path | None, size: tuple[int, int]) -> Any:
    """The largest copy as a pipeline: from the pyramid level the plan names, joined from its
    tiles when they are written (*out*), else read from the original at that scale; from the
    original with `thumbnail` when the plan names no level."""
    width, height = size
    w, h = plan.largest
    if plan.scale == 1:
        return page.thumbnail(w, h)
    if out is not None:
        level = _tile_level(out, width, height, plan.scale)
    else:
        level = page.level(plan.scale)
    if h is not None:
        return level
    return level.resize(w / level.width)


#: A copy exactly this many times as wide as a smaller one is shrunk into it (libjpeg decodes a
#: JPEG at 1/2, 1/4 or 1/8 itself); see `_smaller_copy`.
SHRINK_FACTORS = (2, 4, 8)


def _smaller_copy(written: dict[int, Any], width: int) -> pyvips.Image:
    """A copy *width* wide made from a larger one already written (a file, or the pixels
    kept in memory): one exactly 2, 4 or 8 times as wide is shrunk by that factor (read
    from a file, libjpeg decodes it at that fraction: 960 gives 480 and 240 so); otherwise
    the narrowest wider one is resized."""
    for factor in SHRINK_FACTORS:
        source = written.get(width * factor)
        if isinstance(source, pyvips.Image):
            return source.shrink(factor, factor)
        if source is not None:
            return pyvips.Image.jpegload(os.fspath(source), shrink=factor, access="sequential")
    source = written[min(w for w in written if w > width)]
    if not isinstance(source, pyvips.Image):
        source = pyvips.Image.jpegload(os.fspath(source), access="sequential")
    return source.resize(width / source.width)


def _one_thread(image: pyvips.Image) -> pyvips.Image:
    """*image*, computed by one libvips worker (plus the writer) when saved or copied to
    memory: libvips reads VIPS_META_CONCURRENCY ("concurrency") on the image it computes.
    For the copies alongside dzsave, so that they take the core dzsave leaves idle rather
    than contend with its workers (~3–7 % less wall time a 12 MP page, measured busy)."""
    image = image.copy()
    image.set_type(pyvips.GValue.gint_type, "concurrency", 1)
    return image


def _write_copies(
    base: pyvips.Image, plan: _SizePlan, full: Path, *, in_memory: bool
) -> list[tuple[int, int]]:
    """Encode *base* (a pipeline of the largest copy) and then the smaller copies, each made
    from a larger one just written; and the WebP of the pyramid's top (dzsave writes its
    JPEG) to `full/{w},{h}/0/default.webp`, from the narrowest copy held in memory that is at
    least twice as wide (else as wide): resized by nearly 1 (240 → 236 px), lines of text
    show moiré that a reduction by 2 or more filters out.

    *in_memory*: keep each copy's pixels to make the next ones (nothing is decoded twice),
    and only as long as a copy still to come is made from them (see `_smaller_copy`): at
    most two are held, 14 MB for 1600×2263 and 960×1357. Otherwise every copy streams from
    its pipeline into its file and the next one is read back from there, so that only the
    small ones that also get a WebP (≤ 0.4 MB) are ever whole in memory: for making them
    alongside dzsave, whose own buffers are then still there.
    Returns the sizes of the copies (not the top's).
    """
    widths = [plan.largest[0], *plan.smaller]
    top_w, top_h = plan.top
    held = [w for w in widths if in_memory or w <= WEBP_MAX_WIDTH]
    wide = [w for w in held if w >= 2 * top_w] or [w for w in held if w >= top_w]
    top_from = min(wide) if wide and top_w <= WEBP_MAX_WIDTH else None  # the top is no copy
    written: dict[int, Any] = {}
    sizes = []
    for i, w in enumerate(widths):
        image = base if i == 0 else _smaller_copy(written, w)
        if not in_memory:
            image = _one_thread(image)
        if in_memory or image.width <= WEBP_MAX_WIDTH:
            image = image.copy_memory()  # encoded twice, or the source of the next ones
        folder = full / f"{image.width},{image.height}" / "0"
        folder.mkdir(parents=True, exist_ok=True)
        _save_jpeg(image, folder)
        if image.width <= WEBP_MAX_WIDTH:
            _save_webp(image, folder)
        if w == top_from:  # else _finish_sizes makes it from dzsave's JPEG
            top = image.resize(top_w / image.width, vscale=top_h / image.height)
            top_folder = full / f"{top_w},{top_h}" / "0"
            top_folder.mkdir(parents=True, exist_ok=True)
            _save_webp(top, top_folder)
        written[image.width] = image if in_memory else folder / "default.jpg"
        sizes.append((image.width, image.height))
        # Let go of the copies no later one is made from: their memory is then reused by
        # the next ones instead of adding to it.
        later = widths[i + 1 :]
        needed = {f * v for f in SHRINK_FACTORS for v in later}
        for kept in list(written):
            if kept != image.width and kept not in needed:
                del written[kept]
        if not in_memory and image.width > WEBP_MAX_WIDTH:
            # Each streamed copy is a new pipeline whose buffers, freed, stay in the heap
            # arenas of the threads that ran it; handed back now they do not pile up on top
            # of dzsave's (−5 MB peak at 12 MP, for 1–4 ms of this thread).
            _release_memory()
    return sizes


def _finish_sizes(out: Path, size: tuple[int, int], copies: list[tuple[int, int]]) -> list:
    """After the tiling: the WebP of the pyramid's top (dzsave wrote its JPEG) unless the
    copies brought it, `full/max` when the whole image is one tile, and every size info.json
    lists, smallest first."""
    width, height = size
    full = out / "full"
    tops = []
    if full.is_dir():
        for entry in full.iterdir():
            w, _, h = entry.name.partition(",")
            if w.isdigit() and h.isdigit() and (int(w), int(h)) not in copies:
                tops.append((int(w), int(h)))
    for w, h in tops:
        folder = full / f"{w},{h}" / "0"
        if w <= WEBP_MAX_WIDTH and not (folder / "default.webp").exists():
            _save_webp(pyvips.Image.jpegload(os.fspath(folder / "default.jpg")), folder)
    written = sorted({*copies, *tops})
    if (width, height) in written:  # the whole image is one tile: OpenSeadragon asks full/max
        max_folder = full / "max" / "0"
        max_folder.mkdir(parents=True, exist_ok=True)
        whole = full / f"{width},{height}" / "0" / "default.jpg"
        shutil.copyfile(whole, max_folder / "default.jpg")
    return written


def _write_info(out: Path, id_base: str, sizes: list[tuple[int, int]]) -> dict[str, Any]:
    written = json.loads((out / "info.json").read_text(encoding="utf-8"))
    info = {
        "@context": IIIF_CONTEXT,
        "id": id_base,
        "type": "ImageService3",
        "protocol": IIIF_PROTOCOL,
        "profile": "level0",
        "width": written["width"],
        "height": written["height"],
        "sizes": [{"width": w, "height": h} for w, h in sizes],
        "tiles": written["tiles"],
    }
    (out / "info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


# --- Entry point -----------------------------------------------------------------------------


def _threads() -> int:
    """How many threads libvips may use in this process (VIPS_CONCURRENCY, else the cores)."""
    return int(pyvips.vips_lib.vips_concurrency_get())


def _overlaps(overlap: bool | None, width: int, height: int) -> bool:
    """Whether the sized copies are made alongside dzsave (see `derive_page`)."""
    if overlap is None:
        return _threads() >= 2 and width * height <= OVERLAP_MAX_PIXELS
    return overlap


class _Background(threading.Thread):
    """Runs *work* in a thread; `result()` joins it and returns its value or raises."""

    def __init__(self, work: Any) -> None:
        super().__init__(daemon=True)
        self._work = work
        self._value: Any = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # re-raised in the caller's thread
            self._error = exc

    def result(self) -> Any:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


def derive_page(
    source: str | os.PathLike[str],
    *,
    kind: str,
    page_index: int,
    target_dir: str | os.PathLike[str],
    id_base: str,
    overlap: bool | None = None,
) -> Derived:
    """Write the complete IIIF level-0 image of page *page_index* of *source* to *target_dir*.

    *kind* is the Inspection kind ("image" or "pdf"). *id_base* becomes the `id` of
    info.json (the public URL of *target_dir*). An existing complete set at *target_dir*
    stays in place until the new one is complete; a failure leaves nothing behind.

    *overlap*: make the sized copies from a second, shrink-on-load read of the original in a
    thread while dzsave tiles (dzsave keeps about one core busy, so a second core does them
    for free), rather than after it from the tiles. None (the default) overlaps when libvips
    may use two threads or more and the page is at most OVERLAP_MAX_PIXELS; a worker that
    shares the cores with other workers runs with VIPS_CONCURRENCY=1 and gets the cheaper
    sequential way.
    """
    if kind not in ("image", "pdf"):
        raise ValueError(f"cannot derive tiles from a {kind!r} file")
    if page_index < 0:
        raise ValueError(f"page_index must be 0 or more, not {page_index}")
    source = os.fspath(source)
    target = Path(target_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{target.name}{TMP_MARK}{os.getpid()}-", dir=target.parent)
    )
    try:
        with _operation_cache_off():
            derived = _derive(source, kind, page_index, target, staging, id_base, overlap)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return derived


def _derive(
    source: str,
    kind: str,
    page_index: int,
    target: Path,
    staging: Path,
    id_base: str,
    overlap: bool | None,
) -> Derived:
    """The body of `derive_page`: the page's set made in *staging*, then swapped into *target*."""
    out = staging / "image"  # dzsave also drops a vips-properties.xml beside its output
    copies_dir = staging / "copies"  # moved into out/full when both are done
    with _open_page(source, kind, page_index, staging, overlap) as page:
        size = width, height = page.tiles.width, page.tiles.height
        plan = _size_plan(width, height)
        make_copies = plan.largest[0] != plan.top[0]  # else dzsave's top is the only size
        overlap = _overlaps(overlap, width, height)
        background = None
        if make_copies and overlap:
            background = _Background(
                lambda: _write_copies(
                    _largest_copy(page, plan, None, size), plan, copies_dir, in_memory=False
                )
            )
            background.start()
        try:
            page.tiles.dzsave(
                os.fspath(out),
                layout="iiif3",
                tile_size=TILE_SIZE,
                overlap=0,
                suffix=f".jpg[Q={TILE_QUALITY}]",
                keep="none",
            )
        finally:
            copies = background.result() if background is not None else []
        page.tiles = None  # type: ignore[assignment]  # let the tile pipeline go
        if make_copies and background is None:
            _release_memory()  # ~5 ms at 12 MP: only worth it before the copies' phase
            base = _largest_copy(page, plan, out, size)
            copies = _write_copies(base, plan, copies_dir, in_memory=True)
    (out / "full").mkdir(exist_ok=True)
    for w, h in copies:
        os.rename(copies_dir / f"{w},{h}", out / "full" / f"{w},{h}")
    top_webp = Path(f"{plan.top[0]},{plan.top[1]}", "0", "default.webp")
    if (copies_dir / top_webp).exists():  # into the folder dzsave made for the top
        (out / "full" / top_webp).parent.mkdir(parents=True, exist_ok=True)
        os.rename(copies_dir / top_webp, out / "full" / top_webp)
    sizes = _finish_sizes(out, size, copies)
    info = _write_info(out, id_base, sizes)
    files = tree_files(out)
    missing = absent(info, files.__contains__)
    if missing:
        raise RuntimeError(f"incomplete IIIF image, {len(missing)} missing: {missing[:5]}")
    written = sum(files.values())
    swap_into_place(out, target)
    return Derived(width=width, height=height, sizes=tuple(sizes), bytes_written=written)
