"""The editors' page in the admin: publish the static site now.

Synchronous and simple: the export runs inside the request (one at a time: a second press
while one runs is told so), then the page shows what it did. The folder and address come
from the settings (TRIENLAM_EXPORT_DIR, TRIENLAM_PUBLIC_BASE_URL), never from the form.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from trienlam.catalogue.roles import is_editor
from trienlam.publishing.exporter import Report, publish
from trienlam.publishing.output import ExportError


@staff_member_required
@require_http_methods(["GET", "POST"])
def publish_page(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied(_("Only exhibition editors may publish the static site."))
    report: Report | None = None
    error = ""
    if request.method == "POST":
        try:
            # In the exporting web server's own process: no forked render workers.
            report = publish(settings.TRIENLAM_EXPORT_DIR, workers=1)
        except ExportError as exc:
            error = str(exc)
    context = {
        **admin.site.each_context(request),
        "title": _("Publish the static site"),
        "out": settings.TRIENLAM_EXPORT_DIR,
        "base_url": settings.PUBLIC_BASE_URL,
        "report": report,
        "error": error,
    }
    return render(request, "publishing/admin_publish.html", context, status=400 if error else 200)
