"""Model helpers shared by the apps."""

from __future__ import annotations

from django.db import models

from trienlam.lib.text import nfc


class NFCModel(models.Model):
    """Stores every character and text field in Unicode NFC."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.normalise_text()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:  # type: ignore[no-untyped-def]
        self.normalise_text()
        super().clean_fields(exclude=exclude)

    def normalise_text(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))
