"""One definition of public: a non-public item or exhibition is a 404 on every public URL."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.exhibitions.conftest import SmallExhibition
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition


def item_urls(small: SmallExhibition, item: Item) -> list[str]:
    urls = [
        reverse("exhibition_item", args=[small.exhibition.slug, item.identifier]),
        reverse("item", args=[item.identifier]),
    ]
    urls += [m.renditions()[0].url for m in item.media.all()]
    return urls


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_a_non_public_item_is_a_404_everywhere(
    client: Client, small: SmallExhibition, status: str
) -> None:
    urls = item_urls(small, small.letter)
    assert all(client.get(url).status_code == 200 for url in urls)
    Item.objects.filter(pk=small.letter.pk).update(status=status)
    for url in urls:
        assert client.get(url).status_code == 404, url
    # and it disappears from every listing
    for url in [
        reverse("exhibition", args=[small.exhibition.slug]),
        reverse("part", args=[small.exhibition.slug, "phan-1"]),
        reverse("exhibition_item", args=[small.exhibition.slug, small.report.identifier]),
    ]:
        html = client.get(url).content.decode()
        assert small.letter.title not in html, url
        assert small.letter.identifier not in html, url


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_a_non_public_exhibition_is_a_404_everywhere(
    client: Client, small: SmallExhibition, status: str
) -> None:
    slug = small.exhibition.slug
    urls = [
        reverse("exhibition", args=[slug]),
        reverse("part", args=[slug, "phan-1"]),
        reverse("part", args=[slug, "phan-2"]),
        reverse("exhibition_item", args=[slug, small.letter.identifier]),
    ]
    assert all(client.get(url).status_code == 200 for url in urls)
    Exhibition.objects.filter(pk=small.exhibition.pk).update(status=status)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert small.exhibition.title not in client.get("/").content.decode()
    standalone = client.get(reverse("item", args=[small.letter.identifier])).content.decode()
    assert reverse("exhibition", args=[slug]) not in standalone


def test_the_draft_item_placed_in_a_public_exhibition_is_a_404(
    client: Client, small: SmallExhibition
) -> None:
    for url in item_urls(small, small.hidden):
        assert client.get(url).status_code == 404, url


def test_an_item_not_placed_in_the_exhibition_is_a_404_in_its_context(
    client: Client, small: SmallExhibition
) -> None:
    other = Exhibition.objects.create(slug="khac", title="Triển lãm khác", status="published")
    url = reverse("exhibition_item", args=[other.slug, small.letter.identifier])
    assert client.get(url).status_code == 404


def test_unknown_parts_and_items_are_404(client: Client, small: SmallExhibition) -> None:
    slug = small.exhibition.slug
    assert client.get(reverse("part", args=[slug, "khong-co"])).status_code == 404
    assert client.get(reverse("item", args=["TL-9999"])).status_code == 404
    # a section is not a part page of its own
    assert client.get(reverse("part", args=[slug, "loi-keu-goi"])).status_code == 404
    assert client.get("/media/iiif/" + "0" * 32 + "/full/240,/0/default.jpg").status_code == 404


def test_the_public_querysets_are_the_single_definition(small: SmallExhibition) -> None:
    assert set(Item.objects.public().values_list("status", flat=True)) == {"published"}
    assert small.hidden not in Item.objects.public()
    assert list(Exhibition.objects.public()) == [small.exhibition]
