"""Rendering site paths through the real views, in-process, in export mode.

Each path goes through Django's own request handling (URL resolver, middleware, views,
templates, context processors) exactly as a visitor's request would, with the WSGI variable
``TRIENLAM_EXPORT=1`` that templates see as ``static_export``. No HTTP server, no test client,
no request signals (which would close the database connection after every page).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core import signals
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections
from django.http import HttpRequest
from django.test import RequestFactory

from trienlam.publishing.output import ExportError


@dataclass(frozen=True)
class Rendered:
    path: str
    status: int
    content_type: str
    body: bytes


class PageRenderer:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.scheme = parts.scheme
        self.host = parts.netloc
        self.port = str(parts.port or (443 if parts.scheme == "https" else 80))
        self.handler = BaseHandler()
        self.handler.load_middleware()

    def environ(self, path: str) -> dict[str, object]:
        return {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": self.host.split(":")[0],
            "SERVER_PORT": self.port,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": self.host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": self.scheme,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "TRIENLAM_EXPORT": "1",
        }

    def request(self, path: str) -> HttpRequest:
        """A request object for rendering a template directly (the static search page)."""
        request = RequestFactory().generic("GET", path, **self.environ(path))  # type: ignore[arg-type]
        return request

    def get(self, path: str) -> Rendered:
        request = WSGIRequest(self.environ(path))  # type: ignore[arg-type]
        response = self.handler.get_response(request)
        try:
            if response.streaming:
                body = b"".join(response.streaming_content)  # type: ignore[arg-type]
            else:
                body = response.content
        finally:
            # close() sends request_finished, whose close_old_connections would drop the
            # database connection after every page (slow; fatal inside a test transaction).
            signals.request_finished.disconnect(close_old_connections)
            try:
                response.close()
            finally:
                signals.request_finished.connect(close_old_connections)
        return Rendered(path, response.status_code, response.get("Content-Type", ""), body)

    def get_ok(self, path: str) -> Rendered:
        rendered = self.get(path)
        if rendered.status != 200:
            hint = (
                ": an app listed a path that is not public (check its published.py)"
                if rendered.status == 404
                else " (see the error logged above)"
            )
            raise ExportError(f"{path} answered {rendered.status}, not 200{hint}")
        return rendered
