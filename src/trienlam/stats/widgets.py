"""What the visit statistics draw on public pages: the counting beacon and the footer counter.

base.html calls `visit_beacon()` and `visit_counter()` (lib/jinja.py) on every page; these
decide what, if anything, to draw there, with stats/beacon.html and stats/counter.html.
The context is the template's (anything with `.get`).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from trienlam.stats.counting import COUNTED_URL_NAMES
from trienlam.stats.report import grouped


def _counter_base(context: Mapping[str, object]) -> str | None:
    """ "" for this site, the live site's address in the static export, None when off."""
    if context.get("static_export"):
        return settings.TRIENLAM_COUNTER_URL or None
    return ""


def visit_beacon(context: Mapping[str, object]) -> dict[str, object]:
    """On public exhibition, part and item pages: count.js, which asks for the counting pixel
    with the page's path, its ?ref= and the referring site; without JavaScript, the same
    pixel in <noscript> (the server then reads ?ref= from the pixel request's Referer)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    base = _counter_base(context)
    if (
        request is None
        or match is None
        or match.url_name not in COUNTED_URL_NAMES
        or context.get("preview")
        # An error page (404) at a counted address shows no exhibition or item.
        or not (context.get("exhibition") or context.get("item"))
        or base is None
    ):
        return {"show": False}
    hit_url = base + reverse("stats_hit")
    return {
        "show": True,
        "hit_url": hit_url,
        "path": request.path,
        "pixel_url": f"{hit_url}?u={quote(request.path, safe='/')}",
    }


def visit_counter(context: Mapping[str, object]) -> dict[str, object]:
    """The footer's "Visits: total · today". The static export's frozen pages show it as an
    image from the live site (TRIENLAM_COUNTER_URL), or not at all."""
    base = _counter_base(context)
    if base is None:
        return {"show": False}
    if base:
        return {"show": True, "image_url": base + reverse("stats_counter_image")}
    from trienlam.stats.views import cached_totals

    total, today = cached_totals()
    return {
        "show": True,
        "total": grouped(total),
        "today": grouped(today),
    }
