"""Data every public page shares, computed once per content version in each process.

The site profile, the exhibitions an item is shown in, an exhibition's sections and reading
order: the same for every request until content changes. `shared(name, compute)` keeps the
value of *compute()* under the content version of the page cache (pagecache.py: one `stat` of
the stamp file; any save or delete of public content replaces the stamp), so a change shows at
once, in every process of the server and worker.

This is not a page cache: every request still renders its page from its own rows (the item,
its media) through the templates. Nothing is kept

- when `TRIENLAM_CONTENT_MEMO` is off;
- when no content version exists yet (no stamp file: nothing has ever been saved);
- inside a database transaction (`atomic`): it may hold rows that are rolled back, and a
  rollback does not change the version. Tests, which run inside one, therefore compute
  everything every time unless they are transactional.

Apart from it, `run_cache()` marks one run over an unchanging database (a static export,
which reads it inside its own transaction): inside the block, `once_per_run(name, compute)`
computes a value once (an exhibition's reading order, the export's page digests).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection

from trienlam.operations import pagecache

T = TypeVar("T")

_store: dict[str, tuple[str, Any]] = {}


def version() -> str | None:
    """The content version the memo is keyed by, or None when values must not be kept."""
    if not settings.TRIENLAM_CONTENT_MEMO or connection.in_atomic_block:
        return None
    path = pagecache._stamp_file()
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{path}:{st.st_mtime_ns:x}.{st.st_ino:x}"


def available() -> bool:
    return version() is not None


def shared(name: str, compute: Callable[[], T]) -> T:
    """*compute()*, kept until the content version changes (or every time, see above)."""
    current = version()
    if current is None:
        return compute()
    found = _store.get(name)
    if found is not None and found[0] == current:
        return found[1]  # type: ignore[no-any-return]
    value = compute()
    # A version is read before computing: a change committed meanwhile bumps it again, so
    # a value computed from older rows is never kept under the newer version.
    _store[name] = (current, value)
    return value


def clear() -> None:
    _store.clear()


_run: ContextVar[dict[Any, Any] | None] = ContextVar("trienlam_run_cache", default=None)


@contextmanager
def run_cache() -> Iterator[None]:
    """Keep values computed by `once_per_run` for the duration of the block."""
    token = _run.set({})
    try:
        yield
    finally:
        _run.reset(token)


def once_per_run(name: str, compute: Callable[[], T]) -> T:
    """*compute()* once per `run_cache` block (every time outside one)."""
    cache = _run.get()
    if cache is None:
        return compute()
    if name not in cache:
        cache[name] = compute()
    return cache[name]  # type: ignore[no-any-return]
