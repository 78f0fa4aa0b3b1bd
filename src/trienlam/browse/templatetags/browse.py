"""Template tags of the browse app, used by other apps' templates."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from trienlam.catalogue.models import Item

register = template.Library()


@register.simple_tag
def linked_source_line(item: Item) -> SafeString:
    """`Item.source_line` with the holding archive's name linked to its institution page."""
    parts: list[str] = [conditional_escape(part) for part in item.source_parts()]
    repository = item.holding_repository
    if parts and item.source_parts()[0] == repository.name:
        url = reverse("institution", kwargs={"slug": repository.slug})
        parts[0] = format_html('<a href="{}">{}</a>', url, repository.name)
    return mark_safe(escape(gettext("Source: %s")) % ", ".join(parts))  # noqa: S308 - escaped
