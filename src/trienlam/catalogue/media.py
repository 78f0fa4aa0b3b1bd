"""Accepting original files: one path for the admin, the importers and the demo.

A file is inspected by the pure imaging pipeline before anything is stored. A
refused file leaves nothing behind; an accepted one is stored unchanged with its
SHA-256 and becomes one Media row per page (or one for a recording), queued for
the background worker that builds its derivatives (see `processing`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F
from django.utils.formats import number_format
from django.utils.translation import gettext

from trienlam.catalogue.models import Item, Media
from trienlam.imaging.inspect import Inspection, Limits, Refused, inspect


def limits() -> Limits:
    return Limits(
        max_bytes=settings.TRIENLAM_MAX_UPLOAD_BYTES,
        max_pixels=settings.TRIENLAM_MAX_IMAGE_PIXELS,
        max_duration=settings.TRIENLAM_MAX_MEDIA_SECONDS,
        max_pages=settings.TRIENLAM_MAX_PAGES_PER_FILE,
        max_file_pixels=settings.TRIENLAM_MAX_FILE_PIXELS,
    )


def refusal_message(name: str, refused: Refused) -> str:
    """The curator-facing sentence for a refused file, in the interface language."""
    p = refused.params
    reasons = {
        "empty": lambda: gettext("the file is empty"),
        "too_large": lambda: gettext("it is %(size)s MB, over the limit of %(limit)s MB")
        % {"size": _mb(p.get("size")), "limit": _mb(p.get("limit"))},
        "svg": lambda: gettext("SVG files are not accepted (they can carry scripts)"),
        "zip": lambda: gettext("it is a ZIP archive (or an Office file), not an image"),
        "pixel_bomb": lambda: (
            gettext(
                "page %(page)s is %(width)s×%(height)s pixels, over the limit of %(limit)s "
                "megapixels"
            )
            if int(p.get("pages", 1) or 1) > 1
            else gettext(
                "the image is %(width)s×%(height)s pixels, over the limit of %(limit)s megapixels"
            )
        )
        % {
            "page": p.get("page"),
            "width": p.get("width"),
            "height": p.get("height"),
            "limit": round(int(p.get("limit", 0) or 0) / 1_000_000),
        },
        "too_many_pages": lambda: gettext(
            "it has %(pages)s pages, over the limit of %(limit)s pages in one file: split it "
            "into several files"
        )
        % {"pages": p.get("pages"), "limit": p.get("limit")},
        "too_many_pixels": lambda: gettext(
            "its %(pages)s pages hold %(pixels)s megapixels together, over the limit of "
            "%(limit)s megapixels in one file: split it into several files"
        )
        % {
            "pages": p.get("pages"),
            "pixels": round(int(p.get("pixels", 0) or 0) / 1_000_000),
            "limit": round(int(p.get("limit", 0) or 0) / 1_000_000),
        },
        "truncated": lambda: gettext("the file is cut short (truncated): upload it again"),
        "corrupt": lambda: gettext("the file is damaged and cannot be read"),
        "pdf_no_pages": lambda: gettext("the PDF has no pages"),
        "pdf_encrypted": lambda: gettext("the PDF is protected by a password"),
        "too_long": lambda: gettext("the recording is longer than the limit"),
        "no_duration": lambda: gettext("the length of the recording cannot be read"),
        "unsupported_type": lambda: gettext(
            "%(found)s files are not accepted; use JPEG, PNG, TIFF, WebP, PDF, MP3, M4A, OGG, "
            "MP4 or WebM"
        )
        % {"found": p.get("detected") or gettext("these")},
    }
    reason = reasons.get(
        refused.code,
        lambda: gettext(
            "its content is not a JPEG, PNG, TIFF, WebP or PDF document, nor an MP3, M4A, OGG, "
            "MP4 or WebM recording"
        ),
    )()
    return gettext("“%(name)s” is refused: %(reason)s.") % {"name": name, "reason": reason}


def _mb(value: object) -> str:
    """Megabytes, with one decimal below 100 (a 1.3 MB file over a 1 MB limit is not "1 MB
    over the limit of 1 MB"), in the language's own decimal separator."""
    megabytes = int(value or 0) / (1024 * 1024)
    shown = round(megabytes, 1) if megabytes < 100 else round(megabytes)
    return number_format(shown, decimal_pos=None if shown != int(shown) else 0)


@contextmanager
def _local_path(upload: UploadedFile | str | os.PathLike[str]) -> Iterator[str]:
    """A path on disk for *upload*, copying in-memory uploads to a temporary file."""
    if isinstance(upload, (str, os.PathLike)):
        yield os.fspath(upload)
        return
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(prefix="trienlam-upload-") as tmp:
        upload.seek(0)
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        upload.seek(0)
        yield tmp.name


def check_original(upload: UploadedFile | str | os.PathLike[str], name: str) -> Inspection:
    """Inspect a file before anything is stored; raise ValidationError naming it and why."""
    with _local_path(upload) as path:
        try:
            return inspect(path, limits=limits())
        except Refused as refused:
            raise ValidationError(refusal_message(name, refused), code=refused.code) from refused


def apply_inspection(media: Media, inspection: Inspection, page_index: int = 0) -> None:
    media.mime_type = inspection.mime_type
    media.byte_size = inspection.byte_size
    media.sha256 = inspection.sha256
    media.page_index = page_index
    media.duration = inspection.duration
    if inspection.pages:
        page = inspection.pages[page_index]
        media.width, media.height = page.width, page.height
    else:
        media.width = media.height = None
    media.state = Media.State.PENDING
    media.error = ""
    media.sizes = []
    media.built_from = ""


def add_page_siblings(media: Media, inspection: Inspection) -> list[Media]:
    """Give every further page of a multi-page original its own Media row, after *media*.

    The siblings share the stored original; later media of the item move down.
    """
    extra = len(inspection.pages) - 1
    if extra <= 0:
        return []
    Media.objects.filter(item=media.item, position__gt=media.position).exclude(
        pk=media.pk
    ).update(position=F("position") + extra)
    siblings = []
    for page_index in range(1, len(inspection.pages)):
        sibling = Media(
            item=media.item,
            position=media.position + page_index,
            file=media.file.name,
            original_name=media.original_name,
            alt_text=media.alt_text,
        )
        apply_inspection(sibling, inspection, page_index)
        sibling.save()
        siblings.append(sibling)
    return siblings


def add_media(
    *,
    item: Item,
    source: str | os.PathLike[str],
    alt_text: str = "",
    position: int | None = None,
    original_name: str | None = None,
    inspection: Inspection | None = None,
) -> list[Media]:
    """Check *source*, store it unchanged and queue its pages after the item's last file.

    *inspection* is the result of `check_original` on this very file when the caller has
    just made it (the importer checks every file before storing any), so the file is not
    decoded and hashed twice. Returns the new Media rows (several for a multi-page TIFF or
    a PDF).
    """
    name = original_name or Path(source).name
    if inspection is None:
        inspection = check_original(source, name)
    if position is None:
        last = item.media.order_by("-position").values_list("position", flat=True).first()
        position = 0 if last is None else last + 1
    media = Media(item=item, position=position, original_name=name, alt_text=alt_text)
    apply_inspection(media, inspection)
    with open(source, "rb") as handle:
        media.file.save(name, File(handle), save=False)
    try:
        media.save()
        siblings = add_page_siblings(media, inspection)
    except Exception:
        media.file.delete(save=False)
        raise
    # If an outer transaction rolls back after this, the stored original is an orphan:
    # `trienlam verify` lists such files (and removes them with --delete-orphans).
    return [media, *siblings]
