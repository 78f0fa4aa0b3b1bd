"""Page keys: what a page's bytes depend on, as one checksum, to skip unchanged pages.

An app's `published.pages()` may yield ``(path, key)`` instead of a bare path. When a
path's key equals the one recorded by the previous export, its file is reused without
rendering. The exporter mixes in a *site key* (every template, Python module and
translation of the package, the site profile, the relevant settings and each app's
`published.fingerprint()`), so a change of code, template or wording renders everything.

Digests are read with a few bulk queries; within one export they are computed once.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings

from trienlam.operations import memo


def digest(*parts: object) -> str:
    blob = json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _rows(queryset: Any) -> list[dict[str, Any]]:
    return list(queryset.order_by("pk").values())


def item_digests() -> dict[int, str]:
    """Public item id → checksum of everything an item page shows of it: the item, its
    institution, repository and province, and its media."""

    def compute() -> dict[int, str]:
        from trienlam.catalogue.models import Institution, Item, Media, Province

        institutions = {row["id"]: row for row in _rows(Institution.objects.all())}
        provinces = {row["id"]: row for row in _rows(Province.objects.all())}
        media: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in _rows(Media.objects.filter(item__in=Item.objects.public())):
            row.pop("claimed_at", None)
            media[row["item_id"]].append(row)
        result = {}
        for row in _rows(Item.objects.public()):
            result[row["id"]] = digest(
                row,
                institutions.get(row["institution_id"]),
                institutions.get(row["repository_id"]),
                provinces.get(row["province_id"]),
                media.get(row["id"], []),
            )
        return result

    return memo.once_per_run("item_digests", compute)  # once per export


def _package_digest() -> str:
    package = Path(__file__).resolve().parents[1]
    hasher = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".html", ".mo", ".txt", ".json", ".css", ".js"} and (
            "__pycache__" not in path.parts
        ):
            hasher.update(str(path.relative_to(package)).encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def site_key(base_url: str, app_fingerprints: list[str]) -> str:
    """What every page depends on beyond its own data."""
    from trienlam.exhibitions.models import SiteProfile

    extra_dirs = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    templates = hashlib.sha256()
    for folder in extra_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            templates.update(path.read_bytes())
    return digest(
        _package_digest(),
        templates.hexdigest(),
        _rows(SiteProfile.objects.all()),
        base_url,
        settings.LANGUAGE_CODE,
        settings.STATIC_URL,
        settings.MEDIA_URL,
        getattr(settings, "TRIENLAM_COUNTER_URL", ""),
        app_fingerprints,
    )
