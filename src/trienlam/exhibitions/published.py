"""The exhibitions' pages in the static export (`trienlam.publishing`).

Home, privacy, every public exhibition with its parts and items (both the item inside the
exhibition and its own page), each with a key of what it shows, so an incremental export
renders again only the pages whose data changed. The 404 page is made by the exporter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.exhibitions.ordering import section_keys
from trienlam.publishing.keys import digest, item_digests

Page = str | tuple[str, str]


def pages() -> Iterator[Page]:
    yield reverse("home")
    yield reverse("privacy")
    items = item_digests()
    public_items = set(items)
    shown_in: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for exhibition in Exhibition.objects.public().order_by("pk"):
        yield from _exhibition_pages(exhibition, items, public_items, shown_in)
    for item_id, identifier in Item.objects.public().order_by("pk").values_list("pk", "identifier"):
        path = reverse("item", kwargs={"identifier": identifier})
        yield path, digest(items[item_id], sorted(shown_in.get(item_id, [])))


def _exhibition_pages(
    exhibition: Exhibition,
    items: dict[int, str],
    public_items: set[int],
    shown_in: dict[int, list[tuple[str, str, int]]],
) -> Iterator[Page]:
    sections = list(Section.objects.filter(exhibition=exhibition).order_by("pk"))
    keys = section_keys(sections)
    rows: list[dict[str, Any]] = [
        row
        for row in Placement.objects.filter(exhibition=exhibition).order_by("pk").values()
        if row["item_id"] in public_items
    ]
    rows.sort(key=lambda r: (*keys[r["section_id"]], r["position"], r["id"]))
    cover = Media.objects.filter(pk=exhibition.cover_id).values().first()
    head = digest(
        Exhibition.objects.filter(pk=exhibition.pk).values().first(),
        cover,
        [Section.objects.filter(pk=s.pk).values().first() for s in sections],
    )
    entries = [(row, items[row["item_id"]]) for row in rows]
    yield reverse("exhibition", kwargs={"slug": exhibition.slug}), digest(head, entries)
    by_id = {s.pk: s for s in sections}
    for part in sections:
        if part.parent_id is not None:
            continue
        own = {part.pk} | {s.pk for s in sections if s.parent_id == part.pk}
        path = reverse("part", kwargs={"slug": exhibition.slug, "part": part.slug})
        yield path, digest(head, [e for e in entries if e[0]["section_id"] in own])
    identifiers = dict(
        Item.objects.filter(pk__in=[r["item_id"] for r in rows]).values_list("pk", "identifier")
    )
    total = len(entries)
    for index, (row, item_key) in enumerate(entries):
        shown_in[row["item_id"]].append((exhibition.slug, exhibition.title, exhibition.position))
        neighbours = [entries[i] if 0 <= i < total else None for i in (index - 1, index + 1)]
        section = by_id[row["section_id"]]
        path = reverse(
            "exhibition_item",
            kwargs={"slug": exhibition.slug, "identifier": identifiers[row["item_id"]]},
        )
        yield path, digest(head, row, item_key, neighbours, index, total, section.pk)
