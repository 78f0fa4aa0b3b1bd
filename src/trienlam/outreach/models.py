"""Promoting agencies: who puts the exhibition's banner on its website, and their referral code.

The administrative structure changes (districts were abolished on 1 July 2025 and several
provinces merged), so groups are data an administrator edits, never a fixed list.
"""

from __future__ import annotations

import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from trienlam.lib.models import NFCModel

# Referral codes avoid letters and digits that are easy to confuse when read aloud or
# copied from paper (0/O, 1/I/L).
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6
code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{1,31}$",
    _("Use 2 to 32 lower-case letters, digits or hyphens, starting with a letter or digit."),
)


def new_referral_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class AgencyGroup(NFCModel):
    """A kind of promoting agency, as the organiser's letter addresses them."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("agency group")
        verbose_name_plural = _("agency groups")

    def __str__(self) -> str:
        return self.name


class Agency(NFCModel):
    """An agency asked to promote the exhibition (a department, a mass organisation, a commune…)."""

    name = models.CharField(_("name"), max_length=255)
    group = models.ForeignKey(
        AgencyGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
    )
    province = models.ForeignKey(
        "catalogue.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    code = models.CharField(
        _("referral code"),
        max_length=32,
        unique=True,
        default=new_referral_code,
        validators=[code_validator],
        help_text=_(
            "Added to the links in this agency's banner, so that its visitors are counted."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("promoting agency")
        verbose_name_plural = _("promoting agencies")
        constraints = [
            models.UniqueConstraint(fields=["name", "province"], name="agency_unique_name_province")
        ]

    def __str__(self) -> str:
        return self.name
