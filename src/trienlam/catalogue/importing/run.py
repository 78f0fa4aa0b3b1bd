"""Importing a catalogue spreadsheet plus a folder or ZIP of scans, all or nothing.

1. **Validation** (dry run and real run alike): every row goes through the same ModelForm as
   the admin (`validate.check_row`), every listed file is found and checked by the same image
   pipeline as an upload (`media.check_original`). Nothing is stored before all of it passes.
2. **Storage** (real run, no problems): one `transaction.atomic()` creates or updates the items,
   stores the originals through `media.add_media` and writes an audit entry per item.

Originals are files, outside the transaction. Each run keeps a *journal* under
``DATA_DIR/import-staging/<batch>.journal`` (locked while the run lives, fsynced per line):
the checksum of each original before it is written and its stored name after. If the run
fails, its originals are deleted at once; if the process is killed, the next run (or
`clean_interrupted_imports()`) deletes every journalled original that no Media row refers to.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import os
import shutil
import time
import unicodedata
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from trienlam.catalogue import roles, workflow
from trienlam.catalogue.importing.columns import COLUMNS, HEADERS, REQUIRED
from trienlam.catalogue.importing.reasons import (
    table_reason,
    unknown_column_message,
    zip_reason,
)
from trienlam.catalogue.importing.validate import RowCheck, check_row, column_of
from trienlam.catalogue.media import add_media, check_original, limits, refusal_message
from trienlam.catalogue.models import AuditEntry, Item, Media
from trienlam.imaging.inspect import Inspection, Refused, inspect
from trienlam.lib.safezip import ZipRefused, open_archive
from trienlam.lib.tabular import TableError, read_rows

Progress = Callable[[str, int, int], None]
FILES = HEADERS["files"]
INSPECT_THREADS = 2  # scans checked at once during validation


@dataclass
class Problem:
    row: int | None
    column: str | None
    file: str | None
    message: str

    def __str__(self) -> str:
        if self.file is not None:
            if self.row is not None:
                return _("File “%(file)s” (row %(row)d): %(message)s") % {
                    "file": self.file, "row": self.row, "message": self.message}
            return _("File “%(file)s”: %(message)s") % {"file": self.file, "message": self.message}
        if self.row is not None and self.column is not None:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row is not None:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        if self.column is not None:
            return _("Column “%(column)s”: %(message)s") % {
                "column": self.column, "message": self.message}
        return self.message


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds_validation: float = 0.0
    seconds_storage: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        bad_rows = len({p.row for p in self.problems if p.row is not None})
        return _("%(rows)d rows: %(created)d new, %(updated)d updated, %(bad)d with errors.") % {
            "rows": self.rows, "created": len(self.created), "updated": len(self.updated),
            "bad": bad_rows}


@dataclass
class _Plan:
    row: int
    check: RowCheck
    files: list[tuple[Path, str, Inspection]]
    alt_text: str


# --- the journal of stored originals ---------------------------------------------------------


def staging_root() -> Path:
    return Path(settings.DATA_DIR) / "import-staging"


class _Journal:
    def __init__(self, batch: str) -> None:
        root = staging_root()
        root.mkdir(parents=True, exist_ok=True)
        self.path = root / f"{batch}.journal"
        self.handle = open(self.path, "a+", encoding="utf-8")
        fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def write(self, kind: str, value: str) -> None:
        self.handle.write(f"{kind} {value}\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def lines(self) -> list[str]:
        self.handle.seek(0)
        return self.handle.read().splitlines()

    def close(self, *, delete: bool) -> None:
        if delete:
            self.path.unlink(missing_ok=True)
        self.handle.close()


def _undo(lines: list[str]) -> list[str]:
    """Delete the journalled originals no Media row refers to; return their names."""
    names = [line[7:] for line in lines if line.startswith("stored ")]
    wanted = {tuple(line.split()[1:3]) for line in lines if line.startswith("want ")}
    removed: list[str] = []
    for name in dict.fromkeys(names):
        if not Media.objects.filter(file=name).exists() and default_storage.exists(name):
            default_storage.delete(name)
            removed.append(name)
    # A kill between writing an original and journalling its name: find it by checksum.
    originals = Path(settings.MEDIA_ROOT) / "originals"
    if wanted and originals.is_dir():
        sizes = {int(size) for _sha, size in wanted}
        shas = {sha for sha, _size in wanted}
        for path in originals.rglob("*"):
            if not path.is_file() or path.stat().st_size not in sizes:
                continue
            name = path.relative_to(settings.MEDIA_ROOT).as_posix()
            if Media.objects.filter(file=name).exists():
                continue
            if _sha256(path) in shas:
                path.unlink()
                removed.append(name)
    if originals.is_dir():
        for folder in sorted(originals.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return removed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def clean_interrupted_imports() -> list[str]:
    """Undo what killed imports left: their unreferenced originals and staging folders.

    Journals still locked by a running import are left alone. Returns the deleted names.
    """
    root = staging_root()
    removed: list[str] = []
    if not root.is_dir():
        return removed
    for journal in sorted(root.glob("*.journal")):
        with open(journal, "a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live import
            handle.seek(0)
            removed += _undo(handle.read().splitlines())
            shutil.rmtree(root / journal.stem, ignore_errors=True)
            journal.unlink(missing_ok=True)
    return removed


# --- finding the files -----------------------------------------------------------------------


def _normalise(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip()).replace("\\", "/")
    return "/".join(part for part in name.split("/") if part not in ("", "."))


def _folder_files(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder, dirs, names in os.walk(root, followlinks=False):
        for name in names:
            path = Path(folder) / name
            found[_normalise(path.relative_to(root).as_posix())] = path
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    return found


def _unpack(archive_path: Path, dest: Path, report: ImportReport) -> dict[str, Path] | None:
    try:
        with open_archive(archive_path) as archive:
            dest.mkdir(parents=True)
            found: dict[str, Path] = {}
            for member in archive.members():
                found[member.name] = archive.extract(member, dest)
            return found
    except ZipRefused as exc:
        for refused in (exc, *exc.others):
            reason = zip_reason(refused)
            report.problems.append(
                Problem(None, None, refused.name or archive_path.name,
                        _("the ZIP archive is refused: %(reason)s.") % {"reason": reason})
            )
        return None


def _split_files(text: str) -> list[str]:
    return [n for n in (_normalise(p) for p in text.replace("\n", ";").split(";")) if n]


# --- the import ------------------------------------------------------------------------------


def import_catalogue(
    *,
    sheet: Path,
    files: Path | None,
    actor: AbstractBaseUser,
    dry_run: bool,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Validate *sheet* (and the scans in *files*, a folder or a .zip); unless *dry_run* and
    only if nothing is wrong, store every row and file in one go. Never raises for bad input:
    everything wrong is in the report's problems."""
    progress = on_progress or (lambda stage, done, total: None)
    sheet = Path(sheet)
    report = ImportReport(dry_run=dry_run)
    clean_interrupted_imports()
    batch = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    journal = _Journal(batch)
    staging = staging_root() / batch
    committed = False
    try:
        started = time.monotonic()
        plans = _validate(sheet, files, actor, staging, report, progress)
        report.seconds_validation = time.monotonic() - started
        if report.problems:
            report.created, report.updated = [], []
            return report
        report.files = sum(len(p.files) for p in plans)
        if dry_run:
            return report
        started = time.monotonic()
        committed = _store(plans, sheet, actor, journal, report, progress)
        report.seconds_storage = time.monotonic() - started
        return report
    finally:
        if not committed:
            _undo(journal.lines())
        journal.close(delete=True)
        shutil.rmtree(staging, ignore_errors=True)


def _validate(
    sheet: Path,
    files: Path | None,
    actor: AbstractBaseUser,
    staging: Path,
    report: ImportReport,
    progress: Progress,
) -> list[_Plan]:
    problems = report.problems
    if not roles.may_use_catalogue(actor):
        problems.append(Problem(None, None, None, _("You may not import catalogue items.")))
        return []
    try:
        table = read_rows(sheet, COLUMNS, required=REQUIRED)
    except (TableError, OSError) as exc:
        reason = table_reason(exc) if isinstance(exc, TableError) else (exc.strerror or str(exc))
        problems.append(Problem(None, None, sheet.name, _("the spreadsheet cannot be read: "
                                                          "%(reason)s.") % {"reason": reason}))
        return []
    for header in table.missing_columns:
        problems.append(Problem(None, header, None, _("the required column is missing.")))
    for column in table.unknown_columns:
        problems.append(Problem(None, column.header or column.letter, None,
                                unknown_column_message(column)))
    if table.missing_columns or table.unknown_columns:
        return []
    report.rows = len(table.rows)
    if not table.rows:
        problems.append(Problem(None, None, sheet.name, _("the spreadsheet has no rows.")))
        return []

    available: dict[str, Path] | None = None
    if files is not None:
        files = Path(files)
        if files.is_dir():
            available = _folder_files(files)
        elif files.is_file() and files.suffix.lower() == ".zip":
            available = _unpack(files, staging / "files", report)
        else:
            problems.append(Problem(None, None, files.name,
                                    _("the scans must be a folder or a .zip file.")))

    present = set(table.columns)
    first_row: dict[str, int] = {}
    inspected: dict[Path, Inspection | ValidationError] = {}
    with _Inspector(available) as inspector:
        if available is not None:
            for row in table.rows:
                cell = row.cells.get("files")
                if cell is not None and not cell.is_formula:
                    inspector.submit(_split_files(cell.value))
        return _check_rows(table, present, actor, files, available, inspector, inspected,
                           first_row, problems, progress)


class _Inspector:
    """Inspects the scans on background threads, in row order, while the rows are checked.

    The pure imaging inspection (a decode check and SHA-256 per file) releases the GIL in
    libvips and hashlib, so INSPECT_THREADS files are checked at once while the main thread
    validates the rows' forms; the refusal messages are written in the main thread, in the
    language of the request.
    """

    def __init__(self, available: dict[str, Path] | None) -> None:
        self.available = available or {}
        self.pool = ThreadPoolExecutor(max_workers=INSPECT_THREADS)
        self.futures: dict[Path, Future[Inspection]] = {}

    def __enter__(self) -> _Inspector:
        return self

    def __exit__(self, *exc: object) -> None:
        for future in self.futures.values():
            future.cancel()
        self.pool.shutdown(wait=True)

    def submit(self, names: list[str]) -> None:
        for name in names:
            path = self.available.get(name)
            if path is None or path in self.futures or path.is_symlink():
                continue
            self.futures[path] = self.pool.submit(inspect, path, limits=limits())

    def check(self, path: Path, name: str) -> Inspection:
        """As `media.check_original`: the Inspection, or ValidationError naming the file."""
        future = self.futures.get(path)
        if future is None:
            return check_original(path, name)
        try:
            return future.result()
        except Refused as refused:
            raise ValidationError(refusal_message(name, refused), code=refused.code) from refused


def _check_rows(
    table: Any,
    present: set[str],
    actor: AbstractBaseUser,
    files: Path | None,
    available: dict[str, Path] | None,
    inspector: _Inspector,
    inspected: dict[Path, Inspection | ValidationError],
    first_row: dict[str, int],
    problems: list[Problem],
    progress: Progress,
) -> list[_Plan]:
    plans: list[_Plan] = []
    for done, row in enumerate(table.rows, start=1):
        number = row.number
        formulas = {f for f, cell in row.cells.items() if cell.is_formula}
        for field_name in sorted(formulas, key=list(COLUMNS.values()).index):
            problems.append(Problem(number, HEADERS[field_name], None,
                                    _("the cell holds a formula; formulas are not accepted "
                                      "(type the value itself).")))
        values = {f: ("" if f in formulas else cell.value) for f, cell in row.cells.items()}
        check = check_row(values, present=present, actor=actor, reported=frozenset(formulas))
        for field_name, message in check.problems:
            problems.append(Problem(number, column_of(field_name), None, message))
        identifier = values.get("identifier", "")
        key = identifier.casefold()  # identifiers differ by more than letter case (Item.clean)
        if identifier:
            if key in first_row:
                problems.append(Problem(
                    number, HEADERS["identifier"], None,
                    _("the identifier %(identifier)s is already used in row %(first)d of this "
                      "file.") % {"identifier": identifier, "first": first_row[key]}))
            else:
                first_row[key] = number
        row_files: list[tuple[Path, str, Inspection]] = []
        for name in _split_files(values.get("files", "")):
            if files is None:
                problems.append(Problem(number, FILES, name,
                                        _("the row lists files but no folder or ZIP was given.")))
                continue
            if available is None:
                continue  # the archive itself was refused: said once already
            path = available.get(name)
            if path is None:
                problems.append(Problem(number, FILES, name,
                                        _("the file is not in the folder or ZIP.")))
                continue
            if path.is_symlink():
                problems.append(Problem(number, FILES, name,
                                        _("the file is a symbolic link; it is not accepted.")))
                continue
            if path not in inspected:
                try:
                    inspected[path] = inspector.check(path, name)
                except ValidationError as exc:
                    inspected[path] = exc
                except OSError as exc:
                    inspected[path] = ValidationError(
                        _("“%(name)s” cannot be read (%(reason)s).")
                        % {"name": name, "reason": exc.strerror or exc})
            outcome = inspected[path]
            if isinstance(outcome, ValidationError):
                for message in outcome.messages:
                    problems.append(Problem(number, FILES, name, message))
                continue
            row_files.append((path, name, outcome))
        plans.append(_Plan(number, check, row_files, values.get("alt_text", "")))
        progress("validation", done, len(table.rows))
    return plans


def _store(
    plans: list[_Plan],
    sheet: Path,
    actor: AbstractBaseUser,
    journal: _Journal,
    report: ImportReport,
    progress: Progress,
) -> bool:
    comment = _("Bulk import from %(sheet)s") % {"sheet": sheet.name}
    current: _Plan | None = None
    try:
        with transaction.atomic():
            for done, plan in enumerate(plans, start=1):
                current = plan
                form = plan.check.form
                assert form is not None
                existing = plan.check.existing
                before = copy.copy(Item.objects.get(pk=existing.pk)) if existing else None
                item = form.save()
                if before is not None and plan.files:
                    item.media.all().delete()  # their originals stay, for `trienlam verify`
                for path, name, inspection in plan.files:
                    journal.write("want", f"{inspection.sha256} {inspection.byte_size}")
                    stored = add_media(
                        item=item,
                        source=path,
                        alt_text=plan.alt_text,
                        original_name=name,
                        inspection=inspection,  # checked in validation, moments ago
                    )
                    journal.write("stored", stored[0].file.name)
                workflow.record(
                    actor=actor,
                    obj=item,
                    action=AuditEntry.Action.EDITED if before else AuditEntry.Action.CREATED,
                    changes=workflow.field_changes(before, item),
                    comment=comment,
                )
                (report.updated if before else report.created).append(item.identifier)
                progress("storage", done, len(plans))
    except Exception as exc:
        report.created, report.updated = [], []
        messages = getattr(exc, "messages", None) or [str(exc)]
        for message in messages:
            report.problems.append(Problem(
                current.row if current else None, None, None,
                _("the import stopped and nothing was saved: %(reason)s") % {"reason": message}))
        return False
    return True
