"""The promotion kit in the static export (`trienlam.publishing`).

`pages()` are HTML pages: each public exhibition's kit page, its page for every agency, and
the short links of its parts and items (rendered in export mode as a page that moves on at
once, since a static file cannot redirect) with their printable labels. `files()` are the
banners, QR codes, share images and ZIPs those pages link to, served by the same views.

Per-agency ZIPs hold the full banner set (about 0.3 MB each): with hundreds of agencies they
are the bulk of the export's outreach files.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition
from trienlam.outreach import kit, links
from trienlam.outreach.models import Agency


def _exhibitions() -> list[Exhibition]:
    return list(Exhibition.objects.public().order_by("pk"))


def _codes() -> list[str]:
    return list(Agency.objects.order_by("code").values_list("code", flat=True))


def _short_codes(exhibition: Exhibition) -> list[str]:
    """The short-link codes of every part and every public item of *exhibition*."""
    parts = exhibition.sections.filter(parent__isnull=True).order_by("position", "pk")
    items = Item.objects.public().filter(placements__exhibition=exhibition).order_by("pk")
    return [links.short_code(exhibition, part=part) for part in parts] + [
        links.short_code(exhibition, item=item) for item in items
    ]


def pages() -> Iterator[str]:
    codes = _codes()
    for exhibition in _exhibitions():
        yield reverse("outreach:kit", kwargs={"slug": exhibition.slug})
        for code in codes:
            yield reverse("outreach:kit_agency", kwargs={"slug": exhibition.slug, "code": code})
        for code in _short_codes(exhibition):
            yield links.short_path(code)
            yield reverse("outreach:label", kwargs={"code": code})


def files() -> Iterator[str]:
    codes = _codes()
    for exhibition in _exhibitions():
        slug = exhibition.slug
        for size in kit.sizes(exhibition):
            for scale in kit.SCALES:
                for fmt in kit.FORMATS:
                    yield kit.banner_path(exhibition, size, scale, fmt)
        for fmt in ("svg", "png"):
            yield reverse("outreach:qr", kwargs={"slug": slug, "fmt": fmt})
            for code in codes:
                yield reverse("outreach:qr_agency", kwargs={"slug": slug, "code": code, "fmt": fmt})
        yield reverse("outreach:zip", kwargs={"slug": slug})
        for code in codes:
            yield reverse("outreach:zip_agency", kwargs={"slug": slug, "code": code})
        yield reverse("outreach:share", kwargs={"slug": slug})
        for part in exhibition.sections.filter(parent__isnull=True).order_by("position", "pk"):
            yield reverse("outreach:share_part", kwargs={"slug": slug, "part": part.slug})
        for code in _short_codes(exhibition):
            for fmt in ("svg", "png"):
                yield reverse("outreach:short_qr", kwargs={"code": code, "fmt": fmt})
    for identifier in Item.objects.public().order_by("pk").values_list("identifier", flat=True):
        yield reverse("outreach:share_item", kwargs={"identifier": identifier})
