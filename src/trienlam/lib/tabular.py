"""Reading the catalogue spreadsheet (.xlsx or .csv) and writing safe CSV exports.

:func:`read_rows` returns a :class:`Table` of plain strings keyed by the caller's field names, or
raises :class:`TableError` (stable ``code``, English ``message``) for a file it cannot read.

Decisions (the contract):

* **Header** is spreadsheet row 1. Header texts are compared after :func:`normalise_header`
  (NFC, case folded, spaces collapsed, a trailing ``*``/``(*)``/``:`` marker dropped; diacritics
  are kept: "Mã" and "Ma" differ). Columns whose header is not in the mapping are listed in
  ``Table.unknown_columns`` (a column with an empty header only if it holds data); required fields
  without a column in ``Table.missing_columns``. Two columns for the same field are refused.
* **Rows** keep their spreadsheet number (header = 1; a CSV record that spans lines counts as
  one row, as Excel shows it). Rows with no value at all are skipped. Values are stripped and NFC.
* **Formulas are never evaluated**: openpyxl reads with ``data_only=False`` and a formula cell
  comes back as ``Cell("=HYPERLINK(…)", is_formula=True)`` for the importer to refuse. A CSV cell
  starting with ``=`` is flagged the same way (Excel would run it when the file is opened).
* **xlsx values** become text: whole numbers without ``.0``, dates as ``d/m/yyyy`` (the
  Vietnamese order :mod:`trienlam.lib.dates` reads), booleans ``TRUE``/``FALSE``.
* **Refused files**: ``.xls`` or an OLE2 file (old Excel, or a password-protected workbook),
  ``.xlsm``/``.ods``/anything else, a CSV that is not UTF-8 (the message names the likely code
  page: Windows-1258 if that reading looks more Vietnamese, else Windows-1252), limits in
  :class:`TableLimits`. ``.csv`` (or ``.txt``) files may be UTF-8 with or without BOM, or UTF-16
  with BOM (Excel's "Unicode Text"); the delimiter (``,`` ``;`` or tab) is the one used most in
  the first line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import numbers
import os
import re
import unicodedata
import zipfile
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from trienlam.lib.charsets import best_decoding

MiB = 1024**2
_CODEPAGE_NAMES = {"cp1258": "Windows-1258", "cp1252": "Windows-1252"}


@dataclass(frozen=True, slots=True)
class TableLimits:
    max_rows: int = 20_000  # non-empty data rows
    max_cell_chars: int = 20_000
    max_columns: int = 200
    max_file_bytes: int = 50 * MiB
    max_unpacked_bytes: int = 500 * MiB  # the XML inside an .xlsx


@dataclass(frozen=True, slots=True)
class Cell:
    value: str
    is_formula: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 1-based
    letter: str  # "A", "B", … as Excel shows it
    header: str  # as written (NFC, stripped)


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # spreadsheet row, header = 1
    cells: Mapping[str, Cell]  # field -> cell, for every mapped column

    def get(self, field_name: str, default: str = "") -> str:
        cell = self.cells.get(field_name)
        return default if cell is None else cell.value


@dataclass(frozen=True, slots=True)
class Table:
    rows: list[Row]
    columns: dict[str, Column]  # field -> column
    unknown_columns: list[Column] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)  # the caller's header texts
    source_format: str = "xlsx"  # "xlsx" or "csv"


class TableError(ValueError):
    """The file cannot be read as a catalogue table. ``params`` carry the values the message
    mentions (row, column, limit…) for a translated message."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def normalise_header(text: str) -> str:
    """The comparison form of a header: NFC, case folded, whitespace collapsed, a trailing
    required-marker ``*`` / ``(*)`` / ``:`` removed. Diacritics are kept."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return re.sub(r"\s*(?:\(\*\)|\*|:)$", "", text)


def read_rows(
    path: str | os.PathLike[str],
    columns: Mapping[str, str],
    *,
    required: Iterable[str] = (),
    limits: TableLimits | None = None,
    sheet: str | None = None,
) -> Table:
    """Read *path* (.xlsx or .csv). *columns* maps header texts (several may name one field)
    to field names; *required* lists field names whose column must be present; *sheet* picks
    an .xlsx sheet by name (default: the first)."""
    limits = limits or TableLimits()
    path = Path(path)
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise TableError(
            "file_too_large",
            f"The file is {size:,} bytes; at most {limits.max_file_bytes:,} are accepted.",
            size=size,
            limit=limits.max_file_bytes,
        )
    with path.open("rb") as handle:
        magic = handle.read(8)
    if suffix == ".xls" or magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "old_excel",
            "The file is an old Excel workbook (.xls) or a password-protected one; open it in "
            "Excel, remove any password and save it as “Excel Workbook (.xlsx)”.",
        )
    if suffix == ".xlsx":
        source = _xlsx_rows(path, limits, sheet)
    elif suffix in (".csv", ".txt"):
        if magic.startswith(b"PK\x03\x04"):
            raise TableError(
                "xlsx_named_csv",
                "The file is an Excel workbook with a .csv name; rename it to .xlsx.",
            )
        source = _csv_rows(path)
    else:
        raise TableError(
            "unsupported_format",
            f"“{path.name}” is not a supported spreadsheet; save it as Excel Workbook (.xlsx) "
            "or as CSV UTF-8.",
            name=path.name,
        )
    try:
        table = _build(source, columns, set(required), limits)
    finally:
        source.close()  # closes the workbook even when reading stopped early
    return replace(table, source_format="xlsx" if suffix == ".xlsx" else "csv")


# --- sources: (row number, cells) -------------------------------------------------------------

_Source = Generator[tuple[int, list[Cell]], None, None]


def _xlsx_rows(path: Path, limits: TableLimits, sheet: str | None) -> _Source:
    import openpyxl  # imported here: only spreadsheet imports pay for it

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise TableError("bad_xlsx", "The file is not a readable .xlsx workbook.") from exc
    if unpacked > limits.max_unpacked_bytes:
        raise TableError(
            "file_too_large",
            f"The workbook unpacks to {unpacked:,} bytes; at most {limits.max_unpacked_bytes:,}.",
            size=unpacked,
            limit=limits.max_unpacked_bytes,
        )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise TableError("bad_xlsx", "The file is not a readable .xlsx workbook.") from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError("no_sheet", f"The workbook has no sheet named “{sheet}”.", sheet=sheet)
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        worksheet.reset_dimensions()  # never trust the stored dimension
        for number, row in enumerate(worksheet.iter_rows(min_row=1, min_col=1), start=1):
            yield number, [_xlsx_cell(c.value, c.data_type) for c in row]
    except TableError:
        raise
    except Exception as exc:
        raise TableError("bad_xlsx", "The workbook is damaged and cannot be read.") from exc
    finally:
        book.close()


def _xlsx_cell(value: object, data_type: str) -> Cell:
    if value is None:
        return Cell("")
    if data_type == "f":
        return Cell(str(getattr(value, "text", None) or value).strip(), is_formula=True)
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        text = f"{value.day}/{value.month}/{value.year}"
        if value.time() != dt.time(0):
            text += f" {value:%H:%M:%S}"
    elif isinstance(value, dt.date):
        text = f"{value.day}/{value.month}/{value.year}"
    else:
        text = str(value)
    return Cell(unicodedata.normalize("NFC", text.strip()))


def _csv_rows(path: Path) -> _Source:
    raw = path.read_bytes()
    text = _decode_csv(raw)
    if "\x00" in text:
        raise TableError("bad_csv", "The file contains NUL bytes; it is not a CSV text file.")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [_csv_cell(value) for value in record]
    except csv.Error as exc:
        raise TableError(
            "bad_csv",
            f"Row {number + 1} of the CSV file is malformed ({exc}).",
            row=number + 1,
        ) from exc


def _decode_csv(raw: bytes) -> str:
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    try:
        return raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = None if utf16 else best_decoding(raw, ("cp1252", "cp1258"))
        if guess is None:
            raise TableError(
                "not_utf8",
                f"The file is not UTF-8 text (first bad byte on line {line}); "
                "save it as “CSV UTF-8”.",
                line=line,
            ) from exc
        encoding = _CODEPAGE_NAMES[guess[0]]
        raise TableError(
            "not_utf8",
            f"The file seems to be saved as {encoding}, not UTF-8 (first non-UTF-8 byte on "
            f"line {line}); save it as “CSV UTF-8 (Comma delimited)”.",
            line=line,
            encoding=encoding,
        ) from exc


def _csv_cell(value: str) -> Cell:
    value = unicodedata.normalize("NFC", value.strip())
    return Cell(value, is_formula=value.startswith("="))


# --- mapping rows to fields -------------------------------------------------------------------


def _build(
    source: _Source, columns: Mapping[str, str], required: set[str], limits: TableLimits
) -> Table:
    unknown_required = required - set(columns.values())
    if unknown_required:
        raise ValueError(f"required fields without a header: {sorted(unknown_required)}")
    wanted: dict[str, str] = {}
    for header, field_name in columns.items():
        key = normalise_header(header)
        if wanted.setdefault(key, field_name) != field_name:
            raise ValueError(f"header {header!r} is mapped to two fields")
    first = next(source, None)
    if first is None:
        raise TableError("empty", "The file is empty; row 1 must hold the column headers.")
    header_cells = _within_columns(first[1], 1, limits)
    found: dict[str, Column] = {}
    unknown: list[Column] = []
    unnamed: dict[int, Column] = {}
    by_index: dict[int, str] = {}
    for index, cell in enumerate(header_cells, start=1):
        column = Column(index, column_letter(index), cell.value)
        field_name = wanted.get(normalise_header(cell.value))
        if not cell.value:
            unnamed[index] = column
        elif field_name is None:
            unknown.append(column)
        elif field_name in found:
            other = found[field_name]
            raise TableError(
                "duplicate_column",
                f"Columns {other.letter} (“{other.header}”) and {column.letter} "
                f"(“{column.header}”) hold the same field; keep one of them.",
                columns=[other.letter, column.letter],
            )
        else:
            found[field_name] = column
            by_index[index] = field_name
    if not found:
        raise TableError(
            "no_header",
            "Row 1 must hold the column headers, but none of the expected headers "
            f"({', '.join(list(columns)[:4])}…) is there.",
        )
    rows: list[Row] = []
    unnamed_used: set[int] = set()
    for number, raw_cells in source:
        cells = _within_columns(raw_cells, number, limits)
        if not any(c.value for c in cells):
            continue
        if len(rows) >= limits.max_rows:
            raise TableError(
                "too_many_rows",
                f"The file has more than {limits.max_rows:,} rows; split it into several files.",
                limit=limits.max_rows,
            )
        values = {name: Cell("") for name in found}
        for index, cell in enumerate(cells, start=1):
            if len(cell.value) > limits.max_cell_chars:
                raise TableError(
                    "cell_too_long",
                    f"Cell {column_letter(index)}{number} has {len(cell.value):,} characters;"
                    f" at most {limits.max_cell_chars:,}.",
                    row=number,
                    column=column_letter(index),
                    limit=limits.max_cell_chars,
                )
            if index in by_index:
                values[by_index[index]] = cell
            elif cell.value and index in unnamed:
                unnamed_used.add(index)
        rows.append(Row(number, values))
    unknown += [unnamed[i] for i in sorted(unnamed_used)]
    unknown.sort(key=lambda c: c.index)
    missing = [
        next(h for h, f in columns.items() if f == name)
        for name in dict.fromkeys(columns.values())
        if name in required and name not in found
    ]
    return Table(rows, found, unknown, missing)


def column_letter(index: int) -> str:
    """Excel's name for the 1-based column *index*: 1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _within_columns(cells: list[Cell], number: int, limits: TableLimits) -> list[Cell]:
    if len(cells) > limits.max_columns:
        if any(c.value for c in cells[limits.max_columns :]):
            raise TableError(
                "too_many_columns",
                f"Row {number} has values beyond column {limits.max_columns}; "
                "remove the extra columns.",
                row=number,
                limit=limits.max_columns,
            )
        cells = cells[: limits.max_columns]
    return cells


# --- writing CSV ------------------------------------------------------------------------------

_DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise_for_csv(value: str) -> str:
    """Prefix a single quote to *value* if it starts with ``= + - @``, tab or carriage return,
    so a spreadsheet shows it as text instead of running it (OWASP "CSV injection")."""
    return "'" + value if value.startswith(_DANGEROUS_FIRST) else value


def write_csv(
    rows: Iterable[Sequence[object]], path_or_file: str | os.PathLike[str] | TextIO
) -> int:
    """Write *rows* as CSV in UTF-8 with a BOM (so Excel reads Vietnamese correctly) and
    CRLF line ends; return the number of rows written.

    Strings go through :func:`neutralise_for_csv`; ``None`` becomes an empty cell; numbers
    (not booleans) are written as they are, since a number cannot carry a formula; dates as
    ISO ``yyyy-mm-dd``; anything else as ``str(value)``, neutralised. A file object must be a
    text stream opened with ``newline=""``; the BOM is written to it too.
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "w", encoding="utf-8", newline="") as handle:
            return write_csv(rows, handle)
    path_or_file.write("\ufeff")
    writer = csv.writer(path_or_file)
    count = 0
    for row in rows:
        writer.writerow([_export_value(v) for v in row])
        count += 1
    return count


def _export_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return neutralise_for_csv(unicodedata.normalize("NFC", str(value)))
