"""The site-wide content version that keys the page cache.

The version is a small stamp file in DATA_DIR: reading it is one `stat` call (cheap on every
request, shared by every process of the server and the worker on one machine), and any change
of content replaces it, so every cached page is dropped at once. Cached entries of older
versions are never read again and age out of the cache.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

STAMP_NAME = "site-version"
# Apps whose rows appear on public pages: a save or delete in any of them drops the cache.
CONTENT_APPS = frozenset({"catalogue", "exhibitions", "outreach", "browse", "search"})
# Rows of those apps that never change a public page, and change often (visit counters,
# queues, the audit log): saving them must not empty the cache.
IGNORED_WORDS = ("visit", "count", "stat", "audit", "log", "job", "hit", "attempt", "membership")


_stamp: str | None = None  # the stamp's path, kept: this runs on every request


def stamp_path() -> Path:
    return Path(settings.DATA_DIR) / STAMP_NAME


def _stamp_file() -> str:
    global _stamp
    if _stamp is None:
        _stamp = os.fspath(stamp_path())
    return _stamp


def forget_paths(**kwargs: object) -> None:
    """DATA_DIR changed (tests): find the stamp again."""
    global _stamp
    if kwargs.get("setting") in (None, "DATA_DIR"):
        _stamp = None


def current_version() -> str:
    try:
        st = os.stat(_stamp_file())
    except FileNotFoundError:
        return "0"
    return f"{st.st_mtime_ns:x}.{st.st_ino:x}"


def last_modified() -> float | None:
    try:
        return os.stat(_stamp_file()).st_mtime
    except FileNotFoundError:
        return None


def bump() -> None:
    """Start a new content version (atomic: a new file replaces the stamp)."""
    path = stamp_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{STAMP_NAME}.{secrets.token_hex(4)}")
    tmp.write_text(secrets.token_hex(8))
    # The version is (mtime, inode): a freed inode may come back, and two bumps within one
    # tick of the file system's clock may get the same mtime, so make every mtime newer than
    # the last one (the same version twice would bring back stale pages and memoised data).
    try:
        previous = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        previous = 0
    stamp = max(time.time_ns(), previous + 1000)
    os.utime(tmp, ns=(stamp, stamp))
    os.replace(tmp, path)


def bump_now_and_on_commit() -> None:
    # Now, so this process stops serving the old page; again after the commit, so a page
    # rendered from the old rows between the two is not kept under the new version.
    bump()
    connection = transaction.get_connection()
    # One bump per transaction is enough (a bulk import saves thousands of rows in one).
    if not any(func is bump for _, func, _ in connection.run_on_commit):
        transaction.on_commit(bump)


def changes_public_pages(model: type[Model]) -> bool:
    meta = model._meta
    if meta.app_label not in CONTENT_APPS:
        return False
    name = meta.model_name or ""
    return not any(word in name for word in IGNORED_WORDS)


def _on_change(sender: type[Model], **kwargs: object) -> None:
    if kwargs.get("raw"):  # loaddata: `trienlam restore` bumps once at the end
        return
    if changes_public_pages(sender):
        bump_now_and_on_commit()


def connect() -> None:
    from django.core.signals import setting_changed

    setting_changed.connect(forget_paths, dispatch_uid="trienlam-pagecache-settings")
    post_save.connect(_on_change, dispatch_uid="trienlam-pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="trienlam-pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="trienlam-pagecache-m2m")


def _m2m_changed(sender: type[Model], instance: Model, action: str, **kwargs: object) -> None:
    if action.startswith("post_") and changes_public_pages(type(instance)):
        bump_now_and_on_commit()
