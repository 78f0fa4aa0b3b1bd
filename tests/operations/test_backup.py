"""`trienlam backup` / `trienlam restore`: round trip, and refusal of damaged backups."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests import builders as b
from trienlam.catalogue import processing
from trienlam.catalogue.models import Institution, Item, Media
from trienlam.exhibitions.models import Exhibition, Placement
from trienlam.operations.backup import SUMS, restore_backup

pytestmark = pytest.mark.django_db(transaction=True)


def build_content(tmp_path: Path) -> dict[str, object]:
    from django.contrib.auth.models import User

    b.site_profile()
    archive = b.institution()
    ex = b.exhibition(slug="cum-thi-dua")
    part = b.part(ex, slug="phan-1")
    scans = tmp_path / "scans"
    scans.mkdir()
    item = b.with_pages(b.item(archive, title="Công văn về phong trào thi đua"), scans, 2)
    draft = b.item(archive, title="Bản nháp", status=Item.Status.DRAFT)
    b.place(part, item)
    b.place(part, draft, position=1)
    User.objects.create_user("canbo", "c@x.vn", "mat-khau-dai-1")
    return snapshot()


def snapshot() -> dict[str, object]:
    media_root = Path(settings.MEDIA_ROOT)
    return {
        "items": sorted(Item.objects.values_list("identifier", "title", "status")),
        "institutions": sorted(Institution.objects.values_list("slug", "name")),
        "exhibitions": sorted(Exhibition.objects.values_list("slug", "title")),
        "placements": Placement.objects.count(),
        "media": sorted(
            (m.item.identifier, m.position, m.sha256, m.file.name)
            for m in Media.objects.select_related("item")
        ),
        "originals": sorted(
            (p.relative_to(media_root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in (media_root / "originals").rglob("*")
            if p.is_file()
        ),
    }


def empty_installation() -> None:
    """A new installation: migrated tables with no rows, an empty media folder."""
    import shutil

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    Path(settings.MEDIA_ROOT).mkdir()


def test_round_trip_restores_rows_and_originals(tmp_path: Path) -> None:
    before = build_content(tmp_path)
    out = tmp_path / "backup"
    call_command("backup", str(out), verbosity=0)
    assert subprocess.run(["sha256sum", "--quiet", "-c", SUMS], cwd=out).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["media_files"] == 2  # the two scanned pages
    assert not list(out.glob("media/iiif/**/*.jpg"))  # derivatives are rebuilt, not kept

    empty_installation()
    assert Item.objects.count() == 0
    call_command("restore", str(out), verbosity=0)
    assert snapshot() == before
    # the worker rebuilds the tiles; then the public page shows them
    assert processing.pending_count() == 2
    processing.process_all()
    assert Media.objects.filter(state=Media.State.READY).count() == 2
    from django.test import Client

    item = Item.objects.get(status=Item.Status.PUBLISHED)
    assert Client().get(f"/tu-lieu/{item.identifier}/").status_code == 200


def test_restore_refuses_a_non_empty_installation(tmp_path: Path) -> None:
    build_content(tmp_path)
    out = tmp_path / "backup"
    call_command("backup", str(out), verbosity=0)
    with pytest.raises(CommandError, match=r"empty installation.*catalogue.Item has 2 rows"):
        call_command("restore", str(out), verbosity=0)


def test_backup_will_not_overwrite(tmp_path: Path) -> None:
    (tmp_path / "exists").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path / "exists"), verbosity=0)


def _original(out: Path) -> Path:
    return next(p for p in (out / "media").rglob("*") if p.is_file())


DAMAGE = {
    "truncated original": (
        lambda out: _original(out).write_bytes(_original(out).read_bytes()[:100]),
        "is damaged: its SHA-256 does not match",
    ),
    "tampered database": (
        lambda out: (out / "database.json").write_text(
            (out / "database.json").read_text().replace("Công văn", "Công vân")
        ),
        "database.json is damaged",
    ),
    "missing original": (lambda out: _original(out).unlink(), "is missing from the backup"),
    "missing sums": (lambda out: (out / SUMS).unlink(), "SHA256SUMS is missing"),
    "damaged sums line": (
        lambda out: (out / SUMS).write_text("nonsense\n" + (out / SUMS).read_text()),
        "SHA256SUMS line 1 is damaged",
    ),
    "extra file": (
        lambda out: (out / "media" / "planted.sh").write_text("x"),
        "media/planted.sh is in the backup folder but not in SHA256SUMS",
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_backup_is_refused_and_nothing_is_written(tmp_path: Path, damage: str) -> None:
    build_content(tmp_path)
    out = tmp_path / "backup"
    call_command("backup", str(out), verbosity=0)
    empty_installation()
    harm, message = DAMAGE[damage]
    harm(out)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(out), verbosity=0)
    assert Item.objects.count() == 0 and Institution.objects.count() == 0
    assert list(Path(settings.MEDIA_ROOT).iterdir()) == []


def test_a_failure_while_loading_rolls_everything_back(tmp_path: Path) -> None:
    build_content(tmp_path)
    out = tmp_path / "backup"
    call_command("backup", str(out), verbosity=0)
    empty_installation()
    # Checksums that match a database whose last row cannot be loaded (a placement of an
    # item that does not exist): verification passes, loading fails half-way.
    rows = json.loads((out / "database.json").read_text())
    placement = next(r for r in rows if r["model"] == "exhibitions.placement")
    rows.append({**placement, "pk": 999999, "fields": {**placement["fields"], "item": 424242}})
    (out / "database.json").write_text(json.dumps(rows))
    _rewrite_sums(out)
    with pytest.raises(Exception):  # noqa: B017 - the database's own integrity error
        restore_backup(out)
    assert Item.objects.count() == 0 and Placement.objects.count() == 0
    assert list(Path(settings.MEDIA_ROOT).iterdir()) == []


def _rewrite_sums(out: Path) -> None:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != SUMS):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(out).as_posix()}\n")
    (out / SUMS).write_text("".join(lines))


def test_restore_into_a_new_installation_by_the_command_line(tmp_path: Path) -> None:
    """The backup restores into a separate, new SQLite installation (from PostgreSQL when the
    suite runs on PostgreSQL: a move between database systems)."""
    before = build_content(tmp_path)
    out = tmp_path / "backup"
    call_command("backup", str(out), verbosity=0)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env["TRIENLAM_DATA_DIR"] = str(tmp_path / "new")
    cli = [sys.executable, "-m", "trienlam.cli"]
    for step in (["migrate", "-v0"], ["restore", str(out)]):
        done = subprocess.run([*cli, *step], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert "restored" in done.stdout
    code = (
        "import django, json; django.setup(); "
        "from trienlam.catalogue.models import Item; "
        "print(json.dumps(sorted(Item.objects.values_list('identifier', 'title', 'status'))))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "trienlam.settings"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert [tuple(x) for x in json.loads(done.stdout)] == before["items"], done.stderr
    new_media = tmp_path / "new" / "media" / "originals"
    assert sorted(p.name for p in new_media.rglob("*") if p.is_file()) == sorted(
        Path(name).name for name, _ in before["originals"]
    )
    # a second restore into the now full installation is refused, naming why
    done = subprocess.run([*cli, "restore", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "restore refused" in done.stderr and "empty installation" in done.stderr
