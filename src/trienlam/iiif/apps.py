from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IiifConfig(AppConfig):
    name = "trienlam.iiif"
    verbose_name = _("IIIF")
