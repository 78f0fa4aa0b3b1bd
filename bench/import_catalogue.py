"""Benchmark: a bulk import of an exhibition's size, spreadsheet + ZIP to "in review" and ready.

In a fresh temporary data folder (SQLite, media; every TRIENLAM_* variable of the caller is
ignored), it

1. generates scan-like A4 pages (paper tone, noise, lines of text-like strokes, a few marks
   that differ per page) as JPEG Q85 with pyvips on 2 processes, spreads them over the items
   (some of one page, most of several), writes the catalogue spreadsheet (XLSX, the Vietnamese
   headers of `importing.columns.COLUMNS`) and a ZIP of the scans (stored: JPEGs do not
   compress) — *not* part of the import time;
2. runs `import_catalogue(dry_run=False)` in a child process as the editor (validation, then
   storage; the report's own split, and the call's wall time);
3. starts `--workers` processes of `trienlam process_media` on the same data folder and waits
   for all of them (tiles, info.json, sized copies), then checks every Media row is ready and
   every item is in review.

Total import = (2) + (3), against the issue #4 target of 180 s. Peak RSS of each child comes
from os.wait4. The exit code is 0 when the target is missed (this is a measurement); it is 1
only when the import itself fails.

    python bench/import_catalogue.py                  # 300 items, 1,000 pages, A4 at 300 dpi
    python bench/import_catalogue.py --items 30 --pages 100 --json result.json
    python bench/import_catalogue.py --smoke          # 5 items, 8 small pages (50 dpi)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

TARGET_SECONDS = 180.0
EDITOR = "bench-editor"
INSTITUTION = {
    "name": "Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn (minh họa)",
    "short_name": "TTLTLS Lạng Sơn",
    "slug": "ttlt-lang-son",
}
PAD = 48  # the base page is this much larger; each page is a shifted crop of it


# --- 1. Scan-like pages ----------------------------------------------------------------------


def a4_pixels(dpi: int) -> tuple[int, int]:
    return round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)


_BASE: dict[int, Any] = {}


def _base_page(dpi: int) -> Any:
    """One page larger than A4 by PAD, rendered once per process (same recipe as imaging.py)."""
    if dpi in _BASE:
        return _BASE[dpi]
    import pyvips

    width, height = (n + PAD for n in a4_pixels(dpi))
    scale = dpi / 300
    rng = random.Random(dpi)  # noqa: S311 - test pattern, not security
    line_h, strip_w = max(int(44 * scale), 8), max(int(1800 * scale), 60)
    strip = pyvips.Image.black(strip_w, line_h).copy_memory()
    x = 0
    while x < strip_w - 30 * scale:  # "words": runs of strokes of varying width and height
        w = max(int(rng.randint(3, 26) * scale), 1)
        h = max(int(rng.randint(14, 28) * scale), 2)
        strip = strip.draw_rect(255, x, rng.randint(1, max(line_h - h - 1, 1)), w, h, fill=True)
        x += w + max(
            int((rng.randint(2, 12) + (rng.randint(10, 30) if rng.random() < 0.12 else 0)) * scale),
            1,
        )
    strip = strip.embed(0, 0, strip_w + int(37 * scale), int(line_h * 1.5))
    block = strip.replicate(width // strip.width + 1, height // strip.height + 1)
    margin = width // 12
    text = block.crop(0, 0, width - 2 * margin, height - 2 * margin)
    ink = text.embed(margin, margin, width, height).gaussblur(0.7) / 255.0
    grain = pyvips.Image.gaussnoise(width, height, mean=0, sigma=5)
    stains = pyvips.Image.gaussnoise(width // 64 + 1, height // 64 + 1, mean=0, sigma=9)
    paper = grain + stains.resize(64).crop(0, 0, width, height)
    bands = [
        (paper + tone) * (1 - ink) + ink * dark for tone, dark in ((236, 40), (226, 38), (204, 52))
    ]
    page = bands[0].bandjoin(bands[1:]).cast("uchar").copy(interpretation="srgb")
    _BASE[dpi] = page.copy_memory()
    return _BASE[dpi]


def make_page(job: tuple[str, int, int]) -> int:
    """Write page number *index* to *path*: a shifted crop of the base page plus a few marks
    (a stamp whose place encodes the index, so no two files are alike). Returns its size."""
    path, index, dpi = job
    base = _base_page(dpi)
    width, height = a4_pixels(dpi)
    rng = random.Random(index)  # noqa: S311 - test pattern, not security
    page = base.crop(rng.randint(0, PAD), rng.randint(0, PAD), width, height).copy_memory()
    unit = max(width // 120, 2)
    for _ in range(rng.randint(2, 6)):  # pen marks in the margin and over the text
        x, y = rng.randint(0, width - 20 * unit), rng.randint(0, height - 4 * unit)
        page = page.draw_rect([40, 50, 120], x, y, rng.randint(4, 20) * unit, unit, fill=True)
    stamp_y = height - 6 * unit
    for bit in range(12):  # the index, written as a row of red squares in the bottom margin
        if index >> bit & 1:
            page = page.draw_rect(
                [170, 30, 30], width // 12 + bit * 2 * unit, stamp_y, unit, unit, fill=True
            )
    page = page.copy(xres=dpi / 25.4, yres=dpi / 25.4)
    page.jpegsave(path, Q=85)  # with its JFIF density: 300 dpi
    return os.path.getsize(path)


def page_counts(items: int, pages: int, seed: int = 4) -> list[int]:
    """Pages per item: about a third of the items have one page, the others share the rest."""
    if pages < items:
        raise SystemExit(f"--pages ({pages}) must be at least --items ({items})")
    rng = random.Random(seed)  # noqa: S311 - test pattern, not security
    counts = [1] * items
    multi = rng.sample(range(items), k=max(1, round(items * 0.65))) if pages > items else []
    for _ in range(pages - items):
        counts[rng.choice(multi)] += 1
    return counts


def make_inputs(folder: Path, items: int, pages: int, dpi: int) -> dict[str, Any]:
    """The scans, the spreadsheet and the ZIP; returns what was made."""
    from openpyxl import Workbook

    from trienlam.catalogue.importing.columns import COLUMNS, EXAMPLE_ROW

    scans = folder / "scans"
    scans.mkdir()
    counts = page_counts(items, pages)
    rows, jobs = [], []
    index = 0
    for number, count in enumerate(counts, start=1):
        identifier = f"MH-{number:04d}"
        names = []
        for page in range(1, count + 1):
            names.append(f"{identifier}-{page}.jpg")
            jobs.append((os.fspath(scans / names[-1]), index, dpi))
            index += 1
        row = dict(EXAMPLE_ROW)
        row.update(
            {
                "Mã định danh": identifier,
                "Tiêu đề": f"Báo cáo phong trào thi đua số {number} (minh họa)",
                "Thời gian": f"{1 + number % 28}/{1 + number % 12}/{1946 + number % 30}",
                "Số, ký hiệu": f"{number}/TĐ",
                "Tỉnh": "",  # no province rows in a fresh database
                "Tệp": "; ".join(names),
                "Văn bản thay thế": f"Trang đầu tư liệu {identifier}",
            }
        )
        rows.append(row)

    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        sizes = list(pool.map(make_page, jobs, chunksize=8))
    pages_seconds = time.perf_counter() - started

    sheet = folder / "catalogue.xlsx"
    workbook = Workbook()
    ws = workbook.active
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append([row[header] for header in COLUMNS])
    workbook.save(sheet)
    archive = folder / "scans.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
        for path, _index, _dpi in jobs:
            zf.write(path, Path(path).name)
    shutil.rmtree(scans)  # the import reads the ZIP only
    return {
        "sheet": sheet,
        "archive": archive,
        "items": items,
        "pages": len(jobs),
        "single_page_items": counts.count(1),
        "most_pages": max(counts),
        "width_height": a4_pixels(dpi),
        "scan_bytes": sum(sizes),
        "zip_bytes": archive.stat().st_size,
        "pages_seconds": pages_seconds,
        "generation_seconds": time.perf_counter() - started,
    }


# --- 2. The import, in a child process ---------------------------------------------------------


def import_child(sheet: str, archive: str) -> dict[str, Any]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from trienlam.catalogue.importing.run import import_catalogue

    last = [""]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != last[0] or done == total or done % max(total // 4, 1) == 0:
            print(f"  {stage} {done}/{total}", file=sys.stderr, flush=True)
            last[0] = stage

    actor = get_user_model().objects.get(username=EDITOR)
    started = time.perf_counter()
    report = import_catalogue(
        sheet=Path(sheet), files=Path(archive), actor=actor, dry_run=False, on_progress=progress
    )
    return {
        "wall_seconds": time.perf_counter() - started,
        "seconds_validation": report.seconds_validation,
        "seconds_storage": report.seconds_storage,
        "ok": report.ok,
        "created": len(report.created),
        "files": report.files,
        "problems": [str(p) for p in report.problems[:10]],
    }


def run_child(
    command: list[str], env: dict[str, str], log: Path | None
) -> tuple[Any, float, float]:
    """Run *command*; return (its last stdout line, its peak RSS in MB, its CPU seconds)."""
    out = open(log, "wb") if log else subprocess.PIPE  # closed below
    proc = subprocess.Popen(command, env=env, stdout=out, stderr=out if log else None)
    stdout = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if log:
        out.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log else ""
        raise RuntimeError(f"{command[2:]} exited with {proc.returncode}\n{tail}")
    line = stdout.decode().strip().splitlines()[-1] if stdout else ""
    return line, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def run_workers(
    count: int, env: dict[str, str], folder: Path, threads: int | None = None
) -> tuple[float, list[float], float]:
    """Start *count* `trienlam process_media` processes at once; wait for all. *threads*:
    VIPS_CONCURRENCY of each (None: libvips' default, one thread per core). Returns the
    wall time, each one's peak RSS in MB, and their CPU seconds together."""
    command = [sys.executable, "-m", "trienlam.cli", "process_media"]
    if threads is not None:
        env = {**env, "VIPS_CONCURRENCY": str(threads)}
    started = time.perf_counter()
    procs, logs = [], []
    for n in range(count):
        logs.append(open(folder / f"worker-{n}.log", "wb"))  # closed below
        procs.append(subprocess.Popen(command, env=env, stdout=logs[-1], stderr=logs[-1]))
    peaks, failed, cpu = [], [], 0.0
    for n, proc in enumerate(procs):
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        logs[n].close()
        peaks.append(usage.ru_maxrss / 1024)
        cpu += usage.ru_utime + usage.ru_stime
        if proc.returncode != 0:
            failed.append((folder / f"worker-{n}.log").read_text(errors="replace")[-2000:])
    seconds = time.perf_counter() - started
    if failed:
        raise RuntimeError("a worker failed:\n" + "\n".join(failed))
    return seconds, peaks, cpu


# --- The whole benchmark ---------------------------------------------------------------------


def table(r: dict[str, Any]) -> str:
    mb = r["scan_bytes"] / 1e6
    width, height = r["width_height"]
    rows = [
        (
            "items (single-page / most pages)",
            f"{r['items']} ({r['single_page_items']} / {r['most_pages']})",
        ),
        ("pages", f"{r['pages']:,} ({width}×{height}, {r['dpi']} dpi, JPEG Q85)"),
        ("scans MB (ZIP MB)", f"{mb:,.0f} ({r['zip_bytes'] / 1e6:,.0f})"),
        (
            "generation s (pages only), not counted",
            f"{r['generation_seconds']:.1f} ({r['pages_seconds']:.1f})",
        ),
        ("validation s", f"{r['seconds_validation']:.1f}"),
        ("storage s", f"{r['seconds_storage']:.1f}"),
        ("import_catalogue wall s", f"{r['import_seconds']:.1f}"),
        (
            f"derivatives s ({r['workers']} workers, VIPS_CONCURRENCY "
            f"{r['worker_threads'] or 'default'})",
            f"{r['derivatives_seconds']:.1f}",
        ),
        ("**total import s**", f"**{r['total_seconds']:.1f}**"),
        (
            "CPU s: import / workers (together)",
            f"{r['import_cpu_seconds']:.1f} / {r['derivatives_cpu_seconds']:.1f}",
        ),
        ("load average at the end (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in r["load_average"])),
        ("items/s", f"{r['items_per_s']:.2f}"),
        ("pages/s (MB/s)", f"{r['pages_per_s']:.2f} ({mb / r['total_seconds']:.1f})"),
        ("peak RSS import MB", f"{r['import_peak_rss_mb']:.0f}"),
        ("peak RSS per worker MB", " / ".join(f"{m:.0f}" for m in r["worker_peak_rss_mb"])),
        (f"vs target {TARGET_SECONDS:.0f} s", f"{r['vs_target']:.2f}×"),
    ]
    return "\n".join(["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)])


def measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    data_dir = folder / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env.update(
        TRIENLAM_DATA_DIR=os.fspath(data_dir),
        TRIENLAM_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="trienlam.settings",
    )
    os.environ.clear()
    os.environ.update(env)  # before django.setup(), and inherited by every child

    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    say(f"generating {args.pages} pages at {args.dpi} dpi for {args.items} items in {folder} …")
    inputs = make_inputs(folder, args.items, args.pages, args.dpi)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections
    from django.db.models import Count

    from trienlam.catalogue.models import Institution, Item, Media, Membership

    call_command("migrate", verbosity=0)
    Institution.objects.create(kind=Institution.Kind.PROVINCIAL_ARCHIVE, **INSTITUTION)
    editor = get_user_model().objects.create_user(EDITOR, is_staff=True)
    Membership.objects.create(user=editor, role=Membership.Role.EDITOR)
    connections.close_all()

    say("importing (validation, then storage) …")
    line, import_rss, import_cpu = run_child(
        [
            sys.executable,
            os.path.abspath(__file__),
            "--import-child",
            os.fspath(inputs["sheet"]),
            os.fspath(inputs["archive"]),
        ],
        env,
        None,
    )
    imported = json.loads(line)
    if not imported["ok"]:
        raise RuntimeError("the import was refused:\n" + "\n".join(imported["problems"]))

    say(f"building derivatives with {args.workers} worker processes …")
    threads = worker_threads(args)
    derivatives_seconds, worker_rss, worker_cpu = run_workers(args.workers, env, folder, threads)

    states = dict(Media.objects.values_list("state").annotate(n=Count("id")))
    in_review = Item.objects.filter(status=Item.Status.IN_REVIEW).count()
    if states != {Media.State.READY: inputs["pages"]} or in_review != inputs["items"]:
        raise RuntimeError(f"not all done: media states {states}, {in_review} items in review")

    total = imported["wall_seconds"] + derivatives_seconds
    return {
        **{k: v for k, v in inputs.items() if k not in ("sheet", "archive")},
        "dpi": args.dpi,
        "workers": args.workers,
        "worker_threads": threads,
        "seconds_validation": imported["seconds_validation"],
        "seconds_storage": imported["seconds_storage"],
        "import_seconds": imported["wall_seconds"],
        "derivatives_seconds": derivatives_seconds,
        "import_cpu_seconds": import_cpu,
        "derivatives_cpu_seconds": worker_cpu,
        "load_average": os.getloadavg(),
        "total_seconds": total,
        "items_per_s": inputs["items"] / total,
        "pages_per_s": inputs["pages"] / total,
        "import_peak_rss_mb": import_rss,
        "worker_peak_rss_mb": worker_rss,
        "vs_target": total / TARGET_SECONDS,
        "target_met": total <= TARGET_SECONDS,
    }


def worker_threads(args: argparse.Namespace) -> int | None:
    """libvips threads per worker: as many as the cores each worker has to itself (the
    documented way to run several workers: VIPS_CONCURRENCY = cores / workers)."""
    if args.vips_threads is not None:
        return args.vips_threads or None
    return max(1, (os.cpu_count() or 1) // max(1, args.workers))


def environment() -> dict[str, Any]:
    import platform

    import pyvips

    return {
        "python": platform.python_version(),
        "libvips": f"{pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}",
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-child", nargs=2, metavar=("SHEET", "ZIP"), help=argparse.SUPPRESS)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="derivative worker processes")
    parser.add_argument(
        "--vips-threads",
        type=int,
        help="VIPS_CONCURRENCY of each worker (default: cores / workers; 0: libvips' default)",
    )
    parser.add_argument("--smoke", action="store_true", help="5 items, 8 pages at 50 dpi")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    if args.import_child:
        print(json.dumps(import_child(*args.import_child)))
        return 0
    if args.smoke:
        args.items, args.pages, args.dpi = 5, 8, 50

    folder = Path(tempfile.mkdtemp(prefix="trienlam-bench-import-"))
    try:
        result = measure(args, folder)
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(table(result))
    if result["target_met"]:
        print(f"\ntarget met: {result['total_seconds']:.1f} s ≤ {TARGET_SECONDS:.0f} s")
    else:
        print(
            f"\nTARGET MISSED: {result['total_seconds']:.1f} s > {TARGET_SECONDS:.0f} s "
            f"({result['vs_target']:.2f}×)"
        )
    if args.json:
        result["environment"] = environment()
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
