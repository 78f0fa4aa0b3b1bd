"""Admin for promoting agencies (editors and administrators), their groups (administrators;
everyone in the admin may pick one) and per-exhibition promotion settings."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trienlam.catalogue import roles
from trienlam.catalogue.admin_access import AdministratorOnly, EditorOnly
from trienlam.outreach import importing, kit
from trienlam.outreach.models import Agency, AgencyGroup, PromotionKit


@admin.register(AgencyGroup)
class AgencyGroupAdmin(AdministratorOnly):
    list_display = ["name", "position", "agency_count"]
    list_editable = ["position"]
    search_fields = ["name"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return roles.is_editor(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_editor(request.user)

    @admin.display(description=gettext_lazy("agencies"))
    def agency_count(self, obj: AgencyGroup) -> int:
        return obj.agencies.count()


class ImportForm(forms.Form):
    sheet = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        help_text=gettext_lazy("Row 1 holds the column headers, as in the template."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run (check only, save nothing)"), required=False, initial=True
    )


@admin.register(Agency)
class AgencyAdmin(EditorOnly):
    form = importing.AgencyForm
    list_display = ["name", "code", "group", "province", "website_link"]
    list_filter = ["group", "province"]
    list_select_related = ["group", "province"]
    search_fields = ["name", "code", "contact", "website", "province__name", "group__name"]
    autocomplete_fields = ["group", "province"]
    list_per_page = 100

    @admin.display(description=gettext_lazy("website"), ordering="website")
    def website_link(self, obj: Agency) -> str:
        if not obj.website:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>', obj.website, obj.website
        )

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path("nhap/", view(self.import_view), name="outreach_agency_import"),
            path("mau.xlsx", view(self.template_xlsx), name="outreach_agency_template_xlsx"),
            path("mau.csv", view(self.template_csv), name="outreach_agency_template_csv"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):  # type: ignore[no-untyped-def]
        extra = {
            "import_url": reverse("admin:outreach_agency_import"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["sheet"]
                suffix = Path(upload.name).suffix.lower()[:8]
                with tempfile.TemporaryDirectory(prefix="trienlam-agencies-") as folder:
                    # Keep the uploaded name: the report names the file.
                    target = Path(folder) / (Path(upload.name).stem[:100] + suffix)
                    with open(target, "wb") as out:
                        for chunk in upload.chunks():
                            out.write(chunk)
                    report = importing.import_agencies(
                        sheet=target, actor=request.user, dry_run=form.cleaned_data["dry_run"]
                    )
                if report.ok and not report.dry_run:
                    self.message_user(request, report.summary(), messages.SUCCESS)
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import agencies"),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "template_xlsx": reverse("admin:outreach_agency_template_xlsx"),
            "template_csv": reverse("admin:outreach_agency_template_csv"),
            "headers": list(importing.HEADERS.values()),
        }
        return TemplateResponse(request, "admin/outreach/agency/import.html", context)

    def template_xlsx(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="mau-co-quan.xlsx"'
        return response

    def template_csv(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mau-co-quan.csv"'
        return response


class PromotionKitForm(forms.ModelForm):
    class Meta:
        model = PromotionKit
        fields = [
            "exhibition",
            "wide_width",
            "wide_height",
            "sidebar_width",
            "sidebar_height",
            "wide_file",
            "sidebar_file",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, width, height in (
            ("wide_file", "wide_width", "wide_height"),
            ("sidebar_file", "sidebar_width", "sidebar_height"),
        ):
            upload = self.files.get(self.add_prefix(name))
            if upload is None or self.has_error(width) or self.has_error(height):
                continue
            try:
                kit.check_own_banner(upload, (data[width], data[height]), upload.name)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        return data


@admin.register(PromotionKit)
class PromotionKitAdmin(EditorOnly):
    form = PromotionKitForm
    list_display = ["exhibition", "wide_size", "sidebar_size", "own_files", "kit_link"]
    list_select_related = ["exhibition"]
    autocomplete_fields = ["exhibition"]

    @admin.display(description=gettext_lazy("wide banner"))
    def wide_size(self, obj: PromotionKit) -> str:
        return f"{obj.wide_width}×{obj.wide_height}"

    @admin.display(description=gettext_lazy("sidebar banner"))
    def sidebar_size(self, obj: PromotionKit) -> str:
        return f"{obj.sidebar_width}×{obj.sidebar_height}"

    @admin.display(description=gettext_lazy("own files"), boolean=True)
    def own_files(self, obj: PromotionKit) -> bool:
        return bool(obj.wide_file or obj.sidebar_file)

    @admin.display(description=gettext_lazy("promotion kit page"))
    def kit_link(self, obj: PromotionKit) -> str:
        url = reverse("outreach:kit", kwargs={"slug": obj.exhibition.slug})
        return format_html('<a href="{}">{}</a>', url, url)
