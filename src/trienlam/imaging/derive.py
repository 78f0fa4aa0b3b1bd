"""IIIF Image API 3 level-0 static images of one page: tiles, sized copies, info.json.

`derive_page` tiles one page of an original (an image, or a PDF page rendered at
PDF_DPI) with libvips `dzsave(layout="iiif3")`, adds what dzsave leaves out — the
`full/{w},{h}/0/default.jpg` sizes (and a WebP copy of the small ones, for cards) and the
`sizes` and `id` of info.json — checks that every file info.json implies exists, and only
then swaps the new set into place. EXIF orientation is applied; no derivative carries
metadata (EXIF, GPS, XMP, ICC: colours are converted to sRGB instead).

The page streams through libvips once for the tiles. The sized copies are then made from
the smallest level of the tile pyramid that is at least as wide as the largest copy, when
that level is a reduced one (a few dozen 512-pixel tiles instead of another read of the
original, which for a TIFF or PNG means a second full decode); when only the full level is
wide enough, from a shrink-on-load read of the original. Either way at most about twice
the largest copy is in memory, so memory stays near that of a bare dzsave.

Pure: paths and plain values in and out, no Django.
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvips

from trienlam.imaging.inspect import image_format
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
PROGRESSIVE_MAX_WIDTH = 960
ENCODERS = 2  # sized copies encoded at once
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

    def thumbnail(self, width: int) -> pyvips.Image:
        options: dict[str, Any] = {"output_profile": "srgb"} if self.has_profile else {}
        thumb = pyvips.Image.thumbnail(
            self.thumb_name, width, height=_UNBOUNDED, size="down", fail_on="error", **options
        )
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
    return _Page(tiles=image, thumb_name=name, has_profile=has_profile)


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
        yield _Page(tiles=pixels, thumb_name=os.fspath(rendered), has_profile=False)
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
    image.jpegsave(
        os.fspath(folder / "default.jpg"),
        Q=SIZE_QUALITY,
        optimize_coding=True,
        # Progressive up to the phone sizes: a blurred whole page arrives first on a slow
        # line, and the file is ~8 % smaller. The desktop copy stays baseline: progressive
        # encoding of a 1600-pixel page costs ~0.2 s against ~0.03 s.
        interlace=image.width <= PROGRESSIVE_MAX_WIDTH,
        keep="none",
    )


def _save_webp(image: pyvips.Image, folder: Path) -> None:
    image.webpsave(
        os.fspath(folder / "default.webp"), Q=WEBP_QUALITY, effort=WEBP_EFFORT, keep="none"
    )


def _tile_level(out: Path, width: int, height: int, at_least: int) -> pyvips.Image | None:
    """The reduced pyramid level of the tiles in *out* that is the smallest one at least
    *at_least* pixels wide, joined back from its tiles; None when only the full level is.

    The tile paths are those :func:`implied_files` computes for the level's scale factor.
    """
    written = json.loads((out / "info.json").read_text(encoding="utf-8"))
    factors = [int(f) for tiles in written["tiles"] for f in tiles["scaleFactors"]]
    scale = max([f for f in factors if math.ceil(width / f) >= at_least], default=1)
    if scale == 1:
        return None
    span = TILE_SIZE * scale
    tiles: list[pyvips.Image] = []
    for y in range(0, height, span):
        for x in range(0, width, span):
            w, h = min(span, width - x), min(span, height - y)
            whole = (x, y, w, h) == (0, 0, width, height)
            region = "full" if whole else f"{x},{y},{w},{h}"
            path = out / region / f"{math.ceil(w / scale)},{math.ceil(h / scale)}" / "0"
            tiles.append(pyvips.Image.jpegload(os.fspath(path / "default.jpg"), fail_on="error"))
    across = math.ceil(width / span)
    # Edge tiles are smaller: arrayjoin puts every tile in a cell of the largest tile's size
    # at its top left, so the level is the joined image cropped to the level's size.
    joined = pyvips.Image.arrayjoin(tiles, across=across) if len(tiles) > 1 else tiles[0]
    level_w, level_h = math.ceil(width / scale), math.ceil(height / scale)
    return joined.crop(0, 0, min(level_w, joined.width), min(level_h, joined.height))


def _write_sizes(
    page: _Page, out: Path, width: int, height: int, scratch: Path
) -> list[tuple[int, int]]:
    """The sized copies: SIZE_WIDTHS below the width (or the whole image when it is narrower
    than all of them), plus JPEG and WebP for the small full-image levels dzsave wrote.

    The largest copy is made from the tile pyramid's level just above it (see
    :func:`_tile_level`), or from the original, and goes to a scratch file; every copy is
    resized and encoded from that file.
    """
    widths = [w for w in SIZE_WIDTHS if w < width] or [width]
    pyramid_tops: list[tuple[int, int]] = []
    full = out / "full"
    if full.is_dir():
        for entry in full.iterdir():
            w, _, h = entry.name.partition(",")
            if w.isdigit() and h.isdigit():
                pyramid_tops.append((int(w), int(h)))
    largest = max([*widths, *(w for w, _ in pyramid_tops)])
    base_path = os.fspath(scratch / "largest.v")
    level = _tile_level(out, width, height, largest)
    if level is not None:
        level.thumbnail_image(largest, height=_UNBOUNDED, size="down").write_to_file(base_path)
    else:
        page.thumbnail(largest).write_to_file(base_path)
    del level
    _release_memory()
    base = pyvips.Image.new_from_file(base_path)
    images: dict[tuple[int, int], pyvips.Image] = {}
    top_widths = {w for w, _ in pyramid_tops}  # same width: take dzsave's rounding of the height
    wanted = [(w, None) for w in sorted(widths, reverse=True) if w not in top_widths]
    for w, h in wanted + pyramid_tops:
        if (w, h) in ((base.width, None), (base.width, base.height)):
            image = base
        elif h is None:
            image = base.thumbnail_image(w, height=_UNBOUNDED)
        else:
            image = base.thumbnail_image(w, height=h, size="force")
        images.setdefault((image.width, image.height), image)
    # Two encoders side by side (the tiling is done, so both cores are free); the large
    # copies are baseline JPEG or small, so their buffers stay a few MB.
    jobs = []
    for (w, h), image in sorted(images.items(), reverse=True):
        folder = full / f"{w},{h}" / "0"
        folder.mkdir(parents=True, exist_ok=True)
        for save in (_save_jpeg, _save_webp) if w <= WEBP_MAX_WIDTH else (_save_jpeg,):
            jobs.append((save, image, folder))
    with ThreadPoolExecutor(max_workers=ENCODERS) as pool:
        for done in [pool.submit(save, image, folder) for save, image, folder in jobs]:
            done.result()
    written = sorted(images)
    del base, image, images
    _release_memory()
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


def derive_page(
    source: str | os.PathLike[str],
    *,
    kind: str,
    page_index: int,
    target_dir: str | os.PathLike[str],
    id_base: str,
) -> Derived:
    """Write the complete IIIF level-0 image of page *page_index* of *source* to *target_dir*.

    *kind* is the Inspection kind ("image" or "pdf"). *id_base* becomes the `id` of
    info.json (the public URL of *target_dir*). An existing complete set at *target_dir*
    stays in place until the new one is complete; a failure leaves nothing behind.
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
        _release_memory()
        with _open_page(source, kind, page_index, staging) as page:
            page.tiles.dzsave(
                os.fspath(out),
                layout="iiif3",
                tile_size=TILE_SIZE,
                overlap=0,
                suffix=f".jpg[Q={TILE_QUALITY}]",
                keep="none",
            )
            width, height = page.tiles.width, page.tiles.height
            page.tiles = None  # type: ignore[assignment]  # let the tile pipeline go
            _release_memory()
            sizes = _write_sizes(page, out, width, height, staging)
        _release_memory()
        _write_info(out, id_base, sizes)
        missing = missing_files(out)
        if missing:
            raise RuntimeError(f"incomplete IIIF image, {len(missing)} missing: {missing[:5]}")
        written = _tree_bytes(out)
        _swap_into_place(out, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Derived(width=width, height=height, sizes=tuple(sizes), bytes_written=written)
