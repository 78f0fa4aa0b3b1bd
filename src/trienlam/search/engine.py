"""The two engines behind one contract: ranked ids of a page, and facet combinations.

SQLite: FTS5 ``MATCH`` over the folded columns of ``search_fts``, ``ORDER BY rank`` (``bm25``
with the column weights set in :mod:`~trienlam.search.schema`). PostgreSQL: ``@@`` over the
GIN-indexed ``doc`` tsvector, ranked by ``ts_rank``. When the visitor typed diacritics, every
item matching them exactly (the accent-keeping columns) comes before the folded-only matches.
On both, the items whose identifier or document number is the whole query come first, and an
empty query lists the items by date.

Facet filters are tokens of the FTS5 ``facets`` column on SQLite (no join) and conditions on
``search_entry`` on PostgreSQL. Facet counts come from the matching ids (or, when most entries
match, the others') and the in-memory :mod:`~trienlam.search.facetcache`.

Large result sets (more than :data:`EXACT_RANK_LIMIT` text matches) are not ranked match by
match but listed in a static order, head matches first (see :func:`run`).
"""

# SQL here is assembled from fixed fragments; every value goes through query parameters.
# ruff: noqa: S608

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from trienlam.search import facetcache
from trienlam.search.index import (
    DOC_LEN_BITS,
    EVERY_ENTRY,
    ID_BITS,
    facet_token,
    item_of_key,
)
from trienlam.search.query import ParsedQuery, fts5_accent_expression, fts5_expression, tsquery


@dataclass(frozen=True)
class Filters:
    """Facet filters as database values; an empty tuple means "any"."""

    kinds: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # "<exhibition slug>/<part slug>"
    province_ids: tuple[int, ...] = ()
    institution_ids: tuple[int, ...] = ()
    decades: tuple[int, ...] = ()
    year: int | None = None

    @property
    def any(self) -> bool:
        return bool(
            self.kinds
            or self.parts
            or self.province_ids
            or self.institution_ids
            or self.decades
            or self.year is not None
        )


Combo = facetcache.Combo  # kind, province, institution, decade, parts, count


def _in(column: str, values: tuple[Any, ...], sql: list[str], params: list[Any]) -> None:
    if values:
        sql.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)


def _filter_sql(filters: Filters) -> tuple[list[str], list[Any]]:
    """The filters as SQL conditions on ``search_entry e`` (PostgreSQL, empty queries)."""
    sql: list[str] = []
    params: list[Any] = []
    if filters.year is not None:
        sql.append("e.year = %s")
        params.append(filters.year)
    _in("e.kind", filters.kinds, sql, params)
    _in("e.province_id", filters.province_ids, sql, params)
    _in("e.institution_id", filters.institution_ids, sql, params)
    _in("e.decade", filters.decades, sql, params)
    if filters.parts:
        find = (
            "instr(e.parts, %s) > 0" if connection.vendor == "sqlite" else "strpos(e.parts, %s) > 0"
        )
        sql.append("(" + " OR ".join([find] * len(filters.parts)) + ")")
        params.extend(f"|{p}|" for p in filters.parts)
    return sql, params


def _and(extra: list[str]) -> str:
    return "".join(f" AND {condition}" for condition in extra)


def _fetch(sql: str, args: list[Any]) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchall()


def direct_ids(query: ParsedQuery, filters: Filters) -> list[int]:
    """Items whose identifier or document number is the whole query (an indexed lookup)."""
    if not (query.identifier or query.doc_number):
        return []
    extra, params = _filter_sql(filters)
    keys, key_params = [], []
    if query.identifier:
        keys.append("e.ident = %s")
        key_params.append(query.identifier)
    if query.doc_number:
        keys.append("e.docnum = %s")
        key_params.append(query.doc_number)
    sql = (
        f"SELECT e.item_id FROM search_entry e WHERE ({' OR '.join(keys)})"
        + _and(extra)
        + " ORDER BY e.sort_key LIMIT 50"
    )
    return [row[0] for row in _fetch(sql, [*key_params, *params])]


def _ranked(query: ParsedQuery, filters: Filters, limit: int, offset: int) -> list[int]:
    extra, params = _filter_sql(filters)
    if query.empty:
        sql = (
            "SELECT e.item_id FROM search_entry e WHERE 1 = 1"
            + _and(extra)
            + " ORDER BY e.sort_date IS NULL, e.sort_date, e.sort_key LIMIT %s OFFSET %s"
        )
        return [row[0] for row in _fetch(sql, [*params, limit, offset])]
    if connection.vendor == "sqlite":
        expression = fts5_filtered(query, filters)
        order, order_params = "rank", []
        if query.marked:  # every exact-accent match first, then the folded ones
            order = (
                "(rowid IN (SELECT rowid FROM search_afts WHERE search_afts MATCH %s)) DESC, rank"
            )
            order_params = [fts5_accent_expression(query)]
        sql = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
            f" ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return [row[0] for row in _fetch(sql, [expression, *order_params, limit, offset])]
    rank = "ts_rank(t.doc, to_tsquery('simple', %s))"
    rank_params = [tsquery(query.terms)]
    if query.marked:  # every exact-accent match first, then the folded ones
        # A hashed subplan over the GIN index of `acc`: no accent vector is read per row.
        rank = (
            "(t.item_id IN (SELECT a.item_id FROM search_text a"
            " WHERE a.acc @@ to_tsquery('simple', %s))) DESC, " + rank
        )
        rank_params = [tsquery(query.terms, accented=True), *rank_params]
    join = " JOIN search_entry e ON e.item_id = t.item_id" if filters.any else ""
    sql = (
        f"SELECT t.item_id FROM search_text t{join} WHERE t.doc @@ to_tsquery('simple', %s)"
        + _and(extra)
        + f" ORDER BY {rank} DESC, t.item_id LIMIT %s OFFSET %s"
    )
    args = [tsquery(query.terms), *params, *rank_params, limit, offset]
    return [row[0] for row in _fetch(sql, args)]


Ranker = Callable[[ParsedQuery, Filters, int, int], list[int]]


def page_ids(
    query: ParsedQuery, filters: Filters, limit: int, offset: int, ranked: Ranker | None = None
) -> list[int]:
    """The ids of one page of results, best first: direct hits, then by rank."""
    direct = direct_ids(query, filters) if not query.empty else []
    head = direct[offset : offset + limit]
    want = limit - len(head)
    if want <= 0:
        return head
    start = max(0, offset - len(direct))
    taken = set(direct)
    rows = (ranked or _ranked)(query, filters, want + len(direct), start)
    rest = [i for i in rows if i not in taken]
    return head + rest[:want]


EXACT_RANK_LIMIT = 3000  # more text matches than this: the static order (see run())
BODY_KEY_MASK = (1 << (DOC_LEN_BITS + ID_BITS)) - 1  # rank_key without the head's length


def run(
    query: ParsedQuery, filters: Filters, limit: int, offset: int
) -> tuple[list[int], list[Combo]]:
    """One page of ids (best first) and the facet combinations (see :func:`combos`).

    Up to :data:`EXACT_RANK_LIMIT` text matches, the engine ranks them all (bm25 /
    ts_rank). Above it — a common word: "thi dua" is in 90 % of a synthetic catalogue — the
    ranking of every match would cost more than the rest of the search together, and says
    little (such a word weighs almost nothing in bm25), so the results come in a static
    order instead (:func:`static_ranked`): exact-accent matches first when diacritics were
    typed; inside that, the items whose head (title, identifier, number, creator) matches
    the whole query, shorter heads then shorter entries first (``rank_key``), then the
    others, shorter entries first.
    """
    if query.empty:
        return page_ids(query, filters, limit, offset), combos(query, filters)
    found, size, matched = _text_counts(query, filters)
    if size <= EXACT_RANK_LIMIT:
        return page_ids(query, filters, limit, offset), found

    def ranked(q: ParsedQuery, f: Filters, limit: int, offset: int) -> list[int]:
        return static_ranked(q, f, limit, offset, lambda: matched or matched_ids(q, f))

    return page_ids(query, filters, limit, offset, ranked), found


def _text_counts(query: ParsedQuery, filters: Filters) -> tuple[list[Combo], int, list[int]]:
    """The facet combinations of the text matches (see :func:`combos`), how many there are,
    and their ids when they were read. On SQLite, when more than half the entries match,
    the ids of the others are read instead (``EVERY_ENTRY NOT (…)``): counting them and
    subtracting costs a fraction of reading tens of thousands of matches."""
    if connection.vendor == "sqlite":
        expression = fts5_filtered(query, filters, facets=False)
        size = _fetch(f"SELECT count(*){_FTS_MATCH}", [expression])[0][0]
        cache = facetcache.current()
        if size > cache.size // 2:
            every = facet_token("y", filters.year) if filters.year is not None else EVERY_ENTRY
            others = _all_ids("rowid", _FTS_MATCH, [f'"{every}" NOT ({fts5_expression(query)})'])
            found = cache.count_except(others, filters.year)
            if found is None:
                found = facetcache.current(reload=True).count_except(others, filters.year)
            if found is not None and sum(c[5] for c in found) == size:
                return found, size, []
    matched = matched_ids(query, filters)
    return _count(matched, filters), len(matched), matched


_FTS_MATCH = " FROM search_fts WHERE search_fts MATCH %s"


def _head_sql(query: ParsedQuery, filters: Filters, *, accent: bool) -> tuple[str, str, list[Any]]:
    """Items whose head matches the whole *query* (folded, or with its exact accents), with
    the filters: (column, ``FROM … WHERE …``, arguments); ordered by the column, they come
    in static order. SQLite gives rank keys (:func:`~trienlam.search.index.item_of_key`),
    PostgreSQL ids."""
    if connection.vendor == "sqlite":
        text = fts5_accent_expression(query) if accent else fts5_expression(query)
        expression = f"{{{'ahead' if accent else 'head'}}} : ({text})" + _fts5_facets(filters)
        return "rowid", " FROM search_hfts WHERE search_hfts MATCH %s", [expression]
    extra, params = _filter_sql(filters)
    join = " JOIN search_entry e ON e.item_id = t.item_id" if filters.any else ""
    column = "t.ahdoc" if accent else "t.hdoc"
    return (
        "t.item_id",
        f" FROM search_text t{join} WHERE {column} @@ to_tsquery('simple', %s)" + _and(extra),
        [tsquery(query.terms, accented=accent), *params],
    )


def _head_page(
    query: ParsedQuery, filters: Filters, limit: int, offset: int, *, accent: bool
) -> list[int]:
    column, where, args = _head_sql(query, filters, accent=accent)
    order = "rowid" if connection.vendor == "sqlite" else "t.rank_key"
    sql = f"SELECT {column}{where} ORDER BY {order} LIMIT %s OFFSET %s"
    rows = _fetch(sql, [*args, limit, offset])
    if connection.vendor == "sqlite":
        return [item_of_key(row[0]) for row in rows]
    return [row[0] for row in rows]


def _head_all(query: ParsedQuery, filters: Filters, *, accent: bool) -> set[int]:
    column, where, args = _head_sql(query, filters, accent=accent)
    ids = _all_ids(column, where, args)
    return {item_of_key(k) for k in ids} if connection.vendor == "sqlite" else set(ids)


def _accent_all(query: ParsedQuery) -> set[int]:
    """Every item matching the exact accents of *query* anywhere (no filters)."""
    if connection.vendor == "sqlite":
        where = " FROM search_afts WHERE search_afts MATCH %s"
        return set(_all_ids("rowid", where, [fts5_accent_expression(query)]))
    where = " FROM search_text t WHERE t.acc @@ to_tsquery('simple', %s)"
    return set(_all_ids("t.item_id", where, [tsquery(query.terms, accented=True)]))


def static_ranked(
    query: ParsedQuery,
    filters: Filters,
    limit: int,
    offset: int,
    matched: Callable[[], Sequence[int]],
) -> list[int]:
    """One page of a large result set in static order (see :func:`run`); *matched* gives
    every id matching the text (:func:`matched_ids`), called only past the first group.

    The first group — head matches, with the exact accents when they were typed — comes
    from the head index in its stored order (``LIMIT``: a page costs a page of rows). Only
    a page reaching past it reads the whole groups and orders them here by ``rank_key``."""
    page = _head_page(query, filters, limit, offset, accent=query.marked)
    if len(page) == limit:
        return page
    cache = facetcache.current()
    ids = matched()
    if not cache.knows(ids):
        cache = facetcache.current(reload=True)
    wanted = cache.select(
        ids,
        kinds=filters.kinds,
        province_ids=filters.province_ids,
        institution_ids=filters.institution_ids,
        decades=filters.decades,
        parts=filters.parts,
        year=filters.year,
    )
    first = _head_all(query, filters, accent=query.marked) & wanted
    key_of = cache.key_of

    def by_head(i: int) -> int:
        return key_of[i]

    def by_length(i: int) -> int:  # the entry's length then id: the head does not match
        return key_of[i] & BODY_KEY_MASK

    groups: list[tuple[set[int], Callable[[int], int]]]
    if query.marked:
        accented = _accent_all(query) & wanted
        head = _head_all(query, filters, accent=False) & wanted
        groups = [
            (accented - first, by_length),
            (head - accented, by_head),
            (wanted - accented - head, by_length),
        ]
    else:
        groups = [(wanted - first, by_length)]
    skip, need = max(0, offset - len(first)), limit - len(page)
    for group, key in groups:
        if skip >= len(group):
            skip -= len(group)
            continue
        best = heapq.nsmallest(skip + need, group, key=key)[skip:]
        page += best
        need -= len(best)
        skip = 0
        if need <= 0:
            break
    return page


def _fts5_facets(filters: Filters, *, facets: bool = True) -> str:
    """The filters as `` AND (…)`` groups of facet tokens (with *facets* false, the year
    only), to append to a MATCH expression."""
    groups: list[list[str]] = []
    if filters.year is not None:
        groups.append([facet_token("y", filters.year)])
    if facets:
        groups += [
            [facet_token("k", v) for v in filters.kinds],
            [facet_token("p", v) for v in filters.province_ids],
            [facet_token("i", v) for v in filters.institution_ids],
            [facet_token("d", v) for v in filters.decades],
            [facet_token("x", v) for v in filters.parts],
        ]
    return "".join(
        " AND (" + " OR ".join(f'"{t}"' for t in tokens) + ")" for tokens in groups if tokens
    )


def fts5_filtered(query: ParsedQuery, filters: Filters, *, facets: bool = True) -> str:
    """The MATCH expression of *query* (folded columns) AND the facet filters (``facets``
    column; with *facets* false, only the year)."""
    return fts5_expression(query) + _fts5_facets(filters, facets=facets)


def _all_ids(column: str, where: str, args: list[Any]) -> list[int]:
    """Every value of the integer *column* of ``SELECT column FROM … WHERE …``, aggregated
    into one text by the database and parsed here: tens of thousands of rows as Python
    tuples cost more than finding them."""
    agg = "group_concat({}, ',')" if connection.vendor == "sqlite" else "string_agg({}::text, ',')"
    rows = _fetch(f"SELECT {agg.format(column)}{where}", args)
    text = rows[0][0] if rows else None
    return json.loads(f"[{text}]") if text else []


def matched_ids(query: ParsedQuery, filters: Filters) -> list[int]:
    """Every id matching the text of *query* (and the year filter on SQLite), unranked."""
    if connection.vendor == "sqlite":
        where = " FROM search_fts WHERE search_fts MATCH %s"
        return _all_ids("rowid", where, [fts5_filtered(query, filters, facets=False)])
    where = " FROM search_text t WHERE t.doc @@ to_tsquery('simple', %s)"
    if any(len(term.folded) > 1 for term in query.terms):
        return _all_ids("t.item_id", where, [tsquery(query.terms)])
    # Words only (no phrase): the GIN index alone decides, no vector is read again. The
    # planner still prefers reading every row once most rows match — and every `doc` out of
    # TOAST (4× slower at 100,000 items) — so it is told not to, for this statement only.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
        ids = _all_ids("t.item_id", where, [tsquery(query.terms)])
        # An enclosing transaction keeps its own plans (on an error, the savepoint's
        # rollback undoes the setting).
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return ids


def combos(query: ParsedQuery, filters: Filters) -> list[Combo]:
    """Counts of matching entries by (kind, province, institution, decade, parts), before
    any facet filter (the year filter applies): the caller derives every facet's counts and
    the total from them, so each facet counts as if its own selection were lifted."""
    if query.empty:
        return facetcache.current().count_all(filters.year)
    return _count(matched_ids(query, filters), filters)


def _count(ids: list[int], filters: Filters) -> list[Combo]:
    found = facetcache.current().count(ids, filters.year)
    if found is None:  # entries built since the generation was read
        found = facetcache.current(reload=True).count(ids, filters.year)
    return found or []
