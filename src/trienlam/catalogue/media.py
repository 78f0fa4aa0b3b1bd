"""Accepting original files and keeping their renditions: one path for the
admin, the importers and the demo."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from trienlam.catalogue.models import Item, Media
from trienlam.imaging.images import (
    ImageRejected,
    make_renditions,
    probe,
    rendition_widths,
    sha256_of,
)


@dataclass(frozen=True)
class CheckedOriginal:
    mime_type: str
    width: int
    height: int
    byte_size: int
    sha256: str


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


def check_original(upload: UploadedFile | str | os.PathLike[str], name: str) -> CheckedOriginal:
    """Check a file before anything is stored; raise ValidationError naming it and the reason."""
    with _local_path(upload) as path:
        size = os.path.getsize(path)
        if size > settings.TRIENLAM_MAX_UPLOAD_BYTES:
            raise ValidationError(
                gettext("“%(name)s” is refused: it is %(size)d MB, over the limit of %(limit)d MB.")
                % {
                    "name": name,
                    "size": size // (1024 * 1024),
                    "limit": settings.TRIENLAM_MAX_UPLOAD_BYTES // (1024 * 1024),
                },
                code="too_large",
            )
        try:
            info = probe(path, max_pixels=settings.TRIENLAM_MAX_IMAGE_PIXELS)
        except ImageRejected as exc:
            raise ValidationError(
                gettext("“%(name)s” is refused: %(reason)s.") % {"name": name, "reason": exc},
                code="bad_image",
            ) from exc
        return CheckedOriginal(
            mime_type=info.mime_type,
            width=info.width,
            height=info.height,
            byte_size=size,
            sha256=sha256_of(path),
        )


def apply_check(media: Media, checked: CheckedOriginal) -> None:
    media.mime_type = checked.mime_type
    media.width = checked.width
    media.height = checked.height
    media.byte_size = checked.byte_size
    media.sha256 = checked.sha256


def add_media(
    *,
    item: Item,
    source: str | os.PathLike[str],
    alt_text: str = "",
    position: int | None = None,
    original_name: str | None = None,
) -> Media:
    """Check *source*, store it unchanged as the next file of *item*, and make its renditions."""
    name = original_name or Path(source).name
    checked = check_original(source, name)
    if position is None:
        position = item.media.count()
    media = Media(item=item, position=position, original_name=name, alt_text=alt_text)
    apply_check(media, checked)
    with open(source, "rb") as handle:
        media.file.save(name, File(handle), save=False)
    try:
        media.save()
    except Exception:
        media.file.delete(save=False)
        raise
    schedule_renditions(media)
    return media


def schedule_renditions(media: Media) -> None:
    """Build the renditions once the row is committed (never for a rolled-back upload)."""
    transaction.on_commit(lambda: build_renditions(media))


def build_renditions(media: Media) -> None:
    if not (media.is_image and media.width):
        return
    target = Path(settings.MEDIA_ROOT) / media.rendition_base
    make_renditions(media.file.path, target, rendition_widths(media.width))


def delete_renditions(media: Media) -> None:
    shutil.rmtree(Path(settings.MEDIA_ROOT) / media.rendition_base, ignore_errors=True)
