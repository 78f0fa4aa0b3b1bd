"""Security helpers: response headers for public pages, and the admin's login throttling glue.

- `ContentSecurityPolicyMiddleware` sends a Content-Security-Policy without `unsafe-inline`
  on every page outside the admin, plus a Permissions-Policy everywhere. Django 5.2 has no
  built-in CSP (it arrives in Django 6.0, which needs Python 3.12), and the policy is one
  fixed string, so a few lines here are lighter than another dependency.
- `LoginThrottleBackend`, `client_ip` and `lockout_response` adapt django-axes (lockout after
  repeated failed admin logins) to this project; settings.py wires them in.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext

# OpenSeadragon (6.1.1, the pinned viewer) injects one <style> element when a viewer opens,
# to hide the focus ring on touch screens. Allow exactly that text by its hash rather than
# every inline style: sha256 of
#   "@media (hover: none) {    .openseadragon-canvas:focus {        outline: none !important;    }}"
# If an upgrade changes the text, tests/browser/test_csp.py reports the refused style.
OPENSEADRAGON_STYLE_HASH = "'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='"

# Everything the public pages load comes from this site: one stylesheet, viewer.js and
# OpenSeadragon from /static/, IIIF info.json (fetched: connect-src) and tiles (images) from
# /media/, recordings (media-src). `img-src data:` is for the empty favicon (`href="data:,"`)
# in base.html. OpenSeadragon's default set-up loads tiles with plain <img> elements and
# draws them on a canvas: it needs no blob: URLs, workers or eval.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' {OPENSEADRAGON_STYLE_HASH}",
        "img-src 'self' data:",
        "media-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # Clickjacking: no framing at all (X-Frame-Options: DENY says the same to old browsers).
        "frame-ancestors 'none'",
    ]
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


class ContentSecurityPolicyMiddleware:
    """Add the CSP to public responses and the Permissions-Policy to all responses.

    The admin keeps Django's own headers (X-Frame-Options: DENY and the rest): its pages and
    widgets rely on inline scripts and styles. A response that already carries a CSP (set by
    its view) is left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._admin_prefix: str | None = None

    def _is_admin(self, request: HttpRequest) -> bool:
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        return request.path.startswith(self._admin_prefix)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not self._is_admin(request):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


# --- login throttling (django-axes) -----------------------------------------------------------


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, skipped when `authenticate()` is called without a request.

    Every sign-in over the web passes its request (Django's login views and forms always do),
    and that is where throttling matters. Calls without one come from code run by someone
    who already controls the server (shell, management commands) or from tests
    (`Client.login()`); stock axes raises an error for them instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):  # type: ignore[no-untyped-def]
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The address a login attempt came from, as django-axes records it.

    With TRIENLAM_TRUSTED_PROXY_COUNT = 0 (the default) that is the connection's own address:
    X-Forwarded-For is ignored, since any client can send one. With N trusted reverse proxies
    in front of the application, each appends the address it received the request from, so
    the client is the N-th entry from the right; entries further left were written by the
    client and are never believed.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRIENLAM_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # The request did not pass through every proxy we were told about.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page shown instead of the login form while an account is locked (HTTP 429)."""
    minutes = settings.TRIENLAM_LOGIN_COOLOFF_MINUTES
    title = str(settings.AXES_COOLOFF_MESSAGE)
    detail = ngettext(
        "For safety, sign-in to this account from your network is paused for up to %(minutes)d "
        "minute. Try again later, or ask an administrator to unlock the account.",
        "For safety, sign-in to this account from your network is paused for up to %(minutes)d "
        "minutes. Try again later, or ask an administrator to unlock the account.",
        minutes,
    ) % {"minutes": minutes}
    body = format_html(
        '<!doctype html>\n<html lang="{}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{}</title>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p>{}</p>\n"
        '<p><a href="{}">{}</a></p>\n</main>\n</body>\n</html>\n',
        get_language() or settings.LANGUAGE_CODE,
        title,
        title,
        detail,
        request.path,
        gettext("Back to the sign-in page"),
    )
    response = HttpResponse(body, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(minutes * 60)
    return response
