"""The item page's IIIF links: a `<link rel="alternate">` and a visible badge."""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation

from tests.iiif.conftest import Gallery
from trienlam.catalogue.models import Item, Media
from trienlam.iiif.presentation import manifest_url_for


def fetched(item: Item) -> Item:
    """The item as the item page fetches it (media prefetched)."""
    return Item.objects.prefetch_related(
        Prefetch("media", queryset=Media.objects.order_by("position", "id"))
    ).get(pk=item.pk)


def test_head_link(gallery: Gallery) -> None:
    html = render_to_string("iiif/item_links.html", {"item": fetched(gallery.letter)})
    assert html == (
        '<link rel="alternate" type="application/ld+json;profile=&quot;'
        'http://iiif.io/api/presentation/3/context.json&quot;" '
        f'href="/iiif/{gallery.letter.identifier}/manifest.json">'
    )
    assert render_to_string("iiif/item_links.html", {"item": fetched(gallery.quote)}) == ""


def test_badge_in_vietnamese_and_english(gallery: Gallery) -> None:
    item = fetched(gallery.letter)
    with translation.override("vi"):
        html = render_to_string("iiif/item_badge.html", {"item": item})
    assert f'href="/iiif/{item.identifier}/manifest.json"' in html
    assert 'title="Tệp mô tả IIIF: mở tư liệu này trong bất kỳ trình xem IIIF nào"' in html
    assert html.endswith(">IIIF</a>")
    with translation.override("en"):
        html = render_to_string("iiif/item_badge.html", {"item": item})
    assert 'title="IIIF manifest: open this item in any IIIF viewer"' in html
    assert render_to_string("iiif/item_badge.html", {"item": fetched(gallery.quote)}) == ""


def test_manifest_url_for_uses_the_prefetched_media(
    gallery: Gallery, django_assert_num_queries  # type: ignore[no-untyped-def]
) -> None:
    letter, quote, hidden = (fetched(i) for i in (gallery.letter, gallery.quote, gallery.hidden))
    with django_assert_num_queries(0):
        assert manifest_url_for(letter) == f"/iiif/{letter.identifier}/manifest.json"
        assert manifest_url_for(quote) is None
        assert manifest_url_for(hidden) is None  # a draft: never linked
