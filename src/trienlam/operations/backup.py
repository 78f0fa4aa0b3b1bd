"""`trienlam backup` and `trienlam restore`: the database and the originals, checksummed.

A backup is a folder:

    manifest.json      format, date, database vendor, applied migrations, counts
    database.json      every row (Django's portable JSON, natural keys), taken in ONE
                       transaction: REPEATABLE READ on PostgreSQL, one read transaction on
                       SQLite, so rows never contradict each other
    media/...          every file a row points to in the media folder: the originals
                       (and the promotion banners); IIIF tiles and sized copies are not kept,
                       they are rebuilt from the originals after a restore
    SHA256SUMS         `sha256sum -c SHA256SUMS` format, every other file

It is written beside its final name and renamed at the end, so an interrupted backup leaves
no folder that looks complete. JSON rows load into SQLite or PostgreSQL alike, so a backup
also moves an installation from one to the other.

A restore goes only into an EMPTY installation (migrated, no people, institutions, items or
exhibitions, no originals). It checks every checksum and the list of files before it writes
anything, then loads the rows in one transaction and moves the media into place; on any error
the transaction is rolled back and the copied media removed, so nothing is half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField

FORMAT = "trienlam-backup"
VERSION = 1
SUMS = "SHA256SUMS"
MANIFEST = "manifest.json"
DATABASE = "database.json"
# Not part of a backup: rebuilt by migrate (content types, permissions), transient
# (sessions, login throttling, the import queue whose files are temporary).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "admin.logentry",
    "catalogue.importjob",
]
# An installation with rows in any of these is not empty: restore refuses to mix data.
CONTENT_MODELS = [
    "auth.User",
    "catalogue.Institution",
    "catalogue.Item",
    "catalogue.Media",
    "exhibitions.Exhibition",
]


class BackupError(Exception):
    """A backup cannot be made or restored; the message says which file and why."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> dict[str, str]:
    """The latest applied migration of each app (what the rows' shape depends on)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def media_references() -> list[str]:
    """Names of every file that a row points to in the default (media) storage."""
    names: set[str] = set()
    for model in apps.get_models():
        if model._meta.label_lower in EXCLUDED or model._meta.app_label in EXCLUDED:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and field.storage is default_storage:
                values = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                names.update(v for v in values if v)
    return sorted(names)


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


@dataclass
class BackupResult:
    folder: Path
    rows: int
    files: int
    bytes: int


def make_backup(out: Path, *, log: Callable[[str], None] = lambda _: None) -> BackupResult:
    out = out.resolve()
    if out.exists():
        raise BackupError(f"{out} already exists: give a new folder name")
    partial = out.with_name(f".{out.name}.partial-{uuid.uuid4().hex[:8]}")
    partial.mkdir(parents=True)
    try:
        result = _write_backup(partial, log)
        os.replace(partial, out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    result.folder = out
    return result


def _write_backup(folder: Path, log: Callable[[str], None]) -> BackupResult:
    database = folder / DATABASE
    # One snapshot for every row and for the list of files they point to.
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            output=str(database),
            indent=None,
            verbosity=0,
        )
        references = media_references()
        migrations = applied_migrations()
    rows = len(json.loads(database.read_text(encoding="utf-8")))
    log(f"database: {rows} rows")
    media_root = Path(settings.MEDIA_ROOT)
    total = 0
    for name in references:
        if not _safe_name(name):
            raise BackupError(f"a row points to a file outside the media folder: {name!r}")
        source = media_root / name
        target = folder / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(source, target)
        except FileNotFoundError as exc:
            raise BackupError(
                f"media file {name} is referenced by the database but missing from "
                f"the media folder: run `trienlam verify`"
            ) from exc
        total += target.stat().st_size
    log(f"media: {len(references)} files, {total} bytes")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "rows": rows,
        "media_files": len(references),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        lines.append(f"{sha256_file(path)}  {path.relative_to(folder).as_posix()}\n")
    (folder / SUMS).write_text("".join(lines), encoding="utf-8")
    for path in folder.rglob("*"):  # a backup holds originals: keep it private
        path.chmod(0o700 if path.is_dir() else 0o600)
    folder.chmod(0o700)
    return BackupResult(folder, rows, len(references), total)


# --- restore -------------------------------------------------------------------------------


def read_sums(folder: Path) -> dict[str, str]:
    sums_path = folder / SUMS
    if not sums_path.is_file():
        raise BackupError(f"{sums_path} is missing: this is not a complete Trienlam backup")
    sums: dict[str, str] = {}
    for number, line in enumerate(sums_path.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not _safe_name(name):
            raise BackupError(f"{SUMS} line {number} is damaged: {line[:80]!r}")
        sums[name] = digest
    return sums


def verify_backup(folder: Path) -> dict[str, object]:
    """Check every file against SHA256SUMS and the manifest; return the manifest."""
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a backup folder")
    sums = read_sums(folder)
    for required in (MANIFEST, DATABASE):
        if required not in sums:
            raise BackupError(f"{SUMS} does not list {required}: the backup is incomplete")
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {SUMS}
    for name in sorted(sums):
        path = folder / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if sha256_file(path) != sums[name]:
            raise BackupError(f"{name} is damaged: its SHA-256 does not match {SUMS}")
    extra = sorted(present - set(sums))
    if extra:
        raise BackupError(f"{extra[0]} is in the backup folder but not in {SUMS}")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(f"{MANIFEST} is not valid JSON: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{MANIFEST} is not a Trienlam backup of format version {VERSION}")
    media = [name for name in sums if name.startswith("media/")]
    if len(media) != manifest.get("media_files"):
        raise BackupError(
            f"{MANIFEST} announces {manifest.get('media_files')} media files, "
            f"{SUMS} lists {len(media)}"
        )
    return manifest


def not_empty_reasons() -> list[str]:
    reasons = []
    for label in CONTENT_MODELS:
        count = apps.get_model(label)._default_manager.count()
        if count:
            reasons.append(f"{label} has {count} rows")
    originals = Path(settings.MEDIA_ROOT) / "originals"
    if originals.exists() and any(originals.iterdir()):
        reasons.append(f"the media folder already holds originals ({originals})")
    return reasons


@dataclass
class RestoreResult:
    rows: int
    files: int


def restore_backup(folder: Path, *, log: Callable[[str], None] = lambda _: None) -> RestoreResult:
    folder = folder.resolve()
    manifest = verify_backup(folder)
    log("checksums: every file matches")
    current = applied_migrations()
    if manifest["migrations"] != current:
        differing = sorted(
            app
            for app in set(current) | set(manifest["migrations"])  # type: ignore[arg-type]
            if current.get(app) != manifest["migrations"].get(app)  # type: ignore[union-attr]
        )
        raise BackupError(
            "the backup was made with other database migrations than this installation has "
            f"(apps: {', '.join(differing)}): install the same Trienlam version, run "
            "`trienlam migrate`, then restore"
        )
    reasons = not_empty_reasons()
    if reasons:
        raise BackupError(
            "restore needs an empty installation (a new database after `trienlam migrate` "
            "and an empty media folder): " + "; ".join(reasons)
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = media_root / f".restore-{uuid.uuid4().hex[:8]}"
    moved: list[Path] = []
    try:
        if (folder / "media").is_dir():
            shutil.copytree(folder / "media", staging)
        with transaction.atomic():
            rows = _load_rows(folder / DATABASE)
            if staging.is_dir():
                for path in sorted(p for p in staging.rglob("*") if p.is_file()):
                    target = media_root / path.relative_to(staging)
                    if target.exists():
                        raise BackupError(f"{target} already exists in the media folder")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
                    moved.append(target)
            _queue_derivatives()
    except BaseException:
        for target in moved:
            target.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from trienlam.operations import pagecache

    pagecache.bump()
    log(f"restored {rows} rows and {len(moved)} media files")
    return RestoreResult(rows, len(moved))


def _load_rows(database: Path) -> int:
    rows = json.loads(database.read_text(encoding="utf-8"))
    # Rows that `migrate` seeded (e.g. default agency groups) give way to the backup's own.
    for label in sorted({row["model"] for row in rows}):
        model = apps.get_model(label)
        model._default_manager.all().delete()
    call_command("loaddata", str(database), verbosity=0)
    return len(rows)


def _queue_derivatives() -> None:
    """Tiles and sized copies are not in a backup: the worker rebuilds them."""
    from trienlam.catalogue.models import Media

    Media.objects.filter(mime_type__gt="").update(
        state=Media.State.PENDING, claimed_at=None, built_from="", error="", sizes=[]
    )
