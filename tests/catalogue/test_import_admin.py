"""Bulk import from the admin: template, upload, the worker's run, the report, scoping."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue import import_jobs, processing
from trienlam.catalogue.importing.columns import COLUMNS
from trienlam.catalogue.models import ImportJob, Item


def sheet_bytes(rows: list[dict[str, str]]) -> bytes:
    book = openpyxl.Workbook()
    headers = list(COLUMNS)
    book.active.append(headers)
    for row in rows:
        book.active.append([row.get(h, "") for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_template_explains_every_column(personas) -> None:  # type: ignore[no-untyped-def]
    response = personas.curator_a.get(reverse("admin:catalogue_importjob_template_xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    catalogue, guide = book["Danh mục"], book["Hướng dẫn"]
    headers = [c.value for c in catalogue[1]]
    assert headers == list(COLUMNS)
    assert catalogue.max_row == 2  # the example row
    explained = {row[0].value: row[2].value for row in guide.iter_rows(min_row=2)}
    assert set(explained) == set(COLUMNS) and all(explained.values())
    csv_text = personas.curator_a.get(
        reverse("admin:catalogue_importjob_template_csv")
    ).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].split(",")[0] == headers[0]


def test_a_curator_uploads_checks_then_imports_for_real(personas, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scan = b.scan(tmp_path / "trang").read_bytes()
    row = {
        "Mã định danh": "TL-0801", "Loại": "Tài liệu", "Tiêu đề": "Công văn nhập hàng loạt",
        "Thời gian": "12/6/1958", "Cơ quan đóng góp": personas.archive_a.slug,
        "Tệp": "cong-van/trang-1.jpg",
    }
    upload = {
        "sheet": SimpleUploadedFile("danh-muc.xlsx", sheet_bytes([row])),
        "files": SimpleUploadedFile("scans.zip", zip_bytes({"cong-van/trang-1.jpg": scan})),
        "dry_run": "on",
    }
    response = personas.curator_a.post(reverse("admin:catalogue_importjob_add"), upload)
    assert response.status_code == 302  # to the job's page, at once
    job = ImportJob.objects.get()
    assert job.state == "queued"
    assert import_jobs.run_pending() == 1
    job.refresh_from_db()
    assert job.state == "done" and job.report["ok"], job.report
    assert not Item.objects.filter(identifier="TL-0801").exists()  # a dry run stores nothing
    assert job.report["rows"] == 1 and job.report["problems"] == []
    page = personas.curator_a.get(reverse("admin:catalogue_importjob_change", args=[job.pk]))
    assert page.status_code == 200
    assert "Nhập thật" in page.content.decode()  # the report says how to go on
    # then for real, from the list's action
    personas.curator_a.post(
        reverse("admin:catalogue_importjob_changelist"),
        {"action": "import_for_real", "_selected_action": [job.pk]},
    )
    import_jobs.run_pending()
    processing.process_all()
    item = Item.objects.get(identifier="TL-0801")
    assert item.status == "in_review" and item.institution == personas.archive_a
    assert item.media.get().state == "ready"


def test_a_curator_sees_only_their_own_import_jobs(personas, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    upload = {"sheet": SimpleUploadedFile("a.xlsx", sheet_bytes([])), "dry_run": "on"}
    personas.curator_b.post(reverse("admin:catalogue_importjob_add"), upload)
    job = ImportJob.objects.get()
    changelist = reverse("admin:catalogue_importjob_changelist")
    assert "a.xlsx" not in personas.curator_a.get(changelist).content.decode()
    assert personas.curator_a.get(
        reverse("admin:catalogue_importjob_change", args=[job.pk])
    ).status_code in (302, 403, 404)
    assert "a.xlsx" in personas.editor.get(changelist).content.decode()
    assert personas.anonymous.get(changelist).status_code == 302


def test_deleting_an_import_job_removes_its_uploads(personas) -> None:  # type: ignore[no-untyped-def]
    upload = {
        "sheet": SimpleUploadedFile("danh-muc.xlsx", sheet_bytes([])),
        "files": SimpleUploadedFile("scans.zip", zip_bytes({"a.jpg": b"not an image"})),
        "dry_run": "on",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        personas.curator_a.post(reverse("admin:catalogue_importjob_add"), upload)
    job = ImportJob.objects.get()
    stored = [job.sheet.path, job.files.path]
    assert all(Path(p).is_file() for p in stored)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = personas.curator_a.post(
            reverse("admin:catalogue_importjob_delete", args=[job.pk]), {"post": "yes"}
        )
    assert response.status_code == 302 and not ImportJob.objects.exists()
    assert [p for p in stored if Path(p).exists()] == []
