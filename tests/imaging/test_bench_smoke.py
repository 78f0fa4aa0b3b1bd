"""The imaging benchmark still runs (its figures come from full runs, see bench/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "imaging.py"


def test_the_imaging_benchmark_runs_all_its_tilers(tmp_path):
    out = tmp_path / "imaging.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for tiler in ("| ours |", "| ours-seq |", "| bare |", "| iiif |"):
        assert tiler in done.stdout
    result = json.loads(out.read_text())
    assert {row["tiler"] for row in result["rows"]} == {"ours", "ours-seq", "bare", "iiif"}
    assert [entry["tiler"] for entry in result["ratios"]] == ["ours", "ours-seq"]
    for row in result["rows"]:
        assert row["seconds"] > 0 and row["peak_rss_mb"] > 0 and row["bytes_written"] > 0
    assert {"throughput_vs_bare", "memory_vs_bare", "throughput_vs_iiif"} <= set(
        result["ratios"][0]
    )


def test_the_ref_tiler_runs_another_copy_of_derive(tmp_path):
    out = tmp_path / "imaging.json"
    derive_py = BENCH.parents[1] / "src" / "trienlam" / "imaging" / "derive.py"
    command = [sys.executable, str(BENCH), "--sizes", "1", "--formats", "jpeg", "--repeat", "1"]
    done = subprocess.run(
        [*command, "--tilers", "ref,bare", "--ref", str(derive_py), "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert [entry["tiler"] for entry in result["ratios"]] == ["ref"]
    assert "sizes_seconds" in next(r for r in result["rows"] if r["tiler"] == "ref")
    refused = subprocess.run(
        [*command, "--tilers", "ref,bare"], capture_output=True, text=True, check=False
    )
    assert refused.returncode == 2 and "needs --ref FILE" in refused.stderr
