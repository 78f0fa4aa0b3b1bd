"""The promotion kit in the static export (`trienlam.publishing`).

`pages()` are HTML pages: each public exhibition's kit page, its page for every agency, and
the short links of its parts and items (rendered in export mode as a page that moves on at
once, since a static file cannot redirect) with their printable labels. `files()` are the
banners, QR codes, share images and ZIPs those pages link to, served by the same views.

Per-agency ZIPs hold the full banner set (about 0.3 MB each): with hundreds of agencies they
are the bulk of the export's outreach files.

Every path comes with a key of the data it shows (`trienlam.publishing.keys`), so that an
incremental export renders again only what changed: an item's label, short link and share
image follow that item; the kit pages, banners, QR codes and ZIPs follow the exhibition's own
fields, its kit settings, its cover and the agencies, not its items.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.operations import memo
from trienlam.outreach import kit, links
from trienlam.outreach.models import Agency, AgencyGroup, PromotionKit
from trienlam.publishing.keys import digest, item_digests

Entry = tuple[str, str]


def _exhibitions() -> list[Exhibition]:
    return list(Exhibition.objects.public().order_by("pk"))


def _codes() -> list[str]:
    return list(Agency.objects.order_by("code").values_list("code", flat=True))


def _agency_rows() -> dict[str, dict]:
    return memo.once_per_run(
        "outreach_agencies",
        lambda: {row["code"]: row for row in Agency.objects.order_by("code").values()},
    )


def _agencies_key() -> str:
    return memo.once_per_run(
        "outreach_agencies_key",
        lambda: digest(list(_agency_rows().values()), list(AgencyGroup.objects.values())),
    )


def _head_key(exhibition: Exhibition) -> str:
    """What the kit, its banners and QR codes show of *exhibition* (not its items)."""

    def compute() -> str:
        return digest(
            Exhibition.objects.filter(pk=exhibition.pk).values().first(),
            PromotionKit.objects.filter(exhibition=exhibition).values().first(),
            Media.objects.filter(pk=exhibition.cover_id).values().first(),
            list(Section.objects.filter(exhibition=exhibition, parent__isnull=True).values()),
        )

    return memo.once_per_run(f"outreach_head_{exhibition.pk}", compute)


def _part_key(exhibition: Exhibition, part: Section) -> str:
    """What a part's short link, label, QR codes and share image show (its placed items)."""

    def compute() -> str:
        items = item_digests()
        sections = [part, *part.children.all()]
        rows = Placement.objects.filter(exhibition=exhibition, section__in=sections)
        return digest(
            _head_key(exhibition),
            [(row, items.get(row["item_id"])) for row in rows.order_by("pk").values()],
        )

    return memo.once_per_run(f"outreach_part_{part.pk}", compute)


def _short_entries(exhibition: Exhibition) -> list[tuple[str, str]]:
    """(short code, key) of every part and public item of *exhibition*."""
    items = item_digests()
    head = _head_key(exhibition)
    parts = exhibition.sections.filter(parent__isnull=True).order_by("position", "pk")
    public = Item.objects.public().filter(placements__exhibition=exhibition).order_by("pk")
    return [
        (links.short_code(exhibition, part=part), _part_key(exhibition, part)) for part in parts
    ] + [
        (links.short_code(exhibition, item=item), digest(head, items.get(item.pk)))
        for item in public
    ]


def pages() -> Iterator[Entry]:
    codes = _codes()
    agencies = _agencies_key()
    for exhibition in _exhibitions():
        head = digest(_head_key(exhibition), agencies)
        yield reverse("outreach:kit", kwargs={"slug": exhibition.slug}), head
        for code in codes:
            path = reverse("outreach:kit_agency", kwargs={"slug": exhibition.slug, "code": code})
            yield path, head
        for code, key in _short_entries(exhibition):
            yield links.short_path(code), key
            yield reverse("outreach:label", kwargs={"code": code}), key


def files() -> Iterator[Entry]:
    agencies = _agency_rows()
    items = item_digests()
    for exhibition in _exhibitions():
        slug = exhibition.slug
        head = _head_key(exhibition)
        for size in kit.sizes(exhibition):
            for scale in kit.SCALES:
                for fmt in kit.FORMATS:
                    yield kit.banner_path(exhibition, size, scale, fmt), head
        for fmt in ("svg", "png"):
            yield reverse("outreach:qr", kwargs={"slug": slug, "fmt": fmt}), head
            for code, row in agencies.items():
                path = reverse(
                    "outreach:qr_agency", kwargs={"slug": slug, "code": code, "fmt": fmt}
                )
                yield path, digest(head, row)
        yield reverse("outreach:zip", kwargs={"slug": slug}), head
        for code, row in agencies.items():
            path = reverse("outreach:zip_agency", kwargs={"slug": slug, "code": code})
            yield path, digest(head, row)
        yield reverse("outreach:share", kwargs={"slug": slug}), head
        for part in exhibition.sections.filter(parent__isnull=True).order_by("position", "pk"):
            path = reverse("outreach:share_part", kwargs={"slug": slug, "part": part.slug})
            yield path, _part_key(exhibition, part)
        for code, key in _short_entries(exhibition):
            for fmt in ("svg", "png"):
                yield reverse("outreach:short_qr", kwargs={"code": code, "fmt": fmt}), key
    for pk, identifier in Item.objects.public().order_by("pk").values_list("pk", "identifier"):
        yield reverse("outreach:share_item", kwargs={"identifier": identifier}), items[pk]
