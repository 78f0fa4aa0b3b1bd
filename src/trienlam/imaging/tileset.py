"""A page's IIIF level-0 set on disk: what it must hold, and swapping a new one in whole.

`implied_files` lists every file an info.json promises a level-0 client (the tiles of every
scale factor as the IIIF Image API 3 computes them, and the `sizes`); `missing_files` checks
a folder against it. A new set is written next to its target in a temporary folder and
swapped in with two renames (`swap_into_place`); `clean_stale` tidies what an interrupted
run left. Pure: paths and plain values, no libvips, no Django.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "OLD_MARK",
    "STALE_SECONDS",
    "TMP_MARK",
    "WEBP_MAX_WIDTH",
    "clean_stale",
    "implied_files",
    "missing_files",
    "swap_into_place",
    "tree_files",
]

# WebP copies only for the small sizes that cards and thumbnails use (many to a page); the
# large first-view copies stay progressive JPEG. WebP of every size cost ~0.3 s a page.
WEBP_MAX_WIDTH = 480
TMP_MARK = ".tmp-"  # .<name>.tmp-<pid>-<random>: a set being written
OLD_MARK = ".old-"  # .<name>.old-<pid>-<random>: the previous set, during the swap
STALE_SECONDS = 6 * 3600  # leftovers of a live pid are removed after this long


# --- Checking a tile set ---------------------------------------------------------------------


def implied_files(info: dict[str, Any]) -> list[str]:
    """Every path (relative to the image folder) that *info* promises a level-0 client.

    `sizes` (JPEG; WebP too up to WEBP_MAX_WIDTH, for cards), and every tile of every scale
    factor as the IIIF Image API 3 computes it: region x,y,w,h (or `full` when one tile holds the
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
        return absent(info, lambda path: (root / path).is_file())
    except (KeyError, TypeError, ValueError):
        return ["info.json"]


def absent(info: dict[str, Any], present: Callable[[str], bool]) -> list[str]:
    """The paths *info* promises (each once, in order) for which *present* is false."""
    return [path for path in dict.fromkeys(implied_files(info)) if not present(path)]


def tree_files(root: Path) -> dict[str, int]:
    """Every file under *root*: its path relative to *root* ("/"-separated) and its size."""
    found: dict[str, int] = {}
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    found[prefix + entry.name] = entry.stat(follow_symlinks=False).st_size
    return found


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


def swap_into_place(new: Path, target: Path) -> None:
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
