"""The browse pages in a real phone-sized Chromium: readable, no sideways scrolling, no CSP
refusal, links that lead to the filtered search; screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests import builders as b
from tests.browse.conftest import dated
from trienlam.browse.links import search_url
from trienlam.catalogue.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEVEN = [
    ("ha-giang", "Hà Giang"),
    ("cao-bang", "Cao Bằng"),
    ("lang-son", "Lạng Sơn"),
    ("lao-cai", "Lào Cai"),
    ("lai-chau", "Lai Châu"),
    ("dien-bien", "Điện Biên"),
    ("son-la", "Sơn La"),
]


@pytest.fixture
def seven_provinces(catalogue, tmp_path: Path):  # type: ignore[no-untyped-def]
    for position, (slug, name) in enumerate(SEVEN, start=1):
        province = b.province(name, slug)
        province.position = position
        if slug == "ha-giang":
            province.note = "Từ 1/7/2025 hợp nhất vào tỉnh Tuyên Quang"
        province.save()
    lao_cai = b.institution(
        "Trung tâm Lưu trữ lịch sử tỉnh Lào Cai",
        short_name="TTLTLS Lào Cai",
        slug="ttlt-lao-cai",
        province=b.province("Lào Cai", "lao-cai"),
    )
    for year in (1952, 1960, 1961, 1975, 1986, 2005):
        b.item(lao_cai, title=f"Tư liệu thi đua năm {year}", **dated(year))
    b.with_pages(
        b.item(
            catalogue.archives.lang_son,
            kind=Item.Kind.PHOTO,
            title="Ảnh lễ mít tinh",
            **dated(1958),
        ),
        tmp_path,
    )
    return catalogue


def watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    # Errors on the browse pages only (the search page the links lead to is tested apart).
    page.on(
        "console",
        lambda m: (
            problems.append(f"{page.url}: {m.text}")
            if m.type == "error" and "/tim-kiem/" not in page.url
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    return problems


def open_page(page, url: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{url} scrolls sideways ({width}px wide)"


def test_the_three_browse_pages_on_a_phone(
    live_server, seven_provinces, page, artifacts_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    problems = watch(page)
    open_page(page, live_server.url + reverse("browse_provinces"))
    page.screenshot(path=str(artifacts_dir / "browse-provinces-phone.png"), full_page=True)
    # The list comes first and is complete; the map draws all seven provinces.
    assert page.locator(".province-list li").count() == 7
    assert page.locator(".province-map svg path.map-province").count() == 7
    map_box = page.locator(".province-map svg").bounding_box()
    assert map_box and map_box["width"] > 300 and map_box["height"] > 180
    lang_son = page.locator('.province-map a[aria-label="Lạng Sơn: 4 tư liệu"]')
    assert lang_son.count() == 1
    # The list link leads to the search filtered by province.
    page.get_by_role("link", name="Lào Cai", exact=True).first.click()
    page.wait_for_url("**" + search_url(tinh="lao-cai"))

    open_page(page, live_server.url + reverse("browse_time"))
    page.screenshot(path=str(artifacts_dir / "browse-time-phone.png"), full_page=True)
    decades = page.locator(".timeline > li h2")
    assert decades.first.inner_text().startswith("Thập niên 1940")
    assert decades.last.inner_text().startswith("Thập niên 2000")
    bar = page.locator(".decade .bar").first.bounding_box()
    assert bar and bar["width"] > 200 and bar["height"] >= 8
    page.get_by_role("link", name="1975", exact=True).click()
    page.wait_for_url("**" + search_url(nam=1975))

    open_page(page, live_server.url + reverse("institutions"))
    page.screenshot(path=str(artifacts_dir / "browse-institutions-phone.png"), full_page=True)
    page.get_by_role("link", name="Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn").click()
    page.wait_for_url("**" + reverse("institution", args=["ttlt-lang-son"]))
    assert page.locator(".card").count() == 4
    assert page.locator(".card img").count() == 1
    page.screenshot(path=str(artifacts_dir / "browse-institution-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The site navigation reaches the three pages from any page.
    page.locator(".site-nav").get_by_role("link", name="Thời gian").click()
    page.wait_for_url("**" + reverse("browse_time"))
    assert problems == []
