"""IIIF manifests and collections over HTTP.

Only what `public()` lets through is served; anything else, and an item with nothing to
show, is a 404 that looks the same whether the thing exists or not. Documents are JSON-LD
with open CORS (IIIF viewers run on other sites) and a short public cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
)
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from trienlam.exhibitions.models import Exhibition
from trienlam.exhibitions.ordering import ordered_placements
from trienlam.exhibitions.views import public_item_page
from trienlam.iiif.presentation import CONTENT_TYPE, JSON, build_collection, build_manifest

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
#: Short: a withdrawn item must leave shared caches soon.
CACHE_SECONDS = 300
NOT_FOUND_CACHE_SECONDS = 60

DocumentView = Callable[..., JSON]


def base_url(request: HttpRequest) -> str:
    """Scheme and host this request came to, so ids match the host serving them."""
    return request.build_absolute_uri("/").rstrip("/")


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _options() -> HttpResponse:
    response = HttpResponse(status=200)
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Cache-Control"
    response["Access-Control-Max-Age"] = "86400"
    response["Content-Length"] = "0"
    return response


def _not_found() -> HttpResponse:
    response = HttpResponseNotFound(
        gettext("Page not found"), content_type="text/plain; charset=utf-8"
    )
    patch_cache_control(response, public=True, max_age=NOT_FOUND_CACHE_SECONDS)
    return response


def document_response(request: HttpRequest, document: JSON) -> HttpResponse:
    """*document* as IIIF JSON-LD, with an ETag; HEAD gets the headers only."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Length"] = str(len(body))
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not response:
        return conditional
    if request.method == "HEAD":
        response.content = b""
        response["Content-Length"] = str(len(body))
    return response


def iiif_document(view: DocumentView) -> Callable[..., HttpResponse]:
    """Turn a view returning a IIIF document (or raising Http404) into a JSON-LD endpoint.

    GET/HEAD/OPTIONS only (others 405, before CSRF: nothing here changes state); CORS on
    every answer, so a viewer on another site sees a 404 as a 404.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return _cors(HttpResponseNotAllowed(ALLOWED_METHODS))
        if request.method == "OPTIONS":
            return _cors(_options())
        try:
            document = view(request, *args, **kwargs)
        except Http404:
            return _cors(_not_found())
        return _cors(document_response(request, document))

    return wrapper


@iiif_document
def manifest(request: HttpRequest, identifier: str) -> JSON:
    # The item page's two queries, compiled once per process, read all the manifest needs.
    document = build_manifest(public_item_page(identifier), base_url(request))
    if document is None:  # nothing to show: a quotation or unprocessed scans
        raise Http404
    return document


@iiif_document
def collection(request: HttpRequest, slug: str) -> JSON:
    exhibition = get_object_or_404(Exhibition.objects.public(), slug=slug)
    placements = ordered_placements(exhibition, exhibition.sections.all(), with_media=True)
    return build_collection(exhibition, [p.item for p in placements], base_url(request))
