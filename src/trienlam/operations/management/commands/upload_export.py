"""`trienlam upload_export DIR`: upload a static export to the object storage bucket."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from trienlam.operations.objectstore import MANIFEST_NAME, upload_plan


class Command(BaseCommand):
    help = "Upload a static export folder to the S3 bucket (TRIENLAM_STORAGE=s3), changes only."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be uploaded, upload nothing."
        )

    def handle(self, *args: Any, folder: Path, dry_run: bool, **options: Any) -> None:
        if "export" not in settings.STORAGES:
            raise CommandError(
                "no object storage configured: set TRIENLAM_STORAGE=s3 and the "
                "TRIENLAM_S3_* variables (docs/deployment.md)"
            )
        if not (folder / "index.html").is_file():
            raise CommandError(f"{folder} is not a static export (no index.html)")
        store = storages["export"]
        previous: dict[str, str] = {}
        if store.exists(MANIFEST_NAME):
            with store.open(MANIFEST_NAME) as handle:
                previous = json.load(handle)
        plan = upload_plan(folder, previous)
        self.stdout.write(f"{len(plan.upload)} files to upload, {plan.unchanged} unchanged")
        if dry_run:
            for name in plan.upload:
                self.stdout.write(f"  {name}")
            return
        for name in plan.upload:
            with (folder / name).open("rb") as handle:
                store.save(name, handle)
        manifest = json.dumps(plan.checksums, indent=0, sort_keys=True).encode()
        store.save(MANIFEST_NAME, ContentFile(manifest))
        self.stdout.write(self.style.SUCCESS(f"uploaded {len(plan.upload)} files"))
