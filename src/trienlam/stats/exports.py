"""The reach report as files for the organiser's report back: CSV (the daily counts) and
XLSX (a sheet per table of the dashboard, plus the daily counts)."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from trienlam.stats.report import Filters, Report, Row, raw_rows

# Text that a spreadsheet would take for a formula (CSV/formula injection): titles come from
# curators and codes and hosts from the counting endpoint, so every text cell is checked.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def raw_columns() -> list[tuple[str, str]]:
    return [
        ("day", _("Day")),
        ("page", _("Page")),
        ("kind", _("Kind of page")),
        ("exhibition", _("Exhibition")),
        ("part", _("Part")),
        ("item", _("Item identifier")),
        ("item_title", _("Item title")),
        ("ref", _("Referral code")),
        ("agency", _("Agency")),
        ("group", _("Agency group")),
        ("province", _("Province")),
        ("host", _("Referring site")),
        ("visits", _("Visits")),
    ]


def file_name(filters: Filters, extension: str) -> str:
    return f"thong-ke-truy-cap_{filters.start.isoformat()}_{filters.end.isoformat()}.{extension}"


def to_csv(filters: Filters) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows Vietnamese correctly."""
    columns = raw_columns()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _key, label in columns])
    for row in raw_rows(filters):
        writer.writerow(
            [
                row[key].isoformat() if isinstance(row[key], date) else safe_cell(row[key])
                for key, _label in columns
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for index, name in enumerate(header, start=1):
        longest = max([len(str(name)), *(len(str(r[index - 1])) for r in rows[:500])])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"


def _rows(rows: list[Row], with_detail: str | None = None) -> tuple[list[str], list[list[object]]]:
    header = [_("Name"), _("Visits")]
    if with_detail:
        header.insert(1, with_detail)
        return header, [[r.label, r.detail, r.visits] for r in rows]
    return header, [[r.label, r.visits] for r in rows]


def to_xlsx(report: Report) -> bytes:
    f = report.filters
    book = Workbook()
    summary = book.active
    summary.title = _("Overview")[:31]
    summary.append([_("Visit statistics"), ""])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([_("From"), f.start])
    summary.append([_("To"), f.end])
    summary.append([_("Exhibition"), safe_cell(f.exhibition.title) if f.exhibition else _("All")])
    summary.append([_("Total visits"), report.total])
    for row in report.by_kind:
        summary.append([row.label, row.visits])
    for cell in ("B2", "B3"):
        summary[cell].number_format = "yyyy-mm-dd"
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 40

    _sheet(
        book,
        _("By day"),
        [_("Day"), _("Visits")],
        [[date.fromisoformat(r.label), r.visits] for r in report.days],
    )
    for cell in book[_("By day")[:31]]["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    _sheet(
        book,
        _("By part"),
        [_("Exhibition"), _("Part"), _("Part page"), _("Item pages"), _("Visits")],
        [[p.exhibition, p.part, p.part_page, p.item_pages, p.visits] for p in report.parts],
    )
    _sheet(
        book,
        _("Top items"),
        [_("Item title"), _("Item identifier"), _("Visits")],
        [[r.label, r.detail, r.visits] for r in report.items],
    )
    _sheet(book, _("By agency"), *_rows(report.agencies, _("Referral code")))
    _sheet(book, _("By agency group"), *_rows(report.groups))
    _sheet(book, _("By province"), *_rows(report.provinces))
    _sheet(book, _("By referring site"), *_rows(report.hosts))
    _sheet(
        book,
        _("No visitors yet"),
        [_("Agency"), _("Referral code"), _("Agency group"), _("Province")],
        [
            [a.name, a.code, a.group.name if a.group else "", a.province.name if a.province else ""]
            for a in report.silent
        ],
    )
    columns = raw_columns()
    _sheet(
        book,
        _("Daily counts"),
        [label for _key, label in columns],
        [[row[key] for key, _label in columns] for row in raw_rows(f)],
    )
    for cell in book[_("Daily counts")[:31]]["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
