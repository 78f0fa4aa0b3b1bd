from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trienlam.catalogue import roles, workflow
from trienlam.catalogue.admin_access import (
    AdministratorOnly,
    CatalogueInline,
    CatalogueScoped,
)
from trienlam.catalogue.admin_audit import csv_response, entries_for, history_html
from trienlam.catalogue.forms import ItemChecks
from trienlam.catalogue.media import add_page_siblings, apply_inspection, check_original
from trienlam.catalogue.models import AuditEntry, Institution, Item, Media, Membership, Province
from trienlam.imaging.inspect import Inspection


@admin.register(Province)
class ProvinceAdmin(AdministratorOnly):
    list_display = ["name", "slug", "position", "note"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Institution)
class InstitutionAdmin(AdministratorOnly):
    list_display = ["name", "short_name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["successor"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Membership)
class MembershipAdmin(AdministratorOnly):
    list_display = ["user", "role", "institution"]
    list_filter = ["role", "institution"]
    list_select_related = ["user", "institution"]
    search_fields = ["user__username", "user__email", "institution__name"]
    autocomplete_fields = ["user", "institution"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Membership | None = None) -> bool:
        return roles.is_administrator(request.user)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["institution"]


admin.site.unregister(User)


@admin.register(User)
class TrienlamUserAdmin(UserAdmin):
    """Users with their memberships on the same page (administrators only)."""

    inlines = [*UserAdmin.inlines, MembershipInline]


class MediaForm(forms.ModelForm):
    """Inspects an uploaded original by its content before anything is stored."""

    class Meta:
        model = Media
        fields = ["position", "file", "alt_text"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.inspection: Inspection | None = None

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.inspection = check_original(upload, upload.name or "")
        return upload

    def save(self, commit: bool = True) -> Media:
        media: Media = super().save(commit=False)
        if self.inspection is not None:
            apply_inspection(media, self.inspection)
            media.original_name = self.cleaned_data["file"].name
        if commit:
            media.save()
            self.save_siblings()
        return media

    def save_siblings(self) -> None:
        """A multi-page TIFF or PDF gives one row per page (the upload returns at once;
        the worker builds every page's tiles)."""
        if self.inspection is not None and self.instance.pk:
            add_page_siblings(self.instance, self.inspection)


class MediaInline(CatalogueInline, admin.TabularInline):
    model = Media
    form = MediaForm
    extra = 1
    fields = [
        "position", "preview", "file", "alt_text", "page", "dimensions", "processing",
        "byte_size", "sha256",
    ]
    readonly_fields = ["preview", "page", "dimensions", "processing", "byte_size", "sha256"]

    @admin.display(description=_("preview"))
    def preview(self, obj: Media) -> str:
        rendition = obj.renditions()[0] if obj.pk and obj.renditions() else None
        if rendition is None:
            return "—"
        return format_html('<img src="{}" alt="" width="80">', rendition.url)

    @admin.display(description=_("page"))
    def page(self, obj: Media) -> str:
        return str(obj.page_index + 1) if obj.pk else "—"

    @admin.display(description=_("size (px)"))
    def dimensions(self, obj: Media) -> str:
        if obj.duration:
            return f"{obj.duration:.0f} s"
        return f"{obj.width}×{obj.height}" if obj.width else "—"

    @admin.display(description=_("processing"))
    def processing(self, obj: Media) -> str:
        return media_state(obj)


def media_state(obj: Media) -> str:
    if not obj.pk:
        return "—"
    if obj.state == Media.State.FAILED:
        return format_html(
            '<strong style="color:#a00">{}</strong><br><small>{}</small>',
            obj.get_state_display(),
            obj.error,
        )
    return obj.get_state_display()


@admin.register(Media)
class MediaAdmin(CatalogueScoped):
    list_display = ["__str__", "item", "page", "mime_type", "state_display", "byte_size"]
    list_filter = ["state", "mime_type"]
    list_select_related = ["item"]
    search_fields = ["original_name", "item__identifier", "item__title", "sha256"]
    readonly_fields = [
        "item", "original_name", "page", "mime_type", "width", "height", "duration",
        "byte_size", "sha256", "state_display", "built_from", "created_at",
    ]
    fields = ["alt_text", "position", *readonly_fields]
    actions = ["rebuild"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # files are added on their item's page

    @admin.display(description=_("page"))
    def page(self, obj: Media) -> int:
        return obj.page_index + 1

    @admin.display(description=_("processing"), ordering="state")
    def state_display(self, obj: Media) -> str:
        return media_state(obj)

    @admin.action(description=_("Build the derivatives again"))
    def rebuild(self, request: HttpRequest, queryset: QuerySet[Media]) -> None:
        count = queryset.update(state=Media.State.PENDING, claimed_at=None, built_from="")
        self.message_user(request, _("%(count)d files queued.") % {"count": count})


class ItemForm(ItemChecks):
    """The admin's item form: the importer's checks (`ItemChecks`), and a change of state
    must be a transition the person may make."""

    workflow_comment = forms.CharField(
        label=_("comment for the audit log"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("Required when returning an item to its curator: say what to fix."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        new = cleaned.get("status")
        if self.instance.pk and new and new != self.instance.status:
            try:
                action = workflow.check_item_transition(self.actor, self.instance, new)
            except (PermissionDenied, ValidationError) as exc:
                raise ValidationError({"status": _messages(exc)}) from exc
            comment = cleaned.get("workflow_comment", "").strip()
            if action == AuditEntry.Action.RETURNED and not comment:
                self.add_error(
                    "workflow_comment", _("Say what needs fixing when returning an item.")
                )
        return cleaned


def _messages(exc: Exception) -> list[str]:
    return list(getattr(exc, "messages", [])) or [str(exc)]


def _run(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Item], new: str
) -> None:
    done, refused = 0, []
    for item in queryset:
        try:
            workflow.change_item_state(item=item, new=new, actor=request.user)
            done += 1
        except (PermissionDenied, ValidationError) as exc:
            refused.append(f"{item.identifier}: {' '.join(_messages(exc))}")
    if done:
        modeladmin.message_user(request, _("%(count)d items changed.") % {"count": done})
    for line in refused:
        modeladmin.message_user(request, line, level=messages.WARNING)


@admin.register(Item)
class ItemAdmin(CatalogueScoped):
    list_display = ["identifier", "title", "kind", "date_text", "institution", "status"]
    list_filter = ["status", "kind", "institution", "province"]
    search_fields = ["identifier", "title", "doc_number", "creator"]
    list_select_related = ["institution"]
    autocomplete_fields = ["institution", "repository", "province"]
    readonly_fields = ["created_at", "updated_at", "audit_log"]
    inlines = [MediaInline]
    save_on_top = True
    form = ItemForm
    actions = ["submit_for_review", "approve_and_publish", "withdraw_items"]
    fieldsets = [
        (
            None,
            {"fields": ["identifier", "kind", "status", "workflow_comment", "title", "summary"]},
        ),
        (
            _("Date and origin"),
            {
                "fields": [
                    "date_text",
                    ("date_start", "date_end"),
                    "doc_number",
                    "creator",
                    "languages",
                    "institution",
                    "province",
                ]
            },
        ),
        (
            _("Archival reference"),
            {"fields": ["repository", "fonds", "series", "file_unit", "sheet", "other_code"]},
        ),
        (
            _("Quotation and published source"),
            {"fields": ["quote_text", "occasion", "source_title", "source_page"]},
        ),
        (_("Text and rights"), {"fields": ["transcription", "rights"]}),
        (_("History"), {"fields": ["created_at", "updated_at", "audit_log"]}),
    ]

    def view_on_site(self, obj: Item) -> str:
        return reverse("preview_item", args=[obj.identifier])

    def get_form(self, request: HttpRequest, obj: Item | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user  # a class made for this request by modelform_factory
        return form

    def save_model(self, request: HttpRequest, obj: Item, form: Any, change: bool) -> None:
        before = Item.objects.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        workflow.record_save(
            actor=request.user,
            before=before,
            after=obj,
            comment=form.cleaned_data.get("workflow_comment", ""),
        )

    def delete_model(self, request: HttpRequest, obj: Item) -> None:
        workflow.record(actor=request.user, obj=obj, action=AuditEntry.Action.DELETED)
        super().delete_model(request, obj)

    @admin.display(description=_("audit log"))
    def audit_log(self, obj: Item) -> str:
        if not obj.pk:
            return "—"
        export = reverse("admin:catalogue_item_audit_csv", args=[obj.pk])
        return format_html(
            '{}<p><a href="{}">{}</a></p>', history_html(obj), export, _("Export as CSV")
        )

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/audit.csv",
                self.admin_site.admin_view(self.audit_csv),
                name="catalogue_item_audit_csv",
            ),
            *super().get_urls(),
        ]

    def audit_csv(self, request: HttpRequest, object_id: str) -> HttpResponse:
        item = self.get_object(request, object_id)  # scoped: another institution's is None
        if item is None or not self.has_view_permission(request, item):
            raise Http404
        return csv_response(entries_for(item).order_by("at", "id"), f"{item.identifier}.csv")

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        _run(self, request, queryset, Item.Status.IN_REVIEW)

    @admin.action(description=_("Approve and publish"))
    def approve_and_publish(self, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        _run(self, request, queryset, Item.Status.PUBLISHED)

    @admin.action(description=_("Withdraw from the public site"))
    def withdraw_items(self, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        _run(self, request, queryset, Item.Status.WITHDRAWN)

    def get_autocomplete_fields(self, request: HttpRequest) -> list[str]:
        fields = list(super().get_autocomplete_fields(request))
        if not roles.is_editor(request.user):
            fields.remove("institution")  # a plain list of the curator's own institutions
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "institution" and not roles.is_editor(request.user):
            kwargs["queryset"] = Institution.objects.filter(
                pk__in=roles.curator_institution_ids(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "status":
            allowed = roles.allowed_states(request.user)
            kwargs["choices"] = [c for c in Item.Status.choices if c[0] in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Item | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status not in roles.allowed_states(request.user):
            fields.append("status")  # published or withdrawn: only an editor changes that
        return fields
from trienlam.catalogue import admin_imports  # noqa: E402,F401 - registers the import admin
