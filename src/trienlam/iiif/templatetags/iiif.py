"""`{% load iiif %}{% iiif_manifest_url item as manifest_url %}` for the item page."""

from __future__ import annotations

from django import template

from trienlam.catalogue.models import Item
from trienlam.iiif.presentation import manifest_url_for

register = template.Library()


@register.simple_tag
def iiif_manifest_url(item: Item) -> str:
    """The item's site-relative manifest URL, or "" when it has none."""
    return manifest_url_for(item) or ""
