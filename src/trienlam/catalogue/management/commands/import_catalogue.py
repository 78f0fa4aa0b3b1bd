"""`trienlam import_catalogue SHEET [FILES] --user USERNAME [--dry-run] [--no-derivatives]`."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from trienlam.catalogue import processing
from trienlam.catalogue.importing.run import import_catalogue


class Command(BaseCommand):
    help = (
        "Import catalogue items from a spreadsheet (.xlsx or .csv) and a folder or ZIP of "
        "scans, all or nothing. --dry-run checks everything and writes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("sheet", type=Path, help="The spreadsheet (.xlsx or .csv).")
        parser.add_argument(
            "files", type=Path, nargs="?", help="The folder or .zip holding the scans."
        )
        parser.add_argument("--user", required=True, help="Username of the person importing.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--no-derivatives",
            action="store_true",
            help="Leave the derivatives to the background worker (process_media).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            actor = User.objects.get(**{User.USERNAME_FIELD: options["user"]})
        except User.DoesNotExist as exc:
            raise CommandError(_("No user is called “%s”.") % options["user"]) from exc
        report = import_catalogue(
            sheet=options["sheet"],
            files=options["files"],
            actor=actor,
            dry_run=options["dry_run"],
            on_progress=self.progress_bar,
        )
        self.stdout.write("")
        for problem in report.problems:
            self.stdout.write(str(problem))
        for identifier in report.created:
            self.stdout.write(_("created: %s") % identifier)
        for identifier in report.updated:
            self.stdout.write(_("updated: %s") % identifier)
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError(_("Nothing was imported: correct the problems above."))
        if report.dry_run:
            self.stdout.write(_("Dry run: everything is in order; nothing was written."))
            return
        if not options["no_derivatives"]:
            total = processing.pending_count()
            done = 0

            def derived(outcome: processing.Outcome) -> None:
                nonlocal done
                done += 1
                if outcome.error:
                    self.stderr.write(f"\n{outcome.media}: {outcome.error}")
                self.progress_bar(_("derivatives"), done, max(total, done))

            processing.process_all(on_progress=derived)
            self.stdout.write("")

    def progress_bar(self, stage: str, done: int, total: int) -> None:
        if not sys.stdout.isatty() and done != total and done % 25:
            return
        stage = {"validation": _("checking"), "storage": _("storing")}.get(stage, stage)
        width = 30
        filled = round(width * done / max(total, 1))
        bar = "█" * filled + "·" * (width - filled)
        self.stdout.write(f"\r{stage:<12} [{bar}] {done}/{total}", ending="")
        self.stdout.flush()
        if done == total:
            self.stdout.write("")
