"""Every browse page's path, for the static export."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from trienlam.catalogue.models import Institution


def pages() -> Iterable[str]:
    yield reverse("browse_provinces")
    yield reverse("browse_time")
    yield reverse("institutions")
    for slug in Institution.objects.order_by("slug").values_list("slug", flat=True):
        yield reverse("institution", kwargs={"slug": slug})
