"""Benchmark: IIIF level-0 tiling of scan-sized pages — ours against two baselines.

For generated scan-like pages (paper tone, noise, lines of text-like strokes) of 12, 40
and 80 megapixels, saved as JPEG (Q90) and as uncompressed TIFF into a temporary
folder, it runs three tilers, each in a fresh subprocess (so its peak RSS is its own,
read with os.wait4):

  ours  trienlam.imaging.derive.derive_page: tiles + sized copies (JPEG + WebP) + info.json,
        atomically swapped into place; as called by default: the sized copies are made
        alongside dzsave, in a thread, when libvips may use two threads or more and the
        page is at most derive.OVERLAP_MAX_PIXELS (48 MP), else after it from its pyramid;
  ours-seq  the same with overlap=False: always after dzsave, from its pyramid (what a
        worker started with VIPS_CONCURRENCY=1 does; not run unless asked for);
  ref   ours as called by default, but from another copy of derive.py (--ref FILE, e.g. the
        code before a change), for before/after ratios measured in the same run;
  bare  pyvips dzsave(layout="iiif3") with the same tile settings (512 px, Q80, no
        metadata): the overhead baseline, tiles only;
  iiif  the Pillow-based static tiler of the `iiif` PyPI package (iiif.static.IIIFStatic):
        the naive Python baseline.

Targets: ours ≥ 0.9× bare's throughput and ≤ 1.2× its peak RSS; ours ≥ 20× iiif's throughput.
Not a timed test: `--smoke` just proves it runs (tests/imaging/test_bench_smoke.py).

    python bench/imaging.py                 # 12, 40, 80 MP; JPEG and TIFF; 3 runs of ours/bare
    python bench/imaging.py --quick         # 12 MP only
    python bench/imaging.py --sizes 12,40 --json results.json
    python bench/imaging.py --smoke         # 1 MP JPEG, one run of each tiler
    python bench/imaging.py --sizes 12 --tilers ours,ref,bare --ref /tmp/before/derive.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TILERS = ("ours", "ours-seq", "ref", "bare", "iiif")
REF_ENV = "TRIENLAM_BENCH_REF_DERIVE"  # the derive.py that the "ref" tiler runs
TILE_SIZE = 512
TILE_QUALITY = 80
TARGET_THROUGHPUT_VS_BARE = 0.9
TARGET_MEMORY_VS_BARE = 1.2
TARGET_THROUGHPUT_VS_IIIF = 20.0


# --- Scan-like pages -------------------------------------------------------------------------


def scan_like(megapixels: float, seed: int = 7) -> Any:
    """An A-series portrait page of about *megapixels*: paper, noise, stains, text-like lines."""
    import pyvips

    width = int((megapixels * 1e6 / 1.4142) ** 0.5)
    height = int(width * 1.4142)
    rng = random.Random(seed)  # noqa: S311 - test pattern, not security
    line_h, strip_w = 44, 1800
    strip = pyvips.Image.black(strip_w, line_h).copy_memory()
    x = 0
    while x < strip_w - 30:  # "words": runs of strokes of varying width and height
        w, h = rng.randint(3, 26), rng.randint(14, 28)
        strip = strip.draw_rect(255, x, rng.randint(4, line_h - h - 2), w, h, fill=True)
        x += w + rng.randint(2, 12) + (rng.randint(10, 30) if rng.random() < 0.12 else 0)
    strip = strip.embed(0, 0, strip_w + 37, int(line_h * 1.5))
    block = strip.replicate(width // strip.width + 1, height // strip.height + 1)
    margin = width // 12
    text = block.crop(0, 0, width - 2 * margin, height - 2 * margin)
    ink = text.embed(margin, margin, width, height).gaussblur(0.7) / 255.0
    grain = pyvips.Image.gaussnoise(width, height, mean=0, sigma=7)
    stains = pyvips.Image.gaussnoise(width // 64 + 1, height // 64 + 1, mean=0, sigma=9)
    paper = grain + stains.resize(64).crop(0, 0, width, height)
    bands = [
        (paper + tone) * (1 - ink) + ink * dark for tone, dark in ((236, 40), (226, 38), (204, 52))
    ]
    page = bands[0].bandjoin(bands[1:]).cast("uchar")
    return page.copy(interpretation="srgb", xres=300 / 25.4, yres=300 / 25.4)


def make_inputs(folder: Path, sizes: list[float], formats: list[str]) -> list[dict[str, Any]]:
    inputs = []
    for mp in sizes:
        for fmt in formats:
            path = folder / f"scan-{mp:g}mp.{'jpg' if fmt == 'jpeg' else 'tif'}"
            page = scan_like(mp)
            if fmt == "jpeg":
                page.jpegsave(os.fspath(path), Q=90)
            else:
                page.tiffsave(os.fspath(path))  # uncompressed, like many archival masters
            inputs.append(
                {
                    "name": path.name,
                    "path": os.fspath(path),
                    "format": fmt,
                    "width": page.width,
                    "height": page.height,
                    "megapixels": page.width * page.height / 1e6,
                    "file_bytes": path.stat().st_size,
                }
            )
    return inputs


# --- One run, in a child process -------------------------------------------------------------


def _tree(root: Path) -> tuple[int, int]:
    total = files = 0
    for folder, _, names in os.walk(root):
        for name in names:
            total += os.lstat(os.path.join(folder, name)).st_size
            files += 1
    return total, files


def _load_ref(path: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("trienlam_bench_ref_derive", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def worker(tiler: str, source: str, out: str) -> dict[str, Any]:
    """Run one tiler once, in this (fresh) process, and describe what it did."""
    out_dir = Path(out)
    phases: dict[str, float] = {}
    if tiler in ("ours", "ours-seq", "ref"):
        from trienlam.imaging import derive

        if tiler == "ref":
            derive = _load_ref(os.environ[REF_ENV])

        original = derive._write_copies

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                phases["sizes_seconds"] = time.perf_counter() - start

        derive._write_copies = timed  # type: ignore[assignment]
        start = time.perf_counter()
        derive.derive_page(
            source,
            kind="image",
            page_index=0,
            target_dir=out_dir / "page",
            id_base="https://example.org/iiif/page",
            overlap=False if tiler == "ours-seq" else None,
        )
    elif tiler == "bare":
        import pyvips

        start = time.perf_counter()
        image = pyvips.Image.new_from_file(source, access="sequential")
        image.dzsave(
            os.fspath(out_dir / "page"),
            layout="iiif3",
            tile_size=TILE_SIZE,
            overlap=0,
            suffix=f".jpg[Q={TILE_QUALITY}]",
            keep="none",
        )
    elif tiler == "iiif":
        import logging

        from iiif.static import IIIFStatic

        logging.getLogger("iiif").setLevel(logging.WARNING)
        start = time.perf_counter()
        IIIFStatic(dst=os.fspath(out_dir), tilesize=TILE_SIZE, api_version="3.0").generate(
            source, identifier="page"
        )
    else:
        raise SystemExit(f"unknown tiler {tiler!r}")
    seconds = time.perf_counter() - start
    written, files = _tree(out_dir)
    return {"seconds": seconds, "bytes_written": written, "files": files, **phases}


def run_once(tiler: str, source: str, scratch: Path) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix=f"{tiler}-", dir=scratch))
    command = [sys.executable, os.path.abspath(__file__), "--worker", tiler, source, os.fspath(out)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage: its peak RSS
    proc.returncode = os.waitstatus_to_exitcode(status)
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{tiler} failed on {source}:\n{stderr.decode(errors='replace')}")
    result = json.loads(stdout.decode().strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


# --- The whole benchmark ---------------------------------------------------------------------


def measure(
    inputs: list[dict[str, Any]], tilers: list[str], repeat: int, scratch: Path, log: Any = print
) -> list[dict[str, Any]]:
    rows = []
    for item in inputs:
        runs: dict[str, list[dict[str, Any]]] = {t: [] for t in tilers}
        for round_ in range(repeat):
            for tiler in tilers:  # interleaved, so a busy moment hurts all of them alike
                if tiler == "iiif" and round_ > 0:
                    continue  # slow; one run is enough to be far from it
                runs[tiler].append(run_once(tiler, item["path"], scratch))
        for tiler in tilers:
            done = runs[tiler]
            seconds = statistics.median(r["seconds"] for r in done)
            row = {
                "image": item["name"],
                "format": item["format"],
                "megapixels": round(item["megapixels"], 2),
                "tiler": tiler,
                "runs": len(done),
                "seconds": round(seconds, 3),
                "seconds_all": [round(r["seconds"], 3) for r in done],
                "mp_per_s": round(item["megapixels"] / seconds, 1),
                "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in done), 1),
                "bytes_written": done[0]["bytes_written"],
                "files": done[0]["files"],
            }
            if "sizes_seconds" in done[0]:
                row["sizes_seconds"] = round(statistics.median(r["sizes_seconds"] for r in done), 3)
            rows.append(row)
            log(
                f"  {item['name']:<16} {tiler:<5} {row['seconds']:>8.2f} s "
                f"{row['peak_rss_mb']:>7.1f} MB",
                file=sys.stderr,
            )
    return rows


def ratios(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per image and per variant of ours ("ours", "ours-seq"): the three target ratios."""
    out = []
    for image in dict.fromkeys(r["image"] for r in rows):
        by = {r["tiler"]: r for r in rows if r["image"] == image}
        for name in ("ours", "ours-seq", "ref"):
            if name not in by:
                continue
            entry: dict[str, Any] = {"image": image, "tiler": name}
            ours = by[name]
            if "bare" in by:
                bare = by["bare"]
                entry["throughput_vs_bare"] = round(ours["mp_per_s"] / bare["mp_per_s"], 2)
                entry["memory_vs_bare"] = round(ours["peak_rss_mb"] / bare["peak_rss_mb"], 2)
            if "iiif" in by:
                entry["throughput_vs_iiif"] = round(ours["mp_per_s"] / by["iiif"]["mp_per_s"], 1)
            out.append(entry)
    return out


def _cell(summary: dict[str, Any], key: str, target: float, *, higher: bool = True) -> str:
    if key not in summary:
        return "–"
    value = summary[key]
    ok = value >= target if higher else value <= target
    return f"{value:g}× {'ok' if ok else 'MISSED'}"


def table(rows: list[dict[str, Any]], summary: list[dict[str, Any]]) -> str:
    lines = [
        "| image | tiler | MP | runs | seconds (median) | MP/s | peak RSS MB | bytes written "
        "| files |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        extra = f" (copies {r['sizes_seconds']:.2f} s)" if "sizes_seconds" in r else ""
        lines.append(
            f"| {r['image']} | {r['tiler']} | {r['megapixels']:.1f} | {r['runs']} | "
            f"{r['seconds']:.2f}{extra} | {r['mp_per_s']:.1f} | {r['peak_rss_mb']:.0f} | "
            f"{r['bytes_written']:,} | {r['files']:,} |"
        )
    lines += [
        "",
        "| image | variant | ours/bare throughput (≥ 0.9) | ours/bare peak RSS (≤ 1.2) "
        "| ours/iiif throughput (≥ 20) |",
        "|---|---|---|---|---|",
    ]
    for s in summary:
        lines.append(
            f"| {s['image']} | {s['tiler']} "
            f"| {_cell(s, 'throughput_vs_bare', TARGET_THROUGHPUT_VS_BARE)} | "
            f"{_cell(s, 'memory_vs_bare', TARGET_MEMORY_VS_BARE, higher=False)} | "
            f"{_cell(s, 'throughput_vs_iiif', TARGET_THROUGHPUT_VS_IIIF)} |"
        )
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    import platform

    import pyvips

    return {
        "python": platform.python_version(),
        "libvips": f"{pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}",
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--worker", nargs=3, metavar=("TILER", "SOURCE", "OUT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--sizes", default="12,40,80", help="megapixels, comma-separated")
    parser.add_argument("--formats", default="jpeg,tiff", help="jpeg and/or tiff")
    parser.add_argument("--tilers", default="ours,bare,iiif", help=f"of {', '.join(TILERS)}")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and bare per image")
    parser.add_argument("--quick", action="store_true", help="12 MP only")
    parser.add_argument("--smoke", action="store_true", help="1 MP JPEG, one run of each")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--ref", metavar="FILE", help="the derive.py that the `ref` tiler runs")
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return 0

    sizes = [float(s) for s in args.sizes.split(",") if s]
    formats = [f for f in args.formats.split(",") if f]
    repeat = args.repeat
    if args.quick:
        sizes = [12.0]
    tilers = [t for t in args.tilers.split(",") if t]
    if args.smoke:
        sizes, formats, repeat = [1.0], ["jpeg"], 1
        tilers = [t for t in TILERS if t != "ref" or args.ref]
    for name in tilers:
        if name not in TILERS:
            parser.error(f"unknown tiler {name!r}; choose from {', '.join(TILERS)}")
    if "ref" in tilers:
        if not args.ref:
            parser.error("the `ref` tiler needs --ref FILE (a copy of derive.py)")
        os.environ[REF_ENV] = os.path.abspath(args.ref)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="trienlam-bench-imaging-") as tmp:
        scratch = Path(tmp)
        print(
            f"generating {', '.join(f'{s:g} MP' for s in sizes)} pages as {', '.join(formats)} …",
            file=sys.stderr,
        )
        inputs = make_inputs(scratch, sizes, formats)
        rows = measure(inputs, tilers, repeat, scratch)
    summary = ratios(rows)
    print(table(rows, summary))
    result = {
        "command": " ".join(
            [
                os.path.basename(sys.executable),
                "bench/imaging.py",
                *(argv if argv is not None else sys.argv[1:]),
            ]
        ),
        "environment": environment(),
        "inputs": [{k: v for k, v in i.items() if k != "path"} for i in inputs],
        "rows": rows,
        "ratios": summary,
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
