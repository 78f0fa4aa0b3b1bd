"""`trienlam restore IN`: a checked backup into an empty installation, all or nothing."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trienlam.operations.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `trienlam backup` into an empty installation (after "
        "`trienlam migrate`). Every checksum is verified first; a damaged backup is refused."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("backup", type=Path, help="The backup folder.")
        parser.add_argument(
            "--check", action="store_true", help="Only verify the checksums; restore nothing."
        )

    def handle(self, *args: Any, backup: Path, check: bool, **options: Any) -> None:
        try:
            if check:
                manifest = verify_backup(backup)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{backup}: every checksum matches ({manifest['rows']} rows, "
                        f"{manifest['media_files']} media files, made {manifest['created']})"
                    )
                )
                return
            result = restore_backup(backup, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(f"restore refused: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"restored {result.rows} rows and {result.files} media files. Now run "
                "`trienlam worker` (or let the service run) to rebuild tiles and sized copies, "
                "then `trienlam verify`."
            )
        )
