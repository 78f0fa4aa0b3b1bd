from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "trienlam.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from trienlam.catalogue import signals  # noqa: F401
