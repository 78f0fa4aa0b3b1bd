"""WSGI entry point: `granian --interface wsgi trienlam.wsgi:application`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trienlam.settings")
application = get_wsgi_application()
