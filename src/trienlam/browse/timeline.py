"""The timeline of the browse-by-time page: decades and years of the items' dates.

Rule (said on the page too): an item is placed by the year of its earliest date
(`Item.date_start`). "khoảng 1950" (1945–1955) is therefore in 1945 and the 1940s,
"1945-1954" in 1945; an item without a date is counted apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from trienlam.browse.links import search_url

BAR_WIDTH = 100  # SVG user units of the longest bar


@dataclass
class YearRow:
    year: int
    count: int
    url: str


@dataclass
class DecadeRow:
    start: int
    count: int
    url: str
    bar: int  # length of its bar, 0..BAR_WIDTH
    years: list[YearRow] = field(default_factory=list)
    last: int | None = None  # a run of empty decades: the first year of its last decade

    @property
    def end(self) -> int:
        return (self.last or self.start) + 9


def build_timeline(by_year: Mapping[int, int]) -> list[DecadeRow]:
    """Every decade from the earliest to the latest dated item, each with its years that have
    items, oldest first. Empty decades are shown too, so the scale is honest; two or more in
    a row are one row ("the 1960s to the 1980s")."""
    counts = {int(year): n for year, n in by_year.items() if n}
    if not counts:
        return []
    first, last = min(counts) // 10 * 10, max(counts) // 10 * 10
    decades: list[DecadeRow] = []
    for start in range(first, last + 1, 10):
        years = [
            YearRow(year, counts[year], search_url(nam=year))
            for year in range(start, start + 10)
            if year in counts
        ]
        total = sum(y.count for y in years)
        decades.append(
            DecadeRow(start, total, search_url(**{"thap-nien": start}) if total else "", 0, years)
        )
    decades = _merge_empty_runs(decades)
    longest = max(d.count for d in decades)
    for decade in decades:
        # a decade with items always shows a visible bar, however short
        decade.bar = max(2, round(BAR_WIDTH * decade.count / longest)) if decade.count else 0
    return decades


def _merge_empty_runs(decades: list[DecadeRow]) -> list[DecadeRow]:
    merged: list[DecadeRow] = []
    for decade in decades:
        previous = merged[-1] if merged else None
        if previous is not None and not previous.count and not decade.count:
            previous.last = decade.start
        else:
            merged.append(decade)
    return merged
