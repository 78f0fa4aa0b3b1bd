"""A visitor on a phone reads the demo: home → exhibition → part → item → next → previous."""

from __future__ import annotations

import re

import pytest

from trienlam.demo.build import build_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db: None) -> None:
    # The demo at a tenth of its scan size: same content and structure, quicker to build.
    build_demo(scale=0.1)


def test_a_visitor_reads_the_demo_on_a_phone(live_server, demo, page, artifacts_dir) -> None:  # type: ignore[no-untyped-def]
    failed_requests: list[str] = []
    # Lazy images still loading when we click on are aborted by the browser: not a failure.
    page.on(
        "requestfailed",
        lambda request: failed_requests.append(request.url)
        if "ERR_ABORTED" not in (request.failure or "")
        else None,
    )
    page.on(
        "response",
        lambda response: failed_requests.append(response.url) if response.status >= 400 else None,
    )
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url)
        if not request.url.startswith(live_server.url)
        else None,
    )

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.keyboard.press("Tab")  # the skip link shows itself when focused
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["x"] >= 0
    page.get_by_role("link", name=re.compile("Phong trào thi đua yêu nước")).first.click()

    page.wait_for_url(re.compile(r"/trien-lam/[\w-]+/$"))
    assert "Lời giới thiệu" in page.locator("main").inner_text()
    assert re.search(r"\d+ tài liệu, \d+ hình ảnh, \d+ câu trích", page.content())
    # The introduction opens the exhibition; the parts follow it, a link away from the top.
    intro_y = page.locator("#intro").bounding_box()["y"]
    assert intro_y < page.locator("#parts").bounding_box()["y"]
    assert page.get_by_role("link", name=re.compile("Các phần của triển lãm")).is_visible()
    # Part pictures come as WebP where the browser takes it (a 960-px JPEG each before).
    page.locator(".tiles-parts").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.tiles-parts img')].every(i => i.currentSrc)"
    )
    sources = page.locator(".tiles-parts img").evaluate_all("els => els.map(e => e.currentSrc)")
    assert all(src.endswith(".webp") for src in sources), sources
    page.screenshot(path=str(artifacts_dir / "journey-1-exhibition.png"), full_page=True)
    page.locator(".tiles-parts a").nth(1).click()  # Phần II opens with a multi-page document

    page.wait_for_url(re.compile(r"/trien-lam/[\w-]+/[\w-]+/$"))
    assert page.locator("h1").inner_text()
    # The header (demo notice, site name, links, search) leaves most of the first screen to
    # the page: its title starts in the top third, and the search box is a full-width row.
    assert page.locator("h1").bounding_box()["y"] < 844 / 3 + 20
    assert page.locator("#site-search-q").bounding_box()["width"] > 390 * 0.6
    # Cards two to a row on a phone: each image then needs ~350 device pixels, which the
    # 480-px WebP copies give sharp (one to a row, they were stretched 1.5–2.8 times).
    boxes = [page.locator(".card").nth(n).bounding_box() for n in (0, 1)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    assert boxes[0]["width"] < 390 / 2
    first_card = page.locator(".card a").first
    first_card_image = page.locator(".card img").first
    assert first_card_image.get_attribute("loading") == "lazy"
    assert re.search(r"\.jpg \d+w", first_card_image.get_attribute("srcset") or "")
    page.screenshot(path=str(artifacts_dir / "journey-2-part.png"), full_page=True)
    first_card.click()

    page.wait_for_url(re.compile(r"/tu-lieu/[\w.-]+/$"))
    first_item_url = page.url
    source = page.locator(".source").inner_text()
    assert re.fullmatch(r"Nguồn: .+, Phông MH-[^,]+, Mục lục MH-[^,]+, Hồ sơ MH-.+", source)
    assert page.locator(".page img").count() >= 2
    image = page.locator(".page img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    # Prev/next run through the whole exhibition: Phần II's first item follows Phần I's last.
    assert "TL-0014" in page.locator("a[rel=prev]").get_attribute("href")
    page.screenshot(path=str(artifacts_dir / "journey-3-item.png"), full_page=True)

    page.locator("a[rel=next]").click()
    page.wait_for_url(lambda url: url != first_item_url)
    assert page.locator(".source").inner_text().startswith("Nguồn: ")
    assert page.locator("a[rel=prev]").get_attribute("href") in first_item_url
    page.locator("a[rel=prev]").click()
    page.wait_for_url(first_item_url)
    page.screenshot(path=str(artifacts_dir / "journey-4-back.png"))

    assert failed_requests == []
    assert outside == []


def test_the_pages_work_without_javascript(live_server, demo, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator(".tiles a").first.click()
    page.locator(".tiles-parts a").nth(1).click()
    page.locator(".card a").first.click()
    assert page.locator(".source").inner_text().startswith("Nguồn: ")
    assert page.locator(".page img").count() >= 1
    context.close()
