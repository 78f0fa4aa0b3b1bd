"""In real Chromium: an agency's link counts with JavaScript and without it, the footer shows
it, and the dashboard (screenshot in test-artifacts/) reports it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from tests.stats.conftest import CHROME, Site
from trienlam.stats.models import DailyVisit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EX = "/trien-lam/cum-thi-dua/"


@pytest.fixture
def agency_site(live_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Another website (another origin) with the banner link of the Sở Nội vụ."""
    link = f"{live_server.url}{EX}?ref=sonoivu"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = (
                '<!doctype html><meta charset="utf-8"><title>Sở Nội vụ</title>'
                f'<a id="banner" href="{link}">Triển lãm trực tuyến</a>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_referral_links_count_in_a_real_browser_and_reach_the_dashboard(
    live_server,
    site: Site,
    browser,
    agency_site: str,
    artifacts_dir,
) -> None:  # type: ignore[no-untyped-def]
    outside: list[str] = []

    def watch(page) -> None:  # type: ignore[no-untyped-def]
        page.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if not r.url.startswith((live_server.url, agency_site))
                else None
            ),
        )

    # 1. With JavaScript: from the agency's website, through its banner link.
    with_js = browser.new_context(locale="vi-VN", user_agent=CHROME)
    page = with_js.new_page()
    watch(page)
    page.goto(agency_site)
    with page.expect_response(lambda r: "/dem/?" in r.url) as counted:
        page.click("#banner")
    response = counted.value
    assert response.status == 200 and response.headers["x-trienlam-count"] == "counted"
    assert "h=127.0.0.1" in response.url and "r=sonoivu" in response.url

    # 2. Without JavaScript: the <noscript> pixel; ?ref= comes from its Referer.
    no_js = browser.new_context(locale="vi-VN", user_agent=CHROME, java_script_enabled=False)
    page = no_js.new_page()
    watch(page)
    with page.expect_response(lambda r: "/dem/?" in r.url) as counted:
        page.goto(f"{live_server.url}{EX}phan-1/?ref=ubnd-xa-tan-thanh")
    assert counted.value.headers["x-trienlam-count"] == "counted"

    assert sorted(DailyVisit.objects.values_list("page__path", "ref", "host", "count")) == [
        (EX, "sonoivu", "127.0.0.1", 1),
        (f"{EX}phan-1/", "ubnd-xa-tan-thanh", "", 1),
    ]
    cache.clear()
    page.goto(f"{live_server.url}/")
    assert page.locator(".visit-counter").inner_text() == "Lượt truy cập: Tổng số 2 · Hôm nay 2"
    page.locator(".site-footer").screenshot(path=str(artifacts_dir / "stats-footer-counter.png"))
    page.goto(f"{live_server.url}/chinh-sach-bao-mat/")
    privacy = page.locator("section[aria-labelledby=privacy-counting]").inner_text()
    assert "Trang web không lưu địa chỉ IP, tên trình duyệt hay thiết bị, cookie" in privacy
    page.locator("main").screenshot(path=str(artifacts_dir / "stats-privacy.png"))
    with_js.close()
    no_js.close()
    assert outside == []

    # 3. The organiser's dashboard.
    from django.contrib.auth.models import User

    User.objects.create_superuser("quantri", "q@trienlam.example", "mat-khau-dai-1")
    desk = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = desk.new_page()
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/thong-ke/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/thong-ke/")
    assert page.locator("h1").inner_text() == "Thống kê lan tỏa"
    agencies = page.locator("section[aria-labelledby=h-agencies] tbody").inner_text()
    assert "Sở Nội vụ tỉnh Lạng Sơn\tsonoivu\t1" in agencies
    assert "UBND xã Tân Thành\tubnd-xa-tan-thanh\t1" in agencies
    assert "127.0.0.1" in page.locator("section[aria-labelledby=h-hosts]").inner_text()
    assert "Báo Lạng Sơn" in page.locator("section[aria-labelledby=h-silent]").inner_text()
    chart = page.locator("#h-days ~ svg")
    assert chart.get_attribute("role") == "img"
    page.screenshot(path=str(artifacts_dir / "stats-dashboard.png"), full_page=True)
    # The filter is a plain GET form: the address can be shared.
    page.fill("#stats-tu", "2026-01-01")
    page.click(".stats-filter button")
    page.wait_for_url("**/thong-ke/?tu=2026-01-01*")
    with page.expect_download() as download:
        page.click("text=Tải báo cáo (XLSX)")
    assert download.value.suggested_filename.startswith("thong-ke-truy-cap_2026-01-01_")
    assert errors == []
    desk.close()
