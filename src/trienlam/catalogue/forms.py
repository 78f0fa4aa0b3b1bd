"""The checks every item form shares — the admin's and the importer's — on top of the
model's own validation (identifier, dates, quotation text, NFC), so that a row of a
spreadsheet and an admin page are accepted or refused for the same reasons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from trienlam.catalogue import roles
from trienlam.catalogue.models import Institution, Item


class ItemChecks(forms.ModelForm):
    """*actor* may only put items into institutions they may edit: editors any, curators
    their own."""

    actor: Any = None

    class Meta:
        model = Item
        fields = "__all__"  # noqa: DJ007 - subclasses choose

    def clean_institution(self) -> Institution | None:
        institution = self.cleaned_data.get("institution")
        if institution is not None and not roles.may_edit_item(
            self.actor, Item(institution=institution)
        ):
            raise forms.ValidationError(
                _("You may not add or change items of “%(institution)s”.")
                % {"institution": institution},
                code="forbidden_institution",
            )
        return institution
