"""The downloadable import template: the catalogue sheet with an example row, and a sheet
explaining each column (what it holds, whether it is required, an example)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from trienlam.catalogue.importing.columns import COLUMNS, EXAMPLE_ROW, EXPLANATIONS, REQUIRED
from trienlam.lib.tabular import write_csv


def _required(header: str) -> bool:
    return COLUMNS[header] in REQUIRED


def template_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh mục"
    headers = list(COLUMNS)
    sheet.append(headers)
    sheet.append([EXAMPLE_ROW.get(h, "") for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(14, len(header) + 4)
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Nội dung"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for header in headers:
        guide.append([header, "Có" if _required(header) else "", EXPLANATIONS.get(header, "")])
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 10
    guide.column_dimensions["C"].width = 100
    for row in guide.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    headers = list(COLUMNS)
    write_csv([headers, [EXAMPLE_ROW.get(h, "") for h in headers]], buffer)
    return buffer.getvalue().encode("utf-8")
