from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_engine(using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    from trienlam.search.schema import ensure

    ensure(connections[using])


class SearchConfig(AppConfig):
    name = "trienlam.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # After every migrate: SQLite loses a table's triggers when a migration rebuilds it.
        post_migrate.connect(_ensure_engine, dispatch_uid="trienlam.search.ensure_engine")
