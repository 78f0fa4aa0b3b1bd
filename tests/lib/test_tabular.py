"""tabular: reading catalogue spreadsheets (.xlsx, .csv) and writing safe CSV exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.formula import ArrayFormula

from trienlam.lib.charsets import encode_cp1258
from trienlam.lib.dates import parse_archival_date
from trienlam.lib.tabular import (
    Cell,
    TableError,
    TableLimits,
    column_letter,
    neutralise_for_csv,
    normalise_header,
    read_rows,
    write_csv,
)

COLUMNS = {
    "Mã định danh": "identifier",
    "Tiêu đề": "title",
    "Ngày tháng năm": "date",
    "Số, ký hiệu": "number",
    "Nguồn": "source",
    "Tệp ảnh": "files",
}
REQUIRED = {"identifier", "title"}
HEADER = ["Mã định danh", "Tiêu đề", "Ngày tháng năm", "Số, ký hiệu", "Nguồn"]
ROW_A = [
    "LS-1948-001",
    "Sắc lệnh thành lập Ủy ban kháng chiến hành chính tỉnh Lạng Sơn",
    "12/6/1948",
    "15/SL",
    "TTLT lịch sử tỉnh Lạng Sơn, Phông UBHC, Hồ sơ số 12",
]
ROW_B = [
    "CB-1950-007",
    "Báo cáo tình hình sản xuất vụ mùa",
    "khoảng 1950",
    "07/BC",
    "TTLT lịch sử tỉnh Cao Bằng",
]


def xlsx(tmp_path: Path, rows: list[list[object]], name: str = "danh-muc.xlsx") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "dm.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if encoding != "cp1258" else encode_cp1258(text))
    return path


def refused(path: Path, **kwargs: object) -> TableError:
    with pytest.raises(TableError) as caught:
        read_rows(path, COLUMNS, **kwargs)  # type: ignore[arg-type]
    assert caught.value.message.endswith(".")
    return caught.value


# --- xlsx --------------------------------------------------------------------------------------


def test_xlsx_rows_are_mapped_to_fields(tmp_path: Path) -> None:
    table = read_rows(xlsx(tmp_path, [HEADER, ROW_A, ROW_B]), COLUMNS, required=REQUIRED)
    assert table.source_format == "xlsx"
    assert [r.number for r in table.rows] == [2, 3]
    assert table.rows[0].get("title") == ROW_A[1]
    assert table.rows[1].cells["date"] == Cell("khoảng 1950")
    assert table.columns["source"].letter == "E"
    assert table.unknown_columns == [] and table.missing_columns == []
    assert "files" not in table.rows[0].cells  # no such column in this file
    assert table.rows[0].get("files", "-") == "-"


def test_row_numbers_survive_empty_rows(tmp_path: Path) -> None:
    path = xlsx(tmp_path, [HEADER, ROW_A, [], [None, "  ", None], ROW_B])
    assert [r.number for r in read_rows(path, COLUMNS).rows] == [2, 5]


def test_formulas_are_returned_not_evaluated(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["LS-001", '=HYPERLINK("http://evil.example","Bấm vào đây")', "=TODAY()"])
    sheet["D2"] = ArrayFormula("D2:D2", "=SUM(A1:A2)")
    sheet["E2"] = "=nhập như văn bản"
    sheet["E2"].data_type = "s"  # text that merely starts with "="
    path = tmp_path / "formula.xlsx"
    book.save(path)
    row = read_rows(path, COLUMNS).rows[0]
    assert row.cells["title"] == Cell('=HYPERLINK("http://evil.example","Bấm vào đây")', True)
    assert row.cells["date"] == Cell("=TODAY()", is_formula=True)
    assert row.cells["number"] == Cell("=SUM(A1:A2)", is_formula=True)
    assert row.cells["source"] == Cell("=nhập như văn bản", is_formula=False)


def test_xlsx_values_become_text(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["LS-002", 1948, dt.datetime(1948, 6, 12), 15.0, True],
        ["LS-003", 2.5, dt.date(1945, 9, 2), Decimal("7"), dt.datetime(1954, 5, 7, 17, 30)],
    ]
    table = read_rows(xlsx(tmp_path, rows), COLUMNS)
    first, second = table.rows
    assert [first.get(k) for k in ("title", "date", "number", "source")] == [
        "1948",
        "12/6/1948",
        "15",
        "TRUE",
    ]
    assert parse_archival_date(first.get("date")).start == dt.date(1948, 6, 12)
    assert [second.get(k) for k in ("title", "date", "number", "source")] == [
        "2.5",
        "2/9/1945",
        "7",
        "7/5/1954 17:30:00",
    ]


def test_values_are_stripped_and_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "  Thư gửi đồng bào  \n")
    table = read_rows(xlsx(tmp_path, [HEADER, ["LS-004", nfd]]), COLUMNS)
    assert table.rows[0].get("title") == "Thư gửi đồng bào"
    assert unicodedata.is_normalized("NFC", table.rows[0].get("title"))


def test_headers_match_in_any_normal_form_case_and_spacing(tmp_path: Path) -> None:
    header = [
        unicodedata.normalize("NFD", "MÃ ĐỊNH DANH"),
        "Tiêu  đề (*)",
        "Ngày tháng\nnăm",
        " số, ký hiệu: ",
        "Nguồn *",
    ]
    table = read_rows(xlsx(tmp_path, [header, ROW_A]), COLUMNS, required=REQUIRED)
    assert set(table.columns) == {"identifier", "title", "date", "number", "source"}
    assert table.columns["date"].header == "Ngày tháng\nnăm"


def test_diacritics_in_headers_are_significant(tmp_path: Path) -> None:
    table = read_rows(
        xlsx(tmp_path, [["Ma dinh danh", "Tiêu đề"], ["x", "y"]]), COLUMNS, required=REQUIRED
    )
    assert [c.header for c in table.unknown_columns] == ["Ma dinh danh"]
    assert table.missing_columns == ["Mã định danh"]


def test_unknown_and_missing_columns_are_reported(tmp_path: Path) -> None:
    rows = [
        ["Tiêu đề", "Ghi chú", None, "Người nhập"],
        ["Công văn số 15", "bản sao", "dữ liệu lạc", "Nguyễn Văn A"],
        ["Tờ trình", "", None, ""],
    ]
    table = read_rows(xlsx(tmp_path, rows), COLUMNS, required=REQUIRED)
    assert [(c.letter, c.header) for c in table.unknown_columns] == [
        ("B", "Ghi chú"),
        ("C", ""),  # an unnamed column that holds data
        ("D", "Người nhập"),
    ]
    assert table.missing_columns == ["Mã định danh"]


def test_aliases_map_to_one_field(tmp_path: Path) -> None:
    columns = {**COLUMNS, "Mã": "identifier", "Ký hiệu lưu trữ": "identifier"}
    table = read_rows(
        xlsx(tmp_path, [["Mã", "Tiêu đề"], ["LS-1", "x"]]), columns, required=REQUIRED
    )
    assert table.rows[0].get("identifier") == "LS-1"
    assert table.missing_columns == []
    both = xlsx(tmp_path, [["Mã", "Mã định danh", "Tiêu đề"], ["a", "b", "c"]], "both.xlsx")
    with pytest.raises(TableError) as caught:
        read_rows(both, columns)
    assert caught.value.code == "duplicate_column"
    assert caught.value.params["columns"] == ["A", "B"]


def test_the_caller_must_map_headers_consistently(tmp_path: Path) -> None:
    path = xlsx(tmp_path, [HEADER, ROW_A])
    with pytest.raises(ValueError, match="two fields"):
        read_rows(path, {"Tiêu đề": "title", "TIÊU ĐỀ": "name"})
    with pytest.raises(ValueError, match="required"):
        read_rows(path, COLUMNS, required={"nonexistent"})


def test_choose_a_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Điền danh mục vào sheet Danh mục"])
    sheet = book.create_sheet("Danh mục")
    sheet.append(HEADER)
    sheet.append(ROW_A)
    path = tmp_path / "mau.xlsx"
    book.save(path)
    assert refused(path).code == "no_header"  # the first sheet is the instructions
    assert read_rows(path, COLUMNS, sheet="Danh mục").rows[0].get("identifier") == ROW_A[0]
    assert refused(path, sheet="Sheet9").code == "no_sheet"


@pytest.mark.parametrize(
    ("rows", "limits", "code"),
    [
        ([], TableLimits(), "empty"),
        ([["Danh mục tài liệu triển lãm"], HEADER, ROW_A], TableLimits(), "no_header"),
        ([HEADER, ROW_A, ROW_B, ROW_A], TableLimits(max_rows=2), "too_many_rows"),
        ([HEADER, ["LS-1", "x" * 101]], TableLimits(max_cell_chars=100), "cell_too_long"),
        ([HEADER, [*ROW_A, "x", "y"]], TableLimits(max_columns=6), "too_many_columns"),
        ([HEADER, ROW_A], TableLimits(max_file_bytes=1000), "file_too_large"),
        ([HEADER, ROW_A], TableLimits(max_unpacked_bytes=1000), "file_too_large"),
    ],
)
def test_xlsx_limits_and_shape(
    tmp_path: Path, rows: list[list[object]], limits: TableLimits, code: str
) -> None:
    assert refused(xlsx(tmp_path, rows), limits=limits).code == code


def test_cell_too_long_names_the_cell(tmp_path: Path) -> None:
    problem = refused(
        xlsx(tmp_path, [HEADER, ROW_A, ["LS-2", "x" * 101]]),
        limits=TableLimits(max_cell_chars=100),
    )
    assert problem.params == {"row": 3, "column": "B", "limit": 100}
    assert "B3" in problem.message


def test_empty_rows_do_not_count_against_the_row_limit(tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER, ROW_A, *([[]] * 50), ROW_B]
    assert len(read_rows(xlsx(tmp_path, rows), COLUMNS, limits=TableLimits(max_rows=2)).rows) == 2


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("danh-muc.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "old_excel"),
        ("danh-muc.xls", b"anything", "old_excel"),
        ("co-mat-khau.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "old_excel"),
        ("danh-muc.ods", b"PK\x03\x04", "unsupported_format"),
        ("danh-muc.xlsm", b"PK\x03\x04", "unsupported_format"),
        ("danh-muc", b"", "unsupported_format"),
        ("hong.xlsx", b"PK\x03\x04 not really", "bad_xlsx"),
        ("hong.xlsx", b"Ma dinh danh,Tieu de\n", "bad_xlsx"),
    ],
)
def test_refused_files(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problem = refused(path)
    assert problem.code == code
    if code == "old_excel":
        assert ".xlsx" in problem.message


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "anh.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("to-01.jpg", b"\xff\xd8")
    assert refused(path).code == "bad_xlsx"


# --- csv ---------------------------------------------------------------------------------------


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = csv_file(tmp_path, csv_text([HEADER, ROW_A, ROW_B], delimiter), encoding)
    table = read_rows(path, COLUMNS, required=REQUIRED)
    assert table.source_format == "csv"
    assert [r.get("number") for r in table.rows] == ["15/SL", "07/BC"]
    assert table.rows[0].get("source") == ROW_A[4]  # the comma inside survives


def test_csv_rows_count_records_not_lines(tmp_path: Path) -> None:
    text = csv_text([HEADER, ["LS-1", "Dòng một\nDòng hai\nDòng ba"], [], ["LS-2", "x"]])
    table = read_rows(csv_file(tmp_path, text), COLUMNS)
    assert [r.number for r in table.rows] == [2, 4]
    assert table.rows[0].get("title") == "Dòng một\nDòng hai\nDòng ba"


def test_csv_values_are_stripped_and_nfc(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", "Mã định danh,Tiêu đề\n LS-1 ,  Bản đồ tỉnh Hà Giang \n")
    row = read_rows(csv_file(tmp_path, text), COLUMNS).rows[0]
    assert (row.get("identifier"), row.get("title")) == ("LS-1", "Bản đồ tỉnh Hà Giang")


def test_csv_cells_starting_with_equals_are_flagged(tmp_path: Path) -> None:
    text = csv_text([HEADER, ["LS-1", '=HYPERLINK("http://evil.example")', "-1948", "+84"]])
    row = read_rows(csv_file(tmp_path, text), COLUMNS).rows[0]
    assert row.cells["title"].is_formula
    assert not row.cells["date"].is_formula and not row.cells["number"].is_formula


@pytest.mark.parametrize(
    ("encoding", "text", "guess"),
    [
        ("cp1258", "Mã định danh,Tiêu đề\nLS-1,Công văn số 15 về việc thành lập\n", "Windows-1258"),
        ("cp1258", "Tiêu đề\nQuyết định của Ủy ban hành chính\n", "Windows-1258"),
        ("cp1252", "Tieu de\nSociété française, café, Übersicht\n", "Windows-1252"),
    ],
)
def test_legacy_code_pages_are_refused_with_a_guess(
    tmp_path: Path, encoding: str, text: str, guess: str
) -> None:
    problem = refused(csv_file(tmp_path, text, encoding))
    assert problem.code == "not_utf8"
    assert problem.params["encoding"] == guess
    assert f"saved as {guess}" in problem.message and "UTF-8" in problem.message


def test_not_utf8_reports_the_line(tmp_path: Path) -> None:
    text = "Mã định danh,Tiêu đề\n"
    raw = text.encode() + b"LS-1,ok\n" + encode_cp1258("LS-2,Tờ trình\n")
    path = tmp_path / "dm.csv"
    path.write_bytes(raw)
    assert refused(path).params["line"] == 3


def test_broken_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dm.csv"
    path.write_bytes(b"\xff\xfe" + "Tiêu đề".encode("utf-16-le") + b"\x00\xd8")
    problem = refused(path)
    assert problem.code == "not_utf8" and "encoding" not in problem.params


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\x00,x\n", "bad_csv"),
        (b'Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\n"unterminated\n', "bad_csv"),
        (b'Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\n"a"b\n', "bad_csv"),
        (b"PK\x03\x04rest of an xlsx", "xlsx_named_csv"),
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),
    ],
)
def test_broken_csv(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "dm.csv"
    path.write_bytes(content)
    assert refused(path).code == code


def test_csv_limits(tmp_path: Path) -> None:
    path = csv_file(tmp_path, csv_text([HEADER, ROW_A, ROW_B]))
    assert refused(path, limits=TableLimits(max_rows=1)).code == "too_many_rows"
    assert refused(path, limits=TableLimits(max_cell_chars=10)).params["row"] == 2


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "normal"),
    [
        ("Mã định danh", "mã định danh"),
        ("  MÃ   ĐỊNH\nDANH ", "mã định danh"),
        (unicodedata.normalize("NFD", "Tiêu đề"), "tiêu đề"),
        ("Tiêu đề *", "tiêu đề"),
        ("Tiêu đề (*)", "tiêu đề"),
        ("Số, ký hiệu:", "số, ký hiệu"),
        ("Ma dinh danh", "ma dinh danh"),
    ],
)
def test_normalise_header(header: str, normal: str) -> None:
    assert normalise_header(header) == normal


# --- writing CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","Bấm")', '\'=HYPERLINK("http://evil.example","Bấm")'),
        ("+84 25 3812 345", "'+84 25 3812 345"),
        ("-1948", "'-1948"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Công văn số 15", "Công văn số 15"),
        ("05/2007/CT-TTg", "05/2007/CT-TTg"),
        (" =1+1", " =1+1"),
        ("", ""),
    ],
)
def test_neutralise_for_csv(value: str, expected: str) -> None:
    assert neutralise_for_csv(value) == expected


@given(st.text())
def test_neutralised_values_never_start_a_formula(value: str) -> None:
    safe = neutralise_for_csv(value)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe == value or safe == "'" + value


def test_write_csv_to_a_path(tmp_path: Path) -> None:
    path = tmp_path / "xuat.csv"
    count = write_csv(
        [
            ["Mã định danh", "Tiêu đề", "Số tờ", "Ngày", "Ghi chú"],
            ["LS-1", '=HYPERLINK("http://evil.example")', 3, dt.date(1948, 6, 12), None],
            ["LS-2", "Thư gửi đồng bào", -2, dt.datetime(1954, 5, 7, 17, 30), "@chú thích"],
            ["LS-3", unicodedata.normalize("NFD", "Bản đồ"), Decimal("-1.5"), True, "-"],
        ],
        path,
    )
    assert count == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1] == ["LS-1", '\'=HYPERLINK("http://evil.example")', "3", "1948-06-12", ""]
    assert rows[2] == ["LS-2", "Thư gửi đồng bào", "-2", "1954-05-07T17:30:00", "'@chú thích"]
    assert rows[3] == ["LS-3", "Bản đồ", "-1.5", "True", "'-"]


def test_write_csv_to_a_file_object_and_read_it_back(tmp_path: Path) -> None:
    buffer = io.StringIO(newline="")
    write_csv([HEADER, ROW_A, ["CB-1", "=1+1"]], buffer)
    assert buffer.getvalue().startswith("\ufeff")
    path = tmp_path / "xuat.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    table = read_rows(path, COLUMNS, required=REQUIRED)
    assert table.rows[0].get("source") == ROW_A[4]
    assert table.rows[1].cells["title"] == Cell("'=1+1", is_formula=False)


@pytest.mark.parametrize(
    ("index", "letter"), [(1, "A"), (5, "E"), (26, "Z"), (27, "AA"), (52, "AZ"), (16384, "XFD")]
)
def test_column_letter(index: int, letter: str) -> None:
    assert column_letter(index) == letter
