"""`trienlam verify`: the fixity check. Re-reads every stored original and compares
its SHA-256 with the value recorded when it was accepted."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from trienlam.catalogue.models import Media
from trienlam.imaging.inspect import sha256_of


class Command(BaseCommand):
    # Each problem is one line starting with a fixed word (MISSING, CHANGED, ORPHAN) that
    # monitoring can grep; the closing summary is in the interface language.

    help = "Check the SHA-256 of every stored original; report damaged, missing and orphan files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--delete-orphans",
            action="store_true",
            help="Remove stored originals that no media row refers to (left by an interrupted "
            "upload).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        originals: dict[str, str] = {}
        for name, sha in Media.objects.values_list("file", "sha256").order_by("file"):
            originals.setdefault(name, sha)
        root = Path(settings.MEDIA_ROOT)
        damaged, missing = [], []
        for name, expected in originals.items():
            path = root / name
            if not path.exists():
                missing.append(name)
                self.stderr.write(f"MISSING  {name}")
                continue
            actual = sha256_of(path)
            if actual != expected:
                damaged.append(name)
                self.stderr.write(f"CHANGED  {name}: expected {expected}, found {actual}")
        known = {str(root / name) for name in originals}
        orphans = [
            path
            for path in sorted((root / "originals").glob("**/*"))
            if path.is_file() and str(path) not in known
        ]
        for path in orphans:
            self.stdout.write(f"ORPHAN   {path.relative_to(root)}")
            if options["delete_orphans"]:
                path.unlink()
        self.stdout.write(
            _(
                "Checked %(checked)d originals: %(ok)d intact, %(damaged)d changed, "
                "%(missing)d missing; %(orphans)d orphan files."
            )
            % {
                "checked": len(originals),
                "ok": len(originals) - len(damaged) - len(missing),
                "damaged": len(damaged),
                "missing": len(missing),
                "orphans": len(orphans),
            }
        )
        if damaged or missing:
            raise CommandError(_("Fixity check failed."))
