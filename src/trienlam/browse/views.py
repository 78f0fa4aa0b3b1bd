"""Browse pages: by province (map and list), by time (decades and years), by institution.

Everything counted or listed comes from `Item.objects.public()`. Each page runs a fixed,
small number of queries, whatever the number of items (tests/browse asserts it).
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from django.db.models import Count, F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from trienlam.browse.links import search_url
from trienlam.browse.maps import province_map
from trienlam.browse.timeline import build_timeline
from trienlam.catalogue.models import Institution, Item, Media, Province
from trienlam.operations import memo

# An institution's page shows this many of its items; the search page lists them all.
INSTITUTION_ITEMS_SHOWN = 48


def _counts_by(field: str) -> dict[int | None, int]:
    """Public items per value of *field*, kept per content version (operations/memo.py)."""

    def compute() -> dict[int | None, int]:
        return dict(
            Item.objects.public()
            .order_by()
            .values_list(field)
            .annotate(n=Count("id"))
            .values_list(field, "n")
        )

    return memo.shared(f"browse:counts:{field}", compute)


def provinces(request: HttpRequest) -> HttpResponse:
    counts = _counts_by("province_id")
    rows = []
    for province in memo.shared("browse:provinces", lambda: list(Province.objects.all())):
        count = counts.get(province.pk, 0)
        url = search_url(tinh=province.slug) if count else ""
        rows.append({"province": province, "count": count, "url": url})
    context = {
        "rows": rows,
        "map": province_map(rows),
        "without_province": counts.get(None, 0),
        "total": sum(counts.values()),
    }
    return render(request, "browse/provinces.html", context)


def time(request: HttpRequest) -> HttpResponse:
    by_year, undated = memo.shared("browse:years", _years)
    context = {
        "decades": build_timeline(by_year),
        "dated": sum(by_year.values()),
        "undated": undated,
    }
    return render(request, "browse/time.html", context)


def _years() -> tuple[Counter[int], int]:
    """Public items per year of their earliest date, and the undated ones."""
    public = Item.objects.public().order_by()
    # Grouped by day, summed by year here: on SQLite, ExtractYear calls a Python function per
    # row (~4x slower at 100k items); there are far fewer distinct days than items.
    by_year: Counter[int] = Counter()
    for day, n in (
        public.filter(date_start__isnull=False)
        .values_list("date_start")
        .annotate(n=Count("id"))
        .values_list("date_start", "n")
    ):
        by_year[day.year] += n
    return by_year, public.filter(date_start__isnull=True).count()


def institutions(request: HttpRequest) -> HttpResponse:
    counts = _counts_by("institution_id")

    def listed() -> list[Institution]:
        return list(Institution.objects.filter(pk__in=counts).select_related("province"))

    rows = [
        {"institution": institution, "count": counts[institution.pk]}
        for institution in memo.shared("browse:institutions", listed)
    ]
    context = {"rows": rows, "total": sum(counts.values())}
    return render(request, "browse/institutions.html", context)


def institution(request: HttpRequest, slug: str) -> HttpResponse:
    inst = get_object_or_404(Institution.objects.select_related("province", "successor"), slug=slug)
    items_qs = (
        Item.objects.public()
        .filter(institution=inst)
        .select_related("institution")
        .prefetch_related(Prefetch("media", queryset=Media.objects.order_by("position", "id")))
        .order_by(F("date_start").asc(nulls_last=True), "identifier")
    )
    count = items_qs.count()
    items = list(items_qs[:INSTITUTION_ITEMS_SHOWN]) if count else []
    context = {
        "institution": inst,
        # includes/item_card.html shows `placement.item`, linked to the item's own page when
        # there is no `exhibition`.
        "cards": [SimpleNamespace(item=item) for item in items],
        "count": count,
        "more": count > len(items),
        "search_url": search_url(**{"don-vi": inst.slug}),
        "predecessors": list(inst.predecessors.order_by("name")),
    }
    return render(request, "browse/institution.html", context)
