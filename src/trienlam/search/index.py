"""Building and keeping the search index (``search_entry`` + the engine's own index).

The database triggers of :mod:`trienlam.search.schema` delete an entry as soon as its item stops
being public and queue every other change in ``search_dirty``; :func:`refresh` rebuilds the
queued entries (it runs before every search, so a search always sees the committed catalogue);
:func:`rebuild` starts from scratch (``trienlam reindex``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Placement
from trienlam.lib.folding import accent_tokens, tokens
from trienlam.search.models import DirtyItem, SearchEntry, SearchText

CHUNK = 1000
# A tsvector holds at most 1 MB and positions up to 16,383: index the first 20,000 tokens of
# the body (about 60 pages of transcription) on both engines, so both find the same things.
MAX_BODY_TOKENS = 20_000


def doc_number_key(text: str) -> str:
    """A document number compared loosely: "15/SL", "15 / sl" and "15/Sl" are the same."""
    return "".join(tokens(text))[:100]


# Facet tokens start with a private-use character: a query never yields one (its tokens are
# folded letters and digits), so they need no column filter and cost the text search nothing.
FACET_MARK = "\ue000"


def facet_token(facet: str, value: object) -> str:
    """The token standing for one facet value in the ``facets`` column (FTS5 keeps it whole):
    FACET_MARK + "k" + kind, "p" + province id, "i" + institution id, "d" + decade,
    "y" + year, or "x" + a hash of an exhibition part key "<exhibition>/<part>"; every
    entry also has :data:`EVERY_ENTRY`."""
    if facet == "x":
        value = hashlib.sha1(str(value).encode(), usedforsecurity=False).hexdigest()[:16]
    return f"{FACET_MARK}{facet}{value}"


EVERY_ENTRY = f"{FACET_MARK}all"  # in every entry: "every entry but the matches" is cheap


def facet_tokens(entry: SearchEntry) -> str:
    values = [("all", ""), ("k", entry.kind), ("i", entry.institution_id)]
    values += [("p", entry.province_id)] if entry.province_id is not None else []
    values += [("d", entry.decade), ("y", entry.year)] if entry.year is not None else []
    values += [("x", key) for key in entry.parts.split("|") if key]
    return " ".join(facet_token(f, v) for f, v in values)


HEAD_LEN_BITS, DOC_LEN_BITS, ID_BITS = 8, 21, 32


def rank_key(item_id: int, head_len: int, doc_len: int) -> int:
    """The static order of an entry in large result sets, as one 63-bit integer: the number
    of tokens of its head (title, identifier, number, creator), then of the whole entry —
    shorter first, which is what bm25's length normalisation prefers for the same term
    frequency — then the item id (so the key is unique; :func:`item_of_key` gives it back).
    On SQLite it is the rowid of the head index ``search_hfts``: FTS5 returns its matches in
    this order, so the first *n* of a huge match set cost *n* rows, not a sort."""
    if not 0 <= item_id < 1 << ID_BITS:
        raise ValueError(f"item id {item_id} is outside the search index's range")
    head_len = min(head_len, (1 << HEAD_LEN_BITS) - 1)
    doc_len = min(doc_len, (1 << DOC_LEN_BITS) - 1)
    return (head_len << (DOC_LEN_BITS + ID_BITS)) | (doc_len << ID_BITS) | item_id


def item_of_key(key: int) -> int:
    return key & ((1 << ID_BITS) - 1)


def bump_generation() -> None:
    """A new random generation (not a counter: a rolled-back bump must not be reused)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_state SET generation = %s WHERE id = 1", [secrets.randbits(48)]
        )


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p)


def build_entries(items: list[Item]) -> tuple[list[SearchEntry], list[SearchText]]:
    """The entries of *items* (public items, with institution, repository and province)."""
    placements: dict[int, list[Placement]] = defaultdict(list)
    for placement in (
        Placement.objects.filter(
            item__in=[i.pk for i in items], exhibition__status=Exhibition.Status.PUBLISHED
        )
        .select_related("exhibition", "section", "section__parent")
        .order_by("exhibition__position", "section__position", "position")
    ):
        placements[placement.item_id].append(placement)
    entries = []
    texts = []
    for item in items:
        parts = []
        exhibition_texts = []
        for placement in placements[item.pk]:
            section = placement.section
            part = section.parent if section.parent_id else section
            parts.append(f"{placement.exhibition.slug}/{part.slug}")
            exhibition_texts += [placement.caption, placement.exhibition.title, str(part)]
            if part.pk != section.pk:
                exhibition_texts.append(str(section))
        head = _join([item.title, item.identifier, item.doc_number, item.creator])
        repository = item.repository
        body = _join(
            [
                item.summary,
                item.quote_text,
                item.transcription,
                item.date_text,
                item.fonds,
                item.series,
                item.file_unit,
                item.sheet,
                item.other_code,
                item.source_title,
                item.source_page,
                item.occasion,
                item.institution.name,
                item.institution.short_name,
                repository.name if repository else "",
                item.province.name if item.province else "",
                *exhibition_texts,
            ]
        )
        head_tokens = tokens(head)
        body_tokens = tokens(body)[:MAX_BODY_TOKENS]
        key = rank_key(item.pk, len(head_tokens), len(head_tokens) + len(body_tokens))
        year = item.date_start.year if item.date_start else None
        entry = SearchEntry(
            item_id=item.pk,
            kind=item.kind,
            province_id=item.province_id,
            institution_id=item.institution_id,
            decade=year - year % 10 if year is not None else None,
            year=year,
            parts="|" + "".join(f"{p}|" for p in dict.fromkeys(parts)),
            ident=item.identifier.lower(),
            docnum=doc_number_key(item.doc_number),
            sort_date=item.date_start,
            sort_key=item.identifier,
            rank_key=key,
        )
        entries.append(entry)
        texts.append(
            SearchText(
                item_id=item.pk,
                head=" ".join(head_tokens),
                body=" ".join(body_tokens),
                ahead=" ".join(accent_tokens(head)),
                abody=" ".join(accent_tokens(body)[:MAX_BODY_TOKENS]),
                facets=facet_tokens(entry),
                rank_key=key,
            )
        )
    return entries, texts


def _delete(table: str, ids: list[int] | None) -> None:
    """Plain SQL deletes: no per-row signals for derived rows (see operations.pagecache)."""
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names
        else:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {table} WHERE item_id IN ({marks})", ids)  # noqa: S608


def _reindex_ids(ids: list[int]) -> None:
    """Rebuild the entries of *ids* in one transaction (the caller holds it)."""
    _delete("search_dirty", ids)  # first: takes the write lock
    items = list(
        Item.objects.public()
        .filter(pk__in=ids)
        .select_related("institution", "repository", "province")
    )
    _delete("search_entry", ids)
    _delete("search_text", ids)
    entries, texts = build_entries(items)
    SearchEntry.objects.bulk_create(entries)
    SearchText.objects.bulk_create(texts)
    bump_generation()


def refresh(*, using: str | None = None) -> int:
    """Rebuild the entries of every queued item; returns how many were queued.

    Cheap when the queue is empty (one indexed read), so callers run it before searching.
    """
    done = 0
    while True:
        ids = list(DirtyItem.objects.values_list("item_id", flat=True)[:CHUNK])
        if not ids:
            if done >= ANALYZE_AFTER:
                analyze()
            return done
        with transaction.atomic():
            _reindex_ids(ids)
        done += len(ids)


ANALYZE_AFTER = 1000  # items indexed by one refresh() (a bulk import) before analyze()


def analyze() -> None:
    """SQLite: refresh the query planner's statistics of the items and the entries after
    a bulk change (≈0.1 s for 100,000 items). Without them it reads 20 search hits through
    the index on ``status`` — every published item — instead of by primary key.
    PostgreSQL's autovacuum keeps its own statistics."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalogue_item")
            cursor.execute("ANALYZE search_entry")


FTS_TABLES = ("search_fts", "search_afts", "search_hfts")


def drop_engine_tables(cursor: Any) -> None:
    """SQLite: drop the FTS5 tables and the triggers feeding them (ensure() makes them again)."""
    for trigger in ("search_text_ai", "search_text_ad", "search_text_au"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in FTS_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def rebuild() -> int:
    """Drop the whole index and build it again from the public items; returns the count.

    On SQLite the FTS5 tables and their triggers are dropped and made again, so a damaged
    engine index is repaired too.
    """
    from trienlam.search.schema import ensure

    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                drop_engine_tables(cursor)
        for table in ("search_entry", "search_text", "search_dirty"):
            _delete(table, None)
        ensure(connection)
        bump_generation()
        ids = list(Item.objects.public().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            _reindex_ids(ids[start : start + CHUNK])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in FTS_TABLES:
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
            analyze()
        else:
            cursor.execute("ANALYZE search_entry")
            cursor.execute("ANALYZE search_text")
    return len(ids)
