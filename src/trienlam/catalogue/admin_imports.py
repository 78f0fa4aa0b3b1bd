"""Bulk import in the admin: upload a spreadsheet and a ZIP of scans, follow the progress,
read the report; download the template."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienlam.catalogue import roles
from trienlam.catalogue.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "__str__", "created_by", "dry_run", "state", "progress"]
    list_filter = ["state", "dry_run"]
    list_select_related = ["created_by"]
    actions = ["import_for_real"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        queryset = super().get_queryset(request)
        return queryset if roles.is_editor(request.user) else queryset.filter(
            created_by=request.user
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.may_use_catalogue(request.user)

    def has_view_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        if obj is None:
            return roles.may_use_catalogue(request.user)
        return roles.is_editor(request.user) or obj.created_by_id == request.user.pk

    def has_add_permission(self, request: HttpRequest) -> bool:
        return roles.may_use_catalogue(request.user)

    def has_change_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        return False  # a job is a record: start another one instead

    def has_delete_permission(self, request: HttpRequest, obj: ImportJob | None = None) -> bool:
        return self.has_view_permission(request, obj) if obj is not None else False

    def get_fields(self, request: HttpRequest, obj: ImportJob | None = None) -> list[str]:
        if obj is None:
            return ["sheet", "files", "dry_run"]
        return ["created_by", "created_at", "dry_run", "state", "progress", "report_html"]

    def get_readonly_fields(self, request: HttpRequest, obj: ImportJob | None = None) -> list[str]:
        return [] if obj is None else self.get_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: ImportJob, form: Any, change: bool) -> None:
        obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request: HttpRequest, obj: ImportJob, post_url_continue=None):  # type: ignore[no-untyped-def]
        # Straight to the job's page, which follows the worker's progress.
        return HttpResponseRedirect(reverse("admin:catalogue_importjob_change", args=[obj.pk]))

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, obj: ImportJob) -> str:
        if obj.state == ImportJob.State.QUEUED:
            return _("waiting for the worker")
        if obj.total:
            return f"{obj.stage}: {obj.done}/{obj.total}"
        return obj.stage or "—"

    @admin.display(description=gettext_lazy("report"))
    def report_html(self, obj: ImportJob) -> str:
        report = obj.report or {}
        if not report:
            return "—"
        if report.get("error"):
            return format_html("<strong>{}</strong>", report["error"])
        problems = report.get("problems", [])
        summary = _(
            "%(rows)d rows: %(created)d new, %(updated)d updated, %(files)d files, "
            "%(problems)d problems."
        ) % {
            "rows": report.get("rows", 0),
            "created": len(report.get("created", [])),
            "updated": len(report.get("updated", [])),
            "files": report.get("files", 0),
            "problems": len(problems),
        }
        if report.get("dry_run") and not problems:
            summary += " " + _("Everything is correct: use “Import for real” to store it.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (p.get("row") or "", p.get("column") or "", p.get("file") or "", p["message"])
                for p in problems
            ),
        )
        table = format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("Row"), _("Column"), _("File"), _("Problem"), rows,
        ) if problems else ""
        return format_html("<p>{}</p>{}", summary, table)

    @admin.action(description=gettext_lazy("Import for real (after a dry run)"))
    def import_for_real(self, request: HttpRequest, queryset: QuerySet[ImportJob]) -> None:
        for job in queryset:
            ImportJob.objects.create(
                created_by=request.user, sheet=job.sheet.name, files=job.files.name, dry_run=False
            )
        self.message_user(request, _("The import is queued."))

    def get_urls(self) -> list[Any]:
        return [
            path("template.xlsx", self.admin_site.admin_view(self.template_xlsx),
                 name="catalogue_importjob_template_xlsx"),
            path("template.csv", self.admin_site.admin_view(self.template_csv),
                 name="catalogue_importjob_template_csv"),
            *super().get_urls(),
        ]

    def template_xlsx(self, request: HttpRequest) -> HttpResponse:
        from trienlam.catalogue.import_template import template_xlsx

        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-du-lieu.xlsx"'
        return response

    def template_csv(self, request: HttpRequest) -> HttpResponse:
        from trienlam.catalogue.import_template import template_csv

        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-du-lieu.csv"'
        return response

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):  # type: ignore[no-untyped-def]
        extra_context = {
            **(extra_context or {}),
            "title": _("Bulk import"),
            "template_links": [
                (reverse("admin:catalogue_importjob_template_xlsx"), _("Template (XLSX)")),
                (reverse("admin:catalogue_importjob_template_csv"), _("Template (CSV)")),
            ],
        }
        return super().changelist_view(request, extra_context)
