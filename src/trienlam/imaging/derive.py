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
memory while dzsave runs, so memory stays near that of a bare dzsave.

Pure: paths and plain values in and out, no Django.
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvips

from trienlam.imaging.formats import image_format
from trienlam.imaging.pdfpages import PDF_DPI, render_page

__all__ = [
    "PDF_DPI",
    "SIZE_WIDTHS",
    "Derived",
    "check_dzsave",
    "derive_page",
    "missing_files",
]

SIZE_WIDTHS = (240, 480, 960, 1600)
TILE_SIZE = 512
TILE_QUALITY = 80
SIZE_QUALITY = 82
WEBP_QUALITY = 78
WEBP_EFFORT = 2  # libwebp 0–6; 2 is ~2× faster than the default 4 for a few % more bytes
# WebP copies only for the small sizes that cards and thumbnails use (many to a page); the
# large first-view copies stay progressive JPEG. WebP of every size cost ~0.3 s a page.
WEBP_MAX_WIDTH = 480
PROGRESSIVE_MAX_WIDTH = 480
# A pyramid level at least this wide (and at most SIZE_WIDTHS[-1]) is the largest copy
# itself: an A4 page at 300 dpi (2480 px) gets a 1240-px copy from the tiles instead of a
# 1600-px one from a second read of the original. Viewers zoom further with the tiles.
MIN_LARGEST_WIDTH = 1200
# Sized copies alongside dzsave only up to this size: the second read's buffers grow with
# the page's width (~+10 MB at 12 MP, ~+35 MB at 80 MP, over a bare dzsave's 55–110 MB),
# while the copies' share of the work shrinks (~40 % of a bare dzsave's time at 12 MP,
# ~10 % at 80 MP).
OVERLAP_MAX_PIXELS = 24_000_000
IIIF_CONTEXT = "http://iiif.io/api/image/3/context.json"
IIIF_PROTOCOL = "http://iiif.io/api/image"
TMP_MARK = ".tmp-"  # .<name>.tmp-<pid>-<random>: a set being written
OLD_MARK = ".old-"  # .<name>.old-<pid>-<random>: the previous set, during the swap
STALE_SECONDS = 6 * 3600  # leftovers of a live pid are removed after this long
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


# --- Checking a tile set ---------------------------------------------------------------------


def implied_files(info: dict[str, Any]) -> list[str]:
    """Every path (relative to the image folder) that *info* promises a level-0 client.

    `sizes` (JPEG; WebP too up to WEBP_MAX_WIDTH, for cards), and every tile of every scale
    factor as
    the IIIF Image API 3 computes it: region x,y,w,h (or `full` when one tile holds the
    whole image), size ceil(w/s),ceil(h/s) — the URLs OpenSeadragon requests. A whole
    image at scale 1 is also requested as `full/max`.
    """
    width, height = int(info["width"]), int(info["height"])
    paths: list[str] = []
    for size in info.get("sizes", []):
        paths.append(f"full/{size['width']},{size['height']}/0/default.jpg")
        if int(size["width"]) <= WEBP_MAX_WIDTH:
            paths.append(f"full/{size['width']},{size['height']}/0/default.webp")
    for tiles in info.get("tiles", []):
        tile_w = int(tiles["width"])
        tile_h = int(tiles.get("height", tile_w))
        for scale in tiles["scaleFactors"]:
            span_w, span_h = tile_w * scale, tile_h * scale
            for y in range(0, height, span_h):
                for x in range(0, width, span_w):
                    w, h = min(span_w, width - x), min(span_h, height - y)
                    size = f"{math.ceil(w / scale)},{math.ceil(h / scale)}"
                    whole = (x, y, w, h) == (0, 0, width, height)
                    region = "full" if whole else f"{x},{y},{w},{h}"
                    paths.append(f"{region}/{size}/0/default.jpg")
                    if whole and scale == 1:
                        paths.append("full/max/0/default.jpg")
    return paths


def missing_files(target_dir: str | os.PathLike[str]) -> list[str]:
    """Files that the info.json in *target_dir* promises but that do not exist ([] if whole)."""
    root = Path(target_dir)
    try:
        info = json.loads((root / "info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ["info.json"]
    try:
        paths = implied_files(info)
    except (KeyError, TypeError, ValueError):
        return ["info.json"]
    return [path for path in dict.fromkeys(paths) if not (root / path).is_file()]


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
        image = getattr(pyvips.Image, f"{self.fmt}load")(self.path, **options)
        if left > 1:
            image = image.shrink(left, left)
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


def _image_page(source: str, page_index: int, scratch: Path) -> _Page:
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
def _open_page(source: str, kind: str, page_index: int, scratch: Path) -> Iterator[_Page]:
    if kind == "image":
        yield _image_page(source, page_index, scratch)
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
    """Between phases: drop libvips' operation cache (it holds finished images) without
    changing its size, and hand freed heap pages back to the system, so the peaks of
    the tiling phase and of the sized-copies phase do not add up."""
    limit = pyvips.cache_get_max()
    pyvips.cache_set_max(0)
    pyvips.cache_set_max(limit)
    if _malloc_trim is not None:
        _malloc_trim(0)


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


def _smaller_copy(written: dict[int, Any], width: int) -> pyvips.Image:
    """A copy *width* wide made from a larger one already written (a file, or the pixels
    kept in memory): one exactly 2, 4 or 8 times as wide is shrunk by that factor (read
    from a file, libjpeg decodes it at that fraction: 960 gives 480 and 240 so); otherwise
    the narrowest wider one is resized."""
    for factor in (2, 4, 8):
        source = written.get(width * factor)
        if isinstance(source, pyvips.Image):
            return source.shrink(factor, factor)
        if source is not None:
            return pyvips.Image.jpegload(os.fspath(source), shrink=factor, access="sequential")
    source = written[min(w for w in written if w > width)]
    if not isinstance(source, pyvips.Image):
        source = pyvips.Image.jpegload(os.fspath(source), access="sequential")
    return source.resize(width / source.width)


def _write_copies(
    base: pyvips.Image, plan: _SizePlan, full: Path, *, in_memory: bool
) -> list[tuple[int, int]]:
    """Encode *base* (a pipeline of the largest copy) and then the smaller copies, each made
    from a larger one just written.

    *in_memory*: keep each copy's pixels to make the next ones (nothing is decoded twice;
    at most the largest copy and the next are held, 10 MB for 1600×2263). Otherwise every
    copy streams from its pipeline into its file and the next one is read back from there,
    so that only the small ones that also get a WebP (≤ 0.4 MB) are ever whole in memory:
    for making them alongside dzsave, whose own buffers are then still there.
    """
    written: dict[int, Any] = {}
    sizes = []
    for w in (None, *plan.smaller):
        image = base if w is None else _smaller_copy(written, w)
        if in_memory or image.width <= WEBP_MAX_WIDTH:
            image = image.copy_memory()  # encoded twice, or the source of the next ones
        folder = full / f"{image.width},{image.height}" / "0"
        folder.mkdir(parents=True, exist_ok=True)
        _save_jpeg(image, folder)
        if image.width <= WEBP_MAX_WIDTH:
            _save_webp(image, folder)
        written[image.width] = image if in_memory else folder / "default.jpg"
        sizes.append((image.width, image.height))
    return sizes


def _finish_sizes(out: Path, size: tuple[int, int], copies: list[tuple[int, int]]) -> list:
    """After the tiling: the WebP of the pyramid's top (dzsave wrote its JPEG), `full/max`
    when the whole image is one tile, and every size info.json lists, smallest first."""
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
        if w <= WEBP_MAX_WIDTH:
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


def _tree_bytes(root: Path) -> int:
    total = 0
    for folder, _, files in os.walk(root):
        for name in files:
            total += os.stat(os.path.join(folder, name)).st_size
    return total


# --- Atomic replacement ----------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(target: Path, mark: str) -> list[tuple[Path, int | None]]:
    prefix = f".{target.name}{mark}"
    found = []
    try:
        entries = list(target.parent.iterdir())
    except FileNotFoundError:
        return []
    for entry in entries:
        if entry.name.startswith(prefix):
            pid_text = entry.name[len(prefix) :].partition("-")[0]
            found.append((entry, int(pid_text) if pid_text.isdigit() else None))
    return found


def clean_stale(target_dir: str | os.PathLike[str]) -> None:
    """Tidy what an interrupted run left next to *target_dir*.

    If the swap was cut between its two renames (target gone, previous set aside), the
    previous complete set is put back. Temporary folders of processes that no longer
    run (or older than STALE_SECONDS) are removed.
    """
    target = Path(target_dir)
    now = time.time()
    for mark in (OLD_MARK, TMP_MARK):
        for path, pid in _leftovers(target, mark):
            try:
                age = now - path.stat().st_mtime
            except FileNotFoundError:
                continue
            if pid is not None and _pid_alive(pid) and age < STALE_SECONDS:
                continue
            if mark == OLD_MARK and not target.exists() and not missing_files(path):
                os.rename(path, target)
                continue
            shutil.rmtree(path, ignore_errors=True)


def _swap_into_place(new: Path, target: Path) -> None:
    aside: Path | None = None
    if target.exists():
        aside = target.parent / f".{target.name}{OLD_MARK}{os.getpid()}-{os.urandom(4).hex()}"
        os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        if aside is not None:
            os.rename(aside, target)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


# --- Entry point -----------------------------------------------------------------------------


def _threads() -> int:
    """How many threads libvips may use in this process (VIPS_CONCURRENCY, else the cores)."""
    return int(pyvips.vips_lib.vips_concurrency_get())


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
        out = staging / "image"  # dzsave also drops a vips-properties.xml beside its output
        copies_dir = staging / "copies"  # moved into out/full when both are done
        with _open_page(source, kind, page_index, staging) as page:
            size = width, height = page.tiles.width, page.tiles.height
            plan = _size_plan(width, height)
            make_copies = plan.largest[0] != plan.top[0]  # else dzsave's top is the only size
            if overlap is None:
                overlap = _threads() >= 2 and width * height <= OVERLAP_MAX_PIXELS
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
            _release_memory()
            if make_copies and background is None:
                base = _largest_copy(page, plan, out, size)
                copies = _write_copies(base, plan, copies_dir, in_memory=True)
        (out / "full").mkdir(exist_ok=True)
        for w, h in copies:
            os.rename(copies_dir / f"{w},{h}", out / "full" / f"{w},{h}")
        sizes = _finish_sizes(out, size, copies)
        _write_info(out, id_base, sizes)
        missing = missing_files(out)
        if missing:
            raise RuntimeError(f"incomplete IIIF image, {len(missing)} missing: {missing[:5]}")
        written = _tree_bytes(out)
        _swap_into_place(out, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Derived(width=width, height=height, sizes=tuple(sizes), bytes_written=written)
