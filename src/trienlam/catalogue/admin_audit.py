"""The audit log in the admin: shown on each item's page, listed for editors, exported as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienlam.catalogue import roles
from trienlam.catalogue.models import AuditEntry
from trienlam.lib.tabular import neutralise_for_csv


def entries_for(obj: Model) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk))


def _summary(changes: dict) -> str:
    return "; ".join(f"{field}: {old!s} → {new!s}" for field, (old, new) in changes.items())


def history_html(obj: Model, *, limit: int = 50) -> str:
    entries = list(entries_for(obj)[:limit])
    if not entries:
        return "—"
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{e.at:%d/%m/%Y %H:%M}",
                e.actor_name,
                e.get_action_display(),
                _summary(e.changes)[:500],
                e.comment,
            )
            for e in entries
        ),
    )
    return format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        _("When"), _("Who"), _("Action"), _("Changes"), _("Comment"), rows,
    )


CSV_HEADER = ("when", "who", "action", "record", "record id", "field", "old value", "new value",
              "comment")


def csv_rows(entries: Iterable[AuditEntry]) -> Iterable[tuple[str, ...]]:
    """One row per changed field (one row for an entry without field changes)."""
    for e in entries:
        changes = list(e.changes.items()) or [("", ("", ""))]
        for field, (old, new) in changes:
            yield (
                e.at.isoformat(timespec="seconds"), e.actor_name, e.action, e.object_repr,
                e.object_id, field, "" if old is None else str(old),
                "" if new is None else str(new), e.comment,
            )


def csv_response(entries: Iterable[AuditEntry], filename: str) -> HttpResponse:
    """The log as CSV for a spreadsheet: UTF-8 with BOM, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in csv_rows(entries):
        writer.writerow([neutralise_for_csv(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the workflow and the admin, never edited."""

    list_display = ["at", "actor_name", "action", "model", "object_repr", "comment"]
    list_filter = ["action", "model"]
    search_fields = ["actor_name", "object_repr", "object_id", "comment"]
    date_hierarchy = "at"
    actions = ["export_csv"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return roles.is_editor(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Export the selected entries as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> HttpResponse:
        return csv_response(queryset.order_by("at", "id"), "nhat-ky.csv")
