"""Admin permissions from roles (catalogue.roles), checked on every fetch.

Django's per-model permissions are not used: who may see and change what follows the
person's memberships, and the querysets themselves are scoped, so another
institution's draft is not hidden by a missing button but absent from every list,
search and autocomplete, and a direct URL to it finds nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from trienlam.catalogue import roles
from trienlam.catalogue.models import Item, Media


class AdministratorOnly(admin.ModelAdmin):
    """Institutions, provinces, users, memberships, the site profile: administrators.

    Everyone who works in the catalogue may *view* (to pick an institution or province)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.may_use_catalogue(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return roles.is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_administrator(request.user)


class EditorOnly(admin.ModelAdmin):
    """Exhibitions, parts, sections and placements: exhibition editors (and administrators)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return roles.is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)


def _item_of(obj: Model) -> Item:
    return obj if isinstance(obj, Item) else obj.item  # type: ignore[attr-defined]


class CatalogueScoped(admin.ModelAdmin):
    """Items and their media: editors see all, curators their institutions' only."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if queryset.model is Media:
            return queryset.filter(item__in=Item.objects.editable_by(request.user))
        return queryset.filter(pk__in=Item.objects.editable_by(request.user).values("pk"))

    def _may(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None:
            return roles.may_use_catalogue(request.user)
        return roles.may_edit_item(request.user, _item_of(obj))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.may_use_catalogue(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return roles.may_use_catalogue(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)


class CatalogueInline:
    """An inline of an item (its media): as the item itself."""

    def _may(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None:
            return roles.may_use_catalogue(request.user)
        return roles.may_edit_item(request.user, _item_of(obj))

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, obj)


class EditorInline:
    """An inline of an exhibition or a section: editors only."""

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return roles.is_editor(request.user)
