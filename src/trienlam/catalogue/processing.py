"""The derivative queue: Media rows waiting for tiles and sized copies.

The database is the queue (no broker): a worker claims one row with a
conditional UPDATE, builds its derivatives with the pure pipeline, and records
the result. Several workers can run at once; a row claimed by a worker that died
is taken again after `STALE_AFTER`.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from trienlam.catalogue.models import Media
from trienlam.imaging.derive import derive_page, missing_files
from trienlam.imaging.inspect import sha256_of
from trienlam.operations import pagecache

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=30)


@dataclass
class Outcome:
    media: Media
    built: bool  # False when the existing derivatives were still good
    error: str = ""


def claimable() -> Q:
    stale = timezone.now() - STALE_AFTER
    return Q(state=Media.State.PENDING) | Q(state=Media.State.PROCESSING, claimed_at__lt=stale)


def pending_count() -> int:
    return Media.objects.filter(claimable()).count()


def claim_next() -> Media | None:
    """Take the oldest waiting row, or None. Safe with several workers at once."""
    for candidate in Media.objects.filter(claimable()).order_by("id").values(
        "id", "state", "claimed_at"
    )[:10]:
        taken = Media.objects.filter(
            id=candidate["id"], state=candidate["state"], claimed_at=candidate["claimed_at"]
        ).update(state=Media.State.PROCESSING, claimed_at=timezone.now())
        if taken == 1:
            return Media.objects.select_related("item").get(id=candidate["id"])
    return None


def target_dir(media: Media) -> Path:
    return Path(settings.MEDIA_ROOT) / media.rendition_base


def derivatives_current(media: Media) -> bool:
    """True when the derivatives on disk were built from this very original and are whole."""
    target = target_dir(media)
    return (
        bool(media.built_from)
        and media.built_from == media.sha256
        and (target / "info.json").exists()
        and not missing_files(target)
    )


def process(media: Media, *, force: bool = False) -> Outcome:
    """Build (or confirm) the derivatives of one claimed row and record the result."""
    if not media.is_visual:
        Media.objects.filter(pk=media.pk).update(state=Media.State.READY, error="")
        media.state = Media.State.READY
        return Outcome(media, built=False)
    if not force and derivatives_current(media):
        Media.objects.filter(pk=media.pk).update(state=Media.State.READY, error="")
        media.state = Media.State.READY
        return Outcome(media, built=False)
    try:
        source = media.file.path
        checksum = sha256_of(source)
        if checksum != media.sha256:
            raise ValueError(
                f"the original has changed on disk (SHA-256 {checksum[:12]}…, "
                f"expected {media.sha256[:12]}…): run `trienlam verify`"
            )
        derived = derive_page(
            source,
            kind="pdf" if media.mime_type == "application/pdf" else "image",
            page_index=media.page_index,
            target_dir=target_dir(media),
            id_base=media.iiif_base_url,
        )
    except Exception as exc:
        log.exception("derivatives failed for media %s", media.pk)
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        Media.objects.filter(pk=media.pk).update(state=Media.State.FAILED, error=message[:2000])
        media.state, media.error = Media.State.FAILED, message
        return Outcome(media, built=False, error=message)
    media.width, media.height = derived.width, derived.height
    media.sizes = [list(size) for size in derived.sizes]
    media.built_from = media.sha256
    media.state = Media.State.READY
    media.error = ""
    Media.objects.filter(pk=media.pk).update(
        width=media.width,
        height=media.height,
        sizes=media.sizes,
        built_from=media.built_from,
        state=media.state,
        error="",
    )
    # The page now shows this image: drop cached public pages (a queryset update sends no
    # signal, so the page cache is told here).
    pagecache.bump()
    return Outcome(media, built=True)


def process_all(*, on_progress=None) -> list[Outcome]:  # type: ignore[no-untyped-def]
    """Work through the queue until it is empty (used by the demo and the CLI)."""
    outcomes = []
    while (media := claim_next()) is not None:
        outcome = process(media)
        outcomes.append(outcome)
        if on_progress is not None:
            on_progress(outcome)
    return outcomes


def requeue(queryset) -> int:  # type: ignore[no-untyped-def]
    """Put rows back in the queue; `process` skips those whose derivatives are current."""
    return queryset.filter(mime_type__gt="").update(
        state=Media.State.PENDING, claimed_at=None, error=""
    )


def delete_derivatives(media: Media) -> None:
    shutil.rmtree(target_dir(media), ignore_errors=True)
