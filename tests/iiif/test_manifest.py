"""IIIF Presentation 3 manifests: one per public item that has a page to show."""

from __future__ import annotations

import json
import unicodedata

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import builders as b
from tests.iiif.conftest import Gallery, page
from tests.iiif.validation import validate_manifest
from trienlam.catalogue.models import Item, Media
from trienlam.iiif.presentation import (
    CONTENT_TYPE,
    build_manifest,
    image_urls,
    manifest_url_for,
)

HOST = "http://testserver"


def manifest_url(item: Item) -> str:
    return reverse("iiif_manifest", kwargs={"identifier": item.identifier})


def get_manifest(client: Client, item: Item, **extra: object) -> dict:
    response = client.get(manifest_url(item), **extra)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content.decode("utf-8"))
    validate_manifest(data)
    return data


def ids(node: object) -> list[str]:
    """Every `id` in a document."""
    if isinstance(node, dict):
        found = [node["id"]] if isinstance(node.get("id"), str) else []
        return found + [i for value in node.values() for i in ids(value)]
    if isinstance(node, list):
        return [i for value in node for i in ids(value)]
    return []


def values(language_map_pairs: list[dict], language: str) -> dict[str, list[str]]:
    return {
        entry["label"][language][0]: next(iter(entry["value"].values()))
        for entry in language_map_pairs
    }


def test_the_manifest_describes_the_item(client: Client, gallery: Gallery) -> None:
    letter = gallery.letter
    data = get_manifest(client, letter)

    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert data["id"] == f"{HOST}/iiif/{letter.identifier}/manifest.json"
    assert data["type"] == "Manifest"
    assert data["label"] == {"vi": [letter.title], "en": [letter.title]}
    assert data["summary"] == {"vi": [letter.summary]}

    described = values(data["metadata"], "vi")
    assert list(described) == [
        "Loại", "Số, ký hiệu", "Thời gian", "Cơ quan ban hành, tác giả", "Cơ quan đóng góp",
        "Tỉnh", "Chú dẫn nguồn", "Mã tư liệu",
    ]
    assert described["Loại"] == ["Tài liệu"]
    assert described["Số, ký hiệu"] == ["MH-15/TĐ"]
    assert described["Thời gian"] == ["12/6/1958"]
    assert described["Cơ quan đóng góp"] == [gallery.institution.name]
    assert described["Tỉnh"] == ["Lạng Sơn"]
    assert described["Mã tư liệu"] == [letter.identifier]
    source = next(e for e in data["metadata"] if e["label"]["en"] == ["Source citation"])
    with translation.override("vi"):
        assert source["value"]["vi"] == [letter.source_line]
    assert source["value"]["vi"][0].startswith("Nguồn: Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn")
    assert source["value"]["en"][0].startswith("Source: ")
    assert list(values(data["metadata"], "en"))[:2] == ["Kind", "Number and symbol"]
    codes = {e["label"]["en"][0]: e["value"] for e in data["metadata"]}
    assert codes["Identifier"] == {"none": [letter.identifier]}

    assert data["requiredStatement"] == {
        "label": {"vi": ["Nguồn"], "en": ["Attribution"]},
        "value": {"vi": [gallery.institution.name]},
    }
    assert "rights" not in data
    assert data["homepage"] == [
        {
            "id": f"{HOST}/tu-lieu/{letter.identifier}/",
            "type": "Text",
            "label": {"vi": [letter.title], "en": [letter.title]},
            "format": "text/html",
            "language": ["vi"],
        }
    ]
    [provider] = data["provider"]
    assert provider["type"] == "Agent"
    assert provider["id"] == f"urn:trienlam:institution:{gallery.institution.slug}"
    assert provider["label"] == {"vi": [gallery.institution.name]}
    assert provider["homepage"][0]["id"] == "https://luutru.langson.example.vn/"

    first = letter.media.get(position=0)
    [thumb] = data["thumbnail"]
    assert thumb == {
        "id": f"{HOST}/media/iiif/{first.uid.hex}/full/240,339/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": 240,
        "height": 339,
        "service": [
            {"id": f"{HOST}/media/iiif/{first.uid.hex}", "type": "ImageService3",
             "profile": "level0"}
        ],
    }


def test_one_canvas_per_ready_page_in_page_order(client: Client, gallery: Gallery) -> None:
    data = get_manifest(client, gallery.letter)
    pages = list(gallery.letter.media.order_by("position"))
    base = f"{HOST}/iiif/{gallery.letter.identifier}"
    assert [c["id"] for c in data["items"]] == [f"{base}/canvas/{n}" for n in (1, 2, 3)]
    assert [c["label"] for c in data["items"]] == [
        {"vi": [f"Trang {n}"], "en": [f"Page {n}"]} for n in (1, 2, 3)
    ]
    for canvas, media in zip(data["items"], pages, strict=True):
        assert (canvas["width"], canvas["height"]) == (1654, 2339)
        [annotation_page] = canvas["items"]
        [annotation] = annotation_page["items"]
        assert annotation["motivation"] == "painting"
        assert annotation["target"] == canvas["id"]
        body = annotation["body"]
        assert body["id"] == f"{HOST}/media/iiif/{media.uid.hex}/full/1600,2263/0/default.jpg"
        assert (body["type"], body["format"]) == ("Image", "image/jpeg")
        assert (body["width"], body["height"]) == (1600, 2263)
        assert body["service"] == [
            {"id": f"{HOST}{media.iiif_base_url}", "type": "ImageService3",
             "profile": "level0"}
        ]


def test_only_processed_visual_pages_become_canvases(client: Client, gallery: Gallery) -> None:
    item = gallery.photo  # one ready page at position 0
    page(item, position=1, state=Media.State.PENDING, sizes=[])
    page(item, position=2, state=Media.State.FAILED)
    page(item, position=3, sizes=[])  # "ready" but no sized copy
    pdf = page(item, position=4, mime_type="application/pdf", page_index=3)
    audio = page(item, position=5, mime_type="audio/mpeg", width=None, height=None, sizes=[],
                 duration=61.5)
    data = get_manifest(client, item)
    assert len(data["items"]) == 3
    body = data["items"][1]["items"][0]["items"][0]["body"]
    assert body["service"][0]["id"] == f"{HOST}{pdf.iiif_base_url}"
    assert data["items"][1]["label"]["vi"] == ["Trang 2"]
    # a recording is a time-based canvas played from our site
    sound = data["items"][2]
    assert sound["duration"] == 61.5
    body = sound["items"][0]["items"][0]["body"]
    assert body["type"] == "Sound" and body["format"] == "audio/mpeg"
    assert body["id"] == f"{HOST}{audio.recording_url}"


def test_ids_follow_the_host_serving_them(client: Client, gallery: Gallery, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["trienlam.example.vn"]
    data = get_manifest(client, gallery.letter, HTTP_HOST="trienlam.example.vn", secure=True)
    assert data["id"] == f"https://trienlam.example.vn{manifest_url(gallery.letter)}"
    provider_ids = set(ids(data["provider"]))
    assert all(
        i.startswith("https://trienlam.example.vn/") for i in ids(data) if i not in provider_ids
    )
    # consistent: canvases, their pages and annotations hang under the manifest's address,
    # each with an id of its own
    base = data["id"].removesuffix("/manifest.json")
    structure = [
        node["id"]
        for canvas in data["items"]
        for node in (canvas, canvas["items"][0], canvas["items"][0]["items"][0])
    ]
    assert all(i.startswith(f"{base}/canvas/") for i in structure)
    assert len(set(structure)) == len(structure)


def test_the_builder_takes_any_base_url(gallery: Gallery) -> None:
    """The static export calls the builder with its configured address."""
    item = Item.objects.prefetch_related("media").get(pk=gallery.letter.pk)
    data = build_manifest(item, "https://static.example.org/trien-lam/")
    assert data is not None
    validate_manifest(data)
    assert data["id"] == (
        f"https://static.example.org/trien-lam/iiif/{item.identifier}/manifest.json"
    )
    urls = [i for i in ids(data) if i not in set(ids(data["provider"]))]
    assert all(i.startswith("https://static.example.org/trien-lam/") for i in urls), urls
    assert "//iiif" not in data["id"].removeprefix("https://")


def test_media_on_another_host_keep_their_address(gallery: Gallery, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_URL = "https://cdn.example.net/media/"
    item = Item.objects.prefetch_related("media").get(pk=gallery.photo.pk)
    data = build_manifest(item, "https://trienlam.example.vn")
    assert data is not None
    validate_manifest(data)
    body = data["items"][0]["items"][0]["items"][0]["body"]
    assert body["id"].startswith("https://cdn.example.net/media/iiif/")
    assert body["service"][0]["id"].startswith("https://cdn.example.net/media/iiif/")


@pytest.mark.parametrize(
    ("rights", "expected_rights", "expected_credit"),
    [
        ("", None, "institution"),
        ("Trung tâm Lưu trữ quốc gia III giữ bản quyền", None,
         "Trung tâm Lưu trữ quốc gia III giữ bản quyền"),
        ("http://creativecommons.org/licenses/by/4.0/",
         "http://creativecommons.org/licenses/by/4.0/", "institution"),
        ("https://rightsstatements.org/vocab/InC/1.0/",
         "http://rightsstatements.org/vocab/InC/1.0/", "institution"),
        ("http://creativecommons.org/", None, "http://creativecommons.org/"),
        ("https://example.org/giay-phep", None, "https://example.org/giay-phep"),
    ],
)
def test_rights_only_as_a_iiif_rights_uri(
    client: Client, gallery: Gallery, rights: str, expected_rights: str | None,
    expected_credit: str,
) -> None:
    Item.objects.filter(pk=gallery.letter.pk).update(rights=rights)
    data = get_manifest(client, gallery.letter)
    assert data.get("rights") == expected_rights
    credit = gallery.institution.name if expected_credit == "institution" else expected_credit
    assert data["requiredStatement"]["value"] == {"vi": [credit]}


def test_an_item_without_a_ready_page_has_no_manifest(client: Client, gallery: Gallery) -> None:
    pending = b.item(gallery.institution, title="Hồ sơ đang xử lý ảnh")
    page(pending, state=Media.State.PENDING, sizes=[])
    for item in (gallery.quote, pending):
        response = client.get(manifest_url(item))
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"
        assert manifest_url_for(item) is None
    assert manifest_url_for(gallery.letter) == manifest_url(gallery.letter)


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_a_non_public_item_has_no_manifest(
    client: Client, gallery: Gallery, status: str
) -> None:
    url = manifest_url(gallery.letter)
    assert client.get(url).status_code == 200
    Item.objects.filter(pk=gallery.letter.pk).update(status=status)
    response = client.get(url)
    assert response.status_code == 404
    # the same answer as for an identifier that never existed
    missing = client.get(reverse("iiif_manifest", kwargs={"identifier": "TL-9999"}))
    assert (response.content, response["Content-Type"]) == (
        missing.content, missing["Content-Type"]
    )
    gallery.letter.refresh_from_db()
    assert manifest_url_for(gallery.letter) is None


def test_vietnamese_text_round_trips_in_nfc(client: Client, gallery: Gallery) -> None:
    title = "Quyết định khen thưởng Đảng bộ tỉnh Hà Giang năm 1965"
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title
    item = b.item(gallery.institution, title=decomposed, summary=unicodedata.normalize(
        "NFD", "Tờ trình đề nghị tặng thưởng Huân chương Độc lập"))
    page(item)
    response = client.get(manifest_url(item))
    text = response.content.decode("utf-8")
    assert title in text  # literal UTF-8 NFC, not \u escapes
    assert decomposed not in text
    assert unicodedata.is_normalized("NFC", text)
    data = json.loads(text)
    validate_manifest(data)
    assert data["label"]["vi"] == [title]
    assert data["summary"]["vi"] == ["Tờ trình đề nghị tặng thưởng Huân chương Độc lập"]


def test_markup_in_a_title_stays_plain_text(client: Client, gallery: Gallery) -> None:
    title = 'Thư "đặc biệt" <script>alert(1)</script> & \'ký\' \\ </title>'
    item = b.item(gallery.institution, title=title)
    page(item)
    data = get_manifest(client, item)
    assert data["label"] == {"vi": [title], "en": [title]}
    assert data["homepage"][0]["label"]["vi"] == [title]
    assert "&lt;" not in json.dumps(data) and "&amp;" not in json.dumps(data)


def test_methods(client: Client, gallery: Gallery) -> None:
    url = manifest_url(gallery.letter)
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == CONTENT_TYPE
    assert head["Content-Length"] == str(len(get.content))
    assert head["Access-Control-Allow-Origin"] == "*"
    options = client.options(url)
    assert options.status_code == 200
    assert options["Access-Control-Allow-Origin"] == "*"
    assert set(options["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url)
        assert response.status_code == 405, method
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_caching_headers(client: Client, gallery: Gallery) -> None:
    response = client.get(manifest_url(gallery.letter))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=300"}
    again = client.get(manifest_url(gallery.letter), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_queries_do_not_grow_with_pages(
    client: Client, gallery: Gallery, django_assert_num_queries  # type: ignore[no-untyped-def]
) -> None:
    book = b.item(gallery.institution, title="Sổ vàng truyền thống", repository=b.institution(
        "Trung tâm Lưu trữ quốc gia III", slug="ttltqg-3"))
    for position in range(60):
        page(book, position=position)
    with django_assert_num_queries(2):
        data = get_manifest(client, book)
    assert len(data["items"]) == 60
    with django_assert_num_queries(2):
        get_manifest(client, gallery.photo)


def test_image_urls_lists_every_image_and_service(client: Client, gallery: Gallery) -> None:
    data = get_manifest(client, gallery.letter)
    urls = image_urls(data)
    pages = list(gallery.letter.media.order_by("position"))
    first = pages[0]
    expected = [f"{HOST}/media/iiif/{first.uid.hex}/full/240,339/0/default.jpg",
                f"{HOST}/media/iiif/{first.uid.hex}/info.json"]
    for media in pages:
        expected.append(f"{HOST}/media/iiif/{media.uid.hex}/full/1600,2263/0/default.jpg")
    assert urls[:2] == expected[:2]
    assert sorted(urls) == sorted(set(expected + [
        f"{HOST}/media/iiif/{m.uid.hex}/info.json" for m in pages
    ]))
    assert len(urls) == len(set(urls))
