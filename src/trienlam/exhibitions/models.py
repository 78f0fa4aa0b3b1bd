"""Exhibitions: parts and sections in order, items placed in them with captions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trienlam.catalogue.models import Item
from trienlam.lib.models import NFCModel


class SiteProfile(NFCModel):
    """Who is responsible for this installation, shown in every page's footer.

    Vietnamese government sites must name the responsible agency, its address
    and a person in charge. One row; the admin edits it.
    """

    site_name = models.CharField(_("site name"), max_length=200)
    agency = models.CharField(_("responsible agency"), max_length=255)
    address = models.CharField(_("address"), max_length=255)
    person_in_charge = models.CharField(_("person in charge"), max_length=255)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    licence_note = models.CharField(
        _("licence or registration note"), max_length=255, blank=True
    )
    privacy_note = models.TextField(
        _("privacy note"),
        help_text=_("Shown on the privacy page; the footer shows its first paragraph."),
    )
    illustrative = models.BooleanField(
        _("content is illustrative"),
        default=False,
        help_text=_("Label every page as illustrative sample data (the demo)."),
    )

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")

    def __str__(self) -> str:
        return self.site_name

    @classmethod
    def current(cls) -> SiteProfile | None:
        return cls.objects.order_by("pk").first()


class ExhibitionQuerySet(models.QuerySet["Exhibition"]):
    def public(self) -> ExhibitionQuerySet:
        """The one definition of a public exhibition: published."""
        return self.filter(status=Exhibition.Status.PUBLISHED)


class Exhibition(NFCModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    legal_basis = models.TextField(
        _("legal basis"), blank=True, help_text=_("One directive or decision per line.")
    )
    organisers = models.TextField(
        _("organisers"), blank=True, help_text=_("One organising body per line.")
    )
    co_organisers = models.TextField(
        _("co-organisers"), blank=True, help_text=_("One body per line.")
    )
    occasion = models.CharField(_("occasion"), max_length=300, blank=True)
    venue = models.CharField(_("physical venue"), max_length=300, blank=True)
    cover = models.ForeignKey(
        "catalogue.Media",
        verbose_name=_("cover image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-opens_on", "title"]
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": gettext("The closing date is before the opening date.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("exhibition", kwargs={"slug": self.slug})

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def legal_basis_lines(self) -> list[str]:
        return self._lines(self.legal_basis)

    def organiser_lines(self) -> list[str]:
        return self._lines(self.organisers)

    def co_organiser_lines(self) -> list[str]:
        return self._lines(self.co_organisers)

    def introduction_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.introduction.split("\n\n") if p.strip()]

    def public_placements(self) -> models.QuerySet[Placement]:
        """Placements the public sees: their item is public (the exhibition's own state is
        checked by the caller, which fetched it with `public()`)."""
        return self.placements.filter(item__in=Item.objects.public())


class Section(NFCModel):
    """A part of an exhibition (no parent) or a section inside a part (one level)."""

    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Empty for a part; the part for a section inside it."),
    )
    label = models.CharField(
        _("label"), max_length=50, blank=True, help_text=_('For example "Phần I".')
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100)
    introduction = models.TextField(_("introduction"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["exhibition", "position", "id"]
        verbose_name = _("part or section")
        verbose_name_plural = _("parts and sections")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "slug"], name="section_slug_unique_in_exhibition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip() if self.label else self.title

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        parent = self.parent
        if parent.pk == self.pk and self.pk is not None:
            raise ValidationError({"parent": gettext("A section cannot be inside itself.")})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": gettext("Sections nest one level only: choose a part, not a section.")}
            )
        if self.exhibition_id and parent.exhibition_id != self.exhibition_id:
            raise ValidationError(
                {
                    "parent": gettext(
                        "This part belongs to another exhibition; a section belongs to one "
                        "exhibition only."
                    )
                }
            )
        if self.pk is not None and self.children.exists():
            raise ValidationError(
                {
                    "parent": gettext(
                        "This part has sections of its own and cannot become a section."
                    )
                }
            )

    @property
    def is_part(self) -> bool:
        return self.parent_id is None

    @property
    def part(self) -> Section:
        return self.parent if self.parent_id else self

    def get_absolute_url(self) -> str:
        part = self.part
        url = reverse("part", kwargs={"slug": self.exhibition.slug, "part": part.slug})
        return url if part.pk == self.pk else f"{url}#{self.slug}"

    def introduction_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.introduction.split("\n\n") if p.strip()]


class Placement(NFCModel):
    """An item shown in a section, in order, with an optional caption of its own."""

    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition"),
        on_delete=models.CASCADE,
        related_name="placements",
        editable=False,
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("part or section"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="placements"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    caption = models.TextField(
        _("caption"), blank=True, help_text=_("Replaces the item's summary in this exhibition.")
    )

    class Meta:
        ordering = ["section", "position", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "item"], name="placement_item_once_per_exhibition"
            )
        ]

    def __str__(self) -> str:
        return str(self.item)

    def clean(self) -> None:
        super().clean()
        if self.section_id is None:
            return
        if self.exhibition_id and self.exhibition_id != self.section.exhibition_id:
            raise ValidationError(
                {
                    "section": gettext(
                        "This section belongs to another exhibition; a placement belongs to one "
                        "exhibition only."
                    )
                }
            )
        self.exhibition_id = self.section.exhibition_id
        if (
            self.item_id
            and Placement.objects.filter(exhibition_id=self.exhibition_id, item_id=self.item_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"item": gettext("This item is already placed in this exhibition.")}
            )

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.section_id and not self.exhibition_id:
            self.exhibition_id = self.section.exhibition_id
        super().save(*args, **kwargs)

    @property
    def display_caption(self) -> str:
        return self.caption or self.item.summary

    def get_absolute_url(self) -> str:
        return reverse(
            "exhibition_item",
            kwargs={"slug": self.exhibition.slug, "identifier": self.item.identifier},
        )
