from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from trienlam.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from scratch, from the public items."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = rebuild()
        self.stdout.write(
            _("Search index rebuilt: %(count)d public items in %(seconds).1f s.")
            % {"count": count, "seconds": time.perf_counter() - started}
        )
