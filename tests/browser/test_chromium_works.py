"""Proves the browser harness: Chromium starts and renders Vietnamese text."""

from __future__ import annotations

from urllib.parse import quote

TITLE = "Triển lãm tài liệu lưu trữ — Đồng Văn, Hà Giang"


def test_chromium_renders_vietnamese(page, desktop_page, artifacts_dir):
    html = (
        "<!doctype html><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{TITLE}</title><h1>{TITLE}</h1>"
    )
    url = "data:text/html;charset=utf-8," + quote(html)
    for current, width in ((page, 390), (desktop_page, 1366)):
        current.goto(url)
        assert current.title() == TITLE
        assert current.inner_text("h1") == TITLE
        assert current.evaluate("window.innerWidth") == width
    page.screenshot(path=str(artifacts_dir / "chromium-works-mobile.png"))
