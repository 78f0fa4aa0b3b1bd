"""Keep renditions in step with media rows."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from trienlam.catalogue.models import ImportJob, Media
from trienlam.catalogue.processing import delete_derivatives


@receiver(post_delete, sender=Media)
def remove_renditions(sender: type[Media], instance: Media, **kwargs: object) -> None:
    # Originals are archival: deleting a media row removes its derived copies
    # (so they stop being served) but leaves the stored original for the operator.
    transaction.on_commit(lambda: delete_derivatives(instance))


@receiver(post_delete, sender=ImportJob)
def remove_import_uploads(sender: type[ImportJob], instance: ImportJob, **kwargs: object) -> None:
    # The spreadsheet and ZIP of a bulk import are working copies, not archives: they go
    # with their job (else every deleted job left its upload, scans and all, on the disk).
    uploads = [field for field in (instance.sheet, instance.files) if field]

    def remove() -> None:
        for field in uploads:
            field.storage.delete(field.name)

    transaction.on_commit(remove)
