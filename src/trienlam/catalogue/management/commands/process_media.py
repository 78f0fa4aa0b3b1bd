"""`trienlam process_media`: build IIIF tiles and sized copies for queued media.

Run it once (cron) or with --loop (systemd): an upload only queues its pages,
so the admin answers at once and this worker does the image work.
"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from trienlam.catalogue import processing
from trienlam.catalogue.models import Media


class Command(BaseCommand):
    help = "Build derivatives (IIIF tiles, sized copies) for media waiting in the queue."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--loop", action="store_true", help="Keep running and poll for new work."
        )
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds between polls with --loop."
        )
        parser.add_argument(
            "--requeue-all",
            action="store_true",
            help="Check every media again; only those whose original changed are rebuilt.",
        )
        parser.add_argument(
            "--retry-failed", action="store_true", help="Queue failed media again."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["requeue_all"]:
            processing.requeue(Media.objects.all())
        elif options["retry_failed"]:
            processing.requeue(Media.objects.filter(state=Media.State.FAILED))
        while True:
            self.run_once()
            if not options["loop"]:
                return
            time.sleep(options["interval"])

    def run_once(self) -> None:
        total = processing.pending_count()
        if total == 0:
            return
        counts = {"built": 0, "current": 0, "failed": 0}
        done = 0

        def progress(outcome: processing.Outcome) -> None:
            nonlocal done
            done += 1
            if outcome.error:
                counts["failed"] += 1
                self.stderr.write(f"\n{outcome.media}: {outcome.error}")
            elif outcome.built:
                counts["built"] += 1
            else:
                counts["current"] += 1
            self.progress_bar(done, max(total, done))

        processing.process_all(on_progress=progress)
        self.stdout.write("")
        self.stdout.write(
            _("Derivatives: %(built)d built, %(current)d already current, %(failed)d failed.")
            % counts
        )

    def progress_bar(self, done: int, total: int) -> None:
        if not sys.stdout.isatty() and done not in (total,) and done % 25:
            return
        width = 30
        filled = round(width * done / total)
        bar = "█" * filled + "·" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
