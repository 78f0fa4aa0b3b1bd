"""Every browse page's path, for the static export, with a key of what it shows.

An institution's page shows the institution (its province, successor and predecessors) and
its public items: its key changes when one of those does, so editing one item renders again
only its own institution's page. The overview pages (provinces, time, institutions) count
every public item: their key follows every public item and every place and institution.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from trienlam.catalogue.models import Institution, Item, Province
from trienlam.publishing.keys import digest, item_digests


def pages() -> Iterable[tuple[str, str]]:
    items = item_digests()
    institutions = {row["id"]: row for row in Institution.objects.order_by("pk").values()}
    provinces = list(Province.objects.order_by("pk").values())
    overview = digest(provinces, list(institutions.values()), sorted(items.items()))
    yield reverse("browse_provinces"), overview
    yield reverse("browse_time"), overview
    yield reverse("institutions"), overview

    by_institution: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, institution_id in (
        Item.objects.public().order_by("pk").values_list("pk", "institution_id")
    ):
        by_institution[institution_id].append((pk, items[pk]))
    predecessors: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in institutions.values():
        if row["successor_id"] is not None:
            predecessors[row["successor_id"]].append(row)
    province_rows = {row["id"]: row for row in provinces}
    for row in sorted(institutions.values(), key=lambda r: r["slug"]):
        key = digest(
            row,
            province_rows.get(row["province_id"]),
            institutions.get(row["successor_id"]),
            predecessors.get(row["id"], []),
            by_institution.get(row["id"], []),
        )
        yield reverse("institution", kwargs={"slug": row["slug"]}), key
