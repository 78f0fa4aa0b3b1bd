"""The browse pages: counts of public items only, links to the filtered search, empty
states, and a fixed number of queries whatever the number of items."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import builders as b
from trienlam.browse import published
from trienlam.browse.links import search_url
from trienlam.catalogue.models import Institution, Item

NON_PUBLIC_TITLES = ["Bản nháp bí mật", "Tư liệu đã gỡ", "Tư liệu chờ duyệt", "Nháp Điện Biên"]


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def list_entry(html: str, name: str) -> str:
    """The <li> of the count list that names *name*."""
    lists = "".join(re.findall(r'<ul class="count-list.*?</ul>', html, re.S))
    entry = re.search(rf"<li>(?:(?!</li>).)*?{re.escape(name)}.*?</li>", lists, re.S)
    assert entry, f"{name} not in the list"
    return entry.group(0)


def test_search_links_use_the_agreed_parameters() -> None:
    assert search_url(tinh="lang-son").endswith("/tim-kiem/?tinh=lang-son")
    assert search_url(**{"don-vi": "ttlt-cao-bang"}).endswith("/tim-kiem/?don-vi=ttlt-cao-bang")
    assert search_url(**{"thap-nien": 1950}).endswith("/tim-kiem/?thap-nien=1950")


# --- by province --------------------------------------------------------------------------


def test_province_list_counts_public_items_and_links_to_search(client, catalogue) -> None:
    html = get(client, reverse("browse_provinces"))
    lang_son = list_entry(html, "Lạng Sơn")
    assert f'href="{search_url(tinh="lang-son")}"' in lang_son
    assert "3 tư liệu" in lang_son  # the draft and the withdrawn item are not counted
    cao_bang = list_entry(html, "Cao Bằng")
    assert "1 tư liệu" in cao_bang and f'href="{search_url(tinh="cao-bang")}"' in cao_bang
    # A province whose only item is a draft, and one with none: listed, not linked.
    for name in ("Điện Biên", "Sơn La"):
        entry = list_entry(html, name)
        assert "0 tư liệu" in entry and "href" not in entry
    # Ordered by the provinces' position (data an administrator edits).
    assert html.index("Cao Bằng") < html.index("Lạng Sơn")
    assert "1 tư liệu không thuộc riêng một tỉnh" in html
    for title in NON_PUBLIC_TITLES:
        assert title not in html


def test_province_map_links_each_shape_with_its_count(client, catalogue) -> None:
    html = get(client, reverse("browse_provinces"))
    svg = re.search(r"<svg viewBox=.*?</svg>", html, re.S).group(0)
    link = re.search(r'<a href="([^"]+)" aria-label="Lạng Sơn: 3 tư liệu">(.*?)</a>', svg, re.S)
    assert link and link.group(1) == search_url(tinh="lang-son")
    assert re.fullmatch(r'<path class="map-province" d="M[^"]+"/>', link.group(2))
    labels = re.search(r'<g class="map-labels" aria-hidden="true">(.*?)</g>', svg, re.S).group(1)
    names = re.findall(r"<text x[^>]*>([^<]+)</text>", labels)
    assert sorted(names) == ["Cao Bằng", "Lạng Sơn", "Sơn La", "Điện Biên"]
    assert sorted(re.findall(r"<text class=\"map-count\"[^>]*>(\d+)</text>", labels)) == ["1", "3"]
    # Coordinates are plain SVG numbers, not localised ("12,5" would move the letters).
    coordinates = re.findall(r'<text[^>]* x="([^"]*)" y="([^"]*)"', svg)
    assert len(coordinates) == 6  # name and count of 2 linked provinces, name of 2 others
    assert all(re.fullmatch(r"\d+(\.\d)?", v) for pair in coordinates for v in pair)
    # Provinces without public items are drawn, unlinked.
    assert svg.count('<path class="map-province map-empty"') == 2
    # Shapes of provinces not in the database (Hà Giang, Lào Cai, Lai Châu here) are only
    # context; nothing links to them.
    assert svg.count("<a ") == 2
    assert "Natural Earth" in html and "không phải bản đồ chính thức" in html


def test_a_renamed_province_without_a_shape_is_still_listed(client, catalogue) -> None:
    province = catalogue.provinces.lang_son
    province.slug, province.name = "lang-son-moi", "Lạng Sơn (tên mới)"
    province.save()
    html = get(client, reverse("browse_provinces"))
    assert "3 tư liệu" in list_entry(html, "Lạng Sơn (tên mới)")
    svg = re.search(r"<svg viewBox=.*?</svg>", html, re.S).group(0)
    assert "Lạng Sơn" not in svg and svg.count("<a ") == 1


def test_browse_pages_without_public_items(client, db) -> None:
    b.province("Lai Châu", "lai-chau")
    b.item(b.institution(), status=Item.Status.DRAFT, date_start="1950-01-01")
    html = get(client, reverse("browse_provinces"))
    assert "Chưa có tư liệu nào được công bố." in html
    assert "<svg viewBox" not in html
    html = get(client, reverse("institutions"))
    assert "Chưa có tư liệu nào được công bố." in html and "count-list" not in html
    html = get(client, reverse("browse_time"))
    assert "Chưa có tư liệu đã công bố nào có thời gian." in html
    assert "timeline" not in html and "không rõ thời gian" not in html


# --- by time -------------------------------------------------------------------------------


def decade_block(html: str, start: int) -> str:
    blocks = [
        b for b in html.split('<li class="decade')[1:] if re.search(rf"Thập niên {start}\b", b)
    ]
    assert len(blocks) == 1, f"no decade {start}"
    return blocks[0].split("</ol>")[0]


def test_timeline_counts_by_decade_and_year_of_the_earliest_date(client, catalogue) -> None:
    html = get(client, reverse("browse_time"))
    forties = decade_block(html, 1940)
    assert f'href="{search_url(**{"thap-nien": 1940})}"' in forties
    assert "Thập niên 1940" in forties and "2 tư liệu" in forties
    # 1945-1954 is placed by its start, 1945.
    assert f'<a href="{search_url(nam=1945)}">1945</a> <span class="count">(1)</span>' in forties
    assert f'<a href="{search_url(nam=1948)}">1948</a>' in forties
    fifties = decade_block(html, 1950)
    assert "2 tư liệu" in fifties
    assert re.findall(r">(\d{4})</a>", fifties) == ["1954", "1958"]
    # The draft of 1930 and the withdrawn item of 1962 make no decade; the 1970 item is in
    # review: the timeline stops at the 1950s.
    assert "1930" not in html and "1962" not in html and "1970" not in html
    assert "Thập niên 1960" not in html
    assert "1 tư liệu không rõ thời gian" in html
    assert "năm sớm nhất" in html  # the placing rule is said on the page


def test_timeline_shows_empty_decades_between_without_links(client, catalogue) -> None:
    b.item(
        catalogue.archives.lang_son,
        title="Tư liệu 1975",
        date_text="1975",
        date_start="1975-04-30",
        date_end="1975-04-30",
    )
    html = get(client, reverse("browse_time"))
    sixties = decade_block(html, 1960)
    assert "decade-empty" in sixties and "0 tư liệu" in sixties and "href" not in sixties
    seventies = decade_block(html, 1970)
    assert f'href="{search_url(nam=1975)}"' in seventies
    bars = [int(w) for w in re.findall(r'<rect width="(\d+)"', html)]
    assert bars == [100, 100, 50]  # 1940s: 2, 1950s: 2, 1970s: 1 (the 1960s has no bar)


def test_timeline_without_dated_items(client, db) -> None:
    institution = b.institution()
    b.item(institution, date_text="không rõ")
    html = get(client, reverse("browse_time"))
    assert "Chưa có tư liệu đã công bố nào có thời gian." in html
    assert "1 tư liệu không rõ thời gian" in html


# --- by institution ------------------------------------------------------------------------


def test_institution_index_lists_contributors_with_public_counts(client, catalogue) -> None:
    html = get(client, reverse("institutions"))
    lang_son = list_entry(html, "Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn")
    assert f'href="{reverse("institution", args=["ttlt-lang-son"])}"' in lang_son
    assert "3 tư liệu" in lang_son and "Lưu trữ lịch sử tỉnh" in lang_son
    assert "1 tư liệu" in list_entry(html, "Trung tâm Lưu trữ quốc gia III")
    # Only drafts, or nothing: not a contributor (yet).
    assert "Điện Biên" not in html and "Hà Giang" not in html


def test_institution_page_shows_its_public_items_and_details(client, catalogue) -> None:
    html = get(client, reverse("institution", args=["ttlt-lang-son"]))
    assert '<h1 class="page-title">Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn</h1>' in html
    assert "Thành phố Lạng Sơn" in html and "Lưu trữ lịch sử tỉnh" in html
    cards = re.findall(r'<li class="card">.*?</li>', html, re.S)
    assert len(cards) == 3
    items = catalogue.items
    # Oldest first; each card opens the item's own page.
    for card, item in zip(cards, [items.ls_1948, items.ls_1954, items.ls_1958], strict=True):
        assert f'href="{reverse("item", args=[item.identifier])}"' in card
        assert item.title in card
    for title in NON_PUBLIC_TITLES:
        assert title not in html
    assert "3 tư liệu" in html


def test_institution_page_with_successor_and_without_items(client, catalogue) -> None:
    html = get(client, reverse("institution", args=["btdkt-ha-giang"]))
    assert "Cơ quan này chưa có tư liệu nào được công bố." in html
    successor_url = reverse("institution", args=["ttlt-cao-bang"])
    assert f'Tài liệu của cơ quan này hiện do <a href="{successor_url}">' in html
    html = get(client, reverse("institution", args=["ttlt-cao-bang"]))
    assert f'<a href="{reverse("institution", args=["btdkt-ha-giang"])}">' in html
    assert "Hồ sơ kháng chiến" in html and "Tư liệu chờ duyệt" not in html


def test_unknown_institution_is_404(client, db) -> None:
    assert client.get(reverse("institution", args=["khong-co"])).status_code == 404


def test_institution_page_shows_the_first_items_and_links_to_all(client, catalogue, settings):
    from trienlam.browse import views

    settings.DEBUG = False
    original = views.INSTITUTION_ITEMS_SHOWN
    views.INSTITUTION_ITEMS_SHOWN = 2
    try:
        html = get(client, reverse("institution", args=["ttlt-lang-son"]))
    finally:
        views.INSTITUTION_ITEMS_SHOWN = original
    assert html.count('<li class="card">') == 2
    assert f'href="{search_url(**{"don-vi": "ttlt-lang-son"})}"' in html
    assert "Xem cả 3 tư liệu" in html


def test_item_page_links_its_institution(client, catalogue) -> None:
    html = get(client, reverse("item", args=[catalogue.items.ls_1948.identifier]))
    url = reverse("institution", args=["ttlt-lang-son"])
    assert f'<a href="{url}">Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn</a>' in html


# --- for every page ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("browse_provinces"),
        reverse("browse_time"),
        reverse("institutions"),
        reverse("institution", args=["ttlt-lang-son"]),
    ],
)
def test_queries_do_not_grow_with_the_items(client, catalogue, url, tmp_path) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        return len(queries)

    before = count()
    archive = catalogue.archives.lang_son
    for year in range(1960, 1972):
        b.item(archive, date_text=str(year), date_start=f"{year}-01-01", date_end=f"{year}-12-31")
    b.with_pages(b.item(archive, kind=Item.Kind.PHOTO), tmp_path)
    province = b.province("Lào Cai", "lao-cai")
    b.item(
        b.institution(
            "Trung tâm Lưu trữ lịch sử tỉnh Lào Cai", slug="ttlt-lao-cai", province=province
        )
    )
    assert count() == before <= 6


def test_published_pages_list_every_browse_page(catalogue) -> None:
    pages = [path for path, _key in published.pages()]
    assert pages[:3] == ["/tinh/", "/thoi-gian/", "/don-vi/"]
    assert sorted(pages[3:]) == sorted(
        f"/don-vi/{slug}/" for slug in Institution.objects.values_list("slug", flat=True)
    )
    client = Client()
    for path in pages:
        assert client.get(path).status_code == 200, path


def test_browse_page_keys_follow_what_each_page_shows(catalogue) -> None:
    """The static export renders a browse page again only when its key changes: editing one
    item changes its institution's page and the overviews, not the other institutions."""
    before = dict(published.pages())
    item = Item.objects.public().select_related("institution").order_by("pk").first()
    item.title += " (sửa)"
    item.save()
    after = dict(published.pages())
    changed = {path for path in before if before[path] != after[path]}
    own = reverse("institution", kwargs={"slug": item.institution.slug})
    assert changed == {"/tinh/", "/thoi-gian/", "/don-vi/", own}

    # An institution renamed: its page, the overviews, and its predecessors' pages (they
    # name it as their successor).
    before = after
    successor = item.institution
    predecessor = Institution.objects.exclude(pk=successor.pk).order_by("pk").first()
    predecessor.successor = successor
    predecessor.save()
    after = dict(published.pages())
    own_predecessor = reverse("institution", kwargs={"slug": predecessor.slug})
    changed = {path for path in before if before[path] != after[path]}
    assert {own, own_predecessor} <= changed
    # A withdrawn item leaves its institution's page.
    before = after
    item.status = Item.Status.WITHDRAWN
    item.save()
    after = dict(published.pages())
    assert before[own] != after[own]


def test_site_nav_links_the_browse_pages(client, catalogue) -> None:
    html = get(client, reverse("home"))
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    for name in ("browse_provinces", "browse_time", "institutions"):
        assert f'href="{reverse(name)}"' in nav


def test_every_count_matches_what_the_search_page_finds(client, catalogue) -> None:
    """The contract with trienlam.search: each browse link, followed, finds exactly the number
    of items the browse page announced."""
    from urllib.parse import parse_qs, urlsplit

    from trienlam.search.api import search

    announced: list[tuple[str, int]] = []
    html = get(client, reverse("browse_provinces"))
    for entry in re.findall(r"<li>.*?</li>", html.split('class="count-list"')[1], re.S):
        if "href" in entry:
            url = re.search(r'href="([^"]+)"', entry).group(1)
            announced.append((url, int(re.search(r"(\d+) tư liệu", entry).group(1))))
    html = get(client, reverse("browse_time"))
    for url, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', html):
        if "thap-nien" in url:
            announced.append(
                (url, int(re.search(rf"{re.escape(url)}.*?(\d+) tư liệu", html, re.S).group(1)))
            )
        elif "nam=" in url:
            after = html.split(f'<a href="{url}">{label}</a>')[1]
            announced.append((url, int(re.match(r' <span class="count">\((\d+)\)', after)[1])))
    institution = get(client, reverse("institution", args=["ttlt-lang-son"]))
    announced.append((search_url(**{"don-vi": "ttlt-lang-son"}), institution.count('class="card"')))
    assert len(announced) == 2 + 2 + 4 + 1
    for url, count in announced:
        parts = urlsplit(url)
        assert parts.path == reverse("search")
        assert search("", parse_qs(parts.query)).total == count, url


def test_timeline_merges_runs_of_empty_decades(client, catalogue) -> None:
    b.item(catalogue.archives.lang_son, **dated_days(1885))
    b.item(catalogue.archives.lang_son, **dated_days(2024))
    html = get(client, reverse("browse_time"))
    headings = [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r'<li class="decade[^"]*">\s*<h2>(.*?)</h2>', html, re.S)
    ]
    assert headings == [
        "Thập niên 1880 1 tư liệu",
        "Thập niên 1890 – 1930 0 tư liệu",
        "Thập niên 1940 2 tư liệu",
        "Thập niên 1950 2 tư liệu",
        "Thập niên 1960 – 2010 0 tư liệu",
        "Thập niên 2020 1 tư liệu",
    ]


def dated_days(year: int) -> dict[str, object]:
    return {"date_text": str(year), "date_start": f"{year}-01-01", "date_end": f"{year}-12-31"}
