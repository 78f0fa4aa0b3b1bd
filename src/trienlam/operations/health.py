"""`/suc-khoe/`: a health check for monitoring (Zabbix, Uptime Kuma, a load balancer).

JSON, 200 when everything works and 503 when anything does not, with one entry per check:
the database answers, the media folder is writable, the background worker's queue is moving
(its oldest waiting file is not older than TRIENLAM_HEALTH_QUEUE_MINUTES), and libvips can
write IIIF tiles. Errors are named by kind only: no paths, host names, settings or secrets.
"""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# libvips is checked by writing a tiny tile pyramid; the answer is kept for a minute.
_DZSAVE_TTL = 60.0
_dzsave_checked: tuple[float, str] | None = None


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_media() -> dict[str, Any]:
    root = settings.MEDIA_ROOT
    fd, name = tempfile.mkstemp(prefix=".health-", dir=root)
    try:
        os.write(fd, b"ok")
    finally:
        os.close(fd)
        os.unlink(name)
    return {"ok": True}


def check_queue() -> dict[str, Any]:
    from trienlam.catalogue.models import Media
    from trienlam.catalogue.processing import claimable

    waiting = Media.objects.filter(claimable())
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    age = 0 if oldest is None else int((timezone.now() - oldest).total_seconds())
    limit = settings.TRIENLAM_HEALTH_QUEUE_MINUTES * 60
    return {
        "ok": age <= limit,
        "waiting": waiting.count(),
        "failed": Media.objects.filter(state=Media.State.FAILED).count(),
        "oldest_seconds": age,
        "limit_seconds": limit,
    }


def check_libvips() -> dict[str, Any]:
    global _dzsave_checked
    from trienlam.imaging.derive import check_dzsave

    now = time.monotonic()
    if _dzsave_checked is None or now - _dzsave_checked[0] > _DZSAVE_TTL:
        try:
            check_dzsave()
            problem = ""
        except RuntimeError:
            problem = "libvips cannot write IIIF tiles (dzsave)"
        _dzsave_checked = (now, problem)
    problem = _dzsave_checked[1]
    return {"ok": not problem, **({"error": problem} if problem else {})}


CHECKS = {
    "database": check_database,
    "media": check_media,
    "queue": check_queue,
    "libvips": check_libvips,
}


def run_checks() -> dict[str, dict[str, Any]]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # a failing check is reported, never raised
            results[name] = {"ok": False, "error": type(exc).__name__}
    return results


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    ok = all(result["ok"] for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503
    )
