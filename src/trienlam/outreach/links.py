"""Absolute addresses, referral links, embed snippets and short links.

The referral parameter is `ref` (`/trien-lam/<slug>/?ref=<agency code>`); the visit statistics
count it. Absolute addresses use `settings.PUBLIC_BASE_URL` when it is set (production, the
static export), else the address of the request (embedded mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Section

REF = "ref"


def absolute(request: HttpRequest | None, path: str) -> str:
    """*path* (starting with /) as an absolute address."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    if request is None:
        raise ValueError("an absolute address needs a request or TRIENLAM_PUBLIC_BASE_URL")
    return request.build_absolute_uri(path)


def without_scheme(url: str) -> str:
    """ "https://a.vn/x/" → "a.vn/x/": how an address is printed on a banner."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"


def with_ref(url: str, code: str | None) -> str:
    return f"{url}?{urlencode({REF: code})}" if code else url


def snippet(*, href: str, src: str, srcset_2x: str, width: int, height: int, alt: str) -> str:
    """The HTML an agency pastes on its website: a plain link around an image with its size
    and text, loaded from our site. No script, no style, nothing from a third party."""
    # A plain str, not a SafeString: pages show it as text (escaped) for copying.
    markup = format_html(
        '<a href="{}"><img src="{}" srcset="{} 2x" width="{}" height="{}" alt="{}" '
        'loading="lazy"></a>',
        href,
        src,
        srcset_2x,
        width,
        height,
        alt,
    )
    return "" + markup


# --- short links -----------------------------------------------------------------------------
#
# A short link names its target by database ids: "/l/3-p2" is part 2 of exhibition 3,
# "/l/3-125" is item 125 shown in exhibition 3. Nothing is stored and nothing is written when
# a page shows one; ids never change, so printed labels stay valid; and it leads somewhere only
# while its target is public (the ids reveal nothing the public pages do not show).

SHORT_CODE = re.compile(r"^(?P<exhibition>[1-9][0-9]*)-(?P<part>p?)(?P<target>[1-9][0-9]*)$")


def short_code(
    exhibition: Exhibition, *, part: Section | None = None, item: Item | None = None
) -> str:
    if part is not None:
        return f"{exhibition.pk}-p{part.pk}"
    if item is not None:
        return f"{exhibition.pk}-{item.pk}"
    raise ValueError("a short link names a part or an item")


def short_path(code: str) -> str:
    return reverse("outreach:short", kwargs={"code": code})


@dataclass(frozen=True)
class ShortTarget:
    exhibition: Exhibition
    path: str
    title: str
    eyebrow: str


def resolve_short(code: str) -> ShortTarget | None:
    """What a short link leads to, or None if it is malformed or its target is not public."""
    match = SHORT_CODE.match(code)
    if match is None:
        return None
    exhibition = Exhibition.objects.public().filter(pk=int(match["exhibition"])).first()
    if exhibition is None:
        return None
    target = int(match["target"])
    if match["part"]:
        part = exhibition.sections.filter(pk=target, parent__isnull=True).first()
        if part is None:
            return None
        path = reverse("part", kwargs={"slug": exhibition.slug, "part": part.slug})
        return ShortTarget(exhibition, path, part.title, part.label or exhibition.title)
    item = Item.objects.public().filter(pk=target, placements__exhibition=exhibition).first()
    if item is None:
        return None
    path = reverse(
        "exhibition_item", kwargs={"slug": exhibition.slug, "identifier": item.identifier}
    )
    return ShortTarget(exhibition, path, item.title, exhibition.title)
