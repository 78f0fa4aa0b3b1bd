"""The search page: highlighted original text, count, pagination, helpful empty results."""

from __future__ import annotations

from django.test import Client

from tests import builders as b


def get(**params: str | list[str]) -> str:
    response = Client().get("/tim-kiem/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_highlight_the_original_accented_text(catalogue) -> None:
    html = get(q="dan cong hoa tuyen")
    assert "<mark>dân</mark> <mark>công</mark> <mark>hỏa</mark> <mark>tuyến</mark>" in html
    assert "Ảnh" in html and "TL-0100" in html
    assert "<code>dan cong hoa tuyen</code>" in html  # the folded form searched
    assert 'name="robots" content="noindex' in html


def test_snippet_comes_from_where_the_words_are(catalogue) -> None:
    html = get(q="loi keu goi")  # only in the caption of TL-0097 ... and found through it
    assert "TL-0097" in html
    html = get(q="lam duong")
    assert "<mark>làm</mark> <mark>đường</mark>" in html


def test_count_and_pagination(db) -> None:
    archive = b.institution(slug="ttlt-page")
    for n in range(45):
        b.item(archive, identifier=f"TL-{n + 1:04d}", title=f"Báo cáo thủy lợi số {n + 1}")
    first = get(q="thuy loi")
    assert "45" in first and 'rel="next" href="/tim-kiem/?q=thuy+loi&amp;trang=2"' in first
    assert first.count('class="hit"') == 20
    last = get(q="thuy loi", trang="3")
    assert last.count('class="hit"') == 5 and 'rel="prev"' in last and 'rel="next"' not in last
    assert 'start="41"' in last


def test_empty_results_suggest_removing_filters(catalogue) -> None:
    html = get(q="dien bien", loai="photo", tinh="lang-son")
    assert 'class="hits"' not in html
    assert 'href="/tim-kiem/?q=dien+bien&amp;tinh=lang-son"' in html  # without the kind
    assert 'href="/tim-kiem/?q=dien+bien&amp;loai=photo"' in html  # without the province
    assert "<code>dien bien</code>" in html
    nothing = get(q="khong co gi ca")
    assert "<code>khong co gi ca</code>" in nothing


def test_header_form_on_every_page(catalogue) -> None:
    html = Client().get("/").content.decode()
    assert 'action="/tim-kiem/"' in html and 'for="site-search-q"' in html
    assert 'role="search"' in html


def test_no_script_on_the_search_page(catalogue) -> None:
    html = get(q="thi dua")
    assert "<script" not in html.split("<footer")[0]
    assert 'method="get"' in html
