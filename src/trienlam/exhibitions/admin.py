from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trienlam.catalogue import workflow
from trienlam.catalogue.admin_access import AdministratorOnly, EditorInline, EditorOnly
from trienlam.catalogue.admin_audit import history_html
from trienlam.exhibitions.models import Exhibition, Placement, Section, SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(AdministratorOnly):
    list_display = ["site_name", "agency", "illustrative"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not SiteProfile.objects.exists()


def public_state(placement: Placement) -> str:
    """The warning shown next to a placement the public will not see."""
    if not placement.pk or placement.item.is_public:
        return "—"
    return format_html(
        '<strong style="color:#a00">⚠ {}</strong>',
        _("Not shown on the public site: the item is “%(status)s”.")
        % {"status": placement.item.get_status_display()},
    )


class SectionInline(EditorInline, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "label", "title", "slug", "parent"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True
    fk_name = "exhibition"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "parent":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(
                exhibition_id=object_id, parent__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Exhibition)
class ExhibitionAdmin(EditorOnly):
    list_display = ["title", "slug", "status", "opens_on", "position"]
    list_filter = ["status"]
    search_fields = ["title", "subtitle"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["cover"]
    readonly_fields = ["created_at", "updated_at", "audit_log"]
    inlines = [SectionInline]
    save_on_top = True
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "slug", "status", "position", "cover"]}),
        (
            _("Introduction"),
            {"fields": ["introduction", "legal_basis", "organisers", "co_organisers"]},
        ),
        (_("Occasion and venue"), {"fields": ["occasion", "venue", ("opens_on", "closes_on")]}),
        (_("History"), {"fields": ["created_at", "updated_at", "audit_log"]}),
    ]

    def view_on_site(self, obj: Exhibition) -> str:
        return reverse("preview_exhibition", args=[obj.slug])

    def save_model(self, request: HttpRequest, obj: Exhibition, form: Any, change: bool) -> None:
        before = Exhibition.objects.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        workflow.record_save(actor=request.user, before=before, after=obj)

    @admin.display(description=_("audit log"))
    def audit_log(self, obj: Exhibition) -> str:
        return history_html(obj) if obj.pk else "—"

    def _set(self, request: HttpRequest, queryset: QuerySet[Exhibition], new: str) -> None:
        for exhibition in queryset:
            try:
                workflow.set_exhibition_state(exhibition=exhibition, new=new, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{exhibition}: {exc.messages[0]}", messages.WARNING)

    @admin.action(description=_("Publish"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Exhibition]) -> None:
        self._set(request, queryset, Exhibition.Status.PUBLISHED)

    @admin.action(description=_("Withdraw from the public site"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Exhibition]) -> None:
        self._set(request, queryset, Exhibition.Status.WITHDRAWN)


class PlacementInline(EditorInline, admin.TabularInline):
    model = Placement
    extra = 1
    fields = ["position", "item", "caption", "public_state"]
    readonly_fields = ["public_state"]
    autocomplete_fields = ["item"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Placement]:
        return super().get_queryset(request).select_related("item")

    @admin.display(description=_("on the public site"))
    def public_state(self, obj: Placement) -> str:
        return public_state(obj)


@admin.register(Section)
class SectionAdmin(EditorOnly):
    list_display = ["__str__", "exhibition", "parent", "position"]
    list_filter = ["exhibition"]
    list_select_related = ["exhibition", "parent"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PlacementInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "parent":
            kwargs["queryset"] = Section.objects.filter(parent__isnull=True).select_related(
                "exhibition"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Placement)
class PlacementAdmin(EditorOnly):
    list_display = ["item", "section", "exhibition", "position", "public_state"]
    list_editable = ["position"]
    list_filter = ["exhibition", "section"]
    list_select_related = ["item", "section", "exhibition"]
    search_fields = ["item__identifier", "item__title"]
    autocomplete_fields = ["item"]
    fields = ["section", "item", "position", "caption", "public_state"]
    readonly_fields = ["public_state"]

    @admin.display(description=_("on the public site"))
    def public_state(self, obj: Placement) -> str:
        return public_state(obj)
