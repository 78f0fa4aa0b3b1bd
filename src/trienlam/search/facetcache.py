"""Facet values of every entry, in memory, for counting facets over large match sets.

Counting facets over 90,000 matches by joining ``search_entry`` costs as much as ranking
them; reading the matching ids from the engine alone is cheap. So each process keeps the facet
combination of every entry (an array indexed by item id) and counts the matched ids against
it. The cache is checked against ``search_state.generation``, which every (re)build of entries
and every trigger that hides an item bump; an id it does not know makes it reload once.
"""

from __future__ import annotations

import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter

from django.db import connection

Key = tuple[str, int | None, int, int | None, str]  # kind, province, institution, decade, parts
Combo = tuple[str, int | None, int, int | None, str, int]  # the same and a count

_lock = threading.Lock()


class FacetCache:
    def __init__(self, generation: int, vendor: str, alias: str) -> None:
        self.generation, self.vendor, self.alias = generation, vendor, alias
        self.keys: list[Key] = []
        index: dict[Key, int] = {}
        rows = _rows(
            "SELECT item_id, kind, province_id, institution_id, decade, parts, year, rank_key"
            " FROM search_entry"
        )
        size = max((row[0] for row in rows), default=0) + 1
        self.combo_of = array("i", [-1]) * size
        self.year_of = array("i", [0]) * size
        self.key_of = array("q", [0]) * size  # rank_key: the static order of large results
        for item_id, kind, province, institution, decade, parts, year, rank in rows:
            key = (kind, province, institution, decade, parts)
            number = index.get(key)
            if number is None:
                number = index[key] = len(self.keys)
                self.keys.append(key)
            self.combo_of[item_id] = number
            self.year_of[item_id] = year or 0
            self.key_of[item_id] = rank
        self._all: list[Combo] | None = None
        self._all_numbers: Counter[int] | None = None
        self._size = len(rows)

    def knows(self, ids: Sequence[int]) -> bool:
        """Whether every id of *ids* is an entry of this generation."""
        combo_of = self.combo_of
        if not ids:
            return True
        if max(ids) >= len(combo_of):
            return False
        return -1 not in _gather(combo_of, ids)

    def count(self, ids: list[int], year: int | None = None) -> list[Combo] | None:
        """Counts by combination of the entries *ids*; None if an id is unknown (the entries
        changed since the cache was read: the caller reloads it)."""
        combo_of = self.combo_of
        if ids and max(ids) >= len(combo_of):
            return None
        if year is None:
            counter = Counter(_gather(combo_of, ids))
        else:
            year_of = self.year_of
            counter = Counter([combo_of[i] for i in ids if year_of[i] == year])
        if -1 in counter:
            return None
        return [(*self.keys[n], c) for n, c in counter.items()]

    def select(
        self,
        ids: Iterable[int],
        *,
        kinds: Sequence[str] = (),
        province_ids: Sequence[int] = (),
        institution_ids: Sequence[int] = (),
        decades: Sequence[int] = (),
        parts: Sequence[str] = (),
        year: int | None = None,
    ) -> set[int]:
        """The ids of *ids* whose facet values pass the filters (an empty filter: any)."""
        if not (kinds or province_ids or institution_ids or decades or parts or year):
            return set(ids)
        wanted_parts = {f"|{p}|" for p in parts}
        allowed = {
            n
            for n, (kind, province, institution, decade, keys) in enumerate(self.keys)
            if (not kinds or kind in kinds)
            and (not province_ids or province in province_ids)
            and (not institution_ids or institution in institution_ids)
            and (not decades or decade in decades)
            and (not parts or any(p in keys for p in wanted_parts))
        }
        combo_of, year_of = self.combo_of, self.year_of
        return {i for i in ids if combo_of[i] in allowed and (year is None or year_of[i] == year)}

    def count_except(self, ids: Sequence[int], year: int | None = None) -> list[Combo] | None:
        """Counts by combination of every entry (of *year*) but *ids*: for a match set larger
        than half the entries, its complement is cheaper to read. None as in :meth:`count`."""
        if ids and max(ids) >= len(self.combo_of):
            return None
        every = self._numbers(year)
        taken = Counter(_gather(self.combo_of, ids))
        if -1 in taken or any(every.get(n, 0) < c for n, c in taken.items()):
            return None  # an id this generation does not know, or one outside *year*
        keys = self.keys
        return [(*keys[n], c - taken.get(n, 0)) for n, c in every.items() if c > taken.get(n, 0)]

    def _numbers(self, year: int | None) -> Counter[int]:
        if year is None:
            if self._all_numbers is None:
                self._all_numbers = Counter(n for n in self.combo_of if n >= 0)
            return self._all_numbers
        year_of = self.year_of
        return Counter(
            n for n, y in zip(self.combo_of, year_of, strict=True) if y == year and n >= 0
        )

    @property
    def size(self) -> int:
        return self._size

    def count_all(self, year: int | None = None) -> list[Combo]:
        if year is not None:
            year_of = self.year_of
            counter = Counter(
                [n for n, y in zip(self.combo_of, year_of, strict=True) if y == year and n >= 0]
            )
            return [(*self.keys[n], c) for n, c in counter.items()]
        if self._all is None:
            self._all = [(*self.keys[n], c) for n, c in Counter(self.combo_of).items() if n >= 0]
        return self._all


def _gather(values: array, ids: Sequence[int]) -> tuple[int, ...]:  # type: ignore[type-arg]
    """``tuple(values[i] for i in ids)``, the loop in C."""
    if len(ids) == 1:
        return (values[ids[0]],)
    return itemgetter(*ids)(values) if ids else ()


def _rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


_caches: dict[str, FacetCache] = {}


def current(*, reload: bool = False) -> FacetCache:
    """The cache for the current database, read again if the entries changed."""
    generation = _rows("SELECT generation FROM search_state WHERE id = 1")
    number = generation[0][0] if generation else 0
    alias = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
    cache = _caches.get(alias)
    if reload or cache is None or cache.generation != number:
        with _lock:
            cache = FacetCache(number, connection.vendor, alias)
            _caches[alias] = cache
    return cache
