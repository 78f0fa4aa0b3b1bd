"""Serving stored files, gated by the one definition of public.

In the embedded setup Django serves media itself: the IIIF tiles, sized copies
and `info.json` of a page are reachable only while its item is public (or by the
people who may edit it, for previews), recordings likewise, and originals only by
the people who may edit their item. In production the static
export or nginx takes this over.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.static import serve

from trienlam.catalogue.models import Media

IMAGE_CONTEXT_TYPE = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def _signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated)


def _visible_media(request: HttpRequest, uid: str) -> Media:
    """A public item's file, or one the signed-in person may edit (for previews)."""
    try:
        key = uuid.UUID(hex=uid)
    except ValueError as exc:
        raise Http404 from exc
    media = Media.objects.public().filter(uid=key).first()
    if media is None and _signed_in(request):
        media = Media.objects.editable_by(request.user).filter(uid=key).first()
    if media is None:
        raise Http404
    return media


def _public_headers(request: HttpRequest, response: HttpResponse, max_age: int) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    if _signed_in(request):
        response["Cache-Control"] = "private, no-store"
    else:
        response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def rendition(request: HttpRequest, uid: str, path: str) -> HttpResponse:
    """A file of a page's IIIF image: `info.json`, a tile or a sized copy."""
    media = _visible_media(request, uid)
    if path == "info.json":
        return info_json(request, media)
    response = serve(request, f"{media.rendition_base}/{path}", document_root=settings.MEDIA_ROOT)
    return _public_headers(request, response, max_age=7 * 86400)


def info_json(request: HttpRequest, media: Media) -> HttpResponse:
    """The stored `info.json` with its `id` set to this site's address, as viewers need."""
    path = Path(settings.MEDIA_ROOT) / media.rendition_base / "info.json"
    try:
        info = json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise Http404 from exc
    info["id"] = request.build_absolute_uri(media.iiif_base_url)
    response = HttpResponse(json.dumps(info, ensure_ascii=False), content_type=IMAGE_CONTEXT_TYPE)
    return _public_headers(request, response, max_age=3600)


def recording(request: HttpRequest, uid: str) -> HttpResponse:
    """The original of a public audio or video file, for the page's native player."""
    media = _visible_media(request, uid)
    if not (media.is_audio or media.is_video):
        raise Http404
    response = FileResponse(media.file.open("rb"), content_type=media.mime_type)
    return _public_headers(request, response, max_age=7 * 86400)


def original(request: HttpRequest, path: str) -> HttpResponse:
    """An original file, for the people who may edit its item (never the public).

    Served as the type its content was checked to be when it was stored, never one guessed
    from its name: a curator's PNG uploaded as `trang.html` is an image here, not a page of
    this site that would run in an editor's session (the browser is told not to sniff it)."""
    media = (
        Media.objects.editable_by(request.user).filter(file=f"originals/{path}").first()
        if _signed_in(request)
        else None
    )
    if media is None or not media.mime_type:
        raise Http404
    try:
        handle = media.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=media.mime_type, filename=media.original_name or Path(path).name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
