from __future__ import annotations

from django.http import HttpRequest

from trienlam.exhibitions.models import SiteProfile


def site_profile(request: HttpRequest) -> dict[str, SiteProfile | None]:
    return {"site_profile": SiteProfile.current()}
