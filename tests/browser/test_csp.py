"""The public pages work under their Content-Security-Policy (no `unsafe-inline`).

Chromium reports every refused script, style, image, fetch or frame on the console
("Refused to ..."); opening the item page and its deep-zoom viewer must report none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media
from trienlam.lib.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db(transaction=True)

FULLY_LOADED = "() => window.trienlamViewer.world.getItemAt(0)?.getFullyLoaded()"


@pytest.fixture
def scanned_item(transactional_db: None, tmp_path: Path) -> str:
    b.site_profile()
    ex = b.exhibition(slug="cum")
    part = b.part(ex)
    item = b.item(b.institution(), title="Công văn một trang")
    add_media(item=item, source=b.scan(tmp_path / "p", width=2480, height=3508))
    processing.process_all()
    b.place(part, item)
    return reverse("exhibition_item", args=["cum", item.identifier])


def watch_for_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Collect CSP refusals from the console and from `securitypolicyviolation` events."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.expose_function("reportCspViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => window.reportCspViolation("
        "e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"
    )
    return violations


@pytest.mark.parametrize("kind", ["mobile", "desktop"])
def test_the_item_page_and_its_viewer_run_under_the_policy(
    live_server, scanned_item: str, make_page, kind: str
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(kind)
    violations = watch_for_violations(page)
    responses = []
    page.on("response", lambda r: responses.append(r))

    response = page.goto(live_server.url + scanned_item)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    page.wait_for_load_state("load")

    page.get_by_role("button", name="Phóng to để đọc chi tiết").first.click()
    page.wait_for_function("() => window.trienlamViewer?.world.getItemCount() > 0")
    page.wait_for_function(FULLY_LOADED)
    # The viewer really drew tiles fetched from /media/ (info.json, then images).
    tiles = [r for r in responses if "/media/iiif/" in r.url]
    assert any(r.url.endswith("info.json") for r in tiles)
    assert any(r.url.endswith(".jpg") for r in tiles)
    assert all(r.status == 200 for r in tiles)
    page.get_by_role("button", name="Phóng to", exact=True).click()
    page.wait_for_timeout(500)
    page.wait_for_function(FULLY_LOADED)

    # And the other public pages, with what they load.
    for url in (
        reverse("home"),
        reverse("exhibition", args=["cum"]),
        reverse("part", args=["cum", "phan-1"]),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")

    assert violations == []
