from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trienlam.catalogue.media import (
    CheckedOriginal,
    apply_check,
    check_original,
    schedule_renditions,
)
from trienlam.catalogue.models import Institution, Item, Media, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "note"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["successor"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class MediaForm(forms.ModelForm):
    """Checks an uploaded original by its content before anything is stored."""

    class Meta:
        model = Media
        fields = ["position", "file", "alt_text"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.checked: CheckedOriginal | None = None

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.checked = check_original(upload, upload.name or "")
        return upload

    def save(self, commit: bool = True) -> Media:
        media: Media = super().save(commit=False)
        if self.checked is not None:
            apply_check(media, self.checked)
            media.original_name = self.cleaned_data["file"].name
        if commit:
            media.save()
            if self.checked is not None:
                schedule_renditions(media)
        return media


class MediaInline(admin.TabularInline):
    model = Media
    form = MediaForm
    extra = 1
    fields = ["position", "preview", "file", "alt_text", "dimensions", "byte_size", "sha256"]
    readonly_fields = ["preview", "dimensions", "byte_size", "sha256"]

    @admin.display(description=_("preview"))
    def preview(self, obj: Media) -> str:
        rendition = obj.renditions()[0] if obj.pk and obj.renditions() else None
        if rendition is None:
            return "—"
        return format_html('<img src="{}" alt="" width="80">', rendition.url)

    @admin.display(description=_("size (px)"))
    def dimensions(self, obj: Media) -> str:
        return f"{obj.width}×{obj.height}" if obj.width else "—"


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["identifier", "title", "kind", "date_text", "institution", "status"]
    list_filter = ["status", "kind", "institution", "province"]
    search_fields = ["identifier", "title", "doc_number", "creator"]
    list_select_related = ["institution"]
    autocomplete_fields = ["institution", "repository", "province"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MediaInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["identifier", "kind", "status", "title", "summary"]}),
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
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
