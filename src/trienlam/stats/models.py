"""Visit statistics: daily aggregates only.

A visit is one view of a public exhibition, part or item page. Each row of `DailyVisit` says
"on this day, this page was viewed N times by visitors arriving with this referral code from
this referring site". Nothing identifies a visitor: no IP address, user agent, cookie or time
of day is stored (docs/configuration.md, "Visit statistics").
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Section

# `DailyVisit.ref` for a referral code that is malformed or belongs to no agency.
UNKNOWN = "?"


class Page(models.Model):
    """A counted page, by its path. The links to exhibition, part and item are kept for the
    report; if one of them is deleted the counts stay, labelled by the path."""

    class Kind(models.TextChoices):
        EXHIBITION = "exhibition", _("exhibition page")
        PART = "part", _("part page")
        ITEM = "item", _("item page")

    path = models.CharField(_("path"), max_length=300, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    part = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("counted page")
        verbose_name_plural = _("counted pages")

    def __str__(self) -> str:
        return self.path


class DailyVisit(models.Model):
    """How many views one page had on one day, per referral code and referring site."""

    day = models.DateField(_("day"))
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="visits")
    # "" no referral code; "?" (UNKNOWN) a malformed or unregistered one; else an agency's code.
    ref = models.CharField(_("referral code"), max_length=32, blank=True, default="")
    # Host of the referring site; "" none (typed address, bookmark, same site, no JavaScript).
    host = models.CharField(_("referring site"), max_length=100, blank=True, default="")
    count = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("daily visit count")
        verbose_name_plural = _("daily visit counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "ref", "host"], name="stats_dailyvisit_one_row"
            )
        ]
        indexes = [models.Index(fields=["day"], name="stats_dailyvisit_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.page_id} {self.ref} {self.host}: {self.count}"


class ReachReport(DailyVisit):
    """The reach dashboard's entry in the admin index (a link, no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("reach dashboard")
        verbose_name_plural = _("reach dashboard")
