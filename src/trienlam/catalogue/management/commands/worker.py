"""`trienlam worker`: the one background worker — bulk imports, then media derivatives.

`./run serve` starts it with --loop; in production run it as a systemd service.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from trienlam.catalogue import import_jobs


class Command(BaseCommand):
    help = "Run queued bulk imports and build derivatives for queued media."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running and poll.")
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            import_jobs.run_pending()
            call_command("process_media", stdout=self.stdout, stderr=self.stderr)
            if not options["loop"]:
                return
            time.sleep(options["interval"])
