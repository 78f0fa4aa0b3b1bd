"""Open Graph / Twitter-card tags with absolute addresses and a 1200×630 image; short links
and QR codes for parts and items."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from PIL import Image

from trienlam.catalogue.models import Item

pytestmark = pytest.mark.django_db


def meta(body: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in re.findall(
        r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', body
    ):
        found.setdefault(key, value)
    return found


def pages(small) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        ("/trien-lam/cum-thi-dua/", "/quang-ba/cum-thi-dua/chia-se.jpg"),
        ("/trien-lam/cum-thi-dua/phan-1/", "/quang-ba/cum-thi-dua/chia-se/phan-1.jpg"),
        (
            f"/trien-lam/cum-thi-dua/tu-lieu/{small.letter.identifier}/",
            f"/quang-ba/tu-lieu/{small.letter.identifier}.jpg",
        ),
        (
            f"/tu-lieu/{small.report.identifier}/",
            f"/quang-ba/tu-lieu/{small.report.identifier}.jpg",
        ),
    ]


def test_pages_carry_share_tags_with_absolute_addresses(small, client: Client) -> None:
    for path, image in pages(small):
        body = client.get(path).content.decode()
        tags = meta(body)
        assert tags["og:url"] == "http://testserver" + path, path
        assert tags["og:image"] == "http://testserver" + image, path
        assert tags["twitter:image"] == tags["og:image"]
        assert tags["twitter:card"] == "summary_large_image"
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["og:title"] and tags["og:description"] and tags["og:image:alt"]
        response = client.get(image)
        assert response.status_code == 200
        picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert (picture.format, picture.size) == ("JPEG", (1200, 630))


def test_share_tags_use_the_public_address_when_set(small, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_BASE_URL = "https://trienlam.langson.gov.vn"
    tags = meta(client.get("/trien-lam/cum-thi-dua/").content.decode())
    assert tags["og:url"] == "https://trienlam.langson.gov.vn/trien-lam/cum-thi-dua/"
    assert tags["og:image"] == "https://trienlam.langson.gov.vn/quang-ba/cum-thi-dua/chia-se.jpg"


def test_a_hidden_item_has_no_share_image(small, client: Client) -> None:
    assert client.get(f"/quang-ba/tu-lieu/{small.hidden.identifier}.jpg").status_code == 404
    assert client.get("/quang-ba/cum-thi-dua/chia-se/khong-co.jpg").status_code == 404


def test_part_and_item_pages_show_a_short_link_and_a_printable_label(small, client: Client) -> None:
    for path in (
        "/trien-lam/cum-thi-dua/phan-1/",
        f"/trien-lam/cum-thi-dua/tu-lieu/{small.letter.identifier}/",
    ):
        body = client.get(path).content.decode()
        short = re.search(r'href="(http://testserver/l/([0-9p-]+))"', body)
        assert short, path
        code = short.group(2)
        followed = client.get(short.group(1).removeprefix("http://testserver"))
        assert followed.status_code == 302 and followed["Location"] == path
        label = client.get(f"/quang-ba/nhan/{code}/")
        assert label.status_code == 200
        assert f'src="/quang-ba/ma-qr/{code}.svg"' in label.content.decode()
        png = client.get(f"/quang-ba/ma-qr/{code}.png")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(f"/l/{small.exhibition.pk}-p{small.part1.pk}").status_code == 302
    assert client.get(f"/l/{small.exhibition.pk}-{small.letter.pk}").status_code == 302


def test_a_short_link_leads_only_to_public_things(small, client: Client) -> None:
    ex = small.exhibition.pk
    assert client.get(f"/l/{ex}-{small.hidden.pk}").status_code == 404  # a draft item
    assert client.get(f"/l/{ex}-p{small.section1.pk}").status_code == 404  # a section, not a part
    assert client.get(f"/l/{ex}-{ex + 1000}").status_code == 404
    assert client.get("/l/abc").status_code == 404
    Item.objects.filter(pk=small.letter.pk).update(status=Item.Status.WITHDRAWN)
    assert client.get(f"/l/{ex}-{small.letter.pk}").status_code == 404
    assert client.get(f"/quang-ba/ma-qr/{ex}-{small.letter.pk}.svg").status_code == 404
    assert client.get(f"/quang-ba/nhan/{ex}-{small.letter.pk}/").status_code == 404


def test_in_the_static_export_a_short_link_is_a_page_that_moves_on(small, client: Client) -> None:
    response = client.get(f"/l/{small.exhibition.pk}-p{small.part1.pk}", TRIENLAM_EXPORT="1")
    assert response.status_code == 200
    assert b'<meta http-equiv="refresh" content="0; url=/trien-lam/cum-thi-dua/phan-1/">' in (
        response.content
    )
