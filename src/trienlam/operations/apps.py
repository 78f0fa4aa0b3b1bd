from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "trienlam.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from trienlam.operations import pagecache

        pagecache.connect()
