"""The beacon in public pages, the footer counter, the static export's variant, the privacy
note, and the round trip of a referral link to the dashboard."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django.test import Client

from tests.stats.conftest import CHROME, Site, hit

EX = "/trien-lam/cum-thi-dua/"
BEACON = re.compile(r'<script src="[^"]*count\.js" data-hit="([^"]*)" data-path="([^"]*)" defer>')
PIXEL = re.compile(r'<noscript><img class="visit-pixel" src="([^"]*)"')


def test_counted_pages_carry_the_beacon_and_the_noscript_pixel(site: Site, client: Client) -> None:
    for path in (EX, f"{EX}phan-1/", f"{EX}tu-lieu/TL-0001/", "/tu-lieu/TL-0001/"):
        html = client.get(path + "?ref=sonoivu").content.decode()
        assert BEACON.findall(html) == [("/dem/", path)], path
        # The pixel names the page only: ?ref= comes from its Referer, so a cached page
        # (one copy for every ?ref=) still counts each agency's visitors.
        assert PIXEL.findall(html) == [f"/dem/?u={path}"], path
    for path in ("/", "/chinh-sach-bao-mat/", "/trien-lam/khong-co/"):
        html = client.get(path).content.decode()
        assert "count.js" not in html and "visit-pixel" not in html, path


def test_previews_are_not_counted(site: Site, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    editor = User.objects.create_superuser("quantri", "q@trienlam.example", "mat-khau-dai-1")
    client.force_login(editor)
    html = client.get(f"/xem-truoc/trien-lam/{site.exhibition.slug}/").content.decode()
    assert "count.js" not in html and "visit-pixel" not in html


def test_footer_counter_shows_total_and_today(site: Site, client: Client) -> None:
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from trienlam.stats import counting

    page_id = counting.page_id_for(EX)
    counting.add_visit(page_id, "", "", day=timezone.localdate() - timedelta(days=3))
    for _ in range(2):
        hit(client, EX)
    cache.clear()
    html = client.get("/").content.decode()
    counter = re.search(r'<p class="visit-counter">(.*?)</p>', html).group(1)
    text = re.sub(r"<[^>]+>", "", counter)
    assert text == "Lượt truy cập: Tổng số 3 · Hôm nay 2"
    # Cached for a minute: one more view does not cost a query on every page.
    hit(client, EX)
    assert "Tổng số <strong>3</strong>" in client.get("/").content.decode()
    cache.clear()
    assert "Tổng số <strong>4</strong>" in client.get("/").content.decode()


def test_large_totals_are_grouped_vietnamese_style(site: Site, client: Client) -> None:
    from trienlam.stats import counting
    from trienlam.stats.models import DailyVisit

    counting.add_visit(counting.page_id_for(EX), "", "")
    DailyVisit.objects.update(count=1234567)
    html = client.get("/").content.decode()
    assert "Tổng số <strong>1.234.567</strong>" in html


def test_static_export_counts_against_the_live_site(site: Site, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_COUNTER_URL = "https://trienlam.example.gov.vn"
    html = client.get(f"{EX}phan-1/", TRIENLAM_EXPORT="1").content.decode()
    assert BEACON.findall(html) == [("https://trienlam.example.gov.vn/dem/", f"{EX}phan-1/")]
    assert PIXEL.findall(html) == [f"https://trienlam.example.gov.vn/dem/?u={EX}phan-1/"]
    # The frozen page shows the live counter as an image rather than a stale number.
    assert '<img src="https://trienlam.example.gov.vn/dem/luot-truy-cap.svg"' in html
    assert "Tổng số" not in html


def test_static_export_without_a_counter_url_is_cleanly_off(
    site: Site, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_COUNTER_URL = ""
    html = client.get(EX, TRIENLAM_EXPORT="1").content.decode()
    assert "count.js" not in html and "/dem/" not in html and "visit-counter" not in html


def test_counter_image_for_the_export(site: Site, client: Client) -> None:
    hit(client, EX)
    response = client.get("/dem/luot-truy-cap.svg")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    body = response.content.decode()
    assert "Lượt truy cập: 1 tổng số · 1 hôm nay" in body
    assert body.startswith("<svg") and "<script" not in body


def test_privacy_page_says_exactly_what_is_counted(site: Site, client: Client) -> None:
    html = client.get("/chinh-sach-bao-mat/").content.decode()
    assert "Thống kê truy cập: những gì được đếm" in html
    assert "không lưu địa chỉ IP" in html
    assert "10 lượt xem trong mười giây" in html


def test_a_referral_link_round_trips_to_the_dashboard(site: Site, client: Client) -> None:
    """An agency's link (as the promotion kit writes it) → the page → count.js's request →
    the agency's row on the dashboard."""
    link = f"{EX}?ref={site.commune.code}"
    html = client.get(link).content.decode()
    hit_url, path = BEACON.findall(html)[0]
    # What count.js sends: the page's path, the link's ?ref= and the referring site.
    ref = parse_qs(urlsplit(link).query)["ref"][0]
    response = client.get(
        hit_url, {"u": path, "r": ref, "h": "ubndtanthanh.caobang.gov.vn"}, HTTP_USER_AGENT=CHROME
    )
    assert response["X-Trienlam-Count"] == "counted"
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("quantri", "q@t.example", "mat-khau-dai-1"))
    dashboard = client.get("/thong-ke/").content.decode()
    row = re.search(
        r"<th scope=\"row\">UBND xã Tân Thành</th><td><code>ubnd-xa-tan-thanh"
        r"</code></td><td class=\"num\">(\d+)</td>",
        dashboard,
    )
    assert row and row.group(1) == "1"
    assert "ubndtanthanh.caobang.gov.vn" in dashboard
