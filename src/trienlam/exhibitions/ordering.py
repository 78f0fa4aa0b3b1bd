"""The reading order of an exhibition: parts, then their sections, then placements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Prefetch, Q

from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.lib.prepared import PreparedQuery, attach_prefetched
from trienlam.operations import memo

T = TypeVar("T")

SectionKey = tuple[int, int, int, int, int]


def section_keys(sections: Iterable[Section]) -> dict[int, SectionKey]:
    """Sort keys for every section: a part's own placements come before its sections'."""
    by_id = {s.pk: s for s in sections}
    keys: dict[int, SectionKey] = {}
    for section in by_id.values():
        part = by_id.get(section.parent_id, section) if section.parent_id else section
        if section.parent_id is None:
            keys[section.pk] = (part.position, part.pk, 0, 0, 0)
        else:
            keys[section.pk] = (part.position, part.pk, 1, section.position, section.pk)
    return keys


def media_prefetch() -> Prefetch:
    return Prefetch("item__media", queryset=Media.objects.order_by("position", "id"))


def ordered_placements(
    exhibition: Exhibition, sections: Iterable[Section], *, with_media: bool = False
) -> list[Placement]:
    """Public placements of *exhibition* in reading order, in a constant number of queries."""
    keys = section_keys(sections)
    # No SQL ORDER BY: the rows are sorted below (Placement's default ordering by section
    # would join the sections and exhibitions for nothing).
    queryset = (
        exhibition.public_placements()
        .select_related("item", "item__institution", "section")
        .order_by()
    )
    if with_media:
        queryset = queryset.prefetch_related(media_prefetch())
    placements = list(queryset)
    placements.sort(key=lambda p: (*keys[p.section_id], p.position, p.pk))
    return placements


# A part's page: its placements (the part's own and its sections') with their items, and
# the items' media, in two queries compiled once per process (lib/prepared.py).
_PART_PLACEMENTS: PreparedQuery[Placement] = PreparedQuery(
    lambda exhibition, part: (
        Placement.objects.filter(exhibition_id=exhibition.number, item__in=Item.objects.public())
        .filter(Q(section_id=part.number) | Q(section__parent_id=part.number))
        .select_related("item", "item__institution", "section")
        .order_by()
    ),
    params=2,
)
_PART_MEDIA: PreparedQuery[Media] = PreparedQuery(
    lambda part: Media.objects.filter(
        Q(item__placements__section_id=part.number)
        | Q(item__placements__section__parent_id=part.number)
    ).order_by("item_id", "position", "id")
)


def part_placements(
    exhibition: Exhibition, part: Section, sections: Iterable[Section]
) -> list[Placement]:
    """The public placements of *part* and its sections in reading order, each item with
    its institution and its media (`item.media.all()` needs no query)."""
    keys = section_keys(sections)
    placements = _PART_PLACEMENTS.fetch(exhibition.pk, part.pk)
    placements.sort(key=lambda p: (*keys[p.section_id], p.position, p.pk))
    media: dict[int, list[Media]] = {}
    for page in _PART_MEDIA.fetch(part.pk):
        media.setdefault(page.item_id, []).append(page)
    for placement in placements:
        attach_prefetched(placement.item, "media", media.get(placement.item_id, []))
    return placements


def shared(name: str, compute: Callable[[], T]) -> T:
    """*compute()* once per content version (operations/memo.py) or, where nothing may be
    kept across requests (inside a transaction, memo off), once per static export run."""
    if memo.available():
        return memo.shared(name, compute)
    return memo.once_per_run(name, compute)


@dataclass(frozen=True)
class Stop:
    """One placement in an exhibition's reading order: what the item page and its
    previous/next links need, without the item's full row."""

    item_id: int
    identifier: str
    title: str
    section_id: int
    caption: str
    placement_id: int = 0
    kind: str = ""
    institution_id: int = 0


@dataclass(frozen=True)
class ReadingOrder:
    stops: list[Stop]
    #: item id → index of its first stop
    positions: dict[int, int]


def reading_order(exhibition: Exhibition, sections: Iterable[Section]) -> ReadingOrder:
    """The public placements of *exhibition* in reading order, in one query."""
    keys = section_keys(sections)
    rows = list(
        exhibition.public_placements().values_list(
            "pk", "position", "section_id", "item_id", "item__identifier", "item__title",
            "caption", "item__kind", "item__institution_id",
        ).order_by()  # sorted below
    )  # fmt: skip
    rows.sort(key=lambda r: (*keys[r[2]], r[1], r[0]))
    stops = [Stop(r[3], r[4], r[5], r[2], r[6], r[0], r[7], r[8]) for r in rows]
    positions: dict[int, int] = {}
    for index, stop in enumerate(stops):
        positions.setdefault(stop.item_id, index)
    return ReadingOrder(stops, positions)
