"""IIIF Presentation API 3.0 documents: a manifest per item, a collection per exhibition.

The builders are plain functions of already-fetched model instances and a `base_url`
(the scheme and host the documents are served from, e.g. "https://trienlam.example.vn",
optionally with a path prefix, no trailing slash needed). The live views pass the host of
the request; the static export passes its configured address. Every `id` in the output is
absolute and starts with that base (media served from another host, such as a CDN
`MEDIA_URL`, keep their own absolute address).

They never query the database themselves beyond what the caller prefetched: an item's
`media` (ordered) and `institution` / `repository` / `province`.

Texts are catalogued in Vietnamese: titles and free text get the language "vi" (and the
same text under "en" for labels, so English viewers show a title rather than nothing;
nothing is machine-translated). Labels we write ourselves go through gettext in both
languages. Codes (identifiers, document numbers) get "none".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trienlam.catalogue.models import Institution, Item, Media
from trienlam.exhibitions.models import Exhibition

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
#: The media type of every document built here (IIIF Presentation 3, section 6.1).
CONTENT_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'
#: IIIF 3 `rights` must be one of these (http, not https); anything else is a credit line.
RIGHTS_URI_PREFIXES = ("http://creativecommons.org/", "http://rightsstatements.org/")
#: Languages every label we write ourselves is given in.
LABEL_LANGUAGES = ("vi", "en")
IMAGE_FORMAT = "image/jpeg"

JSON = dict[str, Any]
LanguageMap = dict[str, list[str]]


# --- Small pieces ---------------------------------------------------------------------------


def absolute(base_url: str, url: str) -> str:
    """*url* (site-relative, as `reverse()` and `MEDIA_URL` give it) made absolute on *base_url*.

    An already absolute URL (a CDN `MEDIA_URL`) is kept; a scheme-relative one takes the
    scheme of *base_url*.
    """
    if urlsplit(url).scheme:
        return url
    if url.startswith("//"):
        return f"{urlsplit(base_url).scheme or 'https'}:{url}"
    return f"{base_url.rstrip('/')}/{url.lstrip('/')}"


def text_map(text: str, language: str = "vi") -> LanguageMap:
    """A IIIF language map of one catalogued text."""
    return {language: [text]}


def title_map(text: str) -> LanguageMap:
    """A title for every label language: the Vietnamese text itself, never a translation."""
    return {code: [text] for code in LABEL_LANGUAGES}


def in_languages(render: Callable[[], str]) -> LanguageMap:
    """*render* called once with each label language active (for gettext-built texts)."""
    result: LanguageMap = {}
    for code in LABEL_LANGUAGES:
        with translation.override(code):
            result[code] = [str(render())]
    return result


def translated(message: str | Promise) -> LanguageMap:
    """A lazy gettext message in every label language."""
    return in_languages(lambda: str(message))


def pair(label: str | Promise, value: LanguageMap) -> JSON:
    """One `metadata` / `requiredStatement` entry."""
    return {"label": translated(label), "value": value}


def rights_uri(rights: str) -> str | None:
    """The item's rights as a IIIF `rights` URI, or None when it is a free-text credit line.

    Creative Commons and RightsStatements.org URIs are accepted with https too and written
    with http, as IIIF requires.
    """
    value = rights.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    for prefix in RIGHTS_URI_PREFIXES:
        secure = "https://" + prefix.removeprefix("http://")
        if value.startswith(secure):
            value = "http://" + value.removeprefix("https://")
        if value.startswith(prefix) and len(value) > len(prefix):
            return value
    return None


def credit(item: Item) -> str:
    """The credit shown with every view of the item: its rights line, else its institution."""
    if item.rights.strip() and rights_uri(item.rights) is None:
        return item.rights.strip()
    return item.institution.name


# --- Which media become canvases ------------------------------------------------------------


def _in_order(item: Item) -> list[Media]:
    # `item.media.all()` uses the caller's prefetch; sorting again keeps the item page's order
    # even if the prefetch had none.
    return sorted(item.media.all(), key=lambda m: (m.position, m.pk))


def is_ready_page(media: Media) -> bool:
    """A page image a viewer can show: visual, processed, with sized copies."""
    return media.is_visual and media.state == Media.State.READY and bool(media.sizes)


def time_based_media_url(media: Media) -> str | None:
    """The public URL of an audio or video file, for its Sound/Video canvas."""
    return media.recording_url if (media.is_audio or media.is_video) else None


def canvas_media(item: Item) -> list[Media]:
    """The media that become canvases, in page order."""
    chosen: list[Media] = []
    for media in _in_order(item):
        if is_ready_page(media) or (
            (media.is_audio or media.is_video)
            and media.state == Media.State.READY
            and media.duration
            and time_based_media_url(media)
        ):
            chosen.append(media)
    return chosen


def visual_pages(item: Item) -> list[Media]:
    return [m for m in _in_order(item) if is_ready_page(m)]


def has_manifest(item: Item) -> bool:
    """IIIF needs at least one canvas: an item without a ready page has no manifest."""
    return bool(canvas_media(item))


def manifest_path(item: Item) -> str:
    return reverse("iiif_manifest", kwargs={"identifier": item.identifier})


def collection_path(exhibition: Exhibition) -> str:
    return reverse("iiif_collection", kwargs={"slug": exhibition.slug})


def manifest_url_for(item: Item) -> str | None:
    """The site-relative manifest URL of a public item, or None when it has none.

    For the item page's `<link rel="alternate">` and its visible IIIF link. Uses the
    item's prefetched media (no query when the page prefetched them).
    """
    if not item.is_public or not has_manifest(item):
        return None
    return manifest_path(item)


# --- Images ---------------------------------------------------------------------------------


def _smallest(media: Media) -> tuple[int, int]:
    width, height = min(media.sizes, key=lambda size: size[0] * size[1])
    return int(width), int(height)


def _largest(media: Media) -> tuple[int, int]:
    width, height = max(media.sizes, key=lambda size: size[0] * size[1])
    return int(width), int(height)


def sized_copy_url(media: Media, width: int, height: int) -> str:
    """Site-relative URL of one of the page's sized copies (`full/w,h/0/default.jpg`)."""
    return f"{media.iiif_base_url}/full/{width},{height}/0/default.jpg"


def image_service(media: Media, base_url: str) -> list[JSON]:
    """The page's static IIIF Image API 3 service (level 0 tiles and sizes)."""
    return [
        {
            "id": absolute(base_url, media.iiif_base_url),
            "type": "ImageService3",
            "profile": "level0",
        }
    ]


def image_resource(media: Media, size: tuple[int, int], base_url: str) -> JSON:
    width, height = size
    return {
        "id": absolute(base_url, sized_copy_url(media, width, height)),
        "type": "Image",
        "format": IMAGE_FORMAT,
        "width": width,
        "height": height,
        "service": image_service(media, base_url),
    }


def thumbnail(media: Media, base_url: str) -> list[JSON]:
    """The page's smallest sized copy, with its image service."""
    return [image_resource(media, _smallest(media), base_url)]


# --- Canvases -------------------------------------------------------------------------------


def page_label(number: int) -> LanguageMap:
    return in_languages(lambda: gettext("Page %(n)d") % {"n": number})


def _painting(canvas_id: str, body: JSON) -> list[JSON]:
    page_id = f"{canvas_id}/page"
    return [
        {
            "id": page_id,
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{page_id}/painting",
                    "type": "Annotation",
                    "motivation": "painting",
                    "body": body,
                    "target": canvas_id,
                }
            ],
        }
    ]


def image_canvas(media: Media, canvas_id: str, number: int, base_url: str) -> JSON:
    """A page image: the canvas has the original's size, painted with the largest copy."""
    largest = _largest(media)
    width = media.width or largest[0]
    height = media.height or largest[1]
    return {
        "id": canvas_id,
        "type": "Canvas",
        "label": page_label(number),
        "width": width,
        "height": height,
        "items": _painting(canvas_id, image_resource(media, largest, base_url)),
    }


def time_based_canvas(
    media: Media, canvas_id: str, number: int, url: str, base_url: str
) -> JSON:
    """An audio or video recording, played from our site."""
    body: JSON = {
        "id": absolute(base_url, url),
        "type": "Video" if media.is_video else "Sound",
        "format": media.mime_type,
        "duration": float(media.duration or 0),
    }
    canvas: JSON = {
        "id": canvas_id,
        "type": "Canvas",
        "label": page_label(number),
        "duration": float(media.duration or 0),
    }
    if media.is_video and media.width and media.height:
        body["width"] = canvas["width"] = media.width
        body["height"] = canvas["height"] = media.height
    canvas["items"] = _painting(canvas_id, body)
    return canvas


def canvases(item: Item, manifest_base: str, base_url: str) -> list[JSON]:
    result: list[JSON] = []
    for number, media in enumerate(canvas_media(item), start=1):
        canvas_id = f"{manifest_base}/canvas/{number}"
        if is_ready_page(media):
            result.append(image_canvas(media, canvas_id, number, base_url))
        else:
            url = time_based_media_url(media)
            if url:
                result.append(time_based_canvas(media, canvas_id, number, url, base_url))
    return result


# --- Descriptive properties -----------------------------------------------------------------


def metadata(item: Item) -> list[JSON]:
    """The description shown by viewers, in the order of our item page."""
    entries: list[JSON] = [
        pair(_("Kind"), in_languages(lambda: capfirst(item.get_kind_display())))
    ]
    if item.doc_number:
        entries.append(pair(_("Number and symbol"), text_map(item.doc_number, "none")))
    if item.date_text:
        entries.append(pair(_("Date"), text_map(item.date_text)))
    if item.creator:
        label = (
            _("Speaker or author")
            if item.kind == Item.Kind.QUOTATION
            else _("Issuing body or author")
        )
        entries.append(pair(label, text_map(item.creator)))
    entries.append(pair(_("Contributing institution"), text_map(item.institution.name)))
    if item.province_id:
        entries.append(pair(_("Province"), text_map(item.province.name)))
    entries.append(pair(_("Source citation"), in_languages(lambda: item.source_line)))
    entries.append(pair(_("Identifier"), text_map(item.identifier, "none")))
    return entries


def homepage(url: str, label: str) -> list[JSON]:
    return [
        {
            "id": url,
            "type": "Text",
            "label": title_map(label),
            "format": "text/html",
            "language": ["vi"],
        }
    ]


def provider(institution: Institution) -> list[JSON]:
    """The contributing institution as a IIIF Agent, with its website as its homepage.

    The Agent's `id` is a URN of its slug: an identifier only (we publish no institution
    pages, and its website is a page about it, not the institution itself).
    """
    agent: JSON = {
        "id": f"urn:trienlam:institution:{institution.slug}",
        "type": "Agent",
        "label": text_map(institution.name),
    }
    if institution.website:
        agent["homepage"] = [
            {
                "id": institution.website,
                "type": "Text",
                "label": text_map(institution.name),
                "format": "text/html",
            }
        ]
    return [agent]


# --- Documents ------------------------------------------------------------------------------


def build_manifest(item: Item, base_url: str) -> JSON | None:
    """The item's manifest, or None when it has nothing to show (IIIF needs a canvas).

    The caller decides that the item is public (views fetch it with `Item.objects.public()`).
    """
    manifest_id = absolute(base_url, manifest_path(item))
    manifest_base = manifest_id.rsplit("/", 1)[0]
    items = canvases(item, manifest_base, base_url)
    if not items:
        return None
    manifest: JSON = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": title_map(item.title),
    }
    if item.summary.strip():
        manifest["summary"] = text_map(item.summary)
    manifest["metadata"] = metadata(item)
    manifest["requiredStatement"] = pair(_("Attribution"), text_map(credit(item)))
    uri = rights_uri(item.rights)
    if uri:
        manifest["rights"] = uri
    pages = visual_pages(item)
    if pages:
        manifest["thumbnail"] = thumbnail(pages[0], base_url)
    manifest["homepage"] = homepage(absolute(base_url, item.get_absolute_url()), item.title)
    manifest["provider"] = provider(item.institution)
    manifest["items"] = items
    return manifest


def manifest_reference(item: Item, base_url: str) -> JSON:
    """An item as a member of a collection (the caller checked `has_manifest`)."""
    reference: JSON = {
        "id": absolute(base_url, manifest_path(item)),
        "type": "Manifest",
        "label": title_map(item.title),
    }
    pages = visual_pages(item)
    if pages:
        reference["thumbnail"] = thumbnail(pages[0], base_url)
    return reference


def build_collection(exhibition: Exhibition, items: Iterable[Item], base_url: str) -> JSON:
    """The exhibition as a collection of its items' manifests, in the order given.

    *items* are the exhibition's public items in reading order (from `ordered_placements`,
    media prefetched); those without a manifest (quotations, unprocessed scans) are left out.
    """
    collection: JSON = {
        "@context": PRESENTATION_CONTEXT,
        "id": absolute(base_url, collection_path(exhibition)),
        "type": "Collection",
        "label": title_map(exhibition.title),
    }
    if exhibition.subtitle.strip():
        collection["summary"] = text_map(exhibition.subtitle)
    collection["homepage"] = homepage(
        absolute(base_url, exhibition.get_absolute_url()), exhibition.title
    )
    collection["items"] = [manifest_reference(it, base_url) for it in items if has_manifest(it)]
    return collection


# --- For checks -----------------------------------------------------------------------------


def _walk(node: Any) -> Iterator[JSON]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def image_urls(manifest_json: JSON) -> list[str]:
    """Every image URL a manifest (or collection) names, once each, in order of appearance.

    Image resources (painted pages, thumbnails) as they are named; image services as the URL
    a viewer fetches first, their `info.json`. A check that every one of them answers 200
    proves the manifest points at files that exist.
    """
    urls: dict[str, None] = {}
    for node in _walk(manifest_json):
        kind = node.get("type") or node.get("@type")
        node_id = node.get("id") or node.get("@id")
        if not isinstance(node_id, str):
            continue
        if kind == "Image":
            urls[node_id] = None
        elif kind in ("ImageService3", "ImageService2"):
            urls[f"{node_id.rstrip('/')}/info.json"] = None
    return list(urls)
