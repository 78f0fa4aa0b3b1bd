"""Serving speed of the item page on one core: dynamic (uncached, cached) and static (nginx).

    python bench/serve.py                    # the demo in ./var (built when missing)
    python bench/serve.py --duration 5 --json
    python bench/serve.py --profile          # where the time of an uncached page goes
    python bench/serve.py --pages-cpu        # in-process CPU per request of every public page

`wrk` (Debian package `wrk`) on loopback, pinned with `taskset` to another core than the
server. The application runs in granian with one worker on one core, first with the page
cache off (TRIENLAM_PAGE_CACHE_SECONDS=0: every request renders the page), then on (an
anonymous visitor's page comes from Django's cache); the baseline is nginx, one worker on
the same core, serving the very same HTML as a file. Targets (issue #7): dynamic uncached
≥ 1,000 req/s, cached ≥ 4,000 req/s, static = nginx's own rate.

"Uncached" means no whole-page cache: every request resolves the URL, runs the middleware,
reads the item and its media from the database and renders the templates. The data every page
shares (the site profile, the exhibitions an item is shown in, reading orders, the layout's
header and footer fragments) is kept per content version by default (operations/memo.py,
TRIENLAM_CONTENT_MEMO); the row "uncached, no memo" turns that off too (what the first request
after a content change costs).

Also the transfer size of the home, part, item and search pages: HTML + CSS + JS (gzip, as
bench/page_weight.py) + the first image (already compressed: JPEG/WebP, sent as is).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = {"dynamic uncached": 1000.0, "dynamic cached": 4000.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def cores() -> tuple[str, str]:
    """The server's core and the load generator's core."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        raise SystemExit("needs two cores: the server and wrk must not share one")
    return str(available[0]), str(available[1])


def wrk(url: str, *, core: str, duration: float, connections: int) -> dict[str, float]:
    exe = shutil.which("wrk")
    if not exe:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    out = subprocess.run(
        ["taskset", "-c", core, exe, "-t1", f"-c{connections}", f"-d{duration:g}s", "--latency",
         url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    latency = {}
    for pct in ("50", "99"):
        match = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out)
        if match:
            factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
            latency[f"p{pct}_ms"] = round(float(match.group(1)) * factor, 2)
    return {
        "req_per_s": rate,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        **latency,
    }


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time of every process in a process group (the server and its
    workers), from /proc: what the server spent, whatever else runs on the machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:  # fields after "(comm)": state ppid pgrp ...
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def timed_wrk(
    url: str, server: subprocess.Popen, *, core: str, duration: float, connections: int
) -> dict[str, float]:
    """wrk, plus the server's CPU time per request and the rate that implies for one whole
    core (the machine may be shared: wall-clock rates then understate the server)."""
    before = group_cpu_seconds(server.pid)
    result = wrk(url, core=core, duration=duration, connections=connections)
    cpu = group_cpu_seconds(server.pid) - before
    requests = result["req_per_s"] * duration
    if requests and cpu:
        result["cpu_ms_per_req"] = round(cpu * 1000 / requests, 3)
        result["req_per_cpu_s"] = round(requests / cpu)
    return result


def app_env(data_dir: Path, cache_seconds: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TRIENLAM_DATA_DIR=str(data_dir),
        TRIENLAM_PAGE_CACHE_SECONDS=str(cache_seconds),
        DJANGO_SETTINGS_MODULE="trienlam.settings",
    )
    return env


def run_granian(env: dict[str, str], core: str, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        ["taskset", "-c", core, str(BIN / "granian"), "--interface", "wsgi",
         "trienlam.wsgi:application", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--runtime-threads", "1", "--blocking-threads", "1",
         "--backpressure", "64", "--no-ws"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def fetch(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    conn.close()
    return response.status, headers, body


def measure_dynamic(
    data_dir: Path,
    path: str,
    *,
    cached: bool,
    core: str,
    memo: bool = True,
    load_core: str,
    duration: float,
    connections: int,
) -> tuple[dict[str, float], bytes]:
    port = free_port()
    env = app_env(data_dir, 600 if cached else 0)
    env["TRIENLAM_CONTENT_MEMO"] = "1" if memo else "0"
    server = run_granian(env, core, port)
    try:
        wait_for(port)
        status, headers, body = fetch(port, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        status, headers, _ = fetch(port, path)
        expected = "hit" if cached else None
        if headers.get("x-page-cache") != expected:
            raise SystemExit(f"page cache state {headers.get('x-page-cache')!r}, not {expected!r}")
        wrk(f"http://127.0.0.1:{port}{path}", core=load_core, duration=1, connections=4)
        result = timed_wrk(
            f"http://127.0.0.1:{port}{path}",
            server,
            core=load_core,
            duration=duration,
            connections=connections,
        )
    finally:
        stop(server)
    return result, body


def measure_static(
    html: bytes, path: str, *, core: str, load_core: str, duration: float, connections: int
) -> dict[str, float]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        raise SystemExit("nginx is not installed: apt-get install nginx")
    with tempfile.TemporaryDirectory(prefix="trienlam-bench-serve-") as tmp:
        root = Path(tmp) / "site"
        page = root / path.strip("/") / "index.html"
        page.parent.mkdir(parents=True)
        page.write_bytes(html)
        os.chmod(tmp, 0o755)  # noqa: S103 - nginx's worker must read the page
        port = free_port()
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"""daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        add_header Cache-Control "public, max-age=300";
    }}
}}
"""
        )
        server = subprocess.Popen(
            ["taskset", "-c", core, nginx, "-c", str(conf)], start_new_session=True,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_for(port)
            status, _, body = fetch(port, path)
            if status != 200 or body != html:
                raise SystemExit(f"nginx did not serve the page ({status})")
            return timed_wrk(
                f"http://127.0.0.1:{port}{path}",
                server,
                core=load_core,
                duration=duration,
                connections=connections,
            )
        finally:
            stop(server)


# --- in-process: the pages, their transfer size, and a profile ---------------------------


def setup_django(data_dir: Path, scale: float | None) -> None:
    os.environ["TRIENLAM_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trienlam.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from trienlam.exhibitions.models import Exhibition

    if not Exhibition.objects.public().exists():
        from trienlam.demo.build import build_demo

        print("building the demo exhibition (once)", file=sys.stderr)
        if scale is None:
            build_demo()
        else:
            build_demo(scale=scale)
    if not (data_dir / "static" / "staticfiles.json").exists():
        print("collecting static files (once)", file=sys.stderr)
        call_command("collectstatic", interactive=False, verbosity=0)


def bench_pages() -> dict[str, str]:
    from trienlam.catalogue.models import Item
    from trienlam.exhibitions.models import Exhibition

    exhibition = Exhibition.objects.public().first()
    part = exhibition.sections.filter(parent=None).first()  # type: ignore[union-attr]
    item = next(
        i
        for i in Item.objects.public().prefetch_related("media").order_by("identifier")
        if any(m.sizes for m in i.media.all())
    )
    return {
        "home": "/",
        "part": part.get_absolute_url(),  # type: ignore[union-attr]
        "item": f"/tu-lieu/{item.identifier}/",
        "search": "/tim-kiem/?q=thi+dua",
    }


def transfer_sizes(pages: dict[str, str]) -> dict[str, dict[str, object]]:
    sys.path.insert(0, str(ROOT / "bench"))
    import page_weight
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    sizes: dict[str, dict[str, object]] = {}
    for name, url in pages.items():
        response = client.get(url)
        if response.status_code != 200:
            sizes[name] = {"url": url, "error": f"HTTP {response.status_code}"}
            continue
        weight = page_weight.measure(client, url)
        first = re.search(rb'<img[^>]+src="([^"]+)"', response.content)
        image = 0
        if first:
            image_response = client.get(first.group(1).decode().replace("&amp;", "&"))
            if image_response.status_code == 200:
                image = len(b"".join(image_response))
        sizes[name] = {
            "url": url,
            "html_gzip": weight["html_gzip"],
            "css_js_gzip": weight["assets_gzip"],
            "first_image": image,
            "total": weight["html_gzip"] + weight["assets_gzip"] + image,
        }
    return sizes


def profile(path: str, requests: int = 200) -> str:
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(TRIENLAM_PAGE_CACHE_SECONDS=0):
        client.get(path)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(requests):
            client.get(path)
        profiler.disable()
        per_request = (time.perf_counter() - started) / requests * 1000
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"trienlam|django/(template|db|core/handlers|utils/translation)", 25)
    return f"{per_request:.2f} ms per request under the profiler\n{out.getvalue()}"


def public_pages() -> dict[str, str]:
    """Every kind of public page, for the in-process CPU table (`--pages-cpu`)."""
    from trienlam.exhibitions.models import Exhibition

    pages = bench_pages()
    exhibition = Exhibition.objects.public().first()
    assert exhibition is not None
    identifier = pages["item"].strip("/").rsplit("/", 1)[-1]
    return {
        "item": pages["item"],
        "item in exhibition": f"/trien-lam/{exhibition.slug}/tu-lieu/{identifier}/",
        "part": pages["part"],
        "exhibition": exhibition.get_absolute_url(),
        "home": "/",
        "search": pages["search"],
        "browse provinces": "/tinh/",
        "browse time": "/thoi-gian/",
        "institutions": "/don-vi/",
    }


def pages_cpu(requests: int = 200, rounds: int = 3) -> str:
    """CPU per request of each public page in this process (URL resolution, middleware,
    view, queries, templates; page cache off, content memo on), and of it the time inside
    the template backends' `render`: medians of *rounds* rounds of *requests* requests."""
    from django.template.backends import django as dtl_backend
    from django.template.backends import jinja2 as jinja_backend
    from django.test import Client

    spent: list[Any] = [0.0, 0]  # seconds inside render, nesting depth

    def timed(render: Any) -> Any:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            spent[1] += 1
            started = time.process_time()
            try:
                return render(self, *args, **kwargs)
            finally:
                spent[1] -= 1
                if not spent[1]:
                    spent[0] += time.process_time() - started

        return wrapper

    originals = dtl_backend.Template.render, jinja_backend.Template.render
    dtl_backend.Template.render = timed(originals[0])  # type: ignore[method-assign]
    jinja_backend.Template.render = timed(originals[1])  # type: ignore[method-assign]
    client = Client(HTTP_HOST="127.0.0.1")
    totals: dict[str, list[float]] = {}
    in_templates: dict[str, list[float]] = {}
    try:
        urls = _pages_cpu_rounds(client, requests, rounds, spent, totals, in_templates)
    finally:
        dtl_backend.Template.render, jinja_backend.Template.render = originals
    lines = [f"{'page':<20}{'ms CPU/request':>16}{'of it templates':>17}  url"]
    for name, url in urls.items():
        lines.append(
            f"{name:<20}{statistics.median(totals[name]):>16.2f}"
            f"{statistics.median(in_templates[name]):>17.2f}  {url}"
        )
    return "\n".join(lines)


def _pages_cpu_rounds(
    client: Any,
    requests: int,
    rounds: int,
    spent: list[Any],
    totals: dict[str, list[float]],
    in_templates: dict[str, list[float]],
) -> dict[str, str]:
    from django.test.utils import override_settings

    with override_settings(TRIENLAM_PAGE_CACHE_SECONDS=0):
        urls = public_pages()
        for name, url in urls.items():
            status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{name} {url} answered {status}")
        for _ in range(rounds):
            for name, url in urls.items():
                spent[0] = 0.0
                started = time.process_time()
                for _ in range(requests):
                    client.get(url)
                cpu = time.process_time() - started
                totals.setdefault(name, []).append(cpu / requests * 1000)
                in_templates.setdefault(name, []).append(spent[0] / requests * 1000)
    return urls


def run(
    data_dir: Path, *, duration: float, connections: int, scale: float | None
) -> dict[str, object]:
    setup_django(data_dir, scale)
    pages = bench_pages()
    server_core, load_core = cores()
    common = {"core": server_core, "load_core": load_core, "duration": duration,
              "connections": connections}  # fmt: skip
    uncached, html = measure_dynamic(data_dir, pages["item"], cached=False, **common)
    no_memo, html_no_memo = measure_dynamic(
        data_dir, pages["item"], cached=False, memo=False, **common
    )
    # The same page but for the servers' ports (absolute links in the sharing tags).
    same = re.compile(rb"127\.0\.0\.1:\d+")
    if same.sub(b"", html_no_memo) != same.sub(b"", html):
        raise SystemExit("the page differs with and without the content memo")
    cached, _ = measure_dynamic(data_dir, pages["item"], cached=True, **common)
    static = measure_static(html, pages["item"], **common)
    return {
        "item_url": pages["item"],
        "item_html_bytes": len(html),
        "item_html_gzip": len(gzip.compress(html, 6)),
        "dynamic uncached": uncached,
        "uncached, no memo": no_memo,
        "dynamic cached": cached,
        "static nginx": static,
        "transfer": transfer_sizes(pages),
        "cores": {"server": server_core, "wrk": load_core},
        "load_average": os.getloadavg()[0],
    }


def report(results: dict[str, object]) -> bool:
    static_rate = results["static nginx"]["req_per_s"]  # type: ignore[index]
    print(f"item page {results['item_url']} ({results['item_html_bytes']} B HTML), one core")
    print(f"load average during the run: {results['load_average']:.1f} on {os.cpu_count()} cores")
    print(
        f"{'mode':<18}{'req/s':>10}{'p50 ms':>8}{'p99 ms':>8}{'vs nginx':>10}{'target':>9}"
        f"{'CPU ms/req':>12}{'req/CPU-s':>11}"
    )
    ok = True
    for mode in ("dynamic uncached", "uncached, no memo", "dynamic cached", "static nginx"):
        r = results[mode]  # type: ignore[index]
        target = TARGETS.get(mode)
        met = "" if target is None else ("met" if r["req_per_s"] >= target else "MISSED")
        ok = ok and met != "MISSED"
        print(
            f"{mode:<18}{r['req_per_s']:>10.0f}{r.get('p50_ms', 0):>8}{r.get('p99_ms', 0):>8}"
            f"{r['req_per_s'] / static_rate:>9.3f}×{met:>9}"
            f"{r.get('cpu_ms_per_req', 0):>12}{r.get('req_per_cpu_s', 0):>11}"
        )
        if r["non_2xx"] or r["socket_errors"]:
            print(f"  errors: {r['non_2xx']} non-2xx, sockets: {r['socket_errors']}")
    print("\ntransfer size (HTML + CSS + JS gzip, + first image), bytes")
    for name, t in results["transfer"].items():  # type: ignore[union-attr]
        if "error" in t:
            print(f"  {name:<8}{t['url']:<40}{t['error']}")
        else:
            print(
                f"  {name:<8}{t['url']:<40}html {t['html_gzip']:>6}  css+js {t['css_js_gzip']:>6}"
                f"  image {t['first_image']:>7}  total {t['total']:>7}"
            )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--scale", type=float, default=None, help="demo size when building it")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--pages-cpu", action="store_true", help="in-process CPU per request of every public page"
    )
    parser.add_argument("--requests", type=int, default=200, help="with --pages-cpu, per round")
    parser.add_argument("--rounds", type=int, default=3, help="with --pages-cpu")
    args = parser.parse_args()
    data_dir = args.data_dir.resolve()
    if args.profile:
        setup_django(data_dir, args.scale)
        print(profile(bench_pages()["item"]))
        return 0
    if args.pages_cpu:
        setup_django(data_dir, args.scale)
        print(pages_cpu(args.requests, args.rounds))
        return 0
    results = run(data_dir, duration=args.duration, connections=args.connections,
                  scale=args.scale)  # fmt: skip
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    return 0 if report(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
