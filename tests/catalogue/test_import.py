"""Bulk import: spreadsheet + folder or ZIP, dry run, all or nothing, hostile input."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests import builders as b
from tests.lib.zipcraft import SYMLINK, Entry, build_zip
from trienlam.catalogue.importing import run
from trienlam.catalogue.importing.columns import COLUMNS, EXAMPLE_ROW, EXPLANATIONS, kind_value
from trienlam.catalogue.importing.run import import_catalogue
from trienlam.catalogue.models import AuditEntry, Item, Media
from trienlam.lib.charsets import encode_cp1258

HEADERS = list(COLUMNS)


def write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(h) or None for h in HEADERS])
    book.save(path)
    return path


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADERS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(identifier: str, **extra: str) -> dict[str, str]:
    values = {
        "Mã định danh": identifier,
        "Loại": "tài liệu",
        "Tiêu đề": f"Báo cáo thi đua {identifier} (minh họa)",
        "Thời gian": "12/6/1958",
        "Cơ quan đóng góp": "TTLTLS Lạng Sơn",
        "Tỉnh": "Lạng Sơn",
    }
    values.update(extra)
    return values


def originals(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.MEDIA_ROOT) / "originals"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def where(report: run.ImportReport) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in report.problems}


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("a-1", "a-2", "b-1"):
        b.scan(folder / name, width=200, height=280)
    (folder / "gia.jpg").write_bytes(b"this is not an image at all")
    return folder


def test_columns_contract() -> None:
    assert set(EXPLANATIONS) == set(COLUMNS) == set(EXAMPLE_ROW)
    assert kind_value("Tài liệu") == kind_value("tai lieu") == "document"
    assert kind_value("ẢNH") == "photo"
    assert kind_value("cau trich") == "quotation"
    assert kind_value("bản đồ") is None


def test_dry_run_reports_every_problem_and_writes_nothing(personas, tmp_path, scans, settings):
    b.item(personas.archive_b, identifier="MH-B01")
    sheet = write_xlsx(
        tmp_path / "danh-muc.xlsx",
        [
            row("MH-0001", **{"Tệp": "a-1.jpg; a-2.jpg"}),  # 2: fine
            row("MH-0002", **{"Tiêu đề": ""}),  # 3: missing title
            row("MH-0003", **{"Cơ quan đóng góp": "Kho không tồn tại"}),  # 4
            row("MH-0004", **{"Thời gian": "31/2/1950"}),  # 5: bad date
            row("MH-0001"),  # 6: duplicate within the file
            row("MH-B01"),  # 7: another institution's item
            row("MH-0007", **{"Tệp": "khong-co.jpg"}),  # 8: missing file
            row("MH-0008", **{"Tệp": "gia.jpg"}),  # 9: not an image
            row("MH-0009", **{"Tiêu đề": '=HYPERLINK("http://x","y")'}),  # 10: formula
            row("MH 10", **{"Loại": "bản đồ"}),  # 11: bad identifier, unknown kind
        ],
    )
    report = import_catalogue(
        sheet=sheet, files=scans, actor=personas.users.curator_a, dry_run=True
    )
    assert report.dry_run and not report.ok and report.rows == 10
    found = where(report)
    assert (3, "Tiêu đề") in found
    assert (4, "Cơ quan đóng góp") in found
    assert (5, "Thời gian") in found
    assert (6, "Mã định danh") in found
    assert (7, "Mã định danh") in found
    assert (8, "Tệp") in found
    assert (9, "Tệp") in found
    assert (10, "Tiêu đề") in found
    assert (11, "Mã định danh") in found and (11, "Loại") in found
    assert not any(p.row == 2 for p in report.problems)
    by_row = {p.row: p for p in report.problems}
    assert "31/2/1950" in by_row[5].message
    assert "dòng 2 của tệp này" in by_row[6].message  # names the first row
    assert sum(p.row == 10 for p in report.problems) == 1  # the formula, said once
    assert by_row[8].file == "khong-co.jpg" and by_row[9].file == "gia.jpg"
    assert "Kho không tồn tại" in by_row[4].message
    assert str(by_row[5]).startswith("Dòng 5, cột “Thời gian”: ")
    assert Item.objects.count() == 1 and not Media.objects.exists()
    assert not AuditEntry.objects.exists() and originals(settings) == []


def test_clean_import_then_reimport_updates(personas, tmp_path, scans, settings):
    rows = [
        row("MH-0001", **{"Tệp": "a-1.jpg\na-2.jpg", "Văn bản thay thế": "Trang báo cáo"}),
        row("MH-0002", **{"Loại": "cau trich", "Nội dung câu trích": "Thi đua là yêu nước.",
                          "Thời gian": "khoảng 1950"}),
        row("MH-0003", **{"Loại": "ảnh", "Tệp": "b-1.jpg", "Thời gian": "6/1948"}),
    ]
    sheet = write_csv(tmp_path / "danh-muc.csv", rows)
    steps: list[tuple[str, int, int]] = []
    report = import_catalogue(
        sheet=sheet, files=scans, actor=personas.users.curator_a, dry_run=False,
        on_progress=lambda *a: steps.append(a),
    )
    assert report.ok, report.problems
    assert report.created == ["MH-0001", "MH-0002", "MH-0003"] and report.files == 3
    assert ("storage", 3, 3) in steps and ("validation", 3, 3) in steps
    first = Item.objects.get(identifier="MH-0001")
    assert first.status == Item.Status.IN_REVIEW and first.institution == personas.archive_a
    assert [m.original_name for m in first.media.all()] == ["a-1.jpg", "a-2.jpg"]
    assert first.media.first().alt_text == "Trang báo cáo"
    assert first.media.first().state == Media.State.PENDING
    quote = Item.objects.get(identifier="MH-0002")
    assert quote.kind == "quotation" and quote.date_start.year == 1945
    assert Item.objects.get(identifier="MH-0003").date_end.isoformat() == "1948-06-30"
    entry = AuditEntry.objects.get(object_id=str(first.pk))
    assert entry.action == "created" and "danh-muc.csv" in entry.comment
    assert len(originals(settings)) == 3
    assert not list((Path(settings.DATA_DIR) / "import-staging").glob("*"))

    rows[0]["Tiêu đề"] = "Báo cáo đã sửa"
    rows[0]["Tệp"] = "b-1.jpg"
    again = import_catalogue(
        sheet=write_csv(tmp_path / "danh-muc-2.csv", rows), files=scans,
        actor=personas.users.curator_a, dry_run=False,
    )
    assert again.ok, again.problems
    assert again.updated == ["MH-0001", "MH-0002", "MH-0003"] and again.created == []
    assert Item.objects.count() == 3
    first.refresh_from_db()
    assert first.title == "Báo cáo đã sửa"
    assert [m.original_name for m in first.media.all()] == ["b-1.jpg"]
    assert Item.objects.get(identifier="MH-0002").media.count() == 0
    edited = AuditEntry.objects.filter(object_id=str(first.pk), action="edited").get()
    assert edited.changes["title"] == ["Báo cáo thi đua MH-0001 (minh họa)", "Báo cáo đã sửa"]
    assert again.summary() == "3 dòng: 0 tạo mới, 3 cập nhật, 0 lỗi."


def test_curator_cannot_import_for_another_institution(personas, tmp_path):
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001", **{"Cơ quan đóng góp": "ttlt-cao-bang"})])
    report = import_catalogue(
        sheet=sheet, files=None, actor=personas.users.curator_a, dry_run=False
    )
    assert where(report) == {(2, "Cơ quan đóng góp")}
    assert not Item.objects.exists()
    # An editor may.
    report = import_catalogue(sheet=sheet, files=None, actor=personas.users.editor, dry_run=False)
    assert report.ok and Item.objects.get().institution == personas.archive_b


def test_curator_cannot_update_published_item(personas, tmp_path):
    b.item(personas.archive_a, identifier="MH-0001")  # published
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001")])
    report = import_catalogue(sheet=sheet, files=None, actor=personas.users.curator_a,
                              dry_run=False)
    assert where(report) == {(2, "Mã định danh")}


@pytest.mark.parametrize(
    "entry",
    [
        Entry(b"../a-1.jpg", b"x"),
        Entry(b"/etc/a-1.jpg", b"x"),
        Entry(b"a-1.jpg", b"/etc/passwd", external_attr=SYMLINK),
    ],
)
def test_hostile_zip_is_refused_with_nothing_written(personas, tmp_path, settings, entry):
    archive = tmp_path / "scans.zip"
    archive.write_bytes(build_zip([entry]))
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001", **{"Tệp": "a-1.jpg"})])
    report = import_catalogue(
        sheet=sheet, files=archive, actor=personas.users.curator_a, dry_run=False
    )
    assert not report.ok and report.problems[0].file
    assert not Item.objects.exists() and originals(settings) == []
    assert not (tmp_path / "a-1.jpg").exists()
    assert not list((Path(settings.DATA_DIR) / "import-staging").glob("*"))


def test_zip_with_cp1258_names(personas, tmp_path, scans, settings):
    name = "Biên bản đợt 2/Bản sao số hóa.jpg"
    archive = tmp_path / "scans.zip"
    data = (scans / "a-1.jpg").read_bytes()
    archive.write_bytes(build_zip([Entry(encode_cp1258(name), data)]))
    sheet = write_xlsx(tmp_path / "s.xlsx", [row("MH-0001", **{"Tệp": name})])
    report = import_catalogue(
        sheet=sheet, files=archive, actor=personas.users.curator_a, dry_run=False
    )
    assert report.ok, report.problems
    media = Item.objects.get().media.get()
    assert media.original_name == name
    assert len(originals(settings)) == 1


def test_failure_while_storing_leaves_nothing(personas, tmp_path, scans, settings, monkeypatch):
    calls = {"n": 0}
    real = run.add_media

    def flaky(**kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(run, "add_media", flaky)
    sheet = write_csv(tmp_path / "s.csv", [
        row("MH-0001", **{"Tệp": "a-1.jpg; a-2.jpg"}),
        row("MH-0002", **{"Tệp": "b-1.jpg"}),
    ])
    report = import_catalogue(
        sheet=sheet, files=scans, actor=personas.users.curator_a, dry_run=False
    )
    assert not report.ok and report.created == [] and report.problems[0].row == 3
    assert calls["n"] == 3
    assert not Item.objects.exists() and not Media.objects.exists()
    assert not AuditEntry.objects.exists() and originals(settings) == []


def test_cli_dry_run_and_import(personas, tmp_path, scans, settings, capsys):
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001", **{"Tệp": "a-1.jpg"}),
                                           row("MH-0002", **{"Thời gian": "31/2/1950"})])
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(sheet), str(scans), user="canbo-langson",
                     dry_run=True)
    out = capsys.readouterr().out
    assert "31/2/1950" in out and "MH-0001" not in out.split("31/2/1950")[1]
    assert not Item.objects.exists()
    good = write_csv(tmp_path / "g.csv", [row("MH-0001", **{"Tệp": "a-1.jpg"})])
    call_command("import_catalogue", str(good), str(scans), user="canbo-langson")
    out = capsys.readouterr().out
    assert "MH-0001" in out
    assert Item.objects.get().media.get().state == Media.State.READY


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from pathlib import Path
    from django.core.management import call_command
    from django.contrib.auth.models import User
    from trienlam.catalogue.models import Institution, Membership
    from trienlam.catalogue.importing.run import import_catalogue

    call_command("migrate", verbosity=0)
    inst = Institution.objects.create(name="TTLTLS Lạng Sơn", slug="ls", kind="provincial_archive")
    user = User.objects.create_user("canbo")
    Membership.objects.create(user=user, institution=inst, role="curator")

    def slow(stage, done, total):
        if stage == "storage":
            time.sleep(0.1)  # give the test time to kill us mid-way

    import_catalogue(sheet=Path(sys.argv[1]), files=Path(sys.argv[2]), actor=user,
                     dry_run=False, on_progress=slow)
    print("FINISHED")
    """
)

CHECK_SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    from trienlam.catalogue.importing.run import clean_interrupted_imports
    from trienlam.catalogue.models import Item, Media
    removed = clean_interrupted_imports()
    print(len(removed), Item.objects.count(), Media.objects.count())
    """
)


def test_killed_import_leaves_nothing(tmp_path: Path) -> None:
    """A real import process killed with SIGKILL mid-way: no items, no originals."""
    folder = tmp_path / "scans"
    folder.mkdir()
    rows = []
    for n in range(30):
        b.scan(folder / f"to-{n:02d}", width=300, height=420)
        rows.append(row(f"MH-{n:04d}", **{"Cơ quan đóng góp": "ls", "Tỉnh": "",
                                          "Tệp": f"to-{n:02d}.jpg"}))
    sheet = write_csv(tmp_path / "s.csv", rows)
    data = tmp_path / "own-data"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TRIENLAM_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(TRIENLAM_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="trienlam.settings")
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(sheet), str(folder)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    staging = data / "import-staging"
    deadline = time.monotonic() + 20
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        journals = list(staging.glob("*.journal")) if staging.exists() else []
        if journals:
            stored = journals[0].read_text().count("stored ")
            if stored >= 3:
                break
        time.sleep(0.02)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    on_disk = [p for p in (data / "media" / "originals").rglob("*") if p.is_file()]
    assert len(on_disk) >= 3  # the kill really left files behind

    check = subprocess.run(
        [sys.executable, "-c", CHECK_SCRIPT], env=env, capture_output=True, text=True,
        timeout=60, check=True,
    )
    removed, items, media = map(int, check.stdout.split())
    assert removed >= 3 and items == 0 and media == 0
    assert [p for p in (data / "media" / "originals").rglob("*") if p.is_file()] == []
    assert list(staging.glob("*")) == []


# --- whole Vietnamese messages for refusals raised by the pure lib modules ----------------------


def test_misspelt_optional_column_stops_the_import_and_names_the_likely_header(personas, tmp_path):
    values = row("MH-0001", **{"Trích yếu": "Nội dung trích yếu"})
    path = tmp_path / "s.csv"
    headers = [("Trích yêu" if h == "Trích yếu" else h) for h in HEADERS]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerow([values.get(h, "") for h in HEADERS])
    report = import_catalogue(sheet=path, files=None, actor=personas.users.curator_a,
                              dry_run=False)
    letter = chr(ord("A") + HEADERS.index("Trích yếu"))
    assert [str(p) for p in report.problems] == [
        f"Cột “Trích yêu”: cột {letter} không có trong mẫu; có phải là “Trích yếu”? "
        "Đổi tên hoặc xóa cột đó."
    ]
    assert not Item.objects.exists()


def test_impossible_date_is_explained_in_vietnamese(personas, tmp_path):
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001", **{"Thời gian": "31/2/1958"})])
    report = import_catalogue(sheet=sheet, files=None, actor=personas.users.curator_a,
                              dry_run=True)
    assert [str(p) for p in report.problems] == [
        "Dòng 2, cột “Thời gian”: không đọc được thời gian “31/2/1958”: ngày 31 không có trong "
        "tháng 2/1958 (tháng đó có 28 ngày). Các cách ghi được chấp nhận: 12/6/1948, 6/1948, 1948, "
        "khoảng 1950, 1945-1954."
    ]


def test_refused_zip_and_old_excel_are_explained_in_vietnamese(personas, tmp_path):
    archive = tmp_path / "scans.zip"
    archive.write_bytes(build_zip([Entry(b"../a-1.jpg", b"x")]))
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001", **{"Tệp": "a-1.jpg"})])
    report = import_catalogue(sheet=sheet, files=archive, actor=personas.users.curator_a,
                              dry_run=True)
    assert str(report.problems[0]) == (
        "Tệp “../a-1.jpg”: tệp ZIP bị từ chối: đường dẫn trỏ ra ngoài thư mục của tệp nén."
    )
    old = tmp_path / "s.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    report = import_catalogue(sheet=old, files=None, actor=personas.users.curator_a,
                              dry_run=True)
    assert [str(p) for p in report.problems] == [
        "Tệp “s.xls”: không đọc được bảng tính: đây là sổ Excel cũ (.xls) hoặc có mật khẩu; "
        "hãy mở bằng Excel, bỏ mật khẩu và lưu thành “Excel Workbook (.xlsx)”."
    ]


def test_scans_are_checked_on_threads_but_refused_in_row_order_in_vietnamese(
    personas, tmp_path, settings
):
    # The scans are inspected two at a time while the rows are checked; a cut JPEG (found
    # by the decode check) is still reported on its own row, in the request's language, and
    # a real import stores nothing at all.
    folder = tmp_path / "scans"
    folder.mkdir()
    names = []
    for n in range(6):
        names.append(b.scan(folder / f"p-{n}", width=900, height=1270).name)
    whole = (folder / names[4]).read_bytes()
    (folder / names[4]).write_bytes(whole[: len(whole) // 2])
    rows = [row(f"MH-000{n}", **{"Tệp": name}) for n, name in enumerate(names)]
    rows.append(row("MH-0009", **{"Tệp": names[4]}))  # the same file again, a later row
    sheet = write_xlsx(tmp_path / "s.xlsx", rows)
    report = import_catalogue(sheet=sheet, files=folder, actor=personas.users.curator_a,
                              dry_run=False)
    assert not report.ok and report.created == []
    assert [(p.row, p.column, p.file) for p in report.problems] == [
        (6, "Tệp", "p-4.jpg"),
        (8, "Tệp", "p-4.jpg"),
    ]
    assert "bị thiếu phần cuối" in report.problems[0].message
    assert not Item.objects.exists() and not Media.objects.exists()
    assert originals(settings) == []


def test_invisible_control_characters_are_refused_with_their_row_and_column(personas, tmp_path):
    # A terminal escape pasted from a console, and a right-to-left override that would show
    # "… thi đua" reversed on the public page.
    sheet = write_csv(tmp_path / "s.csv", [
        row("MH-0001", **{"Tiêu đề": "Báo cáo \x1b[31mthi đua\x07"}),
        row("MH-0002", **{"Trích yếu": "Tóm tắt \u202ethi đua"}),
        row("MH-0003", **{"Trích yếu": "Dòng một\n\tdòng hai"}),  # tab and newline stay
    ])  # fmt: skip
    report = import_catalogue(sheet=sheet, files=None, actor=personas.users.curator_a,
                              dry_run=True)  # fmt: skip
    assert [str(p) for p in report.problems] == [
        "Dòng 2, cột “Tiêu đề”: có một ký tự điều khiển vô hình (U+001B), khiến trang hiển thị "
        "chữ bị lỗi hoặc đảo ngược thứ tự: hãy xoá ký tự này",
        "Dòng 3, cột “Trích yếu”: có một ký tự điều khiển vô hình (U+202E), khiến trang hiển thị "
        "chữ bị lỗi hoặc đảo ngược thứ tự: hãy xoá ký tự này",
    ]
    assert not Item.objects.exists()


def test_identifiers_that_differ_only_by_case_are_one_identifier(personas, tmp_path):
    b.item(personas.archive_a, identifier="MH-0007")
    sheet = write_csv(tmp_path / "s.csv", [row("MH-0001"), row("mh-0001"), row("Mh-0007")])
    report = import_catalogue(sheet=sheet, files=None, actor=personas.users.curator_a,
                              dry_run=True)  # fmt: skip
    assert [str(p) for p in report.problems] == [
        "Dòng 3, cột “Mã định danh”: mã mh-0001 đã dùng ở dòng 2 của tệp này.",
        "Dòng 4, cột “Mã định danh”: Đã có tư liệu MH-0007: các mã định danh phải khác nhau "
        "không chỉ ở chữ hoa, chữ thường.",
    ]
