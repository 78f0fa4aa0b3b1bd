"""Bulk imports started from the admin, run by the background worker.

The upload returns at once; the worker claims the job with a conditional UPDATE (as
for media), runs the one importer the CLI uses, and writes its progress and report on
the job row, which the admin's job page shows (it refreshes itself while running).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone

from trienlam.catalogue.models import ImportJob
from trienlam.catalogue.processing import STALE_AFTER

log = logging.getLogger(__name__)


def claim_next_job() -> ImportJob | None:
    stale = timezone.now() - STALE_AFTER
    waiting = Q(state=ImportJob.State.QUEUED) | Q(
        state=ImportJob.State.RUNNING, claimed_at__lt=stale
    )
    for candidate in ImportJob.objects.filter(waiting).order_by("id").values(
        "id", "state", "claimed_at"
    )[:5]:
        taken = ImportJob.objects.filter(**candidate).update(
            state=ImportJob.State.RUNNING, claimed_at=timezone.now()
        )
        if taken == 1:
            return ImportJob.objects.select_related("created_by").get(id=candidate["id"])
    return None


def report_as_json(report: Any) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    data["ok"] = report.ok
    return data


def run_job(job: ImportJob) -> ImportJob:
    from trienlam.catalogue.importing.run import import_catalogue

    last = 0.0

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= 0.5 or done == total:  # a row update at most twice a second
            last = now
            ImportJob.objects.filter(pk=job.pk).update(stage=stage, done=done, total=total)

    try:
        report = import_catalogue(
            sheet=Path(job.sheet.path),
            files=Path(job.files.path) if job.files else None,
            actor=job.created_by,
            dry_run=job.dry_run,
            on_progress=progress,
        )
        job.report = report_as_json(report)
        job.state = ImportJob.State.DONE if report.ok else ImportJob.State.FAILED
    except Exception as exc:
        log.exception("import job %s failed", job.pk)
        job.report = {"ok": False, "error": str(exc) or type(exc).__name__}
        job.state = ImportJob.State.FAILED
    job.save(update_fields=["report", "state"])
    return job


def run_pending() -> int:
    count = 0
    while (job := claim_next_job()) is not None:
        run_job(job)
        count += 1
    return count
