from __future__ import annotations

from django.http import HttpRequest

from trienlam.exhibitions.models import SiteProfile
from trienlam.operations import memo


def site_profile(request: HttpRequest) -> dict[str, SiteProfile | None]:
    # Read once per content version (saving the profile changes the version).
    return {"site_profile": memo.shared("site_profile", SiteProfile.current)}


def static_export(request: HttpRequest) -> dict[str, bool]:
    """`static_export` is true while `trienlam publish` renders the page for the static export.

    The exporter sets the WSGI variable TRIENLAM_EXPORT; a client cannot (request headers
    arrive as HTTP_*), so a live page never renders in export mode.
    """
    return {"static_export": request.META.get("TRIENLAM_EXPORT") == "1"}
