from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrowseConfig(AppConfig):
    name = "trienlam.browse"
    verbose_name = _("Browse")
