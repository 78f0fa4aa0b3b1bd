"""`trienlam publish --out DIR [--base-url URL]`: the static export."""

from __future__ import annotations

import json
import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from trienlam.publishing.exporter import publish
from trienlam.publishing.output import ExportError


class Command(BaseCommand):
    help = (
        "Export every public page, image tile, manifest and a static search index into DIR "
        "(atomic: DIR becomes a link to the new version only when it is complete)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", required=True, help="where the export is served from")
        parser.add_argument(
            "--base-url",
            default="",
            help="address the export is served at (default: TRIENLAM_PUBLIC_BASE_URL)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes rendering pages (default TRIENLAM_EXPORT_WORKERS, else one per core)",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        log = (lambda _: None) if options["json"] else self.stderr.write
        # One log line per rendered page (the request log) would drown the report.
        request_log = logging.getLogger("trienlam.request")
        level = request_log.level
        request_log.setLevel(logging.WARNING)
        try:
            report = publish(
                options["out"], options["base_url"] or None, log=log, workers=options["workers"]
            )
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            request_log.setLevel(level)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
            return
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(report.summary())
