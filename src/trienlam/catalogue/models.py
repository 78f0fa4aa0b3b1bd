"""The catalogue: contributing institutions, items and their media files."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trienlam.lib.models import NFCModel


class Province(NFCModel):
    """A province as named at the time of the records.

    Provinces merge and are renamed (34 since 2025); the list is data an
    administrator edits, and items keep the name of their time.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("For example a merger or a successor province."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Institution(NFCModel):
    class Kind(models.TextChoices):
        NATIONAL_ARCHIVE = "national_archive", _("national archives centre")
        PROVINCIAL_ARCHIVE = "provincial_archive", _("provincial archive")
        EMULATION_BOARD = "emulation_board", _("emulation and reward board")
        ORGANISATION = "organisation", _("organisation")
        INDIVIDUAL = "individual", _("individual")

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The body that took over this institution's records, if it was merged."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name


class Membership(models.Model):
    """A person's role at an institution (curator) or in composing exhibitions (editor).

    Administrators are Django superusers. A person may hold several memberships.
    """

    class Role(models.TextChoices):
        CURATOR = "curator", _("institution curator")
        EDITOR = "editor", _("exhibition editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Required for a curator: the institution whose items they keep."),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        where = f" — {self.institution}" if self.institution_id else ""
        return f"{self.user} · {self.get_role_display()}{where}"

    def clean(self) -> None:
        super().clean()
        if self.role == self.Role.CURATOR and not self.institution_id:
            raise ValidationError(
                {"institution": gettext("A curator belongs to an institution: choose one.")}
            )


class ItemQuerySet(models.QuerySet["Item"]):
    def editable_by(self, user: AbstractBaseUser | AnonymousUser) -> ItemQuerySet:
        """The one definition of what a signed-in person may see and edit in the catalogue:
        everything for administrators and exhibition editors, their own institutions'
        items for curators, nothing for anybody else."""
        from trienlam.catalogue.roles import curator_institution_ids, sees_everything

        if sees_everything(user):
            return self.all()
        return self.filter(institution_id__in=curator_institution_ids(user))

    def public(self) -> ItemQuerySet:
        """The one definition of what the public may see: published items only.

        Withdrawn is its own state, so a withdrawn item is never published.
        """
        return self.filter(status=Item.Status.PUBLISHED)


identifier_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
    _("Use letters, digits, dots, hyphens and underscores only (at most 40 characters)."),
)


@dataclass(frozen=True)
class Rendition:
    """One resized copy of a page image, served for `srcset`."""

    url: str
    width: int
    height: int


class Item(NFCModel):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        PHOTO = "photo", _("photo")
        QUOTATION = "quotation", _("quotation")
        AUDIO = "audio", _("audio recording")
        VIDEO = "video", _("video")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    identifier = models.CharField(
        _("identifier"),
        max_length=40,
        unique=True,
        validators=[identifier_validator],
        help_text=_("Stable public identifier used in links, e.g. TL-0097. Never reused."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    date_text = models.CharField(
        _("date as written"),
        max_length=100,
        blank=True,
        help_text=_('As the archivist writes it: "12/6/1948", "khoảng năm 1950".'),
    )
    date_start = models.DateField(_("earliest date"), null=True, blank=True)
    date_end = models.DateField(_("latest date"), null=True, blank=True)
    doc_number = models.CharField(
        _("document number and symbol"), max_length=100, blank=True
    )
    creator = models.CharField(
        _("issuing body or author"),
        max_length=255,
        blank=True,
        help_text=_("For a quotation: the speaker."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        default="vi",
        help_text=_("Language codes separated by commas, e.g. vi, fr."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("contributing institution"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    repository = models.ForeignKey(
        Institution,
        verbose_name=_("repository"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_items",
        help_text=_("The archive holding the original; the contributing institution if empty."),
    )
    fonds = models.CharField(_("fonds"), max_length=255, blank=True)
    series = models.CharField(_("series (inventory number)"), max_length=100, blank=True)
    file_unit = models.CharField(_("file number"), max_length=100, blank=True)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    other_code = models.CharField(
        _("other reference code"),
        max_length=100,
        blank=True,
        help_text=_("For example a photo archive code."),
    )
    source_title = models.CharField(
        _("published source"),
        max_length=255,
        blank=True,
        help_text=_("For a quotation: the book or collection it is quoted from."),
    )
    source_page = models.CharField(_("page in source"), max_length=50, blank=True)
    occasion = models.CharField(
        _("occasion"),
        max_length=255,
        blank=True,
        help_text=_("For a quotation: where and when it was said or written."),
    )
    quote_text = models.TextField(_("quotation text"), blank=True)
    rights = models.CharField(_("rights and credit line"), max_length=255, blank=True)
    transcription = models.TextField(_("transcription"), blank=True)
    status = models.CharField(
        _("access status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        # Public pages filter by status first: the browse counts by province, institution
        # and year read these instead of the wide item rows (100k items: 420 ms → 20 ms).
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["status", "province"]),
            models.Index(fields=["status", "institution"]),
            models.Index(fields=["status", "date_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} — {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValidationError(
                {"date_end": gettext("The latest date is before the earliest date.")}
            )
        if self.kind == self.Kind.QUOTATION and not self.quote_text.strip():
            raise ValidationError({"quote_text": gettext("A quotation needs its text.")})
        # "TL-0001" and "tl-0001" would be one item to a reader and one folder of the static
        # export on a case-insensitive disk: identifiers differ by more than letter case.
        # (The same identifier exactly is the unique field's own error.)
        if self.identifier:
            other = (
                Item.objects.filter(identifier__iexact=self.identifier)
                .exclude(identifier=self.identifier)
                .exclude(pk=self.pk)
                .values_list("identifier", flat=True)
                .first()
            )
            if other is not None:
                raise ValidationError(
                    {
                        "identifier": gettext(
                            "Item %(other)s already exists: identifiers must differ by more "
                            "than upper and lower case."
                        )
                        % {"other": other}
                    }
                )

    def get_absolute_url(self) -> str:
        return reverse("item", kwargs={"identifier": self.identifier})

    def get_kind_display(self) -> str:
        """The kind's label in the active language, as Django's generated method gives it,
        without rebuilding a dict of every choice at each call (every card calls it)."""
        try:
            return str(self.Kind(self.kind).label)
        except ValueError:
            return self.kind

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def holding_repository(self) -> Institution:
        return self.repository or self.institution

    def source_parts(self) -> list[str]:
        """The pieces of the source line, in the order archivists cite them."""
        parts: list[str] = []
        has_archival_ref = any(
            [self.fonds, self.series, self.file_unit, self.sheet, self.other_code]
        )
        if has_archival_ref or not self.source_title:
            parts.append(self.holding_repository.name)
        if self.fonds:
            parts.append(gettext("Fonds %s") % self.fonds)
        if self.series:
            parts.append(gettext("Series %s") % self.series)
        if self.file_unit:
            parts.append(gettext("File %s") % self.file_unit)
        if self.sheet:
            parts.append(gettext("sheet %s") % self.sheet)
        if self.other_code:
            parts.append(gettext("Code %s") % self.other_code)
        if self.source_title:
            parts.append(self.source_title)
        if self.source_page:
            parts.append(gettext("p. %s") % self.source_page)
        return parts

    @property
    def source_line(self) -> str:
        return gettext("Source: %s") % ", ".join(self.source_parts())

    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


def original_upload_to(instance: Media, filename: str) -> str:
    return f"originals/{instance.uid.hex[:2]}/{instance.uid.hex}/{filename}"


class MediaQuerySet(models.QuerySet["Media"]):
    def editable_by(self, user: AbstractBaseUser | AnonymousUser) -> MediaQuerySet:
        return self.filter(item__in=Item.objects.editable_by(user))

    def public(self) -> MediaQuerySet:
        """Files of public items: the only ones whose derivatives the public may fetch."""
        return self.filter(item__in=Item.objects.public())


class Media(NFCModel):
    """One page or recording of an item, in order.

    The original file is stored unchanged with its SHA-256. A multi-page TIFF or
    a PDF gives one Media per page, all pointing at the same original, each with
    its `page_index`. Derivatives (IIIF tiles, sized copies) are built in the
    background from the original and can always be rebuilt; `built_from` records
    the checksum they were built from, so unchanged originals are never redone.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        PROCESSING = "processing", _("processing")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="media"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    file = models.FileField(_("original file"), upload_to=original_upload_to, max_length=255)
    page_index = models.PositiveIntegerField(
        _("page in the original file"), default=0, editable=False
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    mime_type = models.CharField(_("type"), max_length=100, blank=True, editable=False)
    width = models.PositiveIntegerField(_("width (px)"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height (px)"), null=True, blank=True, editable=False)
    duration = models.FloatField(_("duration (s)"), null=True, blank=True, editable=False)
    byte_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=500,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    state = models.CharField(
        _("processing"), max_length=16, choices=State.choices, default=State.PENDING,
        editable=False,
    )
    error = models.TextField(_("processing error"), blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    built_from = models.CharField(max_length=64, blank=True, editable=False)
    sizes = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MediaQuerySet.as_manager()

    class Meta:
        ordering = ["item", "position", "id"]
        verbose_name = _("media file")
        verbose_name_plural = _("media files")
        indexes = [models.Index(fields=["state", "claimed_at"])]

    def __str__(self) -> str:
        name = self.original_name or self.file.name
        return f"{name} ({self.page_index + 1})" if self.page_index else name

    @property
    def is_visual(self) -> bool:
        """Shown as page images: a still image or a page of a PDF."""
        return self.mime_type.startswith("image/") or self.mime_type == "application/pdf"

    @property
    def is_audio(self) -> bool:
        return self.mime_type.startswith("audio/")

    @property
    def is_video(self) -> bool:
        return self.mime_type.startswith("video/")

    @property
    def rendition_base(self) -> str:
        """Folder (relative to MEDIA_ROOT) of this page's IIIF tiles and sized copies."""
        return f"iiif/{self.uid.hex}"

    @property
    def iiif_base_url(self) -> str:
        """The IIIF Image API `id` of this page, relative to the site."""
        return f"{settings.MEDIA_URL}{self.rendition_base}"

    @property
    def recording_url(self) -> str:
        """Public address of an audio or video original, for the native player."""
        return f"{settings.MEDIA_URL}av/{self.uid.hex}/{Path(self.file.name).name}"

    def renditions(self) -> list[Rendition]:
        """The sized JPEG copies that exist for this page, smallest first.

        They are the `sizes` of the page's IIIF `info.json` (`full/w,h/0/default.jpg`),
        so the same files serve our pages and IIIF viewers.
        """
        return [
            Rendition(url=f"{self.iiif_base_url}/full/{w},{h}/0/default.jpg", width=w, height=h)
            for w, h in self.sizes
        ]

    def srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions())

    def webp_srcset(self) -> str:
        """WebP copies of the small sizes (cards and thumbnails), for a `<picture>` source."""
        from trienlam.imaging.derive import WEBP_MAX_WIDTH

        return ", ".join(
            f"{r.url.removesuffix('.jpg')}.webp {r.width}w"
            for r in self.renditions()
            if r.width <= WEBP_MAX_WIDTH
        )

    def rendition_at_least(self, width: int) -> Rendition | None:
        renditions = self.renditions()
        for rendition in renditions:
            if rendition.width >= width:
                return rendition
        return renditions[-1] if renditions else None

    @property
    def display_rendition(self) -> Rendition | None:
        """The copy used as the plain `<img src>` of the item page."""
        return self.rendition_at_least(960)

    @property
    def alt(self) -> str:
        return self.alt_text or self.item.title


class AuditEntry(models.Model):
    """One recorded change: who, when, what (field by field) and why.

    Written by the workflow functions and the admin for every state change and every
    edit; never edited afterwards. The actor's name is kept even if the account goes.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned with a comment")
        WITHDRAWN = "withdrawn", _("withdrawn")
        DELETED = "deleted", _("deleted")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(_("who"), max_length=150)
    model = models.CharField(_("record type"), max_length=50)
    object_id = models.CharField(_("record"), max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["model", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.get_action_display()}"


class ImportStorage(FileSystemStorage):
    """Uploaded spreadsheets and ZIPs live beside the database (DATA_DIR/imports), never
    under the web-served media folder: they may hold unpublished material. The folder is
    read from the settings at each use, not once at start-up."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(Path(settings.DATA_DIR) / "imports")

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)


def import_storage() -> FileSystemStorage:
    return ImportStorage()


class ImportJob(models.Model):
    """A bulk import started from the admin; the background worker runs it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("finished")
        FAILED = "failed", _("refused")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    sheet = models.FileField(
        _("spreadsheet (XLSX or CSV)"), storage=import_storage, upload_to="%Y/%m/"
    )
    files = models.FileField(
        _("scans (ZIP)"), storage=import_storage, upload_to="%Y/%m/", blank=True
    )
    dry_run = models.BooleanField(
        _("dry run"), default=True, help_text=_("Only check everything; store nothing.")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.QUEUED
    )
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk import")
        verbose_name_plural = _("bulk imports")

    def __str__(self) -> str:
        return f"{Path(self.sheet.name).name} ({self.get_state_display()})"
