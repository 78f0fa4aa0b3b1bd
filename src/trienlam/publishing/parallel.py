"""Rendering the export's pages in worker processes (one per core), in order.

The workers are forked from the exporting process once its state is ready (settings of the
export, language, the per-run caches) and render through the same `PageRenderer`; they send
back each page's bytes with its compressed copies, and the exporting process writes them in
the order they were listed, so the output is the same bytes as a serial run. Used only where
forking is safe: not inside a database transaction (workers could not see its rows), not on
an in-memory SQLite database, not from a threaded web server (the admin's "publish" button
renders serially).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections

from trienlam.publishing.output import compressed
from trienlam.publishing.render import PageRenderer, Rendered

#: Fewer pages than this are rendered in the exporting process (a pool costs ~0.1 s).
MIN_PARALLEL_PAGES = 200


@dataclass(frozen=True)
class Done:
    rendered: Rendered
    variants: list[tuple[str, bytes]] | None
    #: the worker's wall and CPU seconds rendering the page, and compressing it
    seconds: float
    cpu: float
    compress_seconds: float
    compress_cpu: float


def default_workers() -> int:
    configured = int(getattr(settings, "TRIENLAM_EXPORT_WORKERS", 0) or 0)
    return configured if configured > 0 else len(os.sched_getaffinity(0))


def can_fork() -> bool:
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


# The worker's renderer: set in the exporting process just before the fork.
_renderer: PageRenderer | None = None


def _render(job: tuple[str, str, bool]) -> Done:
    path, name, compress = job
    assert _renderer is not None
    started, cpu = time.perf_counter(), time.process_time()
    rendered = _renderer.get_ok(path)
    mid, mid_cpu = time.perf_counter(), time.process_time()
    variants = compressed(name, rendered.body) if compress else []
    return Done(
        rendered,
        variants,
        mid - started,
        mid_cpu - cpu,
        time.perf_counter() - mid,
        time.process_time() - mid_cpu,
    )


def _forget_inherited_connections() -> None:
    """In a new worker: drop any database connection object inherited from the exporting
    process without closing it (closing would end the session on the socket the parent
    shares); the worker's first query opens its own connection."""
    for alias in connections:
        connections[alias].connection = None


class Pool:
    """A pool of forked render workers; `render()` yields results in the order given."""

    def __init__(self, renderer: PageRenderer, workers: int) -> None:
        global _renderer
        _renderer = renderer
        # Each worker opens its own database connection: none may be shared across a fork.
        connections.close_all()
        self._pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_forget_inherited_connections
        )

    def render(self, jobs: Iterable[tuple[str, str, bool]]) -> Iterator[Done]:
        yield from self._pool.imap(_render, jobs, chunksize=8)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()
