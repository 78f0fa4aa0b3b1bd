"""Killing a real `trienlam publish` process at any moment leaves the previous export served.

The export runs as its own process on its own SQLite database (built with the benchmarks'
synthetic catalogue), so it can be killed with SIGKILL like a crashed or OOM-killed job.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TRIENLAM = str(Path(sys.executable).with_name("trienlam"))
BASE_URL = "https://trienlam.example.gov.vn"

SETUP = """
import sys
sys.path.insert(0, {bench!r})
from synthetic import generate
from trienlam.exhibitions.models import SiteProfile
generate(300, seed=3, prefix="KT")
SiteProfile.objects.create(site_name="Trước", agency="Cơ quan (minh họa)", address="x",
                           person_in_charge="y")
"""

CHANGE = """
from trienlam.exhibitions.models import SiteProfile
SiteProfile.objects.update(site_name="Sau khi sửa")
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env["TRIENLAM_DATA_DIR"] = str(tmp_path / "data")
    env["DJANGO_SETTINGS_MODULE"] = "trienlam.settings"
    return env


def _run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([TRIENLAM, *args], env=env, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]


def _snapshot(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_a_killed_export_leaves_the_previous_one_served(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    _run(env, "migrate", "--noinput")
    _run(env, "shell", "-c", SETUP.format(bench=str(REPO / "bench")))
    out = tmp_path / "site"
    _run(env, "publish", "--out", str(out), "--base-url", BASE_URL)
    before = _snapshot(out)
    target = os.readlink(out)
    assert "Trước" in (out / "index.html").read_text()
    _run(env, "shell", "-c", CHANGE)

    command = [TRIENLAM, "publish", "--out", str(out), "--base-url", BASE_URL]
    killed_mid_run = 0
    for delay in (0.3, 1.0, 2.0, 3.5, 5.0, 8.0, 12.0):
        process = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGKILL)
        process.wait()
        if os.readlink(out) != target:
            # Killed after the swap (while removing the old version): the new export is
            # served, and it is complete.
            assert "Sau khi sửa" in (out / "index.html").read_text()
            state = json.loads(
                (out.parent / os.readlink(out)).parent.joinpath("state.json").read_text()
            )
            assert sorted(state["files"]) == sorted(_snapshot(out))
            break
        killed_mid_run += 1
        assert _snapshot(out) == before, f"the served export changed after a kill at {delay}s"
    assert killed_mid_run >= 3

    served_before = os.readlink(out)  # the first export's, or one killed after its swap
    _run(env, "publish", "--out", str(out), "--base-url", BASE_URL)
    assert os.readlink(out) != target
    assert "Sau khi sửa" in (out / "index.html").read_text()
    versions = tmp_path / ".site.versions"
    served = Path(os.readlink(out)).parent.name

    def left() -> list[str]:
        return sorted((p.name for p in versions.iterdir() if p.name.isdigit()), key=int)

    # The strays of the killed runs are removed; the version served before stays, complete,
    # as a way back, until the next export.
    previous = Path(served_before).parent.name
    assert left() == [previous, served]
    if served_before == target:
        assert _snapshot(versions / previous / "site") == before
    _run(env, "publish", "--out", str(out), "--base-url", BASE_URL)
    assert left() == [served, Path(os.readlink(out)).parent.name]
