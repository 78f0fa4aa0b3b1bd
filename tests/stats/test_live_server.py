"""Exact counts under real concurrency: a granian server started as `./run serve` starts it
(2 worker processes), many simultaneous requests, the database read directly afterwards.

Runs on the database of the test run: SQLite (a file in a temporary folder) or, when
TRIENLAM_DATABASE_URL names PostgreSQL, a throwaway database on that server. The database is
migrated once for the module; each test starts its own server.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from trienlam.stats.counting import FloodGate

BENCH = Path(__file__).resolve().parents[2] / "bench" / "counting.py"
ROWS = (
    "SELECT p.path, v.ref, v.host, v.count FROM stats_dailyvisit v "
    "JOIN stats_page p ON p.id = v.page_id"
)


def _bench():  # type: ignore[no-untyped-def]
    if "stats_bench_counting" not in sys.modules:
        spec = importlib.util.spec_from_file_location("stats_bench_counting", BENCH)
        module = importlib.util.module_from_spec(spec)
        sys.modules["stats_bench_counting"] = module
        spec.loader.exec_module(module)
    return sys.modules["stats_bench_counting"]


def _server_url() -> str | None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/postgres"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):  # type: ignore[no-untyped-def]
    site = _bench().LiveSite(tmp_path_factory.mktemp("stats-live"), _server_url())
    try:
        yield site.prepare()
    finally:
        site.stop()


@pytest.fixture
def live(prepared, request):  # type: ignore[no-untyped-def]
    options = getattr(request, "param", {})
    prepared.flood_limit = options.get("flood_limit", 0)
    prepared.debug = options.get("debug", False)
    try:
        yield prepared.start()
    finally:
        prepared.stop_server()


def _rows(live) -> Counter:  # type: ignore[no-untyped-def]
    return Counter({(path, ref, host): n for path, ref, host, n in live.query(ROWS)})


def test_n_concurrent_requests_make_exactly_n_counts(live) -> None:  # type: ignore[no-untyped-def]
    bench = _bench()
    before = _rows(live)
    plan = (
        [live.hit_url("/trien-lam/bench/", r="sonoivu", h="sonoivu.langson.gov.vn")] * 150
        + [live.hit_url("/trien-lam/bench/phan-1/")] * 100
        + [live.hit_url("/trien-lam/bench/tu-lieu/TL-0002/", r="khong-co")] * 100
        + [live.hit_url("/tu-lieu/TL-0003/", h="zalo.me")] * 50
    )
    results, _wall = bench.fire(plan, concurrency=48)
    assert Counter(status for status, _t, _h in results) == {200: 400}
    assert Counter(h["x-trienlam-count"] for _s, _t, h in results) == {"counted": 400}
    added = _rows(live) - before
    assert added == {
        ("/trien-lam/bench/", "sonoivu", "sonoivu.langson.gov.vn"): 150,
        ("/trien-lam/bench/phan-1/", "", ""): 100,
        ("/trien-lam/bench/tu-lieu/TL-0002/", "?", ""): 100,
        ("/tu-lieu/TL-0003/", "", "zalo.me"): 50,
    }


@pytest.mark.parametrize("live", [{"flood_limit": 5}], indirect=True)
def test_a_flood_is_capped_per_server_process(live) -> None:  # type: ignore[no-untyped-def]
    bench = _bench()
    before = live.counted()
    # The windows are slots of the wall clock (FloodGate.window = 10 s): start just after one
    # begins, and allow for each further slot the burst reaches on a slow machine.
    window = FloodGate().window
    time.sleep(window - time.time() % window + 0.05)
    started = time.time()
    results, _wall = bench.fire([live.hit_url()] * 60, concurrency=12)
    slots = int(time.time() // window) - int(started // window) + 1
    said = Counter(h["x-trienlam-count"] for _s, _t, h in results)
    # Each of the 2 worker processes keeps its own window (docs/configuration.md).
    assert 5 <= said["counted"] <= 10 * slots and said["counted"] + said["flood"] == 60
    assert live.counted() - before == said["counted"]


def test_bots_and_bad_hits_do_not_count_on_a_real_server(live) -> None:  # type: ignore[no-untyped-def]
    bench = _bench()
    before = live.counted()
    status, _t, headers = bench.get(live.hit_url(), {"User-Agent": "Googlebot/2.1"})
    assert (status, headers["x-trienlam-count"]) == (200, "bot")
    status, _t, headers = bench.get(live.hit_url(), {"Sec-Purpose": "prefetch"})
    assert (status, headers["x-trienlam-count"]) == (200, "prefetch")
    assert bench.get(live.hit_url("/admin/"))[0] == 400
    assert live.counted() == before


@pytest.mark.parametrize("live", [{"debug": True}], indirect=True)
def test_counting_benchmark_smoke_run(live) -> None:  # type: ignore[no-untyped-def]
    """bench/counting.py still works (its figures, from full runs, are in bench/README.md)."""
    result = _bench().measure(live, requests=40, concurrency=4)
    assert result["exact"] == {"requests": 40, "said counted": 40, "added": 40}
    for name in ("static file (baseline)", "counting endpoint", "page alone"):
        assert result[name]["errors"] == 0, name
