"""The counting endpoint: what counts, what does not, and what is refused."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.test import Client

from tests.stats.conftest import CHROME, Site, hit
from trienlam.catalogue.models import Item
from trienlam.stats import counting
from trienlam.stats.models import UNKNOWN, DailyVisit, Page

EX = "/trien-lam/cum-thi-dua/"


def total() -> int:
    return DailyVisit.objects.aggregate(n=Sum("count"))["n"] or 0


def rows() -> list[tuple[str, str, str, int]]:
    return sorted(DailyVisit.objects.values_list("page__path", "ref", "host", "count"))


def test_a_view_is_counted_with_its_code_and_referring_site(site: Site, client: Client) -> None:
    response = hit(client, EX, r="sonoivu", h="baochinhphu.vn")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["X-Trienlam-Count"] == "counted"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    hit(client, EX, r="sonoivu", h="baochinhphu.vn")
    hit(client, EX)
    assert rows() == [(EX, "", "", 1), (EX, "sonoivu", "baochinhphu.vn", 2)]


def test_every_kind_of_public_page_is_counted_with_its_part(site: Site, client: Client) -> None:
    pages = {
        EX: ("exhibition", None, None),
        f"{EX}phan-1/": ("part", site.part1.pk, None),
        f"{EX}tu-lieu/TL-0002/": ("item", site.part1.pk, site.photo.pk),  # in section 1.1
        f"{EX}tu-lieu/TL-0003/": ("item", site.part2.pk, site.quote.pk),
        "/tu-lieu/TL-0001/": ("item", None, site.letter.pk),
    }
    for path in pages:
        assert hit(client, path)["X-Trienlam-Count"] == "counted", path
    for path, (kind, part, item) in pages.items():
        page = Page.objects.get(path=path)
        assert (page.kind, page.part_id, page.item_id) == (kind, part, item), path
    assert total() == len(pages)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/tu-lieu/TL-0009/", "u: not a public exhibition, part or item page"),  # draft
        ("/trien-lam/cum-thi-dua/tu-lieu/TL-0009/", "u: not a public"),
        ("/trien-lam/khong-co/", "u: not a public"),
        ("/trien-lam/cum-thi-dua/phan-9/", "u: not a public"),
        ("/xem-truoc/trien-lam/cum-thi-dua/", "u: not a public"),  # preview
        ("/admin/", "u: not a public"),
        ("/chinh-sach-bao-mat/", "u: not a public"),
        ("//evil.example/trien-lam/cum-thi-dua/", "u: not a path on this site"),
        ("https://evil.example/", "u: not a path on this site"),
        (EX + "?ref=x", "u: not a path on this site"),
        ("/" + "a" * 400, "u: the path is longer than 300 characters"),
        ("", "u: the path of the page is missing"),
    ],
)
def test_anything_but_a_public_page_is_refused(
    site: Site, client: Client, path: str, reason: str
) -> None:
    response = hit(client, path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith(reason)
    assert total() == 0


def test_only_the_needed_fields_are_accepted(site: Site, client: Client) -> None:
    response = client.get("/dem/", {"u": EX, "ip": "1.2.3.4"}, HTTP_USER_AGENT=CHROME)
    assert response.status_code == 400
    assert response.content.decode() == "ip: unexpected field (only u, r and h are accepted)"
    response = client.get(f"/dem/?u={EX}&r=sonoivu&r=baolangson", HTTP_USER_AGENT=CHROME)
    assert response.status_code == 400
    assert response.content.decode() == "r: given more than once"
    assert client.post("/dem/", {"u": EX}, HTTP_USER_AGENT=CHROME).status_code == 405
    head = client.head("/dem/", {"u": EX}, HTTP_USER_AGENT=CHROME)
    assert head.status_code == 200 and head["X-Trienlam-Count"] == "head"
    assert total() == 0


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("sonoivu", "sonoivu"),
        ("SoNoiVu", "sonoivu"),  # typed from paper in capitals
        (" sonoivu ", "sonoivu"),
        ("khong-co-ma-nay", UNKNOWN),  # well-formed, no such agency
        ("<script>alert(1)</script>", UNKNOWN),
        ("'; DROP TABLE stats_dailyvisit; --", UNKNOWN),
        ("x" * 5000, UNKNOWN),
        ("sở-nội-vụ", UNKNOWN),
        ("a", UNKNOWN),
        ("", ""),
    ],
)
def test_unknown_or_malformed_codes_count_as_unknown(
    site: Site, client: Client, given: str, stored: str
) -> None:
    response = hit(client, EX, r=given)
    assert response.status_code == 200
    assert rows() == [(EX, stored, "", 1)]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("baochinhphu.vn", "baochinhphu.vn"),
        ("WWW.LangSon.gov.vn.", "www.langson.gov.vn"),
        ("intranet.local:8443", "intranet.local"),
        ("10.0.0.7", "10.0.0.7"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("xn--tinh-lng-sn-l5a.vn", "xn--tinh-lng-sn-l5a.vn"),
        ("testserver", ""),  # this site itself
        ("<img src=x onerror=alert(1)>", UNKNOWN),
        ("evil.example/path?q=1", UNKNOWN),
        ("a" * 120 + ".vn", UNKNOWN),
        ("", ""),
    ],
)
def test_referring_host_is_a_clean_host_name(
    site: Site, client: Client, given: str, stored: str
) -> None:
    hit(client, EX, h=given)
    assert rows() == [(EX, "", stored, 1)]


BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; coccocbot-web/1.0)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Wget/1.21.4",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0)",
    "",
    "   ",
]
PEOPLE = [
    CHROME,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 12; CPH2269) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100729 ZaloTheme/light "
    "ZaloLanguage/vi",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 coc_coc_browser/131.0.0",
    "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36",
]


@pytest.mark.parametrize("ua", BOTS)
def test_obvious_bots_are_not_counted(site: Site, client: Client, ua: str) -> None:
    response = hit(client, EX, ua=ua)
    assert response.status_code == 200
    assert response["X-Trienlam-Count"] == "bot"
    assert total() == 0


@pytest.mark.parametrize("ua", PEOPLE)
def test_browsers_are_counted(site: Site, client: Client, ua: str) -> None:
    assert hit(client, EX, ua=ua)["X-Trienlam-Count"] == "counted"
    assert total() == 1


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
    ],
)
def test_prefetches_are_not_counted(site: Site, client: Client, header: dict[str, str]) -> None:
    response = client.get("/dem/", {"u": EX}, HTTP_USER_AGENT=CHROME, **header)
    assert response["X-Trienlam-Count"] == "prefetch"
    assert total() == 0


def test_a_flood_from_one_client_is_capped(site: Site, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_COUNTER_FLOOD_LIMIT = 3
    outcomes = [hit(client, EX)["X-Trienlam-Count"] for _ in range(8)]
    assert outcomes == ["counted"] * 3 + ["flood"] * 5
    # Another client (another address, or another browser behind the same address) is not.
    other = client.get("/dem/", {"u": EX}, HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.1.2.3")
    assert other["X-Trienlam-Count"] == "counted"
    assert hit(client, EX, ua=CHROME + " Zalo")["X-Trienlam-Count"] == "counted"
    assert total() == 5


def test_flood_windows_pass_and_the_key_rotates_every_hour() -> None:
    gate = counting.FloodGate(window=10)
    start = 1_800_000_000.0  # on an hour boundary
    assert [gate.allow("1.2.3.4", CHROME, 2, now=start + i) for i in range(3)] == [
        True,
        True,
        False,
    ]
    assert gate.allow("1.2.3.4", CHROME, 2, now=start + 10)  # next window
    key = gate._key
    assert gate.allow("1.2.3.4", CHROME, 2, now=start + 3600)
    assert gate._key != key and len(gate._seen) == 1
    # Only hashes are held: neither the address nor the browser name is in memory here.
    assert all(isinstance(k, bytes) and len(k) == 16 for k in gate._seen)
    assert gate.allow("1.2.3.4", CHROME, 0, now=start)  # 0: no cap


def test_no_address_or_browser_is_stored(site: Site, client: Client) -> None:
    client.get(
        "/dem/", {"u": EX, "r": "sonoivu"}, HTTP_USER_AGENT=CHROME, REMOTE_ADDR="203.0.113.77"
    )
    columns = {f.column for f in DailyVisit._meta.fields} | {f.column for f in Page._meta.fields}
    assert columns == {
        "id",
        "day",
        "page_id",
        "ref",
        "host",
        "count",
        "path",
        "kind",
        "exhibition_id",
        "part_id",
        "item_id",
    }
    dump = repr(list(DailyVisit.objects.values())) + repr(list(Page.objects.values()))
    assert "203.0.113" not in dump and "Android" not in dump


def test_without_javascript_the_code_comes_from_the_pixels_referer(
    site: Site, client: Client
) -> None:
    # The <noscript> pixel carries only the path; its Referer is the page, with ?ref=.
    client.get(
        "/dem/",
        {"u": EX},
        HTTP_USER_AGENT=CHROME,
        HTTP_REFERER=f"http://testserver{EX}?ref=sonoivu",
    )
    # Another site's Referer is never read for a code.
    client.get(
        "/dem/",
        {"u": EX},
        HTTP_USER_AGENT=CHROME,
        HTTP_REFERER=f"https://evil.example{EX}?ref=baolangson",
    )
    assert rows() == [(EX, "", "", 1), (EX, "sonoivu", "", 1)]


def test_a_withdrawn_item_stops_being_counted(site: Site, client: Client) -> None:
    path = "/tu-lieu/TL-0001/"
    assert hit(client, path).status_code == 200
    Item.objects.filter(pk=site.letter.pk).update(status=Item.Status.WITHDRAWN)
    counting.clear_caches()  # in production: within a minute
    assert hit(client, path).status_code == 400
    assert total() == 1


def test_a_new_day_gets_a_new_row(site: Site) -> None:
    from datetime import date

    page_id = counting.page_id_for(EX)
    assert page_id is not None
    counting.add_visit(page_id, "", "", day=date(2026, 11, 1))
    counting.add_visit(page_id, "", "", day=date(2026, 11, 1))
    counting.add_visit(page_id, "", "", day=date(2026, 11, 2))
    assert sorted(DailyVisit.objects.values_list("day", "count")) == [
        (date(2026, 11, 1), 2),
        (date(2026, 11, 2), 1),
    ]
