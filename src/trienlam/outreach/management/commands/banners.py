"""`trienlam banners`: draw (or find cached) every public exhibition's banners and share
images now, so the first visitor of the promotion kit does not wait for them."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trienlam.exhibitions.models import Exhibition
from trienlam.outreach import kit


class Command(BaseCommand):
    help = "Draw the banners and share images of every public exhibition (cached on disk)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.PUBLIC_BASE_URL:
            raise CommandError(
                "Set TRIENLAM_PUBLIC_BASE_URL: banners show the exhibition's web address."
            )
        for exhibition in Exhibition.objects.public().order_by("pk"):
            started = time.perf_counter()
            total = 0
            for size in kit.sizes(exhibition):
                for scale in kit.SCALES:
                    for fmt in kit.FORMATS:
                        path, _key = kit.banner_file(None, exhibition, size, scale, fmt)
                        total += path.stat().st_size
            kit.share_file(None, exhibition=exhibition)
            self.stdout.write(
                f"{exhibition.slug}: 8 banners, {total / 1000:.0f} kB, "
                f"{time.perf_counter() - started:.1f} s"
            )
