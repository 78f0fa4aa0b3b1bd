"""`trienlam import_agencies SHEET --user USERNAME [--dry-run]`."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from trienlam.outreach.importing import import_agencies


class Command(BaseCommand):
    help = (
        "Import promoting agencies from a spreadsheet (.xlsx or .csv), all or nothing. "
        "--dry-run checks everything and writes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("sheet", type=Path, help="The spreadsheet (.xlsx or .csv).")
        parser.add_argument("--user", required=True, help="Username of the person importing.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            actor = User.objects.get(**{User.USERNAME_FIELD: options["user"]})
        except User.DoesNotExist as exc:
            raise CommandError(_("No user is called “%s”.") % options["user"]) from exc
        report = import_agencies(sheet=options["sheet"], actor=actor, dry_run=options["dry_run"])
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError(_("Nothing was saved."))
