from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "trienlam.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from trienlam.catalogue import signals  # noqa: F401
        from trienlam.imaging.derive import check_dzsave

        # Fail at start, not at the first upload, when libvips cannot tile.
        try:
            check_dzsave()
        except RuntimeError as exc:
            raise ImproperlyConfigured(str(exc)) from exc
