"""Keep renditions in step with media rows."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from trienlam.catalogue.models import Media
from trienlam.catalogue.processing import delete_derivatives


@receiver(post_delete, sender=Media)
def remove_renditions(sender: type[Media], instance: Media, **kwargs: object) -> None:
    # Originals are archival: deleting a media row removes its derived copies
    # (so they stop being served) but leaves the stored original for the operator.
    transaction.on_commit(lambda: delete_derivatives(instance))
