"""The two engines behind one contract: ranked ids of a page, and facet combinations.

SQLite: FTS5 ``MATCH`` over the folded columns of ``search_fts``, ``ORDER BY rank`` (``bm25``
with the column weights set in :mod:`~trienlam.search.schema`). PostgreSQL: ``@@`` over the
GIN-indexed ``doc`` tsvector, ranked by ``ts_rank``. When the visitor typed diacritics, every
item matching them exactly (the accent-keeping columns) comes before the folded-only matches.
On both, the items whose identifier or document number is the whole query come first, and an
empty query lists the items by date.

Facet filters are tokens of the FTS5 ``facets`` column on SQLite (no join) and conditions on
``search_entry`` on PostgreSQL. Facet counts come from the matching ids and the in-memory
:mod:`~trienlam.search.facetcache`; on PostgreSQL the page and the ids come from one scan.
"""

# SQL here is assembled from fixed fragments; every value goes through query parameters.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from trienlam.search import facetcache
from trienlam.search.index import facet_token
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


def _postgres_ranked_and_matched(
    query: ParsedQuery, filters: Filters, limit: int, offset: int
) -> tuple[list[int], list[int]]:
    """PostgreSQL, one scan for both: the ranked page and every matching id (for the facet
    counts), from one materialised set of matches — the heap of ``search_text`` is read once."""
    extra, params = _filter_sql(filters)
    order = "m.r DESC, m.id"
    order_params: list[Any] = []
    if query.marked:  # every exact-accent match first (GIN index of `acc`, hashed subplan)
        order = (
            "(m.id IN (SELECT a.item_id FROM search_text a"
            " WHERE a.acc @@ to_tsquery('simple', %s))) DESC, " + order
        )
        order_params = [tsquery(query.terms, accented=True)]
    join = " JOIN search_entry e ON e.item_id = m.id" if filters.any else ""
    sql = (
        "WITH m AS MATERIALIZED (SELECT t.item_id AS id,"
        " ts_rank(t.doc, to_tsquery('simple', %s)) AS r FROM search_text t"
        " WHERE t.doc @@ to_tsquery('simple', %s))"
        f" (SELECT 0 AS part, m.id FROM m{join} WHERE 1 = 1"
        + _and(extra)
        + f" ORDER BY {order} LIMIT %s OFFSET %s)"
        " UNION ALL (SELECT 1, m.id FROM m)"
    )
    terms = tsquery(query.terms)
    rows = _fetch(sql, [terms, terms, *params, *order_params, limit, offset])
    return [i for part, i in rows if part == 0], [i for part, i in rows if part == 1]


def run(
    query: ParsedQuery, filters: Filters, limit: int, offset: int
) -> tuple[list[int], list[Combo]]:
    """One page of ids (best first) and the facet combinations (see :func:`combos`)."""
    if connection.vendor != "postgresql" or query.empty:
        return page_ids(query, filters, limit, offset), combos(query, filters)
    matched: list[int] = []

    def ranked(q: ParsedQuery, f: Filters, limit: int, offset: int) -> list[int]:
        page, everything = _postgres_ranked_and_matched(q, f, limit, offset)
        matched.extend(everything)
        return page

    ids = page_ids(query, filters, limit, offset, ranked)
    if not matched and len(ids) == limit:  # a page of direct hits only: no ranked scan ran
        matched = matched_ids(query, filters)
    return ids, _count(matched, filters)


def fts5_filtered(query: ParsedQuery, filters: Filters, *, facets: bool = True) -> str:
    """The MATCH expression of *query* (folded columns) AND the facet filters (``facets``
    column; with *facets* false, only the year)."""
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
    expression = fts5_expression(query)
    for tokens in groups:
        if tokens:
            expression += " AND (" + " OR ".join(f'"{t}"' for t in tokens) + ")"
    return expression


def matched_ids(query: ParsedQuery, filters: Filters) -> list[int]:
    """Every id matching the text of *query* (and the year filter on SQLite), unranked."""
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        args = [fts5_filtered(query, filters, facets=False)]
    else:
        sql = "SELECT t.item_id FROM search_text t WHERE t.doc @@ to_tsquery('simple', %s)"
        args = [tsquery(query.terms)]
    return [row[0] for row in _fetch(sql, args)]


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
