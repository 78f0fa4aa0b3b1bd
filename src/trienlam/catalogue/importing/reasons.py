"""Translated reasons for the refusals raised by the pure lib modules (dates, ZIP archives).

The lib modules stay free of Django: they raise an error with a stable ``code`` and the values
it mentions (``params``). The sentence a person reads is chosen here, through gettext, so an
archivist sees the whole message in Vietnamese rather than an English clause inside it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from trienlam.catalogue.importing.columns import HEADERS
from trienlam.lib.dates import DateError
from trienlam.lib.safezip import ZipRefused
from trienlam.lib.tabular import Column, TableError, normalise_header

DATE_EXAMPLES = "12/6/1948, 6/1948, 1948, khoảng 1950, 1945-1954"

Params = Mapping[str, object]


def _date_reasons() -> dict[str, Callable[[Params], str]]:
    return {
        "too_long": lambda p: _("it is too long (%(length)s characters; at most %(max_length)s)")
        % p,
        "unrecognised": lambda p: _("it is not a form of date that can be read"),
        "year_out_of_range": lambda p: _(
            "the year %(year)s is outside the accepted range %(min_year)s–%(max_year)s"
        )
        % p,
        "ambiguous_year": lambda p: _(
            "the year “%(year)s” has only two digits; write all four (for example 19%(year)s)"
        )
        % p,
        "invalid_month": lambda p: _(
            "month %(month)s does not exist (months run from 1 to 12; dates are read as "
            "day/month/year)"
        )
        % p,
        "invalid_day": lambda p: _(
            "day %(day)s does not exist in %(month)s/%(year)s (that month has %(days_in_month)s "
            "days)"
        )
        % p,
        "invalid_quarter": lambda p: _("that quarter does not exist (quý I to quý IV)"),
        "invalid_decade": lambda p: _(
            "%(year)s does not start a decade; a decade starts at a year ending in 0"
        )
        % p,
        "unsupported_part": lambda p: _(
            "đầu/giữa/cuối can only qualify a month, a year, a decade or a century"
        ),
        "ambiguous_range": lambda p: _(
            "it can be read as more than one period; separate the two dates with “ – ” or “đến”"
        ),
        "end_before_start": lambda p: _("the period ends before it starts"),
        "open_range": lambda p: _(
            "a period needs a start and an end (write “khoảng 1950” or “1945-1954”)"
        ),
    }


def date_message(text: str, exc: DateError) -> str:
    """The whole sentence for a date that cannot be read, naming the text and the reason."""
    describe = _date_reasons().get(exc.code)
    reason = describe(exc.params) if describe else _("it is not a form of date that can be read")
    return _("the date “%(text)s” cannot be read: %(reason)s. Accepted forms: %(examples)s.") % {
        "text": text,
        "reason": reason,
        "examples": DATE_EXAMPLES,
    }


def _size(value: object) -> str:
    return filesizeformat(value if isinstance(value, int) else 0)


def _zip_reasons() -> dict[str, Callable[[Params], str]]:
    return {
        "not_a_zip": lambda p: _("the file is not a readable ZIP archive"),
        "too_many_files": lambda p: _(
            "it holds %(count)s entries; at most %(limit)s are accepted"
        )
        % p,
        "duplicate_name": lambda p: _(
            "two entries have the same name once upper and lower case are ignored, or a name "
            "is both a file and a folder (“%(other)s”)"
        )
        % p,
        "total_too_large": lambda p: _("it unpacks to %(size)s; at most %(limit)s")
        % {"size": _size(p.get("size")), "limit": _size(p.get("limit"))},
        "total_ratio_too_high": lambda p: _(
            "it would unpack to more than %(ratio)s times its own size (a ZIP bomb?)"
        )
        % p,
        "size_mismatch": lambda p: (
            _("it unpacks to more than the %(limit)s it may have (a ZIP bomb?)")
            % {"limit": _size(p.get("limit"))}
            if "limit" in p
            else _("it unpacked to a different size than the archive declares (damaged?)")
        ),
        "corrupt": lambda p: _("it is damaged inside the archive"),
        "unsafe_path": lambda p: _("its path points outside the archive's folder"),
        "absolute_path": lambda p: _("its path is absolute"),
        "bad_name": lambda p: _("its name is empty, too long or has control characters"),
        "symlink": lambda p: _("it is a symbolic link"),
        "special_file": lambda p: _("it is a device or special file"),
        "encrypted": lambda p: _("it is password-protected; zip it without a password"),
        "unsupported_compression": lambda p: _(
            "it uses a compression method that cannot be read; zip it again with the standard "
            "(Deflate) method"
        ),
        "file_too_large": lambda p: _("it is %(size)s; at most %(limit)s")
        % {"size": _size(p.get("size")), "limit": _size(p.get("limit"))},
        "ratio_too_high": lambda p: _(
            "it would unpack to more than %(ratio)s times its compressed size (a ZIP bomb?)"
        )
        % p,
        "overlapping_members": lambda p: _("it overlaps another entry (a ZIP bomb?)"),
    }


def zip_reason(exc: ZipRefused) -> str:
    """The translated reason why the archive, or one entry of it, is refused."""
    describe = _zip_reasons().get(exc.code)
    return describe(exc.params) if describe else _("the archive cannot be read safely")


def _table_reasons() -> dict[str, Callable[[Params], str]]:
    return {
        "file_too_large": lambda p: _("the file is %(size)s; at most %(limit)s are accepted")
        % {"size": _size(p.get("size")), "limit": _size(p.get("limit"))},
        "old_excel": lambda p: _(
            "it is an old Excel workbook (.xls) or a password-protected one; open it in Excel, "
            "remove any password and save it as “Excel Workbook (.xlsx)”"
        ),
        "xlsx_named_csv": lambda p: _(
            "it is an Excel workbook with a .csv name; rename it to .xlsx"
        ),
        "unsupported_format": lambda p: _(
            "it is not a supported spreadsheet; save it as Excel Workbook (.xlsx) or as CSV UTF-8"
        ),
        "bad_xlsx": lambda p: _("it is not a readable .xlsx workbook (damaged?)"),
        "no_sheet": lambda p: _("the workbook has no sheet named “%(sheet)s”") % p,
        "bad_csv": lambda p: _("row %(row)s of the CSV file is malformed") % p
        if "row" in p
        else _("it contains NUL bytes; it is not a CSV text file"),
        "not_utf8": lambda p: (
            _(
                "it seems to be saved as %(encoding)s, not UTF-8 (first non-UTF-8 byte on line "
                "%(line)s); save it as “CSV UTF-8 (Comma delimited)”"
            )
            % p
            if "encoding" in p
            else _("it is not UTF-8 text (first bad byte on line %(line)s); save it as “CSV UTF-8”")
            % p
        ),
        "empty": lambda p: _("the file is empty; row 1 must hold the column headers"),
        "duplicate_column": lambda p: _(
            "columns %(columns)s hold the same field; keep one of them"
        )
        % {"columns": " ".join(str(c) for c in p.get("columns", []))},  # type: ignore[attr-defined]
        "no_header": lambda p: _(
            "row 1 must hold the column headers, but none of the expected headers is there"
        ),
        "too_many_rows": lambda p: _(
            "the file has more than %(limit)s rows; split it into several files"
        )
        % p,
        "cell_too_long": lambda p: _("cell %(column)s%(row)s holds more than %(limit)s characters")
        % p,
        "too_many_columns": lambda p: _(
            "row %(row)s has values beyond column %(limit)s; remove the extra columns"
        )
        % p,
    }


def table_reason(exc: TableError) -> str:
    """The translated reason why a spreadsheet cannot be read."""
    describe = _table_reasons().get(exc.code)
    return describe(exc.params) if describe else _("the spreadsheet cannot be read")


def unknown_column_message(column: Column, known: Iterable[str] | None = None) -> str:
    """Why a column that is not in the template stops the import, with the likely header.

    A misspelt optional header would otherwise drop that column's data without a word."""
    headers = list(known if known is not None else HEADERS.values())
    by_key = {normalise_header(h): h for h in headers}
    close = difflib.get_close_matches(normalise_header(column.header), list(by_key), n=1)
    if not column.header:
        return _(
            "column %(letter)s has data but no header; give it a header from the template or "
            "delete it."
        ) % {"letter": column.letter}
    if close:
        return _(
            "column %(letter)s is not in the template; did you mean “%(header)s”? Rename it "
            "or delete the column."
        ) % {"letter": column.letter, "header": by_key[close[0]]}
    return _(
        "column %(letter)s is not in the template (see the explanation sheet); rename it to "
        "one of the template's headers or delete the column."
    ) % {"letter": column.letter}
