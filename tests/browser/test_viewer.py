"""Deep zoom on a phone: the plain image first, then OpenSeadragon reading our IIIF tiles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media

pytestmark = pytest.mark.django_db(transaction=True)

FULLY_LOADED = "() => window.trienlamViewer.world.getItemAt(0)?.getFullyLoaded()"


@pytest.fixture
def scanned_letter(transactional_db: None, tmp_path: Path) -> str:
    b.site_profile()
    ex = b.exhibition(slug="cum")
    part = b.part(ex)
    item = b.item(b.institution(), title="Công văn hai trang")
    for page in (1, 2):
        add_media(item=item, source=b.scan(tmp_path / f"trang-{page}", width=2480, height=3508))
    processing.process_all()
    b.place(part, item)
    return reverse("exhibition_item", args=["cum", item.identifier])


def test_a_visitor_zooms_into_a_page_on_a_phone(
    live_server, scanned_letter: str, page, artifacts_dir
) -> None:  # type: ignore[no-untyped-def]
    tiles: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda r: tiles.append((r.url, r.status)) if "/media/iiif/" in r.url else None,
    )
    page.goto(live_server.url + scanned_letter)
    first = page.locator(".page img").first
    assert "/full/960," in first.get_attribute("src")  # plain image first, right-sized

    button = page.get_by_role("button", name="Phóng to để đọc chi tiết").first
    button.click()
    page.wait_for_function("() => window.trienlamViewer?.world.getItemCount() > 0")
    page.wait_for_function(FULLY_LOADED)
    assert page.get_by_role("dialog").is_visible()
    assert page.get_by_role("button", name="Phóng to", exact=True).is_visible()
    assert page.get_by_role("button", name="Toàn màn hình").is_visible()
    before = len(tiles)
    for _ in range(4):
        page.get_by_role("button", name="Phóng to", exact=True).click()
    page.wait_for_timeout(600)
    page.wait_for_function(FULLY_LOADED)
    page.screenshot(path=str(artifacts_dir / "viewer-zoomed.png"))
    zoomed = tiles[before:]
    assert zoomed, "zooming in fetched no tiles"
    assert any(re.search(r"/\d+,\d+,\d+,\d+/", url) for url, _ in zoomed), zoomed
    assert all(status == 200 for _, status in tiles), [t for t in tiles if t[1] != 200]

    page.keyboard.press("PageDown")
    page.wait_for_function("() => window.trienlamViewer.currentPage() === 1")
    assert "2/2" in page.locator(".viewer-status").inner_text()
    page.keyboard.press("Escape")
    assert not page.get_by_role("dialog").is_visible()
    assert button.evaluate("el => el === document.activeElement")


def test_the_viewer_script_loads_only_on_item_pages(
    live_server, scanned_letter: str, page
) -> None:  # type: ignore[no-untyped-def]
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(live_server.url + reverse("part", args=["cum", "phan-1"]))
    page.goto(live_server.url + reverse("exhibition", args=["cum"]))
    # Other pages load only the visit counter's small script (stats/beacon.html).
    assert [url.rsplit("/", 1)[-1] for url in scripts] == ["count.js", "count.js"]
    scripts.clear()
    page.goto(live_server.url + scanned_letter)
    page.wait_for_load_state("load")
    page.wait_for_timeout(2500)
    # The item page adds only our small enhancement script; the viewer waits for a press.
    assert sorted(url.rsplit("/", 1)[-1] for url in scripts) == ["count.js", "viewer.js"]
    page.get_by_role("button", name="Phóng to để đọc chi tiết").first.click()
    page.wait_for_function("() => window.OpenSeadragon !== undefined")
    assert any("openseadragon" in url for url in scripts)


def test_the_viewer_is_operated_by_keyboard_and_keeps_its_toolbar_in_full_screen(
    live_server, scanned_letter: str, page
) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + scanned_letter)
    opener = page.get_by_role("button", name="Phóng to để đọc chi tiết").first
    opener.click()
    page.wait_for_function("() => window.trienlamViewer?.world.getItemCount() > 0")
    page.wait_for_function(FULLY_LOADED)
    # The keys work at once: OpenSeadragon's own canvas has the focus, not its wrapper.
    start = page.evaluate("() => window.trienlamViewer.viewport.getZoom()")
    page.keyboard.press("+")
    page.wait_for_function(f"() => window.trienlamViewer.viewport.getZoom() > {start} * 1.05")
    # Tab goes round the dialog's controls; the page behind it (inert) never takes the focus.
    inside = "() => !!document.activeElement.closest('.viewer')"
    visited = set()
    for _ in range(14):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => { const e = document.activeElement; return e.closest('.viewer') ? "
            "(e.getAttribute('aria-label') || e.className || e.tagName) : "
            "(e === document.body ? 'body' : 'PAGE:' + e.outerHTML.slice(0, 60)); }"
        )
        assert not where.startswith("PAGE:"), where
        visited.add(where)
    assert {"Phóng to", "Toàn màn hình", "viewer-close"} <= visited, visited
    # Full screen is the browser's, on the whole dialog: its toolbar and "Đóng" stay.
    full = page.get_by_role("button", name="Toàn màn hình")
    full.click()
    page.wait_for_function("() => document.fullscreenElement?.classList.contains('viewer')")
    page.wait_for_function(
        "() => document.getElementById('viewer-fullPage').getAttribute('aria-pressed') === 'true'"
    )
    close = page.get_by_role("button", name="Đóng")
    assert close.is_visible() and close.bounding_box()["width"] > 20
    # Back on OpenSeadragon's canvas (not merely inside the dialog): the keys still work.
    assert page.evaluate("() => document.activeElement === window.trienlamViewer.canvas")
    assert page.evaluate(inside)
    close.click()
    page.wait_for_function("() => document.fullscreenElement === null")
    assert not page.get_by_role("dialog").is_visible()
    assert opener.evaluate("el => el === document.activeElement")
    assert page.evaluate("() => [...document.body.children].every(c => !c.inert)")
