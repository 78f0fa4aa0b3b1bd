"""The reach report: every figure of the dashboard and the exports, from one filtered queryset
of daily counts, so that the tables, the charts and the files always agree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet, Sum
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Section
from trienlam.outreach.models import Agency
from trienlam.stats.models import UNKNOWN, DailyVisit, Page

DEFAULT_DAYS = 30
MAX_DAYS = 3 * 366
TOP_ITEMS = 20


def grouped(value: int) -> str:
    """1234567 → "1.234.567" in Vietnamese, "1,234,567" in English (Django's Vietnamese
    formats set no NUMBER_GROUPING, so number_format would not group at all)."""
    return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


@dataclass
class Filters:
    start: date
    end: date
    exhibition: Exhibition | None = None
    errors: list[str] = field(default_factory=list)

    def query(self) -> str:
        params = QueryDict(mutable=True)
        params["tu"] = self.start.isoformat()
        params["den"] = self.end.isoformat()
        if self.exhibition:
            params["trien_lam"] = self.exhibition.slug
        return params.urlencode()


def _date(params: QueryDict, name: str, label: str, errors: list[str]) -> date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        errors.append(
            _("%(field)s: “%(value)s” is not a date (use YYYY-MM-DD, e.g. 2026-11-26).")
            % {"field": label, "value": raw[:20]}
        )
        return None


def parse_filters(params: QueryDict) -> Filters:
    """The date range (`tu`, `den`) and exhibition (`trien_lam`) of a shareable GET link."""
    errors: list[str] = []
    today = timezone.localdate()
    end = _date(params, "den", _("To"), errors) or today
    start = _date(params, "tu", _("From"), errors) or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        errors.append(_("The start date is after the end date; they have been swapped."))
        start, end = end, start
    if (end - start).days + 1 > MAX_DAYS:
        errors.append(
            _("A report covers at most %(days)d days; the start date has been moved.")
            % {"days": MAX_DAYS}
        )
        start = end - timedelta(days=MAX_DAYS - 1)
    exhibition = None
    slug = params.get("trien_lam", "").strip()
    if slug:
        exhibition = Exhibition.objects.filter(slug=slug[:100]).first()
        if exhibition is None:
            errors.append(
                _("No exhibition has the address “%(slug)s”; all exhibitions are shown.")
                % {"slug": slug[:100]}
            )
    return Filters(start, end, exhibition, errors)


def visits(filters: Filters) -> QuerySet[DailyVisit]:
    qs = DailyVisit.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.exhibition is not None:
        qs = qs.filter(page__exhibition=filters.exhibition)
    return qs


@dataclass
class Row:
    label: str
    visits: int
    detail: str = ""
    url: str = ""


@dataclass
class PartRow:
    exhibition: str
    part: str
    part_page: int
    item_pages: int

    @property
    def visits(self) -> int:
        return self.part_page + self.item_pages


def ref_label(code: str, agencies: dict[str, Agency]) -> str:
    if code == "":
        return _("(no referral code)")
    if code == UNKNOWN:
        return _("(unknown or malformed code)")
    agency = agencies.get(code)
    return agency.name if agency else _("%(code)s (agency no longer registered)") % {"code": code}


def host_label(host: str) -> str:
    if host == "":
        return _("(none: typed address, bookmark, this site, or not known)")
    if host == UNKNOWN:
        return _("(not a valid host name)")
    return host


def part_label(part: Section) -> str:
    return f"{part.label} — {part.title}" if part.label else part.title


def _sorted(totals: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Report:
    filters: Filters
    total: int
    days: list[Row]
    parts: list[PartRow]
    items: list[Row]
    agencies: list[Row]
    groups: list[Row]
    provinces: list[Row]
    hosts: list[Row]
    silent: list[Agency]
    by_kind: list[Row]


def build(filters: Filters) -> Report:
    qs = visits(filters)
    total = qs.aggregate(n=Sum("count"))["n"] or 0

    per_day = dict(qs.values_list("day").annotate(n=Sum("count")).order_by())
    days = []
    day = filters.start
    while day <= filters.end:
        days.append(Row(day.isoformat(), per_day.get(day, 0)))
        day += timedelta(days=1)

    by_kind = dict(qs.values_list("page__kind").annotate(n=Sum("count")).order_by())
    kinds = [Row(str(label), by_kind.get(kind, 0)) for kind, label in Page.Kind.choices]

    part_rows: dict[int, PartRow] = {}
    for part_id, kind, n in (
        qs.filter(page__part__isnull=False)
        .values_list("page__part", "page__kind")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        row = part_rows.get(part_id)
        if row is None:
            row = part_rows[part_id] = PartRow("", "", 0, 0)
        if kind == Page.Kind.PART:
            row.part_page += n
        else:
            row.item_pages += n
    sections = Section.objects.filter(pk__in=part_rows).select_related("exhibition")
    for section in sections:
        part_rows[section.pk].exhibition = section.exhibition.title
        part_rows[section.pk].part = part_label(section)
    order = {s.pk: (s.exhibition.position, s.exhibition.title, s.position, s.pk) for s in sections}
    parts = [part_rows[k] for k in sorted(part_rows, key=lambda k: order.get(k, (0, "", 0, k)))]

    item_totals = (
        qs.filter(page__item__isnull=False)
        .values_list("page__item")
        .annotate(n=Sum("count"))
        .order_by("-n", "page__item")[:TOP_ITEMS]
    )
    item_objects = Item.objects.in_bulk([pk for pk, _n in item_totals])
    items = []
    for pk, n in item_totals:
        item = item_objects.get(pk)
        if item is not None:
            items.append(Row(item.title, n, detail=item.identifier, url=item.get_absolute_url()))

    agencies = {a.code: a for a in Agency.objects.select_related("group", "province")}
    ref_totals = dict(qs.values_list("ref").annotate(n=Sum("count")).order_by())
    agency_rows, group_totals, province_totals = [], defaultdict(int), defaultdict(int)
    for code, n in _sorted(ref_totals):
        agency = agencies.get(code)
        agency_rows.append(Row(ref_label(code, agencies), n, detail=code))
        if agency is not None:
            group_totals[agency.group.name if agency.group else _("(no group)")] += n
            province_totals[agency.province.name if agency.province else _("(no province)")] += n
    silent = [
        a
        for code, a in sorted(agencies.items(), key=lambda kv: kv[1].name)
        if not ref_totals.get(code)
    ]

    host_totals = dict(qs.values_list("host").annotate(n=Sum("count")).order_by())
    return Report(
        filters=filters,
        total=total,
        days=days,
        parts=parts,
        items=items,
        agencies=agency_rows,
        groups=[Row(k, v) for k, v in _sorted(group_totals)],
        provinces=[Row(k, v) for k, v in _sorted(province_totals)],
        hosts=[Row(host_label(k), v, detail=k) for k, v in _sorted(host_totals)],
        silent=silent,
        by_kind=kinds,
    )


def raw_rows(filters: Filters) -> list[dict[str, object]]:
    """Every daily count in the range, with names resolved, for the exports."""
    agencies = {a.code: a for a in Agency.objects.select_related("group", "province")}
    rows = []
    qs = visits(filters).select_related("page__exhibition", "page__part", "page__item")
    for v in qs.order_by("day", "page__path", "ref", "host"):
        page = v.page
        agency = agencies.get(v.ref)
        rows.append(
            {
                "day": v.day,
                "page": page.path,
                "kind": str(Page.Kind(page.kind).label),
                "exhibition": page.exhibition.title if page.exhibition else "",
                "part": part_label(page.part) if page.part else "",
                "item": page.item.identifier if page.item else "",
                "item_title": page.item.title if page.item else "",
                "ref": v.ref,
                "agency": ref_label(v.ref, agencies),
                "group": agency.group.name if agency and agency.group else "",
                "province": agency.province.name if agency and agency.province else "",
                "host": host_label(v.host),
                "visits": v.count,
            }
        )
    return rows


def totals(today: date | None = None) -> tuple[int, int]:
    """All counted views ever, and today's."""
    today = today or timezone.localdate()
    all_time = DailyVisit.objects.aggregate(n=Sum("count"))["n"] or 0
    today_n = DailyVisit.objects.filter(day=today).aggregate(n=Sum("count"))["n"] or 0
    return all_time, today_n
