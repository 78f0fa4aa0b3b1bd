"""Importing agencies from CSV/XLSX: all or nothing, row- and column-specific errors."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User

from tests import builders as b
from trienlam.catalogue.models import Membership
from trienlam.lib.charsets import encode_cp1258
from trienlam.outreach.importing import import_agencies, template_csv, template_xlsx
from trienlam.outreach.models import Agency, AgencyGroup

pytestmark = pytest.mark.django_db

HEADER = "Tên cơ quan, đơn vị,Nhóm,Tỉnh,Trang web,Liên hệ,Mã giới thiệu"


@pytest.fixture
def editor(db: None) -> User:
    user = User.objects.create_user("bientap", "b@trienlam.example", "mat-khau-dai-1")
    Membership.objects.create(user=user, role="editor")
    b.province("Lạng Sơn", "lang-son")
    b.province("Cao Bằng", "cao-bang")
    return user


def csv_file(tmp_path: Path, *rows: str, name: str = "co-quan.csv") -> Path:
    path = tmp_path / name
    path.write_text(
        "\n".join([HEADER.replace("Tên cơ quan, đơn vị", '"Tên cơ quan, đơn vị"'), *rows]) + "\n",
        encoding="utf-8",
    )
    return path


GOOD = [
    '"Sở Nội vụ",Sở ban ngành,Lạng Sơn,https://snv.langson.gov.vn,Văn phòng Sở,snv-ls',
    '"Sở Nội vụ",Sở ban ngành,Cao Bằng,,,',
    '"UBND phường Lương Văn Tri",UBND xã phường,Lạng Sơn,luongvantri.langson.gov.vn,,',
    '"Liên đoàn Lao động tỉnh",,,,,ldld',
]


def fix_groups(rows: list[str]) -> list[str]:
    return [
        r.replace("Sở ban ngành", '"Sở, ban, ngành"').replace("UBND xã phường", '"UBND xã, phường"')
        for r in rows
    ]


def test_a_good_csv_is_imported_whole(editor: User, tmp_path: Path) -> None:
    report = import_agencies(
        sheet=csv_file(tmp_path, *fix_groups(GOOD)), actor=editor, dry_run=False
    )
    assert report.ok, [str(p) for p in report.problems]
    assert len(report.created) == 4
    snv = Agency.objects.get(code="snv-ls")
    assert (snv.name, snv.group.name, snv.province.name) == (
        "Sở Nội vụ",
        "Sở, ban, ngành",
        "Lạng Sơn",
    )
    ward = Agency.objects.get(name="UBND phường Lương Văn Tri")
    assert ward.website == "https://luongvantri.langson.gov.vn"
    assert ward.group.name == "UBND xã, phường"
    assert len(ward.code) == 6  # a new code was given
    assert Agency.objects.get(code="ldld").group is None


def test_a_dry_run_writes_nothing(editor: User, tmp_path: Path) -> None:
    report = import_agencies(
        sheet=csv_file(tmp_path, *fix_groups(GOOD)), actor=editor, dry_run=True
    )
    assert report.ok and report.rows == 4
    assert Agency.objects.count() == 0


def test_one_bad_row_and_nothing_is_written(editor: User, tmp_path: Path) -> None:
    rows = [
        *fix_groups(GOOD),
        '"Sở Tư pháp",Sở ban ngành,Lạng Sơn,,,',  # unknown group (no commas)
        '"Sở Y tế",,Hà Tây,,,',  # unknown province
        '"Sở Công Thương",,,không phải địa chỉ,,',  # bad website
        '"Sở Xây dựng",,,,,MÃ SAI!',  # bad code
        '"Sở Tài chính",,,,,snv-ls',  # code used above in this file
        '"Sở Nội vụ",,Lạng Sơn,,,',  # same agency as row 2
        ",,,,,",  # empty row: skipped
        '"",,Lạng Sơn,,,',  # no name
    ]
    report = import_agencies(sheet=csv_file(tmp_path, *rows), actor=editor, dry_run=False)
    assert not report.ok
    assert Agency.objects.count() == 0
    problems = {(p.row, p.column): p.message for p in report.problems}
    assert (
        "“Sở ban ngành” is not an agency group" in problems[6, "Nhóm"]
        or "“Sở ban ngành” không phải là nhóm cơ quan" in problems[6, "Nhóm"]
    )
    assert problems[7, "Tỉnh"] == "không có tỉnh nào tên “Hà Tây”."
    assert (8, "Trang web") in problems
    assert (9, "Mã giới thiệu") in problems
    assert problems[10, "Mã giới thiệu"] == ("mã giới thiệu snv-ls đã dùng ở dòng 2 của tệp này.")
    assert "dòng 2" in problems[11, "Tên cơ quan, đơn vị"]
    assert (13, "Tên cơ quan, đơn vị") in problems
    assert {p.row for p in report.problems} == {6, 7, 8, 9, 10, 11, 13}


def test_reimport_updates_by_code_or_by_name_and_province(editor: User, tmp_path: Path) -> None:
    import_agencies(sheet=csv_file(tmp_path, *fix_groups(GOOD)), actor=editor, dry_run=False)
    ward = Agency.objects.get(name="UBND phường Lương Văn Tri")
    report = import_agencies(
        sheet=csv_file(
            tmp_path,
            '"Sở Nội vụ tỉnh Lạng Sơn",,Lạng Sơn,,Chánh Văn phòng,snv-ls',  # by code: renamed
            '"ubnd phường lương văn tri",,Lạng Sơn,,0205 111 222,',  # by name + province
            name="lan-2.csv",
        ),
        actor=editor,
        dry_run=False,
    )
    assert report.ok, [str(p) for p in report.problems]
    assert sorted(report.updated) == sorted(["snv-ls", ward.code])
    assert Agency.objects.count() == 4
    assert Agency.objects.get(code="snv-ls").name == "Sở Nội vụ tỉnh Lạng Sơn"
    ward.refresh_from_db()
    assert ward.contact == "0205 111 222"
    # As in the catalogue importer, a column in the file sets the field, even to empty.
    assert ward.group is None


def test_a_new_code_for_a_known_agency_is_refused(editor: User, tmp_path: Path) -> None:
    import_agencies(sheet=csv_file(tmp_path, *fix_groups(GOOD)), actor=editor, dry_run=False)
    report = import_agencies(
        sheet=csv_file(tmp_path, '"Sở Nội vụ",,Cao Bằng,,,snv-cb', name="doi-ma.csv"),
        actor=editor,
        dry_run=False,
    )
    assert not report.ok
    assert "đã có mã giới thiệu" in report.problems[0].message
    assert not Agency.objects.filter(code="snv-cb").exists()


def test_an_xlsx_with_a_formula_is_refused(editor: User, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tên cơ quan, đơn vị", "Nhóm", "Tỉnh", "Trang web", "Liên hệ", "Mã giới thiệu"])
    sheet.append(["Sở Nội vụ", "Sở, ban, ngành", "Lạng Sơn", None, None, "snv-ls"])
    sheet.append(["Sở Tư pháp", None, None, '=HYPERLINK("http://x")', None, None])
    path = tmp_path / "co-quan.xlsx"
    book.save(path)
    report = import_agencies(sheet=path, actor=editor, dry_run=False)
    assert [(p.row, p.column) for p in report.problems] == [(3, "Trang web")]
    assert "công thức" in report.problems[0].message or "formula" in report.problems[0].message
    assert Agency.objects.count() == 0
    sheet.delete_rows(3)
    book.save(path)
    assert import_agencies(sheet=path, actor=editor, dry_run=False).ok
    assert Agency.objects.get(code="snv-ls").group.name == "Sở, ban, ngành"


def test_a_windows_1258_csv_is_named(editor: User, tmp_path: Path) -> None:
    path = tmp_path / "co-quan.csv"
    path.write_bytes(
        encode_cp1258(
            HEADER.replace("Tên cơ quan, đơn vị", "Tên cơ quan") + "\r\nSở Nội vụ,,Lạng Sơn,,,\r\n"
        )
    )
    report = import_agencies(sheet=path, actor=editor, dry_run=False)
    assert len(report.problems) == 1
    assert "Windows-1258" in report.problems[0].message
    assert report.problems[0].file == "co-quan.csv"


def test_the_name_column_is_required(editor: User, tmp_path: Path) -> None:
    path = tmp_path / "co-quan.csv"
    path.write_text("Nhóm,Tỉnh\nSở, ban, ngành,Lạng Sơn\n", encoding="utf-8")
    report = import_agencies(sheet=path, actor=editor, dry_run=False)
    assert [(p.column, p.message) for p in report.problems] == [
        ("Tên cơ quan, đơn vị", "thiếu cột bắt buộc.")
    ]


def test_curators_may_not_import(db: None, tmp_path: Path) -> None:
    curator = User.objects.create_user("canbo", "c@trienlam.example", "mat-khau-dai-1")
    Membership.objects.create(user=curator, role="curator", institution=b.institution())
    report = import_agencies(
        sheet=csv_file(tmp_path, *fix_groups(GOOD)), actor=curator, dry_run=False
    )
    assert not report.ok and Agency.objects.count() == 0


def test_the_templates_import_cleanly(editor: User, tmp_path: Path) -> None:
    (tmp_path / "mau.csv").write_bytes(template_csv())
    (tmp_path / "mau.xlsx").write_bytes(template_xlsx())
    for name in ("mau.csv", "mau.xlsx"):
        report = import_agencies(sheet=tmp_path / name, actor=editor, dry_run=True)
        assert report.ok, [str(p) for p in report.problems]


def test_the_groups_of_the_letter_are_seeded_as_data() -> None:
    names = list(AgencyGroup.objects.values_list("name", flat=True))
    assert names == [
        "Sở, ban, ngành",
        "Tổ chức chính trị - xã hội, đoàn thể",
        "Doanh nghiệp thuộc các khối thi đua",
        "UBND huyện, thành phố",
        "UBND xã, phường",
    ]


def test_the_command_imports_or_refuses(editor: User, tmp_path: Path) -> None:
    from django.core.management import CommandError, call_command

    good = csv_file(tmp_path, *fix_groups(GOOD))
    call_command("import_agencies", str(good), "--user", "bientap", "--dry-run")
    assert Agency.objects.count() == 0
    call_command("import_agencies", str(good), "--user", "bientap")
    assert Agency.objects.count() == 4
    bad = csv_file(tmp_path, '"Sở Y tế",,Hà Tây,,,', name="sai.csv")
    with pytest.raises(CommandError):
        call_command("import_agencies", str(bad), "--user", "bientap")
    assert Agency.objects.count() == 4
