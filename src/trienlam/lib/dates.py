"""Reading the dates archivists write into a (start, end) range of calendar days.

:func:`parse_archival_date` turns the text of a "Ngày tháng năm" / "Thời gian" cell into an
:class:`ArchivalDate` or raises :class:`DateError`. Numbers are always read in Vietnamese order,
day/month/year, never month/day. Accepted forms (case, diacritics, NFC/NFD and stray spaces do not
matter; keywords may be typed without diacritics, e.g. ``thang 6 nam 1948``):

===================================================  ==========================================
form                                                 range
===================================================  ==========================================
``12/6/1948``, ``12-6-1948``, ``12.6.1948``,         that day
``ngày 12 tháng 6 năm 1948``, ``1948-06-12`` (ISO)
``6/1948``, ``06-1948``, ``tháng 6 năm 1948``,       the whole month
``1948-06`` (ISO)
``1948``, ``năm 1948``                               1/1–31/12 of that year
``quý II năm 1948``, ``quý 2/1948``                  the quarter (Apr–Jun)
``thập niên 1950``, ``thập kỷ 1950``,                1950–1959 (the year must end in 0)
``những năm 1950``, ``những năm 50 của thế kỷ XX``
``thế kỷ XIX``, ``thế kỷ 19``                        1800–1899 (popular usage, not 1801–1900)
``đầu`` / ``giữa`` / ``cuối`` + month, year,         first half / middle half / second half:
decade or century (``6 tháng đầu năm 1960`` too)     đầu năm = Jan–Jun, giữa năm = Apr–Sep,
                                                     cuối năm = Jul–Dec; đầu tháng 6 = 1–15/6;
                                                     cuối thập niên 1950 = 1955–1959
``khoảng 1950``, ``khoảng năm 1950``                 1945–1955 (± :data:`APPROX_YEARS`)
``khoảng`` + month/day/quarter/part of a year         the whole year(s) around it
``khoảng thập niên 1950``, ``khoảng thế kỷ XIX``     the decade/century itself
``khoảng 1945-1954``                                the range itself
``1948?``, ``[1948]`` (supplied by the archivist)     the same range, marked approximate
``1945-1954``, ``1945 – 1954``, ``6/1945—8/1954``,   from the start of the first to the end of
``từ năm 1945 đến năm 1954``, ``giai đoạn 1945-1954``  the second; each side is read on its own
``Hà Nội, ngày 12 tháng 6 năm 1948``                 the place is ignored (document header style)
``""``, ``không rõ``, ``không rõ năm``,              empty: start and end are ``None``
``chưa rõ ngày tháng``, ``n.d.``, ``s.d.``
===================================================  ==========================================

Refused (:class:`DateError` with a stable ``code``): open ranges ``trước 1954``, ``sau 1975``,
``từ 1945``, ``1975 trở đi`` (``open_range``: a period needs a start and an end, so write
``khoảng 1950`` or ``1945-1954``), impossible days and months, two-digit years (``12/6/48``),
years before :data:`MIN_YEAR` or after next year, a range ending before it starts, anything else.
Computed ranges (approximations, decades, centuries) are clipped to ``MIN_YEAR``..next year.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

MIN_YEAR = 1000
APPROX_YEARS = 5
MAX_TEXT_LENGTH = 100
EXAMPLES = "1948, 6/1948, 12/6/1948, ngày 12 tháng 6 năm 1948, khoảng 1950, 1945-1954"


@dataclass(frozen=True, slots=True)
class ArchivalDate:
    """A date as written (``text``: NFC, spaces collapsed) and the days it may denote.

    Invariant: ``start`` and ``end`` are both ``None`` (unknown date) or both set with
    ``start <= end``. ``approximate`` is true for ``khoảng …``, ``…?`` and ``[…]``.
    """

    text: str
    start: date | None
    end: date | None
    approximate: bool = False

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("start and end must both be set or both be None")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("end is before start")

    @property
    def is_empty(self) -> bool:
        return self.start is None


class DateError(ValueError):
    """The text is not an acceptable archival date.

    ``code`` is stable (for translation and tests), ``message`` a plain English sentence naming
    what is wrong, ``params`` the values it mentions (for a translated message).
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True, slots=True)
class _Span:
    start: date
    end: date
    kind: str  # day, month, year, quarter, part, decade, century, approx
    approximate: bool = False


def parse_archival_date(text: str, *, today: date | None = None) -> ArchivalDate:
    """Parse *text* as described in the module docstring; *today* fixes "next year" in tests."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if len(cleaned) > MAX_TEXT_LENGTH:
        raise DateError(
            "too_long",
            f"The date is too long ({len(cleaned)} characters; at most {MAX_TEXT_LENGTH}).",
            length=len(cleaned),
            max_length=MAX_TEXT_LENGTH,
        )
    parser = _Parser(cleaned, (today or date.today()).year + 1)
    return parser.parse()


def _fold(text: str) -> str:
    """ASCII-like matching form: no diacritics, đ→d, case folded, dashes as ``~``."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"[\u2010-\u2015\u2212\ufe58\ufe63]", " ~ ", folded)  # ‐ ‑ ‒ – — ― −
    return " ".join(folded.split())


_ROMAN = {
    r: i
    for i, r in enumerate(
        "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi xxii".split(),
        start=1,
    )
}
_SEP = r"\s*[/.\-]\s*"
_N = r"(\d{1,2})"
_Y = r"(\d{2,})"
_CENTURY = r"the\s*k[yi]\s*([ivx]+|\d{1,2})"
_RE = {
    name: re.compile(pattern, re.ASCII)
    for name, pattern in {
        "iso": r"(\d{4})-(\d{1,2})-(\d{1,2})",
        "iso_month": r"(\d{4})-(0[1-9]|1[0-2])",
        "day": rf"(?:ngay\s*)?{_N}{_SEP}{_N}{_SEP}{_Y}",
        "day_words": rf"(?:ngay\s*)?{_N}\s*thang\s*{_N}\s*,?\s*(?:nam\s*|{_SEP}){_Y}",
        "month": rf"(?:thang\s*)?{_N}{_SEP}{_Y}",
        "month_words": rf"thang\s*{_N}\s*,?\s*(?:nam\s*)?{_Y}",
        "year": r"(?:nam\s*)?(\d+)",
        "quarter": rf"quy\s*([ivx]+|\d)\s*,?\s*(?:nam\s*|{_SEP}){_Y}",
        "half": r"6\s*thang\s*(dau|cuoi)\s*(?:nam\s*)?(\d+)",
        "decade": rf"(?:thap\s*nien|thap\s*k[yi]|nhung\s*nam)\s*(\d+)(?:\s*(?:cua\s*)?{_CENTURY})?",
        "century": _CENTURY,
        "part": r"(dau|giua|cuoi)\s+(.+)",
        "approx": r"(?:khoang|chung|xap\s*xi|ca\.|c\.)\s*(.+)",
        "unknown": r"(?:(?:khong|chua)\s*(?:ro|ghi|xac\s*dinh|co)"
        r"(?:\s*(?:ngay|thang|nam|thoi\s*gian|nien\s*dai))*|n\.\s*d\.?|s\.\s*d\.?)",
        "open": r"(?:truoc|sau|tu|ke\s*tu|den|cho\s*den|toi)\s*(.+?)"
        r"(?:\s*tro\s*(?:ve\s*truoc|ve\s*sau|di|lai\s*day))?",
        "open_after": r"(.+?)\s*tro\s*(?:ve\s*truoc|ve\s*sau|di|lai\s*day)",
        "place": r"[^\d,]+,\s*(ngay\s*\d.*)",
        "range_prefix": r"(?:tu|giai\s*doan|thoi\s*ky|nhung\s*nam|cac\s*nam)\s+(.+)",
    }.items()
}


class _Parser:
    def __init__(self, text: str, max_year: int) -> None:
        self.text = text
        self.max_year = max_year

    def parse(self) -> ArchivalDate:
        folded = _fold(self.text)
        if not folded or _RE["unknown"].fullmatch(folded):
            return ArchivalDate(self.text, None, None)
        approximate = False
        if folded.startswith("[") and folded.endswith("]"):
            folded, approximate = folded[1:-1].strip(), True
        if m := _RE["place"].fullmatch(folded):  # "Hà Nội, ngày 12 tháng 6 năm 1948"
            folded = m[1]
        stripped = re.sub(r"\s*(?:\(\?\)|\?)$", "", folded)
        approximate = approximate or stripped != folded
        span = self._simple(stripped) or self._range(stripped)
        if span is None:
            self._refuse_open(stripped)
            raise DateError(
                "unrecognised",
                f"“{self.text}” is not a date form the importer understands; "
                f"write it for example as {EXAMPLES}.",
                text=self.text,
                examples=EXAMPLES,
            )
        start = max(span.start, date(MIN_YEAR, 1, 1))
        end = min(span.end, date(self.max_year, 12, 31))
        if start > end:
            raise self._year_error(span.start.year)
        return ArchivalDate(self.text, start, end, approximate or span.approximate)

    # --- numbers ------------------------------------------------------------------------------

    def _year_error(self, year: int) -> DateError:
        return DateError(
            "year_out_of_range",
            f"Year {year} is outside the accepted range {MIN_YEAR}–{self.max_year}.",
            year=year,
            min_year=MIN_YEAR,
            max_year=self.max_year,
        )

    def _year(self, token: str) -> int:
        if len(token) == 2:
            raise DateError(
                "ambiguous_year",
                f"The year “{token}” has only two digits; write all four (e.g. 19{token}).",
                year=token,
            )
        year = int(token)
        if not MIN_YEAR <= year <= self.max_year:
            raise self._year_error(year)
        return year

    def _month(self, token: str) -> int:
        month = int(token)
        if not 1 <= month <= 12:
            raise DateError(
                "invalid_month",
                f"Month {month} does not exist in “{self.text}”: months run from 1 to 12 "
                "and dates are read as day/month/year.",
                month=month,
                text=self.text,
            )
        return month

    def _day(self, token: str, month: int, year: int) -> date:
        day, last = int(token), calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                "invalid_day",
                f"Day {day} does not exist in {month}/{year}: that month has {last} days.",
                day=day,
                month=month,
                year=year,
                days_in_month=last,
            )
        return date(year, month, day)

    def _month_span(self, month_token: str, year_token: str) -> _Span:
        year = self._year(year_token)
        month = self._month(month_token)
        last = calendar.monthrange(year, month)[1]
        return _Span(date(year, month, 1), date(year, month, last), "month")

    def _century(self, token: str) -> int:
        number = int(token) if token.isdigit() else _ROMAN.get(token, 0)
        first = (number - 1) * 100
        if number == 0:
            raise DateError("unrecognised", f"“{token.upper()}” is not a century number.")
        if not MIN_YEAR <= first <= self.max_year:
            raise self._year_error(first)
        return first

    # --- forms --------------------------------------------------------------------------------

    def _simple(self, s: str) -> _Span | None:
        """A single date or period (no range); None if no form matches."""
        if m := _RE["iso"].fullmatch(s):
            year = self._year(m[1])
            day = self._day(m[3], self._month(m[2]), year)
            return _Span(day, day, "day")
        if m := _RE["day"].fullmatch(s) or _RE["day_words"].fullmatch(s):
            year = self._year(m[3])
            day = self._day(m[1], self._month(m[2]), year)
            return _Span(day, day, "day")
        if m := _RE["month"].fullmatch(s) or _RE["month_words"].fullmatch(s):
            return self._month_span(m[1], m[2])
        if m := _RE["iso_month"].fullmatch(s):
            return self._month_span(m[2], m[1])
        if m := _RE["year"].fullmatch(s):
            year = self._year(m[1])
            return _Span(date(year, 1, 1), date(year, 12, 31), "year")
        if m := _RE["quarter"].fullmatch(s):
            quarter = int(m[1]) if m[1].isdigit() else _ROMAN.get(m[1], 0)
            if not 1 <= quarter <= 4:
                raise DateError("invalid_quarter", f"Quarter “{m[1]}” does not exist (I–IV).")
            first = self._month_span(str(quarter * 3 - 2), m[2])
            return _Span(first.start, self._month_span(str(quarter * 3), m[2]).end, "quarter")
        if m := _RE["half"].fullmatch(s):
            return self._simple(f"{m[1]} nam {m[2]}")
        if m := _RE["decade"].fullmatch(s):
            return self._decade(m[1], m[2])
        if m := _RE["century"].fullmatch(s):
            first = self._century(m[1])
            return _Span(date(first, 1, 1), date(first + 99, 12, 31), "century")
        if m := _RE["part"].fullmatch(s):
            return self._part(m[1], m[2])
        if m := _RE["approx"].fullmatch(s):
            return self._approx(m[1])
        return None

    def _decade(self, number: str, century: str | None) -> _Span:
        if century is not None and len(number) == 2:
            first = self._century(century) + int(number)
        elif century is None and len(number) == 2:
            raise DateError(
                "ambiguous_year",
                f"“{self.text}” gives the decade with two digits; write 19{number} "
                f"or add the century (những năm {number} của thế kỷ XX).",
                year=number,
            )
        else:
            first = self._year(number)
        if first % 10:
            raise DateError(
                "invalid_decade",
                f"The year {first} does not start a decade; a decade starts at a year ending in 0 "
                f"(e.g. thập niên {first - first % 10}).",
                year=first,
            )
        return _Span(date(first, 1, 1), date(first + 9, 12, 31), "decade")

    def _part(self, which: str, rest: str) -> _Span:
        inner = self._simple(rest)
        if inner is None or inner.kind not in ("month", "year", "decade", "century"):
            raise DateError(
                "unsupported_part",
                f"In “{self.text}”, đầu/giữa/cuối can only qualify a month, a year, "
                "a decade or a century.",
                text=self.text,
            )
        if inner.kind == "month":  # unit: days
            n = inner.end.day
            lo, hi = _part_bounds(which, n)
            start, end = inner.start.replace(day=lo + 1), inner.start.replace(day=hi + 1)
        elif inner.kind == "year":  # unit: months
            lo, hi = _part_bounds(which, 12)
            year = inner.start.year
            start = date(year, lo + 1, 1)
            end = date(year, hi + 1, calendar.monthrange(year, hi + 1)[1])
        else:  # unit: years
            n = inner.end.year - inner.start.year + 1
            lo, hi = _part_bounds(which, n)
            start = date(inner.start.year + lo, 1, 1)
            end = date(inner.start.year + hi, 12, 31)
        return _Span(start, end, "part", inner.approximate)

    def _approx(self, rest: str) -> _Span:
        inner = self._simple(rest) or self._range(rest)
        if inner is None:
            raise DateError(
                "unrecognised",
                f"“{self.text}”: after “khoảng” write a year, a month, a day or a decade, "
                "e.g. khoảng 1950.",
                text=self.text,
            )
        if inner.kind == "year":
            year = inner.start.year
            start, end = date(year - APPROX_YEARS, 1, 1), date(year + APPROX_YEARS, 12, 31)
        elif inner.kind in ("decade", "century") or inner.end.year - inner.start.year > 1:
            start, end = inner.start, inner.end
        else:
            start, end = date(inner.start.year, 1, 1), date(inner.end.year, 12, 31)
        return _Span(start, end, "approx", approximate=True)

    def _range(self, s: str) -> _Span | None:
        if m := _RE["range_prefix"].fullmatch(s):
            s = m[1]
        s = re.sub(r"\s+(?:den|toi)\s+", " ~ ", s)
        marks = [i for i, c in enumerate(s) if c == "~"] or [i for i, c in enumerate(s) if c == "-"]
        found: list[_Span] = []
        errors: list[DateError] = []
        for i in marks:
            left, right = s[:i].strip(), s[i + 1 :].strip()
            try:
                first, last = self._simple(left), self._simple(right)
            except DateError as exc:
                errors.append(exc)
                continue
            if first is not None and last is not None:
                found.append(
                    _Span(first.start, last.end, "range", first.approximate or last.approximate)
                )
        if len({(f.start, f.end) for f in found}) > 1:
            raise DateError(
                "ambiguous_range",
                f"“{self.text}” can be read as more than one range; separate the two dates "
                "with “ – ” or “đến”.",
                text=self.text,
            )
        if not found:
            if errors:
                raise errors[0]
            return None
        span = found[0]
        if span.end < span.start:
            raise DateError(
                "end_before_start",
                f"The range “{self.text}” ends ({span.end:%d/%m/%Y}) before it starts "
                f"({span.start:%d/%m/%Y}).",
                text=self.text,
                start=span.start,
                end=span.end,
            )
        return span

    def _refuse_open(self, s: str) -> None:
        m = _RE["open"].fullmatch(s) or _RE["open_after"].fullmatch(s)
        if m is None:
            return
        try:
            inner = self._simple(m[1])
        except DateError:
            inner = None
        if inner is not None:
            raise DateError(
                "open_range",
                f"“{self.text}” has no start or no end; write an approximate period instead, "
                "e.g. khoảng 1950 or 1945-1954.",
                text=self.text,
            )


def _part_bounds(which: str, n: int) -> tuple[int, int]:
    """0-based inclusive bounds of the first half (đầu), middle half (giữa) or second half
    (cuối) of *n* units."""
    if which == "dau":
        return 0, n // 2 - 1
    if which == "cuoi":
        return n // 2, n - 1
    return n // 4, n - n // 4 - 1
