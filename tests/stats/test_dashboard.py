"""The reach dashboard and its exports: who may see them, and that every figure equals the
raw daily counts."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from tests.stats.conftest import Site
from trienlam.catalogue.models import Item
from trienlam.stats import counting, report
from trienlam.stats.models import UNKNOWN, DailyVisit

EX = "/trien-lam/cum-thi-dua/"
TODAY = date(2026, 11, 20)


@pytest.fixture
def counts(site: Site) -> dict[str, int]:
    """A realistic mix of daily counts over a week, written through the real upsert."""
    plan = [
        # (days before TODAY, path, ref, host, views)
        (0, EX, "sonoivu", "sonoivu.langson.gov.vn", 7),
        (0, EX, "", "", 3),
        (1, f"{EX}phan-1/", "sonoivu", "", 4),
        (1, f"{EX}tu-lieu/TL-0001/", "ubnd-xa-tan-thanh", "zalo.me", 5),
        (2, f"{EX}tu-lieu/TL-0002/", UNKNOWN, "", 2),
        (3, f"{EX}phan-2/", "", "www.facebook.com", 6),
        (3, f"{EX}tu-lieu/TL-0003/", "ubnd-xa-tan-thanh", "", 1),
        (6, "/tu-lieu/TL-0001/", "", UNKNOWN, 2),
        (40, EX, "sonoivu", "", 50),  # outside a one-week range
    ]
    for days, path, ref, host, views in plan:
        page = counting.page_id_for(path)
        assert page is not None, path
        for _ in range(views):
            counting.add_visit(page, ref, host, day=TODAY - timedelta(days=days))
    return {"week": sum(p[4] for p in plan if p[0] <= 6), "all": sum(p[4] for p in plan)}


def week() -> str:
    return f"tu={(TODAY - timedelta(days=6)).isoformat()}&den={TODAY.isoformat()}"


def test_who_may_see_the_dashboard(personas, site: Site) -> None:  # type: ignore[no-untyped-def]
    for url in ("/thong-ke/", "/thong-ke/xuat.csv", "/thong-ke/xuat.xlsx"):
        anonymous = personas.anonymous.get(url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith("/admin/login/?next=/thong-ke/")
        # Curators look after their own institution's items; the campaign's reach is the
        # organiser's (editors and administrators).
        assert personas.curator_a.get(url).status_code == 403, url
        assert personas.editor.get(url).status_code == 200, url
        assert personas.administrator.get(url).status_code == 200, url
    # The admin index links to it for editors only.
    assert 'href="/admin/stats/reachreport/"' in personas.editor.get("/admin/").content.decode()
    assert "reachreport" not in personas.curator_a.get("/admin/").content.decode()
    entry = personas.editor.get("/admin/stats/reachreport/")
    assert entry.status_code == 302 and entry["Location"] == "/thong-ke/"
    assert personas.curator_a.get("/admin/stats/reachreport/").status_code == 403


def test_dashboard_numbers_equal_the_raw_counts(site: Site, counts: dict[str, int]) -> None:
    filters = report.parse_filters(_query(week()))
    data = report.build(filters)
    raw = DailyVisit.objects.filter(day__range=(filters.start, filters.end))

    def raw_sum(**where: object) -> int:
        return raw.filter(**where).aggregate(n=Sum("count"))["n"] or 0

    assert data.total == raw_sum() == counts["week"] == 30
    assert sum(r.visits for r in data.days) == data.total
    assert {r.label: r.visits for r in data.days}[TODAY.isoformat()] == raw_sum(day=TODAY) == 10
    assert [(p.part, p.part_page, p.item_pages) for p in data.parts] == [
        ("Phần I — Chủ tịch Hồ Chí Minh", 4, 7),
        ("Phần II — Cụm thi đua 7 tỉnh", 6, 1),
    ]
    items = {r.detail: r.visits for r in data.items}
    assert items == {"TL-0001": 7, "TL-0002": 2, "TL-0003": 1}
    for code, expected in {"sonoivu": 11, "ubnd-xa-tan-thanh": 6, UNKNOWN: 2, "": 11}.items():
        assert raw_sum(ref=code) == expected
        assert {r.detail: r.visits for r in data.agencies}[code] == expected
    assert {r.label: r.visits for r in data.groups} == {"Sở, ban, ngành": 11, "UBND xã, phường": 6}
    assert {r.label: r.visits for r in data.provinces} == {"Lạng Sơn": 11, "Cao Bằng": 6}
    assert {r.detail: r.visits for r in data.hosts} == {
        "sonoivu.langson.gov.vn": 7,
        "": 10,
        "zalo.me": 5,
        "www.facebook.com": 6,
        UNKNOWN: 2,
    }
    assert [a.code for a in data.silent] == ["baolangson"]
    assert {r.label: r.visits for r in data.by_kind} == {
        "trang triển lãm": 10,
        "trang phần": 10,
        "trang tài liệu": 10,
    }


def _query(text: str):  # type: ignore[no-untyped-def]
    from django.http import QueryDict

    return QueryDict(text)


def test_dashboard_page_shows_the_same_numbers(personas, site: Site, counts) -> None:  # type: ignore[no-untyped-def]
    html = personas.editor.get(f"/thong-ke/?{week()}").content.decode()
    assert "<strong>30</strong> lượt truy cập từ 14/11/2026 đến 20/11/2026." in html
    assert re.search(
        r'<th scope="row">Sở Nội vụ tỉnh Lạng Sơn</th><td><code>sonoivu</code>'
        r'</td><td class="num">11</td>',
        html,
    )
    assert re.search(r'<th scope="row">Báo Lạng Sơn</th><td><code>baolangson</code>', html)
    # Charts: accessible SVG with a title and a summary, and the numbers in tables.
    assert html.count('role="img" aria-labelledby="chart-') == 7
    assert '<title id="chart-days-t">Lượt truy cập theo ngày</title>' in html
    assert "<title>2026-11-20: 10</title>" in html
    # Shareable: the filter is in the address, and the exports keep it.
    shared = week().replace("&", "&amp;")
    assert f'href="/thong-ke/xuat.xlsx?{shared}"' in html
    assert f'href="/thong-ke/xuat.csv?{shared}"' in html
    # The whole history is larger: the 50 views of 40 days ago are outside the range.
    everything = personas.editor.get("/thong-ke/?tu=2026-01-01&den=2026-11-20").content.decode()
    assert "<strong>80</strong> lượt truy cập" in everything


def test_bad_filters_get_a_clear_message(personas, site: Site) -> None:  # type: ignore[no-untyped-def]
    html = personas.editor.get("/thong-ke/?tu=26/11/2026&den=2026-11-20&trien_lam=khong-co")
    text = html.content.decode()
    assert html.status_code == 200
    assert "Từ ngày: “26/11/2026” không phải là ngày (dùng dạng NNNN-TT-NN" in text
    assert "Không có triển lãm nào có địa chỉ “khong-co”" in text
    swapped = report.parse_filters(_query("tu=2026-11-20&den=2026-11-01"))
    assert (swapped.start, swapped.end) == (date(2026, 11, 1), date(2026, 11, 20))
    capped = report.parse_filters(_query("tu=2000-01-01&den=2026-11-20"))
    assert (capped.end - capped.start).days + 1 == report.MAX_DAYS
    default = report.parse_filters(_query(""))
    assert default.end == timezone.localdate() and (default.end - default.start).days == 29


def test_exhibition_filter(personas, site: Site, counts) -> None:  # type: ignore[no-untyped-def]
    from tests import builders as b

    other = b.exhibition(slug="trien-lam-khac")
    counting.add_visit(counting.page_id_for("/trien-lam/trien-lam-khac/"), "", "", day=TODAY)
    assert other.pk
    only = report.build(report.parse_filters(_query(f"{week()}&trien_lam=cum-thi-dua")))
    assert only.total == 30 - 2  # the standalone item page belongs to no exhibition
    both = report.build(report.parse_filters(_query(week())))
    assert both.total == 31


def test_text_from_outside_is_escaped_everywhere(personas, site: Site) -> None:  # type: ignore[no-untyped-def]
    """Names typed in the admin and anything that ever reached the table are shown as text."""
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    site.department.name = "Sở " + evil
    site.department.save()
    Item.objects.filter(pk=site.letter.pk).update(title='=HYPERLINK("http://evil") ' + evil)
    page = counting.page_id_for("/tu-lieu/TL-0001/")
    counting.add_visit(page, "sonoivu", "", day=TODAY)
    DailyVisit.objects.create(day=TODAY, page_id=page, ref=evil[:32], host=evil[:100], count=1)
    html = personas.editor.get(f"/thong-ke/?{week()}").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    # Through the counting endpoint nothing of the kind even reaches the table.
    response = Client().get(
        "/dem/",
        {"u": EX, "r": evil, "h": evil},
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux) Firefox/133.0",
    )
    assert response["X-Trienlam-Count"] == "counted"
    assert DailyVisit.objects.filter(page__path=EX).values_list("ref", "host").get() == (
        UNKNOWN,
        UNKNOWN,
    )
    csv_text = personas.editor.get(f"/thong-ke/xuat.csv?{week()}").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text  # no formula for a spreadsheet to run
    book = load_workbook(io.BytesIO(personas.editor.get(f"/thong-ke/xuat.xlsx?{week()}").content))
    titles = [row[0] for row in book["Tài liệu xem nhiều"].iter_rows(min_row=2, values_only=True)]
    assert titles[0].startswith("'=HYPERLINK")


def test_csv_export_holds_every_daily_count(personas, site: Site, counts) -> None:  # type: ignore[no-untyped-def]
    response = personas.editor.get(f"/thong-ke/xuat.csv?{week()}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="thong-ke-truy-cap_2026-11-14_2026-11-20.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese right
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sum(int(r["Lượt truy cập"]) for r in rows) == counts["week"]
    assert len(rows) == DailyVisit.objects.filter(day__gte=TODAY - timedelta(days=6)).count()
    first = rows[0]
    assert first["Ngày"] == "2026-11-14" and first["Trang"] == "/tu-lieu/TL-0001/"
    assert first["Trang dẫn đến"] == "(tên miền không hợp lệ)"
    agency_row = next(r for r in rows if r["Mã giới thiệu"] == "ubnd-xa-tan-thanh")
    assert (agency_row["Cơ quan, đơn vị"], agency_row["Tỉnh"]) == ("UBND xã Tân Thành", "Cao Bằng")


def test_xlsx_export_has_a_sheet_per_table(personas, site: Site, counts) -> None:  # type: ignore[no-untyped-def]
    response = personas.editor.get(f"/thong-ke/xuat.xlsx?{week()}")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo ngày",
        "Theo phần",
        "Tài liệu xem nhiều",
        "Theo cơ quan",
        "Theo nhóm cơ quan",
        "Theo tỉnh",
        "Theo trang dẫn đến",
        "Chưa có lượt truy cập",
        "Số liệu theo ngày",
    ]
    overview = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(values_only=True)}
    assert overview["Tổng số lượt truy cập"] == 30
    days = list(book["Theo ngày"].iter_rows(min_row=2, values_only=True))
    assert len(days) == 7 and sum(n for _d, n in days) == 30
    assert days[-1][0].date() == TODAY
    agencies = {r[1]: r[2] for r in book["Theo cơ quan"].iter_rows(min_row=2, values_only=True)}
    assert agencies["sonoivu"] == 11 and agencies["ubnd-xa-tan-thanh"] == 6
    silent = list(book["Chưa có lượt truy cập"].iter_rows(min_row=2, values_only=True))
    assert silent == [("Báo Lạng Sơn", "baolangson", "Sở, ban, ngành", "Lạng Sơn")]
    raw = list(book["Số liệu theo ngày"].iter_rows(min_row=2, values_only=True))
    assert sum(r[-1] for r in raw) == 30
