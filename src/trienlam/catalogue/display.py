"""Short texts about the catalogue, shown on pages and printed by commands."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import ngettext

from trienlam.catalogue.models import Item


def kind_counts_text(counts: Counter[str]) -> str:
    """ "12 tài liệu, 20 hình ảnh, 5 câu trích" in the kinds' fixed order."""
    phrases = {
        Item.Kind.DOCUMENT: lambda n: ngettext("%(n)d document", "%(n)d documents", n),
        Item.Kind.PHOTO: lambda n: ngettext("%(n)d photo", "%(n)d photos", n),
        Item.Kind.QUOTATION: lambda n: ngettext("%(n)d quotation", "%(n)d quotations", n),
        Item.Kind.AUDIO: lambda n: ngettext("%(n)d audio recording", "%(n)d audio recordings", n),
        Item.Kind.VIDEO: lambda n: ngettext("%(n)d video", "%(n)d videos", n),
    }
    return ", ".join(
        phrase(counts[kind]) % {"n": counts[kind]}
        for kind, phrase in phrases.items()
        if counts[kind]
    )
