"""`trienlam backup OUT`: the database (one snapshot) and the originals, with SHA-256 sums."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trienlam.operations.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Write a consistent backup (database rows + originals + SHA256SUMS) to a new folder."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("out", type=Path, help="A folder that does not exist yet.")

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        try:
            result = make_backup(out, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"backup written to {result.folder}: {result.rows} rows, {result.files} media "
                f"files ({result.bytes} bytes)"
            )
        )
