"""What a page tells Zalo, Facebook and others when its link is shared (Open Graph and
Twitter-card tags), and the short link with its QR code for a physical exhibition's labels.

The exhibition views put `share` (and `label_link`) in their context;
`includes/share_meta.html` writes the tags. Every address is absolute.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import Truncator

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Section
from trienlam.outreach import links
from trienlam.outreach.drawing import SHARE_SIZE


@dataclass(frozen=True)
class Share:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    type: str = "website"
    width: int = SHARE_SIZE[0]
    height: int = SHARE_SIZE[1]


def _description(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(200)


def for_exhibition(request: HttpRequest, exhibition: Exhibition) -> Share:
    return Share(
        title=exhibition.title,
        description=_description(
            exhibition.subtitle or exhibition.introduction or exhibition.title
        ),
        url=links.absolute(request, exhibition.get_absolute_url()),
        image=links.absolute(request, reverse("outreach:share", kwargs={"slug": exhibition.slug})),
        image_alt=exhibition.title,
    )


def for_part(request: HttpRequest, exhibition: Exhibition, part: Section) -> Share:
    return Share(
        title=f"{part} · {exhibition.title}",
        description=_description(part.introduction or exhibition.subtitle or exhibition.title),
        url=links.absolute(
            request, reverse("part", kwargs={"slug": exhibition.slug, "part": part.slug})
        ),
        image=links.absolute(
            request,
            reverse("outreach:share_part", kwargs={"slug": exhibition.slug, "part": part.slug}),
        ),
        image_alt=part.title,
    )


def for_item(
    request: HttpRequest, item: Item, exhibition: Exhibition | None = None, caption: str = ""
) -> Share:
    if exhibition is not None:
        path = reverse(
            "exhibition_item", kwargs={"slug": exhibition.slug, "identifier": item.identifier}
        )
    else:
        path = reverse("item", kwargs={"identifier": item.identifier})
    return Share(
        title=item.title,
        description=_description(caption or item.summary or item.title),
        url=links.absolute(request, path),
        image=links.absolute(
            request, reverse("outreach:share_item", kwargs={"identifier": item.identifier})
        ),
        image_alt=item.title,
        type="article",
    )


@dataclass(frozen=True)
class LabelLink:
    """A part's or item's short link and its printable label (with the QR code)."""

    short_url: str
    label: str


def label_link(
    request: HttpRequest,
    exhibition: Exhibition,
    *,
    part: Section | None = None,
    item: Item | None = None,
) -> LabelLink:
    """No query: the code is made of ids the page already has."""
    code = links.short_code(exhibition, part=part, item=item)
    return LabelLink(
        short_url=links.absolute(request, links.short_path(code)),
        label=reverse("outreach:label", kwargs={"code": code}),
    )
