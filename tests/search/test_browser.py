"""The search page in a real Chromium, phone-sized, without JavaScript: a screenshot."""

from __future__ import annotations

import pytest

from tests import builders as b

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_the_header_without_javascript(live_server, browser, artifacts_dir):
    b.site_profile()
    lang_son = b.province("Lạng Sơn", "lang-son")
    archive = b.institution(slug="ttlt-ls", province=lang_son)
    ex = b.exhibition(slug="cum")
    part = b.part(ex, "Khởi nguồn phong trào", "phan-1", label="Phần I")
    for n, title in enumerate(
        [
            "Mở đường tuần tra biên giới Đồng Đăng",
            "Dân công hỏa tuyến Điện Biên Phủ",
            "Lương Văn Dương được khen",
        ]
    ):
        item = b.item(archive, identifier=f"TL-{n + 1:04d}", title=title)
        b.place(part, item)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="vi-VN"
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "duong")
    page.click(".site-search button")
    page.wait_for_load_state()
    assert "/tim-kiem/?q=duong" in page.url
    assert page.locator(".hit").count() == 2
    assert page.locator(".hit mark").first.inner_text() in {"đường", "Dương"}
    page.click("text=Phần I")
    assert "phan=cum%2Fphan-1" in page.url
    page.screenshot(path=str(artifacts_dir / "search-mobile.png"), full_page=True)
    page.goto(live_server.url + "/tim-kiem/?q=Đường")
    assert page.locator(".hit-title").first.inner_text().startswith("Mở đường")
    context.close()
