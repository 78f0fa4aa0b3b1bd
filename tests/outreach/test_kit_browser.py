"""The promotion kit in headless Chromium: copy buttons, the agency filter, the QR code."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

# The natural width of an image once it has loaded (lazy images load when scrolled to).
LOADED = """img => img.complete && img.naturalWidth ? img.naturalWidth : new Promise(
    (resolve) => { img.addEventListener('load', () => resolve(img.naturalWidth));
                   img.addEventListener('error', () => resolve(0)); })"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agency_gets_its_snippet_copied_and_sees_the_qr_code(  # type: ignore[no-untyped-def]
    live_server,
    small,
    agency,
    make_page,
    artifacts_dir,
) -> None:
    page = make_page("desktop")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    outside: list[str] = []
    failed: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    # What the kit loads (the visit counter's own endpoint is the statistics' business).
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and "/dem/" not in r.url
            else None
        ),
    )
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "/dem/" not in (m.location or {}).get("url", "")
            else None
        ),
    )

    page.goto(live_server.url + "/quang-ba/cum-thi-dua/")
    # The agency list filters as one types, without diacritics.
    search = page.get_by_label(re.compile("Tên cơ quan, tỉnh hoặc mã giới thiệu"))
    search.fill("van hoa")
    link = page.get_by_role("link", name=agency.name)
    assert link.is_visible()
    search.fill("khong co")
    assert not link.is_visible()
    assert page.get_by_text("Không có cơ quan nào khớp.").is_visible()
    search.fill("so van")
    page.screenshot(path=str(artifacts_dir / "outreach-kit-chooser-desktop.png"))
    search.fill("")
    page.get_by_text("Sở, ban, ngành").click()  # open the group
    page.get_by_role("link", name=agency.name).click()
    page.wait_for_url(re.compile(rf"/co-quan/{agency.code}/$"))

    qr = page.locator(".kit-qr img")
    qr.scroll_into_view_if_needed()
    assert qr.is_visible()
    assert qr.evaluate(LOADED) > 0
    for banner in page.locator(".kit-banner img").all():
        banner.scroll_into_view_if_needed()
        assert banner.evaluate(LOADED) > 0

    button = page.locator("button.kit-copy[data-copy='#snippet-ngang']")
    assert button.inner_text() == "Sao chép mã nhúng"
    button.click()
    # (expect() polls from Playwright's side: the page's CSP forbids evaluating strings.)
    expect(page.locator(".kit-status")).to_have_text("Đã sao chép")
    expect(button).to_have_text("Đã sao chép")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith('<a href="http://localhost') or copied.startswith('<a href="http://')
    assert f"?ref={agency.code}" in copied
    assert 'width="1200" height="300"' in copied
    page.screenshot(path=str(artifacts_dir / "outreach-kit-agency-desktop.png"), full_page=True)

    phone = make_page("mobile")
    phone.goto(live_server.url + f"/quang-ba/cum-thi-dua/co-quan/{agency.code}/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing wider than the phone's screen"
    phone.screenshot(path=str(artifacts_dir / "outreach-kit-agency-phone.png"), full_page=True)

    assert outside == []
    assert failed == []
    assert errors == []


def test_without_javascript_the_kit_still_works(  # type: ignore[no-untyped-def]
    live_server,
    small,
    agency,
    browser,
    artifacts_dir,
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/quang-ba/cum-thi-dua/")
    page.get_by_label(re.compile("Tên cơ quan, tỉnh hoặc mã giới thiệu")).fill("van hoa")
    page.get_by_role("button", name="Tìm cơ quan").click()
    page.get_by_role("link", name=agency.name).click()
    snippet = page.locator("#snippet-cot").input_value()
    assert f"?ref={agency.code}" in snippet
    assert page.get_by_role("button", name="Sao chép mã nhúng").count() == 0  # hidden
    context.close()


def test_an_item_page_leads_to_its_printable_label(
    live_server, small, make_page, artifacts_dir
) -> None:  # type: ignore[no-untyped-def]
    page = make_page("mobile")
    page.goto(live_server.url + f"/trien-lam/cum-thi-dua/tu-lieu/{small.letter.identifier}/")
    short = page.locator(".label-link a").first
    assert re.fullmatch(r"http://localhost:\d+/l/\d+-\d+", short.inner_text())
    page.get_by_role("link", name="Mã QR để in nhãn").click()
    page.wait_for_url(re.compile(r"/quang-ba/nhan/\d+-\d+/$"))
    qr = page.locator(".print-label img")
    assert qr.evaluate(LOADED) > 0 and qr.is_visible()
    assert page.locator(".print-label h1").inner_text() == small.letter.title
    page.screenshot(path=str(artifacts_dir / "outreach-label-phone.png"), full_page=True)
    short_url = page.locator(".print-label-url").inner_text()
    page.goto(short_url)
    page.wait_for_url(re.compile(rf"/tu-lieu/{small.letter.identifier}/$"))
