"""Request log and page cache: the two outermost middlewares (settings.MIDDLEWARE).

`PublicPageCacheMiddleware` keeps finished public HTML pages for anonymous visitors in
Django's cache, keyed by the site-wide content version (pagecache.py), and gives them
`Cache-Control: public, max-age=…`, an ETag and Last-Modified so that browsers and CDNs
revalidate with a 304. It never stores or marks public anything that could differ per
person: requests carrying a session cookie (signed-in staff), the admin, previews, media,
responses that set a cookie, embed a CSRF token, vary on anything but Cookie, or say
private/no-store themselves. Pages for signed-in people get `private, no-store`.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from trienlam.operations import pagecache

log = logging.getLogger("trienlam.request")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The WSGI variable set by `trienlam publish` (publishing/render.py); clients cannot set it.
EXPORT = "TRIENLAM_EXPORT"
# Never cached, whatever the response says (besides the rules on the response itself).
PRIVATE_PREFIXES = ("/admin/", "/xem-truoc/")


class RequestLogMiddleware:
    """One log line per request: id, method, path (no query string), status, duration.

    The id comes from nginx's `X-Request-ID` when it sends a well-formed one, so the two logs
    can be joined; it is returned in the response's `X-Request-ID`. No address is logged.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if EXPORT in request.META:  # `trienlam publish` rendering a page: not a request
            return self.get_response(request)
        started = time.perf_counter()
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        if log.isEnabledFor(logging.INFO):
            duration = round((time.perf_counter() - started) * 1000, 2)
            cache_state = response.get("X-Page-Cache")
            log.info(
                "%s %s %s %.2fms",
                request.method,
                request.path,
                response.status_code,
                duration,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration,
                    "cache": cache_state,
                },
            )
        return response


class _Conf:
    """The settings the page cache reads on every request, read once (and again whenever a
    test changes settings): attribute access on django.conf.settings is comparatively slow."""

    def __init__(self) -> None:
        self.load()

    def load(self, **kwargs: object) -> None:
        self.seconds = settings.TRIENLAM_PAGE_CACHE_SECONDS
        self.max_age = settings.TRIENLAM_PAGE_MAX_AGE
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.language_cookie = settings.LANGUAGE_COOKIE_NAME
        self.excluded = (*PRIVATE_PREFIXES, settings.MEDIA_URL, settings.STATIC_URL)


_conf: _Conf | None = None


def conf() -> _Conf:
    global _conf
    if _conf is None:
        from django.core.signals import setting_changed

        _conf = _Conf()
        setting_changed.connect(_conf.load, dispatch_uid="trienlam-page-cache-conf")
    return _conf


def _excluded(request: HttpRequest) -> bool:
    c = conf()
    return (
        request.method != "GET"
        # The static export renders pages through the same views in export mode (other
        # links): such a page must never be stored for, or served from, the live site.
        or EXPORT in request.META
        or c.session_cookie in request.COOKIES
        or request.path.startswith(c.excluded)
    )


def cacheable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether a response to an anonymous GET may be stored and marked public."""
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie"}:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def _key(self, request: HttpRequest) -> str | None:
        c = conf()
        if c.seconds <= 0 or _excluded(request):
            return None
        language = request.COOKIES.get(c.language_cookie, "")
        scheme = "https" if request.is_secure() else "http"
        return (
            f"page:{pagecache.current_version()}:{scheme}:{request.get_host()}:{language}:"
            f"{request.get_full_path()}"
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = self._key(request)
        if key is not None:
            entry = cache.get(key)
            if entry is not None:
                # A fresh copy of the stored response (the cache unpickles a new object).
                response, modified = entry
                response["X-Page-Cache"] = "hit"
                if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in (
                    request.META
                ):
                    return self._conditional(request, response, modified)
                return response
        response = self.get_response(request)
        if key is not None and cacheable_response(request, response):
            modified = self._mark_public(response)
            cache.set(key, (response, modified), conf().seconds)
            response["X-Page-Cache"] = "miss"
            return self._conditional(request, response, modified)
        if key is None and not _excluded(request) and cacheable_response(request, response):
            # The server-side cache is off (TRIENLAM_PAGE_CACHE_SECONDS=0): browsers and CDNs
            # still get the public headers and conditional GET.
            modified = self._mark_public(response)
            return self._conditional(request, response, modified)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Whatever a signed-in person sees may hold drafts or their name: never kept.
            if "no-store" not in response.get("Cache-Control", ""):
                add_never_cache_headers(response)
                response["Cache-Control"] = "private, no-store, max-age=0"
        if key is not None:
            response["X-Page-Cache"] = "bypass"
        return response

    def _mark_public(self, response: HttpResponseBase) -> int | None:
        if "Cache-Control" not in response:
            response["Cache-Control"] = f"public, max-age={conf().max_age}"
        patch_vary_headers(response, ("Cookie",))
        set_response_etag(response)
        modified = pagecache.last_modified()
        if modified is None:
            return None
        response["Last-Modified"] = http_date(modified)
        return int(modified)

    def _conditional(
        self, request: HttpRequest, response: HttpResponseBase, modified: int | None
    ) -> HttpResponseBase:
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=modified, response=response
        )
