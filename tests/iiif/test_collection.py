"""IIIF collections: one per public exhibition, its items' manifests in reading order."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.iiif.conftest import Gallery, page
from tests.iiif.validation import validate_collection, validate_manifest
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition
from trienlam.iiif.presentation import CONTENT_TYPE

HOST = "http://testserver"


def collection_url(exhibition: Exhibition) -> str:
    return reverse("iiif_collection", kwargs={"slug": exhibition.slug})


def get_collection(client: Client, exhibition: Exhibition) -> dict:
    response = client.get(collection_url(exhibition))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Access-Control-Allow-Origin"] == "*"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=300"}
    data = json.loads(response.content.decode("utf-8"))
    validate_collection(data)
    return data


def test_the_collection_lists_manifests_in_exhibition_order(
    client: Client, gallery: Gallery
) -> None:
    ex = gallery.exhibition
    data = get_collection(client, ex)
    assert data["id"] == f"{HOST}/iiif/collection/{ex.slug}.json"
    assert data["type"] == "Collection"
    assert data["label"] == {"vi": [ex.title], "en": [ex.title]}
    assert data["summary"] == {"vi": [ex.subtitle]}
    assert data["homepage"] == [
        {
            "id": f"{HOST}/trien-lam/{ex.slug}/",
            "type": "Text",
            "label": {"vi": [ex.title], "en": [ex.title]},
            "format": "text/html",
            "language": ["vi"],
        }
    ]
    # part 1, then its section, then part 2; the quotation has no manifest, the draft is hidden
    expected = [gallery.letter, gallery.photo, gallery.late]
    assert [r["label"]["vi"][0] for r in data["items"]] == [i.title for i in expected]
    for reference, item in zip(data["items"], expected, strict=True):
        assert reference["type"] == "Manifest"
        assert reference["id"] == f"{HOST}/iiif/{item.identifier}/manifest.json"
        [thumb] = reference["thumbnail"]
        assert (thumb["width"], thumb["height"]) == (240, 339)
        assert thumb["service"][0]["type"] == "ImageService3"
        # the reference is the id the manifest gives itself
        manifest = json.loads(client.get(reference["id"].removeprefix(HOST)).content)
        validate_manifest(manifest)
        assert manifest["id"] == reference["id"]
        assert manifest["thumbnail"] == reference["thumbnail"]
    text = json.dumps(data, ensure_ascii=False)
    assert gallery.hidden.title not in text
    assert gallery.hidden.identifier not in text


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_a_non_public_item_leaves_the_collection(
    client: Client, gallery: Gallery, status: str
) -> None:
    Item.objects.filter(pk=gallery.photo.pk).update(status=status)
    data = get_collection(client, gallery.exhibition)
    assert [r["label"]["vi"][0] for r in data["items"]] == [
        gallery.letter.title, gallery.late.title
    ]


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_a_non_public_exhibition_has_no_collection(
    client: Client, gallery: Gallery, status: str
) -> None:
    url = collection_url(gallery.exhibition)
    assert client.get(url).status_code == 200
    Exhibition.objects.filter(pk=gallery.exhibition.pk).update(status=status)
    response = client.get(url)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    missing = client.get(reverse("iiif_collection", kwargs={"slug": "khong-co"}))
    assert missing.status_code == 404
    assert missing.content == response.content
    # its items keep their own manifests: they are public items
    assert client.get(f"/iiif/{gallery.letter.identifier}/manifest.json").status_code == 200


def test_an_exhibition_without_pages_is_an_empty_collection(
    client: Client, gallery: Gallery
) -> None:
    ex = b.exhibition(title="Lời Bác dạy", subtitle="")
    b.place(b.part(ex), gallery.quote)
    data = get_collection(client, ex)
    assert data["items"] == []
    assert "summary" not in data


def test_methods(client: Client, gallery: Gallery) -> None:
    url = collection_url(gallery.exhibition)
    head = client.head(url)
    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Type"] == CONTENT_TYPE
    assert client.options(url).status_code == 200
    assert client.options(url)["Access-Control-Allow-Origin"] == "*"
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url).status_code == 405, method


def test_queries_do_not_grow_with_items(
    client: Client, gallery: Gallery, django_assert_num_queries  # type: ignore[no-untyped-def]
) -> None:
    with django_assert_num_queries(4) as small:
        get_collection(client, gallery.exhibition)
    ex = b.exhibition(slug="hai-tram")
    parts = [b.part(ex, title=f"Phần {n}", slug=f"phan-{n}", position=n) for n in range(1, 5)]
    sections = [
        b.part(ex, title=f"Mục {n}", slug=f"muc-{n}", parent=parts[n % 4], position=n)
        for n in range(8)
    ]
    groups = parts + sections
    for n in range(200):
        item = b.item(gallery.institution, title=f"Tư liệu số {n}")
        page(item)
        page(item, position=1)
        if n % 10 == 0:
            item.status = Item.Status.WITHDRAWN
            item.save()
        b.place(groups[n % len(groups)], item, position=n)
    with django_assert_num_queries(len(small.captured_queries)):
        data = get_collection(client, ex)
    assert len(data["items"]) == 180
