"""IIIF manifests and collections in the static export (`trienlam.publishing`).

Manifests carry absolute ids; the exporter renders them for its target base URL, so their
keys include it through the exporter's site key. Image tiles and `info.json` files are
copied by the exporter itself (only for public media).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch

from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Exhibition, Placement
from trienlam.iiif.presentation import collection_path, has_manifest, manifest_path
from trienlam.publishing.keys import digest, item_digests

File = str | tuple[str, str]


def files() -> Iterator[File]:
    items = item_digests()
    # Only an item with media can have a manifest: the others are not even loaded.
    queryset = (
        Item.objects.public()
        .filter(Exists(Media.objects.filter(item=OuterRef("pk"))))
        .order_by("pk")
        .prefetch_related(Prefetch("media", queryset=Media.objects.order_by("position", "id")))
    )
    for item in queryset:
        if has_manifest(item):
            yield manifest_path(item), items[item.pk]
    for exhibition in Exhibition.objects.public().order_by("pk"):
        rows = list(
            Placement.objects.filter(exhibition=exhibition, item__in=Item.objects.public())
            .order_by("pk")
            .values()
        )
        sections = list(exhibition.sections.order_by("pk").values())
        state = digest(
            Exhibition.objects.filter(pk=exhibition.pk).values().first(),
            sections,
            [(r, items[r["item_id"]]) for r in rows],
        )
        yield collection_path(exhibition), state
