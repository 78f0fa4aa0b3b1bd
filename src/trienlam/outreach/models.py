"""Promoting agencies: who puts the exhibition's banner on its website, and their referral code.

The administrative structure changes (districts were abolished on 1 July 2025 and several
provinces merged), so groups are data an administrator edits, never a fixed list.
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
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


def banner_upload_to(instance: PromotionKit, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"promotion/{instance.exhibition_id}/{secrets.token_hex(8)}.{suffix}"


class PromotionKit(models.Model):
    """Per-exhibition promotion settings: banner sizes, and the curator's own banner files.

    Without a row, the defaults apply (wide 1200×300, sidebar 300×250, generated banners).
    """

    exhibition = models.OneToOneField(
        "exhibitions.Exhibition",
        verbose_name=_("exhibition"),
        on_delete=models.CASCADE,
        related_name="promotion_kit",
    )
    wide_width = models.PositiveIntegerField(
        _("wide banner width (px)"),
        default=1200,
        validators=[MinValueValidator(200), MaxValueValidator(3000)],
    )
    wide_height = models.PositiveIntegerField(
        _("wide banner height (px)"),
        default=300,
        validators=[MinValueValidator(50), MaxValueValidator(1500)],
    )
    sidebar_width = models.PositiveIntegerField(
        _("sidebar banner width (px)"),
        default=300,
        validators=[MinValueValidator(100), MaxValueValidator(3000)],
    )
    sidebar_height = models.PositiveIntegerField(
        _("sidebar banner height (px)"),
        default=250,
        validators=[MinValueValidator(50), MaxValueValidator(1500)],
    )
    wide_file = models.FileField(
        _("own wide banner"),
        upload_to=banner_upload_to,
        blank=True,
        max_length=255,
        help_text=_(
            "Optional: a designed banner (PNG, JPEG or WebP) of exactly the wide size, or "
            "twice it for high-density screens. Used instead of the generated one."
        ),
    )
    sidebar_file = models.FileField(
        _("own sidebar banner"),
        upload_to=banner_upload_to,
        blank=True,
        max_length=255,
        help_text=_(
            "Optional: a designed banner (PNG, JPEG or WebP) of exactly the sidebar size, or "
            "twice it. Used instead of the generated one."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("promotion kit")
        verbose_name_plural = _("promotion kits")

    def __str__(self) -> str:
        return str(self.exhibition)
