"""Visit counting against a real server: exact counts, and what counting costs.

Starts the site the way `./run serve` does (granian, WSGI, 2 workers, backpressure 16) on a
fresh database (SQLite in a temporary folder, or a throwaway PostgreSQL database on the
server named by --database-url), with one small public exhibition, then measures in one run:

- the counting endpoint (`/dem/`, one INSERT … ON CONFLICT per hit) against the baseline of
  a static file served by the same server (WhiteNoise: `/static/trienlam/site.css`);
- page latency of the exhibition page alone against the same page while every view also
  asks for its counting pixel (what a visitor's browser does);
- exactness: the counts added equal the requests that said "counted".

Usage: python bench/counting.py [--requests 2000] [--concurrency 32]
       [--database-url postgres://postgres@127.0.0.1:55432/postgres] [--json]

The helpers (`LiveSite`, `fire`) are also used by tests/stats/test_live_server.py.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
EXHIBITION = "/trien-lam/bench/"

SEED = """
from trienlam.catalogue.models import Institution, Item, Province
from trienlam.exhibitions.models import Exhibition, Placement, Section, SiteProfile
from trienlam.outreach.models import Agency
SiteProfile.objects.create(site_name="Trienlam bench", agency="Bench", address="-",
    person_in_charge="-", privacy_note="-")
province = Province.objects.get_or_create(slug="lang-son", defaults={"name": "Lạng Sơn"})[0]
inst = Institution.objects.create(name="Lưu trữ (bench)", slug="bench", kind="provincial_archive",
    province=province)
ex = Exhibition.objects.create(slug="bench", title="Triển lãm (bench)", status="published")
part = Section.objects.create(exhibition=ex, title="Phần I", slug="phan-1")
for n in range(1, 4):
    item = Item.objects.create(identifier=f"TL-{n:04d}", kind="document", title=f"Tài liệu {n}",
        status="published", institution=inst, province=province)
    Placement.objects.create(section=part, item=item, position=n)
Agency.objects.create(name="Sở Nội vụ (bench)", code="sonoivu", province=province)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveSite:
    """A migrated, seeded database and a granian server in front of it."""

    workdir: Path
    database_url: str | None = None  # a PostgreSQL server URL; None: SQLite in workdir
    flood_limit: int = 0
    collectstatic: bool = False
    debug: bool = False  # static files from the source folders, without collectstatic

    def __post_init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.pg_name: str | None = None
        self.db_url = f"sqlite:///{self.workdir / 'data' / 'trienlam.sqlite3'}"
        if self.database_url:
            self.pg_name = f"stats_live_{secrets.token_hex(4)}"
            parts = urlsplit(self.database_url)
            self.db_url = urlunsplit(parts._replace(path=f"/{self.pg_name}"))

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "TRIENLAM_DATA_DIR": str(self.workdir / "data"),
            "TRIENLAM_DATABASE_URL": self.db_url,
            "TRIENLAM_COUNTER_FLOOD_LIMIT": str(self.flood_limit),
            "TRIENLAM_LOG_LEVEL": "WARNING",
            "TRIENLAM_DEBUG": "1" if self.debug else "0",
            "DJANGO_SETTINGS_MODULE": "trienlam.settings",
        }

    def _pg(self, sql: str) -> None:
        import psycopg

        admin = urlunsplit(urlsplit(self.database_url)._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(BIN / "trienlam"), *args],
            env=self.env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self) -> LiveSite:
        if self.pg_name:
            self._pg(f'CREATE DATABASE "{self.pg_name}"')
        self._run("migrate", "--noinput", "--verbosity", "0")
        self._run("shell", "-c", SEED)
        if self.collectstatic:
            self._run("collectstatic", "--noinput", "--verbosity", "0")
        return self

    def start(self) -> LiveSite:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(BIN / "granian"),
                "--interface",
                "wsgi",
                "trienlam.wsgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                "2",
                "--backpressure",
                "16",
                "--no-ws",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian stopped: {self.process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(self.base + "/dem/luot-truy-cap.svg", timeout=2).read()  # noqa: S310
                return self
            except urllib.error.HTTPError as exc:
                raise RuntimeError(f"the server answers with HTTP {exc.code}") from exc
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError("granian did not answer within 60 s")

    def stop_server(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def stop(self) -> None:
        """Stop the server and drop the throwaway PostgreSQL database."""
        self.stop_server()
        if self.pg_name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            self.pg_name = None

    def query(self, sql: str) -> list[tuple]:
        """Rows read straight from the database (not through the application)."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.db_url) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.workdir / "data" / "trienlam.sqlite3") as conn:
            return conn.execute(sql).fetchall()

    def counted(self) -> int:
        """The sum of all daily counts."""
        return int(self.query("SELECT COALESCE(SUM(count), 0) FROM stats_dailyvisit")[0][0])

    def hit_url(self, path: str = EXHIBITION, **fields: str) -> str:
        return f"{self.base}/dem/?{urlencode({'u': path, **fields})}"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, float, dict[str, str]]:
    """One GET on a new connection (as separate visitors make them): status, seconds, headers."""
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER, **(headers or {})})  # noqa: S310
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status, time.perf_counter() - start, headers
    except urllib.error.HTTPError as exc:
        headers = {k.lower(): v for k, v in exc.headers.items()}
        return exc.code, time.perf_counter() - start, headers


def fire(urls: list[str], concurrency: int) -> tuple[list[tuple[int, float, dict]], float]:
    """All of `urls` from `concurrency` threads at once; the results and the wall time."""
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(get, urls))
    return results, time.perf_counter() - start


def summary(results: list[tuple[int, float, dict]], wall: float) -> dict[str, float]:
    times = sorted(t for _s, t, _h in results)
    return {
        "requests": len(results),
        "errors": sum(1 for s, _t, _h in results if s != 200),
        "per_second": round(len(results) / wall, 1),
        "p50_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 2),
    }


def measure(site: LiveSite, requests: int, concurrency: int) -> dict[str, object]:
    out: dict[str, object] = {}
    fire([site.base + "/static/trienlam/site.css"] * 50, 4)  # warm both workers
    fire([site.hit_url()] * 50, 4)
    before = site.counted()
    out["static file (baseline)"] = summary(
        *fire([site.base + "/static/trienlam/site.css"] * requests, concurrency)
    )
    hits, wall = fire([site.hit_url(r="sonoivu", h="langson.gov.vn")] * requests, concurrency)
    out["counting endpoint"] = summary(hits, wall)
    said = sum(1 for _s, _t, h in hits if h.get("x-trienlam-count") == "counted")
    out["exact"] = {"requests": requests, "said counted": said, "added": site.counted() - before}
    pages = max(requests // 4, 50)
    page_url, pixel_url = site.base + EXHIBITION, site.hit_url()
    fire([page_url] * 20, 4)  # the page cache (if on) and both workers are warm

    def visit(_n: int) -> tuple[int, float, dict]:
        page = get(page_url)
        get(pixel_url)  # what count.js does once the page has loaded
        return page

    out["page alone"] = summary(*fire([page_url] * pages, concurrency))
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        with_pixel = list(pool.map(visit, range(pages)))
    out["page, then its pixel"] = summary(with_pixel, time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stats-bench-") as tmp:
        site = LiveSite(Path(tmp), args.database_url, collectstatic=True)
        try:
            site.prepare().start()
            result = measure(site, args.requests, args.concurrency)
        finally:
            site.stop()
    db = "PostgreSQL" if args.database_url else "SQLite"
    if args.json:
        print(json.dumps({"database": db, **result}, indent=2))
        return 0
    print(f"database: {db}; {args.requests} requests, {args.concurrency} at a time")
    base = result["static file (baseline)"]
    for name, row in result.items():
        if name == "exact":
            continue
        ratio = row["per_second"] / base["per_second"]
        print(
            f"{name:24} {row['per_second']:8.1f}/s  p50 {row['p50_ms']:7.2f} ms  "
            f"p95 {row['p95_ms']:7.2f} ms  errors {row['errors']}  ({ratio:.2f}× baseline/s)"
        )
    page, mixed = result["page alone"], result["page, then its pixel"]
    print(
        f"page latency with counting / without: p50 {mixed['p50_ms'] / page['p50_ms']:.2f}×, "
        f"p95 {mixed['p95_ms'] / page['p95_ms']:.2f}×"
    )
    exact = result["exact"]
    print(
        f"exact: {exact['requests']} requests, {exact['said counted']} said counted, "
        f"{exact['added']} added"
    )
    return 0 if exact["added"] == exact["said counted"] == exact["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
