"""What a visitor reads: exhibition home, part page, item page, privacy page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.exhibitions.conftest import SmallExhibition
from trienlam.catalogue.models import Item, Media


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_it_shows_the_exhibition_home(client: Client, small: SmallExhibition) -> None:
    html = get(client, reverse("exhibition", args=["cum-thi-dua"]))
    assert "Phong trào thi đua yêu nước Cụm 7 tỉnh miền núi biên giới phía Bắc" in html
    assert "Lời giới thiệu" in html
    assert "Chỉ thị số 05/2007/CT-TTg" in html
    assert "UBND tỉnh Lạng Sơn" in html
    assert "Hội nghị tổng kết Cụm thi đua" in html
    # Contributing institutions come from the public items only.
    assert "Trung tâm Lưu trữ quốc gia III" in html
    # Counts by kind; the draft item is not counted.
    assert "1 tài liệu, 1 hình ảnh, 1 câu trích" in html
    # Parts as entry tiles, in order.
    assert html.index("Chủ tịch Hồ Chí Minh") < html.index("Cụm thi đua 7 tỉnh")
    assert reverse("part", args=["cum-thi-dua", "phan-2"]) in html


def test_it_lists_public_exhibitions_on_the_site_home(
    client: Client, small: SmallExhibition
) -> None:
    b.exhibition(slug="ban-nhap", title="Triển lãm đang soạn", status="draft")
    html = get(client, "/")
    assert reverse("exhibition", args=["cum-thi-dua"]) in html
    assert "Triển lãm đang soạn" not in html


def test_it_shows_a_part_with_sections_and_cards(client: Client, small: SmallExhibition) -> None:
    html = get(client, reverse("part", args=["cum-thi-dua", "phan-1"]))
    assert "Phần mở đầu của triển lãm." in html
    assert 'id="loi-keu-goi"' in html
    assert html.index("Công văn về phong trào thi đua") < html.index('id="h-loi-keu-goi"')
    assert "Bản nháp chưa duyệt" not in html
    card = re.search(r'<li class="card">.*?</li>', html, re.S).group(0)
    assert 'loading="lazy"' in card
    assert re.search(r'srcset="[^"]*240w, [^"]*480w', card)
    # cards offer the small sizes as WebP too
    assert re.search(r'<source type="image/webp" srcset="[^"]*\.webp 240w, [^"]*\.webp 480w"', card)
    assert 'width="240"' in card and "height=" in card
    assert "Tài liệu" in card and "12/6/1958" in card and "TTLTLS Lạng Sơn" in card


def test_item_page_shows_pages_source_line_and_neighbours(
    client: Client, small: SmallExhibition
) -> None:
    html = get(client, reverse("exhibition_item", args=["cum-thi-dua", small.letter.identifier]))
    assert "<h1>Công văn về phong trào thi đua</h1>" in html
    assert (
        "Nguồn: Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn, Phông MH-UBHC-LS, Mục lục MH-03, "
        "Hồ sơ MH-127, tờ MH-12-15" in html
    )
    assert "MH-15/TĐ" in html and "Ủy ban hành chính tỉnh Lạng Sơn" in html
    assert "Chú thích của người biên tập." in html
    assert html.count('<figure class="page"') == 3
    assert "Trang 3/3" in html
    assert html.count('fetchpriority="high"') == 1
    # The first item has a next item but no previous one; the draft is skipped.
    assert 'rel="prev"' not in html
    next_url = reverse("exhibition_item", args=["cum-thi-dua", small.report.identifier])
    assert f'rel="next" href="{next_url}"' in html
    # Breadcrumbs: home › exhibition › part › item.
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert reverse("exhibition", args=["cum-thi-dua"]) in crumbs
    assert reverse("part", args=["cum-thi-dua", "phan-1"]) in crumbs


def test_prev_next_follow_the_exhibition_order_across_parts(
    client: Client, small: SmallExhibition
) -> None:
    html = get(client, reverse("exhibition_item", args=["cum-thi-dua", small.report.identifier]))
    prev_url = reverse("exhibition_item", args=["cum-thi-dua", small.letter.identifier])
    next_url = reverse("exhibition_item", args=["cum-thi-dua", small.quote.identifier])
    assert f'rel="prev" href="{prev_url}"' in html
    assert f'rel="next" href="{next_url}"' in html
    assert "Nguồn: Trung tâm Lưu trữ quốc gia III, Ký hiệu MH-ANH-0042" in html


def test_a_quotation_renders_as_a_quotation_without_an_image(
    client: Client, small: SmallExhibition
) -> None:
    html = get(client, reverse("exhibition_item", args=["cum-thi-dua", small.quote.identifier]))
    quote = re.search(r'<figure class="quotation">.*?</figure>', html, re.S).group(0)
    assert "<blockquote><p>Thi đua là yêu nước, yêu nước thì phải thi đua</p></blockquote>" in quote
    assert "Chủ tịch Hồ Chí Minh" in quote and "11/6/1948" in quote
    assert "Lời kêu gọi thi đua ái quốc" in quote
    assert "Nguồn: Hồ Chí Minh: Toàn tập, tr. MH-12" in html
    # No image, apart from the visit counter's 1×1 pixel for visitors without JavaScript.
    assert "<img" not in re.sub(r'<noscript><img class="visit-pixel"[^>]*></noscript>', "", html)
    assert 'rel="next"' not in html


def test_the_standalone_item_page_links_its_exhibitions(
    client: Client, small: SmallExhibition
) -> None:
    html = get(client, reverse("item", args=[small.report.identifier]))
    assert reverse("exhibition_item", args=["cum-thi-dua", small.report.identifier]) in html


@pytest.mark.parametrize(
    "url_name",
    ["home", "privacy", "exhibition", "part", "exhibition_item", "item"],
)
def test_every_page_has_the_footer_and_the_illustrative_label(
    client: Client, small: SmallExhibition, url_name: str
) -> None:
    args = {
        "home": [],
        "privacy": [],
        "exhibition": ["cum-thi-dua"],
        "part": ["cum-thi-dua", "phan-1"],
        "exhibition_item": ["cum-thi-dua", small.letter.identifier],
        "item": [small.letter.identifier],
    }[url_name]
    html = get(client, reverse(url_name, args=args))
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    assert "Sở Nội vụ tỉnh Lạng Sơn (minh họa)" in footer
    assert "Thành phố Lạng Sơn, tỉnh Lạng Sơn" in footer
    assert "Chánh Văn phòng Ban Tổ chức (minh họa)" in footer
    assert reverse("privacy") in footer
    assert "Dữ liệu minh họa" in footer
    assert "Dữ liệu minh họa" in html.split("<header", 1)[0]
    assert '<main id="main"' in html
    assert html.count('rel="stylesheet"') == 1
    scripts = re.findall(r"<script[^>]*>", html)
    # The visit counter (issue #6): our own small count.js on exhibition, part and item pages.
    counter = [s for s in scripts if 'src="/static/trienlam/count.js"' in s]
    assert len(counter) == (0 if url_name in ("home", "privacy") else 1)
    scripts = [s for s in scripts if s not in counter]
    if url_name in ("exhibition_item", "item"):
        # the deep-zoom enhancement, deferred, from our own site; nothing else
        assert len(scripts) == 1 and 'src="/static/trienlam/viewer.js" defer' in scripts[0]
    else:
        assert scripts == []


def test_rendition_files_are_served_for_public_items(
    client: Client, small: SmallExhibition
) -> None:
    media = small.letter.media.first()
    response = client.get(media.renditions()[0].url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_originals_are_not_public(client: Client, small: SmallExhibition) -> None:
    media = small.letter.media.first()
    assert client.get(media.file.url).status_code == 404


def test_script_typed_into_text_fields_is_shown_as_text(
    client: Client, small: SmallExhibition
) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    Item.objects.filter(pk=small.letter.pk).update(
        title=f"Tiêu đề {hostile}", summary=hostile, transcription=hostile, creator=hostile
    )
    small.part1.placements.update(caption=hostile)
    small.exhibition.introduction = hostile
    small.exhibition.save()
    for url in [
        reverse("exhibition", args=["cum-thi-dua"]),
        reverse("part", args=["cum-thi-dua", "phan-1"]),
        reverse("exhibition_item", args=["cum-thi-dua", small.letter.identifier]),
        reverse("item", args=[small.letter.identifier]),
    ]:
        html = get(client, url)
        assert "<script>alert" not in html, url
        assert "onerror=alert(1)>" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_part_page_queries_do_not_grow_with_the_number_of_items(
    client: Client, small: SmallExhibition, django_assert_max_num_queries
) -> None:
    url = reverse("part", args=["cum-thi-dua", "phan-1"])
    with django_assert_max_num_queries(8) as few:
        get(client, url)
    institution = small.letter.institution
    items = Item.objects.bulk_create(
        Item(identifier=f"TL-9{n:03d}", kind="document", title=f"Văn bản {n}",
             institution=institution, status="published")
        for n in range(200)
    )
    Media.objects.bulk_create(
        Media(item=item, file=f"originals/x/{item.identifier}.jpg", width=1654, height=2339,
              mime_type="image/jpeg")
        for item in items
    )
    for n, item in enumerate(items):
        b.place(small.section1, item, position=10 + n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = get(client, url)
    assert html.count('<li class="card">') == 202


def test_pages_are_in_vietnamese_whatever_the_browser_asks(
    client: Client, small: SmallExhibition
) -> None:
    url = reverse("exhibition_item", args=["cum-thi-dua", small.letter.identifier])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in html
    assert "Nguồn: " in html
