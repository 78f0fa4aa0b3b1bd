"""Serving stored files, gated by the one definition of public.

In the embedded setup Django serves media itself; renditions of an item are
reachable only while the item is public (staff may see all), and originals
only by staff. In production the static export or nginx takes this over.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

from trienlam.catalogue.models import Item, Media


def _is_staff(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and request.user.is_staff)


def rendition(request: HttpRequest, uid: str, path: str) -> HttpResponse:
    try:
        key = uuid.UUID(hex=uid)
    except ValueError as exc:
        raise Http404 from exc
    media = Media.objects.filter(uid=key)
    if not _is_staff(request):
        media = media.filter(item__in=Item.objects.public())
    if not media.exists():
        raise Http404
    response = serve(request, f"iiif/{key.hex}/{path}", document_root=settings.MEDIA_ROOT)
    if not _is_staff(request):
        response["Cache-Control"] = "public, max-age=86400"
    return response


def original(request: HttpRequest, path: str) -> HttpResponse:
    if not _is_staff(request):
        raise Http404
    return serve(request, f"originals/{path}", document_root=settings.MEDIA_ROOT)
