"""Benchmark: the static export (`trienlam publish`) against Hugo rendering the same pages.

For each size (default 1,000 and 5,000 synthetic items from bench/synthetic.py, in a fresh
temporary SQLite data folder; every TRIENLAM_* variable of the caller is ignored):

1. set-up (child process): migrate, generate the catalogue (published items, one exhibition
   of three parts, ~70% of the items placed), a site profile;
2. full export (child process): `publish()` into a new folder; its own timing split:
   listing, page rendering (views + templates + writing), compression, static files,
   media, Pagefind index;
3. incremental export (child process) after changing one item's title;
4. Hugo: the same pages (home, exhibition, parts, every item in the exhibition and every
   item's own page) as a Hugo site (bench/hugo_site.py): front matter from what our views
   give the templates, Hugo templates that write the same item pages as ours (same text,
   links and attributes; the smoke test compares them); only `hugo` itself is timed.

Compared: our page rendering (pages time minus their compression) against Hugo's wall time
(target ≤ 1.2×), and the incremental export against the full one (target ≤ 10%). Peak RSS of
each child comes from os.wait4. The exit code is 0 when a target is missed (a measurement).

    python bench/export.py                      # 1,000 and 5,000 items
    python bench/export.py --items 1000 --json result.json
    python bench/export.py --smoke              # 30 items, a few seconds

Hugo is Debian's package: `apt-get install hugo` (the benchmark says so when it is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGE_RATIO_TARGET = 1.2
INCREMENTAL_TARGET = 0.10
BASE_URL = "https://trienlam.example.gov.vn"
LAST_CPU = [0.0]  # CPU seconds (user + system) of the last child step (and its workers)
WORKERS: list[str] = []  # ["--workers", "N"] when given


# --- steps (run inside a configured Django: a child process, or the smoke test) ------------


def setup_catalogue(items: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    from trienlam.exhibitions.models import SiteProfile

    catalogue = generate(items, seed=7, prefix="XB")
    SiteProfile.objects.get_or_create(
        site_name="Triển lãm tài liệu lưu trữ (benchmark)",
        defaults={"agency": "Cơ quan (minh họa)", "address": "-", "person_in_charge": "-"},
    )
    return {"items": len(catalogue.item_ids), "placements": catalogue.placements}


def export(out: Path, workers: int | None = None) -> dict[str, Any]:
    import resource

    from trienlam.publishing.exporter import publish

    started = time.perf_counter()
    report = publish(out, BASE_URL, workers=workers)
    wall = time.perf_counter() - started
    result = report.as_dict()
    # Peak RSS of the largest render worker (forked children; 0 when rendered in-process).
    result["worker_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    seconds = report.seconds
    result["wall"] = wall
    result["render_all"] = seconds["pages"] - seconds.get("pages compression", 0.0)
    # The pages Hugo renders too: home, privacy, exhibition, parts, items (both forms).
    count, spent, cpu = report.by_app.get("trienlam.exhibitions", [0, 0.0, 0.0])
    result["render"] = spent
    result["render_cpu"] = cpu
    result["render_pages"] = int(count)
    return result


def change_one_item() -> str:
    from trienlam.catalogue.models import Item

    item = Item.objects.public().order_by("pk")[len(Item.objects.public()) // 2]
    item.title = item.title + " (đã sửa)"
    item.save()
    return item.identifier


def write_hugo_site(folder: Path) -> int:
    """The same pages as a Hugo site (bench/hugo_site.py); the page count."""
    sys.path.insert(0, str(HERE))
    from hugo_site import write_hugo_site as write

    return write(folder, BASE_URL)


# --- the driver --------------------------------------------------------------------------


def snapshot_code(work: Path) -> Path:
    """A frozen copy of the package for the whole run: the export's keys include a checksum
    of the code, so an edit in the working tree between the full and the incremental export
    would (rightly) render everything again."""
    target = work / "src"
    shutil.copytree(
        ROOT / "src" / "trienlam",
        target / "trienlam",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return target


def _child(step: str, data: Path, *args: str) -> tuple[dict[str, Any], float]:
    """Run one step in a fresh process; (its JSON answer, its peak RSS in MB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env.update(TRIENLAM_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="trienlam.settings")
    env.update(TRIENLAM_NODE_MODULES=str(ROOT / "node_modules"))
    code = data.parent / "src"
    if code.is_dir():
        env["PYTHONPATH"] = str(code)
    answer = data / f"{step}.json"
    process = subprocess.Popen(
        [sys.executable, __file__, "--step", step, "--answer", str(answer), *args],
        env=env,
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"step {step} failed (status {status})")
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return json.loads(answer.read_text()), usage.ru_maxrss / 1024


def hugo_binary() -> str | None:
    return shutil.which("hugo")


def run_hugo(site: Path) -> tuple[float, float, float]:
    """Hugo's wall time, peak RSS (MB) and CPU time (all its threads) rendering *site*."""
    binary = hugo_binary()
    assert binary is not None
    started = time.perf_counter()
    process = subprocess.Popen(
        [binary, "--quiet", "-s", str(site), "-d", str(site / "public")],
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"hugo failed (status {status})")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(items: int, work: Path) -> dict[str, Any]:
    data = work / f"data-{items}"
    data.mkdir(parents=True)
    setup, _ = _child("setup", data, "--items", str(items))
    out = work / f"export-{items}"
    full, full_rss = _child("full", data, "--out", str(out), *WORKERS)
    full["cpu"] = LAST_CPU[0]
    changed, _ = _child("change", data)
    incremental, incremental_rss = _child("incremental", data, "--out", str(out), *WORKERS)
    incremental["cpu"] = LAST_CPU[0]
    result: dict[str, Any] = {
        "items": setup["items"],
        "full": full,
        "full_rss_mb": full_rss,
        "changed": changed,
        "incremental": incremental,
        "incremental_rss_mb": incremental_rss,
    }
    result["ms_per_page"] = 1000 * full["render"] / max(full["render_pages"], 1)
    result["ms_per_page_all"] = 1000 * full["render_all"] / max(full["counts"]["rendered"], 1)
    # collectstatic runs once, in the first export only: leave it out of the comparison.
    full_wall = full["wall"] - full["seconds"].get("collectstatic", 0.0)
    result["full_wall_without_collectstatic"] = full_wall
    result["incremental_ratio"] = incremental["wall"] / full_wall
    result["incremental_cpu_ratio"] = incremental["cpu"] / full["cpu"]
    if hugo_binary():
        hugo_pages, _ = _child("hugo-content", data, "--out", str(work / f"hugo-{items}"))
        wall, rss, cpu = run_hugo(work / f"hugo-{items}")
        result.update(hugo_pages=hugo_pages["pages"], hugo_seconds=wall, hugo_rss_mb=rss)
        result["hugo_cpu"] = cpu
        result["render_ratio"] = full["render"] / wall
        result["render_cpu_ratio"] = full["render_cpu"] / cpu
    return result


def report(result: dict[str, Any]) -> None:
    full, inc = result["full"], result["incremental"]
    s = full["seconds"]
    print(f"\n== {result['items']} items: {full['pages']} pages, {full['files']} other files")
    print(
        f"full export: {full['wall']:.2f} s wall, {full['cpu']:.2f} s CPU, peak RSS "
        f"{result['full_rss_mb']:.0f} MB (largest of {full.get('workers', 1)} render workers "
        f"{full.get('worker_rss_mb', 0):.0f} MB); "
        f"rendering all pages and files {full['render_all']:.2f} s "
        f"({full['counts']['rendered']}, {result['ms_per_page_all']:.2f} ms each), of which "
        f"the exhibition pages Hugo also renders {full['render']:.2f} s "
        f"({full['render_pages']}, {result['ms_per_page']:.2f} ms/page); by app: "
        + ", ".join(
            f"{app.split('.')[-1]} {n} in {t:.1f} s" for app, (n, t, _) in full["by_app"].items()
        )
    )
    print(
        f"page compression "
        f"{s.get('pages compression', 0):.2f} s, static {s.get('static', 0):.2f} s, "
        f"collectstatic {s.get('collectstatic', 0):.2f} s, "
        f"media {s.get('media', 0):.2f} s, Pagefind {s.get('search index', 0):.2f} s, "
        f"listing {s.get('listing', 0):.2f} s"
    )
    print(
        f"incremental (one item changed): {inc['wall']:.2f} s wall, {inc['cpu']:.2f} s CPU, "
        f"peak RSS "
        f"{result['incremental_rss_mb']:.0f} MB; {inc['counts']['rendered']} pages rendered, "
        f"{inc['counts']['skipped']} reused; {inc['counts']['written']} files written, "
        f"{inc['counts']['unchanged']} unchanged; Pagefind "
        f"{inc['seconds'].get('search index', 0):.2f} s → "
        f"{100 * result['incremental_ratio']:.1f}% of the full export's wall time "
        f"without collectstatic ({result['full_wall_without_collectstatic']:.2f} s), "
        f"{100 * result['incremental_cpu_ratio']:.1f}% of its CPU time "
        f"(target ≤ {100 * INCREMENTAL_TARGET:.0f}%); rendered by app: "
        + ", ".join(
            f"{app.split('.')[-1]} {n} in {t:.1f} s" for app, (n, t, _) in inc["by_app"].items()
        )
    )
    if "hugo_seconds" in result:
        print(
            f"Hugo {result['hugo_pages']} pages: {result['hugo_seconds']:.2f} s wall "
            f"({result['hugo_cpu']:.2f} s CPU), peak RSS {result['hugo_rss_mb']:.0f} MB → our "
            f"page rendering ({full['render']:.2f} s wall, {full['render_cpu']:.2f} s CPU) is "
            f"{result['render_ratio']:.1f}× Hugo's wall time, {result['render_cpu_ratio']:.1f}× "
            f"its CPU time (target ≤ {PAGE_RATIO_TARGET}×)"
        )
    else:
        print("Hugo not installed: `apt-get install hugo` (Debian) to compare")


def _step(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    answer: dict[str, Any]
    if args.step == "setup":
        call_command("migrate", interactive=False, verbosity=0)
        answer = setup_catalogue(args.items[-1])
    elif args.step in ("full", "incremental"):
        answer = export(Path(args.out), args.workers)
    elif args.step == "change":
        answer = {"identifier": change_one_item()}
    elif args.step == "hugo-content":
        answer = {"pages": write_hugo_site(Path(args.out))}
    else:
        raise SystemExit(f"unknown step {args.step}")
    Path(args.answer).write_text(json.dumps(answer))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, action="append")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="render worker processes (default: one per usable core; 1: in-process)",
    )
    parser.add_argument("--smoke", action="store_true", help="30 items, a few seconds")
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--answer", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        _step(args)
        return
    if args.workers is not None:
        WORKERS[:] = ["--workers", str(args.workers)]
    sizes = [30] if args.smoke else (args.items or [1000, 5000])
    if not hugo_binary():
        print("note: Hugo is not installed; install it with `apt-get install hugo` (Debian)")
    results = []
    with tempfile.TemporaryDirectory(prefix="trienlam-bench-export-") as tmp:
        snapshot_code(Path(tmp))
        for items in sizes:
            result = measure(items, Path(tmp))
            report(result)
            results.append(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
