"""The counting endpoint, the footer counter's image, and the reach dashboard with its exports."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trienlam.catalogue.roles import is_editor
from trienlam.exhibitions.models import Exhibition
from trienlam.stats import charts, counting, exports, report

logger = logging.getLogger(__name__)

# A transparent 1×1 GIF (43 bytes): the counting pixel.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
COUNTER_CACHE_KEY = "stats:totals"
COUNTER_CACHE_SECONDS = 60


@require_http_methods(["GET", "HEAD"])
def hit(request: HttpRequest) -> HttpResponse:
    """GET /dem/?u=<page path>[&r=<referral code>][&h=<referring host>] → a 1×1 GIF.

    Answers 400 (plain text naming the field) for a hit that names no public exhibition, part
    or item page or carries other fields. Bots, prefetches and floods get the pixel but are
    not counted; the X-Trienlam-Count header says which (no secret: it helps operators)."""
    try:
        outcome = counting.count_hit(request)
    except counting.BadHit as exc:
        response = HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(PIXEL, content_type="image/gif")
        response["X-Trienlam-Count"] = outcome.reason
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def cached_totals() -> tuple[int, int]:
    """(all time, today), recomputed at most once a minute per cache."""
    value = cache.get(COUNTER_CACHE_KEY)
    if value is None:
        value = report.totals()
        cache.set(COUNTER_CACHE_KEY, value, COUNTER_CACHE_SECONDS)
    return value


@require_GET
def counter_image(request: HttpRequest) -> HttpResponse:
    """The footer counter as an SVG image, for pages of the static export (their HTML is
    frozen, so they show the live site's figures through this image)."""
    total, today = cached_totals()
    text = _("Visits: %(total)s total · %(today)s today") % {
        "total": report.grouped(total),
        "today": report.grouped(today),
    }
    width = 8 * len(text) + 16
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="24" viewBox="0 0 {w} 24" '
        'role="img" aria-label="{t}"><title>{t}</title>'
        '<text x="0" y="17" font-family="sans-serif" font-size="14" fill="#3b352e">{t}</text>'
        "</svg>",
        w=width,
        t=text,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={COUNTER_CACHE_SECONDS}"
    return response


# --- dashboard ---------------------------------------------------------------------------------


def editors_only(
    view: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Editors and administrators only; anyone else signed in is refused, anonymous visitors
    are sent to the sign-in page."""

    @wraps(view)
    def checked(request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "admin:login")
        if not (user.is_staff and is_editor(user)):
            raise PermissionDenied(
                _("The reach dashboard is for exhibition editors and administrators.")
            )
        return view(request)

    return checked


@require_GET
@editors_only
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = report.parse_filters(request.GET)
    data = report.build(filters)
    period = _("%(start)s to %(end)s") % {
        "start": filters.start.strftime("%d/%m/%Y"),
        "end": filters.end.strftime("%d/%m/%Y"),
    }
    chart_days = charts.columns(
        "chart-days",
        _("Visits per day"),
        _("%(total)s visits from %(period)s; the table below gives each day.")
        % {"total": data.total, "period": period},
        data.days,
    )

    def bar_chart(uid: str, title: str, rows: list[report.Row]) -> object:
        summary = _("%(count)d rows; the table next to it gives the same numbers.") % {
            "count": len(rows)
        }
        return charts.bars(uid, title, summary, rows) if rows else ""

    part_rows = [report.Row(p.part, p.visits) for p in data.parts]
    context = {
        **admin.site.each_context(request),
        "title": _("Reach dashboard"),
        "filters": filters,
        "report": data,
        "period": period,
        "exhibitions": Exhibition.objects.order_by("position", "title"),
        "chart_days": chart_days,
        "chart_parts": bar_chart("chart-parts", _("Visits by part"), part_rows),
        "chart_items": bar_chart("chart-items", _("Most visited items"), data.items),
        "chart_agencies": bar_chart("chart-agencies", _("Visits by agency"), data.agencies),
        "chart_groups": bar_chart("chart-groups", _("Visits by agency group"), data.groups),
        "chart_provinces": bar_chart(
            "chart-provinces", _("Visits by province of the agency"), data.provinces
        ),
        "chart_hosts": bar_chart("chart-hosts", _("Visits by referring site"), data.hosts),
        "query": filters.query(),
    }
    return render(request, "stats/dashboard.html", context)


@require_GET
@editors_only
def export_csv(request: HttpRequest) -> HttpResponse:
    filters = report.parse_filters(request.GET)
    response = HttpResponse(exports.to_csv(filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.file_name(filters, "csv")}"'
    return response


@require_GET
@editors_only
def export_xlsx(request: HttpRequest) -> HttpResponse:
    filters = report.parse_filters(request.GET)
    response = HttpResponse(
        exports.to_xlsx(report.build(filters)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.file_name(filters, "xlsx")}"'
    return response
