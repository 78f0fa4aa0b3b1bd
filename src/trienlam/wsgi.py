"""WSGI entry point: `granian --interface wsgi trienlam.wsgi:application`."""

from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trienlam.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - import every view module now, not at a first request
# What the process has made by now lives as long as it does: out of the garbage collector's
# sight (gc.freeze), its full collections stop re-scanning it at every visit's request
# (item page: 0.057 → 0.031 ms of collection per request, measured in-process).
gc.freeze()
