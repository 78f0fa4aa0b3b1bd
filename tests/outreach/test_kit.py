"""The public promotion kit: page, snippets, banner files, QR codes, ZIP, caching, public rule."""

from __future__ import annotations

import html
import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
import segno
from django.test import Client
from PIL import Image

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition
from trienlam.outreach import kit, qr
from trienlam.outreach.models import PromotionKit

pytestmark = pytest.mark.django_db

KIT = "/quang-ba/cum-thi-dua/"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text += data


def snippets(body: str) -> list[str]:
    return [
        html.unescape(s)
        for s in re.findall(r'<textarea[^>]*class="kit-snippet"[^>]*>(.*?)</textarea>', body, re.S)
    ]


def parse(fragment: str) -> Tags:
    parser = Tags()
    parser.feed(fragment)
    return parser


def test_agency_snippet_is_a_plain_link_around_our_image(small, agency, client: Client) -> None:
    response = client.get(f"{KIT}co-quan/{agency.code}/")
    assert response.status_code == 200
    found = snippets(response.content.decode())
    assert len(found) == 2
    for fragment, (width, height) in zip(found, [(1200, 300), (300, 250)], strict=True):
        parsed = parse(fragment)
        assert [t for t, _a in parsed.tags] == ["a", "img"], fragment
        a, img = parsed.tags[0][1], parsed.tags[1][1]
        assert set(a) == {"href"}
        assert a["href"] == f"http://testserver/trien-lam/cum-thi-dua/?ref={agency.code}"
        assert img["src"].startswith("http://testserver/quang-ba/cum-thi-dua/banner-")
        assert img["srcset"].startswith("http://testserver/") and img["srcset"].endswith(" 2x")
        assert (img["width"], img["height"]) == (str(width), str(height))
        assert img["alt"] == small.exhibition.title
        assert not any(name.startswith("on") or name == "style" for name in img)
        assert "<script" not in fragment.lower() and "javascript:" not in fragment.lower()
        # The image it loads is ours, of exactly that size.
        path = img["src"].removeprefix("http://testserver")
        served = client.get(path)
        assert served.status_code == 200
        assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (width, height)


def test_the_general_kit_lists_agencies_and_finds_them_without_diacritics(
    small, agency, client: Client
) -> None:
    body = client.get(KIT).content.decode()
    assert f'href="{KIT}co-quan/{agency.code}/"' in body
    assert "?ref=" not in "".join(snippets(body))  # no agency chosen: no referral code
    found = client.get(KIT, {"q": "van hoa lang son"}).content.decode()
    assert agency.name in found
    none = client.get(KIT, {"q": "khong co ai"}).content.decode()
    assert agency.name not in none
    assert "Không có cơ quan nào khớp với “khong co ai”" in none


def test_unknown_agency_code_is_a_404_not_an_error(small, client: Client) -> None:
    assert client.get(f"{KIT}co-quan/khong-co/").status_code == 404
    assert client.get(f"{KIT}co-quan/khong-co/qr.svg").status_code == 404


@pytest.mark.parametrize(
    "path,size,fmt",
    [
        ("banner-ngang.png", (1200, 300), "PNG"),
        ("banner-ngang@2x.png", (2400, 600), "PNG"),
        ("banner-ngang.webp", (1200, 300), "WEBP"),
        ("banner-ngang@2x.webp", (2400, 600), "WEBP"),
        ("banner-cot.png", (300, 250), "PNG"),
        ("banner-cot@2x.png", (600, 500), "PNG"),
        ("banner-cot.webp", (300, 250), "WEBP"),
        ("banner-cot@2x.webp", (600, 500), "WEBP"),
    ],
)
def test_banner_files(small, client: Client, path: str, size: tuple[int, int], fmt: str) -> None:
    response = client.get(KIT + path)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert len(data) <= 150_000
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == (fmt, size)
    assert response["Content-Type"] == f"image/{fmt.lower()}"
    assert response["Cache-Control"] == "public, max-age=86400"
    again = client.get(KIT + path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_banners_are_cached_by_their_inputs(small, client: Client) -> None:
    exhibition = small.exhibition
    response = client.get(KIT + "banner-cot.png")
    etag = response["ETag"]
    files = sorted(p for p in (kit._root() / "banners").rglob("banner-cot.png"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    assert client.get(KIT + "banner-cot.png")["ETag"] == etag
    assert files[0].stat().st_mtime_ns == mtime, "an unchanged exhibition is not drawn again"
    exhibition.title = "Một tiêu đề mới"
    exhibition.save()
    changed = client.get(KIT + "banner-cot.png")
    assert changed["ETag"] != etag
    files = sorted(p for p in (kit._root() / "banners").rglob("banner-cot.png"))
    assert len(files) == 1, "the stale file is removed"


def test_sizes_are_configurable_per_exhibition(small, client: Client) -> None:
    PromotionKit.objects.create(
        exhibition=small.exhibition,
        wide_width=728,
        wide_height=90,
        sidebar_width=160,
        sidebar_height=600,
    )
    for path, size in (("banner-ngang.png", (728, 90)), ("banner-cot@2x.webp", (320, 1200))):
        data = b"".join(client.get(KIT + path).streaming_content)
        assert Image.open(io.BytesIO(data)).size == size
    body = client.get(KIT).content.decode()
    assert 'width="728" height="90"' in "".join(snippets(body))


def test_only_public_exhibitions_have_a_kit(small, client: Client) -> None:
    small.exhibition.status = Exhibition.Status.DRAFT
    small.exhibition.save()
    for path in ("", "banner-ngang.png", "qr.svg", "bo-quang-ba.zip", "chia-se.jpg"):
        assert client.get(KIT + path).status_code == 404, path


def test_a_cover_from_a_draft_item_is_never_drawn(small, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_BASE_URL = "https://trienlam.example"
    size = kit.sizes(small.exhibition)[0]
    assert kit.public_cover(small.exhibition) is not None
    assert kit.banner_inputs(None, small.exhibition, size)["cover"]
    Item.objects.filter(pk=small.letter.pk).update(status=Item.Status.DRAFT)
    assert kit.public_cover(small.exhibition) is None
    assert kit.banner_inputs(None, small.exhibition, size)["cover"] == ""


def _modules(png: bytes, scale: int, border: int) -> list[list[int]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    count = image.width // scale - 2 * border
    return [
        [
            1
            if image.getpixel(
                ((border + x) * scale + scale // 2, (border + y) * scale + scale // 2)
            )
            < 128
            else 0
            for x in range(count)
        ]
        for y in range(count)
    ]


def test_qr_png_and_svg_encode_the_agency_link(small, agency, client: Client) -> None:
    """No QR decoder is installed here: the PNG served is read back module by module and must
    be exactly the symbol segno makes for the expected link (and no other link's)."""
    expected = f"http://testserver/trien-lam/cum-thi-dua/?ref={agency.code}"
    png = client.get(f"{KIT}co-quan/{agency.code}/qr.png").content
    reference = [list(row) for row in segno.make(expected, error="m", micro=False).matrix]
    assert _modules(png, qr.PNG_SCALE, 4) == reference
    other = [list(row) for row in segno.make(expected + "x", error="m", micro=False).matrix]
    assert _modules(png, qr.PNG_SCALE, 4) != other
    svg = client.get(f"{KIT}co-quan/{agency.code}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg") and b"viewBox" in svg.content
    assert b"<script" not in svg.content


def test_the_zip_holds_everything(small, agency, client: Client) -> None:
    response = client.get(f"{KIT}co-quan/{agency.code}/bo-quang-ba.zip")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    for slug in ("ngang", "cot"):
        for suffix in ("", "@2x"):
            for fmt in ("png", "webp"):
                assert f"banner-{slug}{suffix}.{fmt}" in names
    assert {"qr.svg", "qr.png", "ma-nhung.html", "doc-truoc.txt"} <= names
    page = archive.read("ma-nhung.html").decode()
    assert f"?ref={agency.code}" in page and "<script" not in page
    assert agency.code in archive.read("doc-truoc.txt").decode()
    assert Image.open(io.BytesIO(archive.read("banner-cot.png"))).size == (300, 250)
    # The same kit gives the same bytes.
    assert client.get(f"{KIT}co-quan/{agency.code}/bo-quang-ba.zip").content == response.content


def test_public_base_url_is_used_for_absolute_links(
    small, agency, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_BASE_URL = "https://trienlam.langson.gov.vn"
    body = client.get(f"{KIT}co-quan/{agency.code}/").content.decode()
    fragment = snippets(body)[0]
    assert 'href="https://trienlam.langson.gov.vn/trien-lam/cum-thi-dua/?ref=' in fragment
    assert 'src="https://trienlam.langson.gov.vn/quang-ba/cum-thi-dua/banner-ngang.png"' in fragment


def test_kit_page_has_no_inline_script_and_loads_only_our_files(small, client: Client) -> None:
    body = client.get(KIT).content.decode()
    parsed = parse(body)
    for tag, attrs in parsed.tags:
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag in ("img", "script", "link", "source") and value:
                assert value.startswith(("/", "data:")), (tag, value)


def test_a_title_with_quotes_and_markup_stays_text_in_the_snippet(
    small, agency, client: Client
) -> None:
    small.exhibition.title = 'Triển lãm "Thi đua" </textarea><script>alert(1)</script> & <b>'
    small.exhibition.save()
    body = client.get(f"{KIT}co-quan/{agency.code}/").content.decode()
    assert "<script>alert" not in body
    fragment = snippets(body)[0]
    parsed = parse(fragment)
    assert [t for t, _a in parsed.tags] == ["a", "img"]
    assert parsed.tags[1][1]["alt"] == small.exhibition.title


def test_the_banners_command_draws_every_public_exhibitions_files(small, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    settings.PUBLIC_BASE_URL = "https://trienlam.example.gov.vn"
    out = io.StringIO()
    call_command("banners", stdout=out)
    assert out.getvalue().startswith("cum-thi-dua: 8 banners")
    assert len(list((kit._root() / "banners").rglob("*.png"))) == 4


def test_a_code_is_made_once_per_address_and_drawn_the_same_each_time() -> None:
    url = "https://trienlam.example.gov.vn/l/1-2"
    assert qr.make(url) is qr.make(url)
    assert qr.make(url).matrix == segno.make(url, error="m", micro=False).matrix
    first_png, first_svg = qr.png(url), qr.svg(url, "Nhãn")
    assert (qr.png(url), qr.svg(url, "Nhãn")) == (first_png, first_svg)
    assert qr.make("https://trienlam.example.gov.vn/l/1-3") is not qr.make(url)
