"""Public pages. Every lookup goes through `public()`; anything else is a 404."""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from trienlam.catalogue.display import kind_counts_text
from trienlam.catalogue.models import Institution, Item, Media
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.exhibitions.ordering import ReadingOrder, part_placements, reading_order, shared
from trienlam.lib.prepared import PreparedQuery, attach_prefetched
from trienlam.operations import memo
from trienlam.outreach import share


@dataclass
class PartSummary:
    part: Section
    count: int
    cover: Media | None


def _public_exhibition(slug: str) -> Exhibition:
    return get_object_or_404(Exhibition.objects.public().select_related("cover"), slug=slug)


def _sections(exhibition: Exhibition) -> list[Section]:
    return list(exhibition.sections.all())


def _shared_exhibition(slug: str) -> tuple[Exhibition, list[Section]]:
    """A public exhibition and its sections, read once per content version."""

    def compute() -> tuple[Exhibition, list[Section]]:
        exhibition = _public_exhibition(slug)  # a 404 is raised, not kept
        return exhibition, _sections(exhibition)

    return shared(f"exhibition:{slug}", compute)


@dataclass(frozen=True)
class ShownIn:
    title: str
    url: str


def _shown_in(item: Item) -> list[ShownIn]:
    """The public exhibitions *item* is placed in, with the address of its page there."""
    order = ("exhibition__position", "exhibition__title", "pk")
    fields = ("exhibition__slug", "exhibition__title")

    def public() -> QuerySet[Placement]:
        # Built only when it runs: most requests take the rows from the memo.
        return Placement.objects.filter(exhibition__in=Exhibition.objects.public()).order_by(*order)

    def every_item() -> dict[int, list[tuple[str, str]]]:
        found: dict[int, list[tuple[str, str]]] = {}
        for item_id, slug, title in public().values_list("item_id", *fields):
            found.setdefault(item_id, []).append((slug, title))
        return found

    if memo.available():
        rows = memo.shared("shown-in", every_item).get(item.pk, [])
    else:
        rows = list(public().filter(item=item).values_list(*fields))
    return [
        ShownIn(
            title,
            reverse("exhibition_item", kwargs={"slug": slug, "identifier": item.identifier}),
        )
        for slug, title in rows
    ]


_HOME_EXHIBITIONS: PreparedQuery[Exhibition] = PreparedQuery(
    lambda: Exhibition.objects.public().select_related("cover"), params=0
)


def home(request: HttpRequest) -> HttpResponse:
    exhibitions = _HOME_EXHIBITIONS.fetch()
    return render(request, "exhibitions/home.html", {"exhibitions": exhibitions})


def exhibition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return show_exhibition(request, *_shared_exhibition(slug))


@dataclass
class ExhibitionSummary:
    """What the exhibition page shows about its items (no translated text: the same for
    every visitor, so it is kept per content version)."""

    parts: list[PartSummary]
    kinds: Counter[str]
    total: int
    institutions: list[Institution]
    first: Placement | None


def _summary(
    exhibition: Exhibition, sections: list[Section], order: ReadingOrder
) -> ExhibitionSummary:
    """Counts per part, each part's cover (the first image of its first item that has one,
    in reading order), the kinds, the contributing institutions and the first placement:
    from the reading order's rows plus three small queries, not every placement's full rows."""
    stops = order.stops
    by_id = {s.pk: s for s in sections}
    parts: dict[int, PartSummary] = {
        s.pk: PartSummary(part=s, count=0, cover=None) for s in sections if s.parent_id is None
    }
    for stop in stops:
        section = by_id[stop.section_id]
        parts[section.parent_id or section.pk].count += 1
    public_ids = {stop.item_id for stop in stops}
    images: dict[int, int] = {}  # item id → its first page that has sized copies
    rows = (
        Media.objects.filter(item__placements__exhibition_id=exhibition.pk)
        .order_by("position", "id")
        .values_list("pk", "item_id", "sizes")
    )
    for media_id, item_id, sizes in rows:
        if sizes and item_id in public_ids and item_id not in images:
            images[item_id] = media_id
    cover_of: dict[int, int] = {}  # part id → media id
    for stop in stops:
        section = by_id[stop.section_id]
        part_id = section.parent_id or section.pk
        if part_id not in cover_of and stop.item_id in images:
            cover_of[part_id] = images[stop.item_id]
    covers = Media.objects.select_related("item").in_bulk(cover_of.values())
    for part_id, media_id in cover_of.items():
        parts[part_id].cover = covers[media_id]
    institution_ids = {stop.institution_id for stop in stops}
    first = None
    if stops:
        first = Placement.objects.select_related("item", "section").get(pk=stops[0].placement_id)
    return ExhibitionSummary(
        parts=list(parts.values()),
        kinds=Counter(stop.kind for stop in stops),
        total=len(stops),
        institutions=list(Institution.objects.filter(pk__in=institution_ids).order_by("name")),
        first=first,
    )


def show_exhibition(
    request: HttpRequest,
    exhibition: Exhibition,
    sections: list[Section] | None = None,
    *,
    preview: bool = False,
) -> HttpResponse:
    if sections is None:  # a preview: nothing kept
        sections = _sections(exhibition)
        summary = _summary(exhibition, sections, reading_order(exhibition, sections))
    else:

        def compute() -> ExhibitionSummary:
            # The reading order is looked up here, after the summary's version was read: a
            # summary is never kept under a newer version than the rows it was made from.
            order = shared(
                f"reading-order:{exhibition.pk}", lambda: reading_order(exhibition, sections)
            )
            return _summary(exhibition, sections, order)

        summary = shared(f"exhibition-summary:{exhibition.pk}", compute)
    context = {
        "exhibition": exhibition,
        "parts": summary.parts,
        "counts_text": kind_counts_text(summary.kinds),
        "total": summary.total,
        "institutions": summary.institutions,
        "first": summary.first,
        "preview": preview,
        "share": None if preview else share.for_exhibition(request, exhibition),
    }
    return render(request, "exhibitions/exhibition.html", context)


def part_detail(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    exhibition, sections = _shared_exhibition(slug)
    return show_part(request, exhibition, part, sections)


def show_part(
    request: HttpRequest,
    exhibition: Exhibition,
    part: str,
    sections: list[Section] | None = None,
    *,
    preview: bool = False,
) -> HttpResponse:
    sections = _sections(exhibition) if sections is None else sections
    part_obj = next((s for s in sections if s.parent_id is None and s.slug == part), None)
    if part_obj is None:
        raise Http404(_("No such part in this exhibition."))
    own = [part_obj, *[s for s in sections if s.parent_id == part_obj.pk]]
    placements = part_placements(exhibition, part_obj, sections)
    groups = [(s, [p for p in placements if p.section_id == s.pk]) for s in own]
    parts = [s for s in sections if s.parent_id is None]
    index = parts.index(part_obj)
    context = {
        "exhibition": exhibition,
        "part": part_obj,
        "groups": groups,
        "parts": parts,
        "previous_part": parts[index - 1] if index > 0 else None,
        "next_part": parts[index + 1] if index + 1 < len(parts) else None,
        "count": len(placements),
        "preview": preview,
        "share": None if preview else share.for_part(request, exhibition, part_obj),
        "label_link": None if preview else share.label_link(request, exhibition, part=part_obj),
    }
    return render(request, "exhibitions/part.html", context)


@functools.cache
def _viewer_installed() -> bool:
    """Whether `npm ci` installed OpenSeadragon (checked once, not on every item page)."""
    return settings.OPENSEADRAGON_DIR.is_dir()


def viewer_text(item: Item) -> str:
    """Labels of the deep-zoom viewer (JSON for a data attribute), or "" if it has nothing
    to show or is not installed."""
    if not _viewer_installed() or not any(m.sizes for m in item.media.all()):
        return ""
    return _viewer_labels(get_language(), item.kind == Item.Kind.PHOTO)


@functools.lru_cache(maxsize=16)
def _viewer_labels(language: str | None, photo: bool) -> str:
    """The viewer's labels in *language* (the active one), made once per language: a photo
    is looked at, a document read."""
    return json.dumps(
        {
            "open": _("Zoom in to see details") if photo else _("Zoom in to read details"),
            "title": _("Deep zoom viewer"),
            "close": _("Close"),
            "help": _(
                "Drag or use the arrow keys to move, + and − to zoom, Page Up and Page Down "
                "to change page, Esc to close."
            ),
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
            "home": _("Fit to screen"),
            "fullPage": _("Full screen"),
            "nextPage": _("Next page"),
            "previousPage": _("Previous page"),
            "rotateLeft": _("Rotate left"),
            "rotateRight": _("Rotate right"),
            "pageOf": _("Page %(n)s of %(total)s"),
            "failed": _("The zoom viewer could not be loaded."),
        },
        ensure_ascii=False,
    )


#: What the item page reads with an item, and the order of its pages.
ITEM_RELATED = ("institution", "repository", "province")
PAGE_ORDER = ("position", "id")


def item_queryset(base: QuerySet[Item]) -> QuerySet[Item]:
    """What the item page needs, in two queries."""
    return base.select_related(*ITEM_RELATED).prefetch_related(
        Prefetch("media", queryset=Media.objects.order_by(*PAGE_ORDER))
    )


# The public item page's two queries, compiled once per process (lib/prepared.py): the
# same SQL as `item_queryset(Item.objects.public())`, without rebuilding it per request.
_PUBLIC_ITEM: PreparedQuery[Item] = PreparedQuery(
    lambda identifier: (
        Item.objects.public().select_related(*ITEM_RELATED).filter(identifier=identifier.text)
    )
)
_ITEM_MEDIA: PreparedQuery[Media] = PreparedQuery(
    lambda item_id: Media.objects.filter(item_id=item_id.number).order_by(*PAGE_ORDER)
)


def public_item_page(identifier: str) -> Item:
    """The public item *identifier* with its institution, repository, province and media
    (`item.media.all()` needs no query), or a 404. Also the IIIF manifest's item."""
    item = _PUBLIC_ITEM.first(identifier)
    if item is None:
        raise Http404("No Item matches the given query.")  # as get_object_or_404 says
    attach_prefetched(item, "media", _ITEM_MEDIA.fetch(item.pk))
    return item


def exhibition_item(request: HttpRequest, slug: str, identifier: str) -> HttpResponse:
    exhibition, sections = _shared_exhibition(slug)
    item = public_item_page(identifier)
    order = shared(f"reading-order:{exhibition.pk}", lambda: reading_order(exhibition, sections))
    index = order.positions.get(item.pk)
    if index is None:
        raise Http404(_("This item is not shown in this exhibition."))
    stops = order.stops
    stop = stops[index]
    by_id = {s.pk: s for s in sections}
    section = by_id[stop.section_id]
    part = by_id[section.parent_id] if section.parent_id else section
    context = {
        "exhibition": exhibition,
        "item": item,
        "caption": stop.caption or item.summary,
        "part": part,
        "section": section if section.pk != part.pk else None,
        "previous": stops[index - 1] if index > 0 else None,
        "next": stops[index + 1] if index + 1 < len(stops) else None,
        "position": index + 1,
        "total": len(stops),
        "viewer_text": viewer_text(item),
        "share": share.for_item(request, item, exhibition, stop.caption or item.summary),
        "label_link": share.label_link(request, exhibition, item=item),
    }
    return render(request, "exhibitions/item.html", context)


def item_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    return show_item(request, public_item_page(identifier))


def show_item(request: HttpRequest, item: Item, *, preview: bool = False) -> HttpResponse:
    context = {
        "item": item,
        "caption": item.summary,
        "appears_in": _shown_in(item),
        "viewer_text": viewer_text(item),
        "preview": preview,
        "share": None if preview else share.for_item(request, item),
    }
    return render(request, "exhibitions/item.html", context)


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "exhibitions/privacy.html")
