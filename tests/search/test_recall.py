"""Recall 1.0 on the table of real query/target pairs, through the real search."""

from __future__ import annotations

from tests import builders as b
from tests.search.recall_pairs import PAIRS
from trienlam.catalogue.models import Item
from trienlam.search.api import search

# Where the target text sits: every indexed field gets its turn.
FIELDS = ["title", "summary", "transcription", "creator", "fonds", "quote_text", "occasion"]


def test_the_table_is_large_and_real() -> None:
    assert len(PAIRS) >= 150
    assert len({target for _, target in PAIRS}) >= 140
    assert all(query != target for query, target in PAIRS)


def test_recall_is_one(db) -> None:
    archive = b.institution(slug="ttlt-recall")
    targets = sorted({target for _, target in PAIRS})
    where: dict[str, str] = {}
    for n, target in enumerate(targets):
        field = FIELDS[n % len(FIELDS)]
        where[target] = f"TL-{n + 1:04d}"
        fields = {"title": f"Tài liệu số {n + 1}", "summary": "", field: f"Ghi chép: {target}."}
        b.item(archive, identifier=where[target], **fields)
    assert Item.objects.public().count() == len(targets)
    missed = []
    for query, target in PAIRS:
        results = search(query, per_page=500)
        if where[target] not in {hit.item.identifier for hit in results.hits}:
            missed.append((query, target))
    assert missed == []
