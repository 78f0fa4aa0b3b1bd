"""The export served by a real nginx with deploy/nginx/static-export.conf, walked in Chromium:
home → part → item → deep zoom → search with an accent-free query."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.netutil import free_port, wait_for
from tests.publishing.conftest import Site
from trienlam.publishing.exporter import publish

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "nginx" / "static-export.conf"
FULLY_LOADED = "() => window.trienlamViewer.world.getItemAt(0)?.getFullyLoaded()"


def nginx_binary() -> str:
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        pytest.fail("nginx not found: install Debian's `nginx` (./run test does)")
    return path


class Nginx:
    def __init__(self, root: Path, folder: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        site = CONFIG.read_text()
        site = re.sub(r"listen 80;", f"listen 127.0.0.1:{self.port};", site)
        site = re.sub(r"root /srv/trienlam/site;", f"root {root};", site)
        (folder / "site.conf").write_text(site)
        temp = "".join(
            f"{kind}_temp_path {folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\n"
            f"error_log {folder}/error.log;\nevents {{ worker_connections 64; }}\n"
            f"http {{\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
            f"access_log {folder}/access.log;\n{temp}include {folder}/site.conf;\n}}\n"
        )

    def __enter__(self) -> Nginx:
        binary = nginx_binary()
        check = subprocess.run(
            [binary, "-t", "-c", str(self.folder / "nginx.conf"), "-p", str(self.folder)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(
            [binary, "-c", str(self.folder / "nginx.conf"), "-p", str(self.folder)],
            stderr=subprocess.PIPE,
        )
        try:
            wait_for(self.port, timeout=10)
        except AssertionError:
            self.process.kill()
            pytest.fail("nginx did not start: " + (self.folder / "error.log").read_text())
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def served(site: Site, tmp_path: Path) -> Iterator[tuple[Nginx, Site]]:
    folder = tmp_path / "nginx"
    folder.mkdir()
    out = tmp_path / "export"
    server = Nginx(out, folder)
    publish(out, server.url)
    with server:
        yield server, site


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_nginx_headers_types_and_precompressed_copies(served: tuple[Nginx, Site]) -> None:
    server, site = served
    letter = site.small.letter.identifier
    status, headers, body = _get(f"{server.url}/tu-lieu/{letter}/", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=300" in headers["Cache-Control"]
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert site.small.letter.title in gzip.decompress(body).decode()
    assert "wasm-unsafe-eval" in headers["Content-Security-Policy"]

    status, headers, body = _get(f"{server.url}/iiif/{letter}/manifest.json")
    assert status == 200
    assert headers["Content-Type"].startswith("application/ld+json")
    assert "presentation/3" in headers["Content-Type"]
    assert headers["Access-Control-Allow-Origin"] == "*"

    info_path = re.search(rb'data-iiif="([^"]+)"', _get(f"{server.url}/tu-lieu/{letter}/")[2])
    assert info_path is not None
    status, headers, body = _get(server.url + info_path.group(1).decode())
    assert status == 200
    assert "image/3" in headers["Content-Type"]
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age=3600" in headers["Cache-Control"]
    tile = re.search(rb'src="(/media/iiif/[^"]+\.jpg)"', _get(f"{server.url}/tu-lieu/{letter}/")[2])
    assert tile is not None
    status, headers, _ = _get(server.url + tile.group(1).decode())
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert "max-age=2592000" in headers["Cache-Control"]

    status, headers, body = _get(f"{server.url}/khong-co/")
    assert status == 404
    assert b"<html" in body and "max-age=300" in headers["Cache-Control"]
    status, headers, _ = _get(f"{server.url}/tim-kiem/?q=thi+dua")
    assert status == 200


@pytest.mark.browser
def test_a_visitor_walks_the_exported_site_in_chromium(
    served: tuple[Nginx, Site],
    make_page,
    artifacts_dir: Path,
) -> None:  # type: ignore[no-untyped-def]
    server, site = served
    small = site.small
    page = make_page("mobile")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    responses: list[tuple[str, int]] = []
    page.on("response", lambda r: responses.append((r.url, r.status)))

    page.goto(server.url + "/")
    page.screenshot(path=str(artifacts_dir / "publishing-1-home.png"), full_page=True)
    page.locator(f'a[href="/trien-lam/{small.exhibition.slug}/"]').first.click()
    page.wait_for_url(f"**/trien-lam/{small.exhibition.slug}/")
    page.locator(f'a[href="/trien-lam/{small.exhibition.slug}/phan-1/"]').first.click()
    page.wait_for_url("**/phan-1/")
    page.screenshot(path=str(artifacts_dir / "publishing-2-part.png"), full_page=True)
    page.get_by_text(small.letter.title).first.click()
    page.wait_for_url(f"**/tu-lieu/{small.letter.identifier}/")
    assert page.locator("h1").inner_text() == small.letter.title

    page.get_by_role("button", name="Phóng to để đọc chi tiết").first.click()
    page.wait_for_function("() => window.trienlamViewer?.world.getItemCount() > 0")
    page.wait_for_function(FULLY_LOADED)
    for _ in range(3):
        page.get_by_role("button", name="Phóng to", exact=True).click()
    page.wait_for_timeout(500)
    page.wait_for_function(FULLY_LOADED)
    page.screenshot(path=str(artifacts_dir / "publishing-3-zoom.png"))
    tiles = [(u, s) for u, s in responses if re.search(r"/media/iiif/.+/\d+,\d+,\d+,\d+/", u)]
    assert tiles, "the viewer fetched no tiles"
    page.keyboard.press("Escape")

    page.goto(server.url + "/tim-kiem/")
    search = page.get_by_role("textbox").first
    search.fill("cong van thi dua")
    result = page.locator(".pagefind-ui__result-link", has_text=small.letter.title)
    result.first.wait_for(timeout=10_000)
    page.screenshot(path=str(artifacts_dir / "publishing-4-search.png"), full_page=True)
    # Facets, named in Vietnamese: filtering by province keeps the result.
    page.locator(".pagefind-ui__filter-name", has_text="Tỉnh").first.click()
    page.locator(".pagefind-ui__filter-label", has_text="Lạng Sơn").first.click()
    result.first.wait_for(timeout=10_000)
    # The header's form sends ?q=: the same search runs at once.
    page.goto(server.url + "/tim-kiem/?q=THI+DUA+la+yeu+nuoc")
    page.locator(".pagefind-ui__result-link", has_text=small.quote.title).first.wait_for(
        timeout=10_000
    )
    result = page.locator(".pagefind-ui__result-link", has_text=small.quote.title).first
    result.click()
    page.wait_for_url(f"**/tu-lieu/{small.quote.identifier}/")
    # Everything loads (viewer.js gives OpenSeadragon all its buttons, so it asks for none of
    # its default button images).
    assert [r for r in responses if r[1] >= 400] == []
    assert problems == []
