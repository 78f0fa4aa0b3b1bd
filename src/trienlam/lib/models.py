"""Model helpers shared by the apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext

from trienlam.lib.text import first_control_character, nfc, without_control_characters


class NFCModel(models.Model):
    """Stores every character and text field in Unicode NFC, without invisible control
    characters (lib/text.py): validation (the admin's forms, the importer's rows) refuses
    them, naming the field and the character; a save that skipped validation drops them."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.normalise_text(strip_controls=True)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:  # type: ignore[no-untyped-def]
        self.normalise_text()
        errors: dict[str, list[ValidationError]] = {}
        for field in self._text_fields():
            value = getattr(self, field.attname)
            found = first_control_character(value) if isinstance(value, str) else None
            if found is not None and field.name not in (exclude or ()):
                message = gettext(
                    "contains an invisible control character (U+%(code)04X), which a page "
                    "would show garbled or in a reversed order: remove it"
                ) % {"code": ord(found)}
                errors[field.name] = [ValidationError(message, code="control_character")]
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            for name, more in exc.error_dict.items():
                errors.setdefault(name, []).extend(more)
        if errors:
            raise ValidationError(errors)

    def normalise_text(self, *, strip_controls: bool = False) -> None:
        for field in self._text_fields():
            value = getattr(self, field.attname)
            if isinstance(value, str):
                value = nfc(value)
                setattr(
                    self,
                    field.attname,
                    without_control_characters(value) if strip_controls else value,
                )

    def _text_fields(self) -> list[models.Field]:
        return [
            field
            for field in self._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
        ]
