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
from django.utils.translation import gettext as _

from trienlam.catalogue.display import kind_counts_text
from trienlam.catalogue.models import Institution, Item, Media
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.exhibitions.ordering import ordered_placements, reading_order, shared
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
    public = Placement.objects.filter(exhibition__in=Exhibition.objects.public()).order_by(*order)

    def every_item() -> dict[int, list[tuple[str, str]]]:
        found: dict[int, list[tuple[str, str]]] = {}
        for item_id, slug, title in public.values_list("item_id", *fields):
            found.setdefault(item_id, []).append((slug, title))
        return found

    if memo.available():
        rows = memo.shared("shown-in", every_item).get(item.pk, [])
    else:
        rows = list(public.filter(item=item).values_list(*fields))
    return [
        ShownIn(
            title,
            reverse("exhibition_item", kwargs={"slug": slug, "identifier": item.identifier}),
        )
        for slug, title in rows
    ]


def home(request: HttpRequest) -> HttpResponse:
    exhibitions = list(Exhibition.objects.public().select_related("cover"))
    return render(request, "exhibitions/home.html", {"exhibitions": exhibitions})


def exhibition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return show_exhibition(request, *_shared_exhibition(slug))


def show_exhibition(
    request: HttpRequest,
    exhibition: Exhibition,
    sections: list[Section] | None = None,
    *,
    preview: bool = False,
) -> HttpResponse:
    sections = _sections(exhibition) if sections is None else sections
    placements = ordered_placements(exhibition, sections, with_media=True)
    by_id = {s.pk: s for s in sections}
    parts: dict[int, PartSummary] = {
        s.pk: PartSummary(part=s, count=0, cover=None) for s in sections if s.parent_id is None
    }
    for placement in placements:
        section = by_id[placement.section_id]
        summary = parts[section.parent_id or section.pk]
        summary.count += 1
        if summary.cover is None:
            summary.cover = next((m for m in placement.item.media.all() if m.sizes), None)
    institution_ids = {p.item.institution_id for p in placements}
    context = {
        "exhibition": exhibition,
        "parts": list(parts.values()),
        "counts_text": kind_counts_text(Counter(p.item.kind for p in placements)),
        "total": len(placements),
        "institutions": Institution.objects.filter(pk__in=institution_ids).order_by("name"),
        "first": placements[0] if placements else None,
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
    placements = ordered_placements(
        exhibition, sections, with_media=True, section_ids={s.pk for s in own}
    )
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
    return json.dumps(
        {
            "open": _("Zoom in to read details"),
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


def item_queryset(base: QuerySet[Item]) -> QuerySet[Item]:
    """What the item page needs, in two queries."""
    return base.select_related("institution", "repository", "province").prefetch_related(
        Prefetch("media", queryset=Media.objects.order_by("position", "id"))
    )


def _public_item(identifier: str) -> Item:
    return get_object_or_404(item_queryset(Item.objects.public()), identifier=identifier)


def exhibition_item(request: HttpRequest, slug: str, identifier: str) -> HttpResponse:
    exhibition, sections = _shared_exhibition(slug)
    item = _public_item(identifier)
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
    return show_item(request, _public_item(identifier))


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
