"""The reach dashboard's link in the admin index (editors and administrators only)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from trienlam.catalogue.roles import is_editor
from trienlam.stats.models import ReachReport


@admin.register(ReachReport)
class ReachReportAdmin(admin.ModelAdmin):
    """Not a table to edit: its entry in the admin index opens the dashboard at /thong-ke/."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_staff and is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("stats_dashboard"))
