"""Smoke run of bench/import_catalogue.py: 5 items, 8 small pages, end to end in a subprocess.

The figures of the full run are in bench/README.md (“Bulk import (issue #4)”).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "import_catalogue.py"


def test_import_benchmark_smoke_run_prints_its_table() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    done = subprocess.run(
        [sys.executable, os.fspath(SCRIPT), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # ~3 s alone; generous for a busy machine
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "| measure | value |" in out
    for row in ("validation s", "storage s", "derivatives s", "total import s", "items/s"):
        assert row in out
    assert "| items (single-page / most pages) | 5 " in out
    assert "| pages | 8 " in out
    assert "target met" in out or "TARGET MISSED" in out
