"""The export folder: versioned, written only where bytes changed, swapped in atomically.

Layout, for ``--out /srv/expo``::

    /srv/expo                  symlink -> .expo.versions/7/site   (what the web server serves)
    /srv/.expo.versions/lock   held while an export runs (one export at a time)
    /srv/.expo.versions/7/site/...           the export
    /srv/.expo.versions/7/state.json         what was written, for the next run
    /srv/.expo.versions/8/ ...               the next one, being built

A new export is built in a new numbered folder beside the served one. A file whose bytes
are the same as in the previous export is hard-linked from it (no copy, same inode, same
modification time: CDNs and `rsync` see it unchanged). When everything is written, a new
symlink is made and renamed over ``--out`` (`rename(2)` is atomic), so a reader sees the
old export or the new one, never a mix; a crash or kill at any moment leaves the old one
served and only a stray folder behind, which the next run removes.

The version served before the swap stays on disk until the next export (a way back for the
operator: point the link at it again); the next export removes it, and any stray folder, in a
thread while it renders, so that removing thousands of folders is not on its critical path.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import brotli

STATE_FILE = "state.json"
STATE_VERSION = 1
#: Text types worth pre-compressing (Pagefind's own files are already compressed).
COMPRESSIBLE = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map", ".mjs", ".webmanifest"}
)
#: Brotli's quality 5 is about 20 times faster than 11 for ~12% larger pages: thousands of
#: pages per export make that the better trade (a CDN may recompress harder).
BROTLI_QUALITY = 5
#: Smaller files gain nothing from compression; servers send them as they are.
MIN_COMPRESS_BYTES = 256


class ExportError(Exception):
    """A clear, user-facing reason why the export stopped (the served export is unchanged)."""


@dataclass
class Counts:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered: int = 0
    skipped: int = 0
    tiles_copied: int = 0
    tiles_linked: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class FileRecord:
    sha256: str
    size: int


@dataclass
class State:
    """What one export holds: every file with its checksum, the key of every page rendered
    from a key (to skip it next time while its key is the same), the build key of every
    image folder copied."""

    files: dict[str, FileRecord] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)
    media_keys: dict[str, str] = field(default_factory=dict)
    media_files: dict[str, list[str]] = field(default_factory=dict)

    def dump(self) -> str:
        return json.dumps(
            {
                "version": STATE_VERSION,
                "files": {k: [v.sha256, v.size] for k, v in sorted(self.files.items())},
                "page_keys": dict(sorted(self.page_keys.items())),
                "media_keys": dict(sorted(self.media_keys.items())),
                "media_files": dict(sorted(self.media_files.items())),
            },
            indent=0,
            sort_keys=True,
        )

    @classmethod
    def load(cls, path: Path) -> State:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return cls()
        if data.get("version") != STATE_VERSION:
            return cls()
        return cls(
            files={k: FileRecord(v[0], v[1]) for k, v in data["files"].items()},
            page_keys=data["page_keys"],
            media_keys=data["media_keys"],
            media_files=data["media_files"],
        )


def safe_relative(path: str) -> str:
    """*path* (a site path such as ``/a/b.json``) as a relative file path, refusing anything
    that could leave the export folder."""
    relative = PurePosixPath(path.lstrip("/"))
    if not relative.parts or any(p in ("", ".", "..") for p in relative.parts):
        raise ExportError(f"refusing to write outside the export: {path!r}")
    return str(relative)


def page_file(path: str) -> str:
    """Where a page's HTML goes: ``/a/b/`` → ``a/b/index.html`` (pretty URLs)."""
    if path == "/":
        return "index.html"
    if path.endswith("/"):
        return safe_relative(path) + "/index.html"
    return safe_relative(path)


def compressible(name: str, data: bytes) -> bool:
    return PurePosixPath(name).suffix in COMPRESSIBLE and len(data) >= MIN_COMPRESS_BYTES


def compressed(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The .gz and .br copies written beside *name* (none for small or binary files)."""
    if not compressible(name, data):
        return []
    return [
        (name + ".gz", gzip.compress(data, compresslevel=9, mtime=0)),
        (name + ".br", brotli.compress(data, quality=BROTLI_QUALITY)),
    ]


class _Compressor:
    """Compression with its time kept apart (the benchmark reports rendering without it)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def __call__(self, name: str, data: bytes) -> list[tuple[str, bytes]]:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return compressed(name, data)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.process_time() - cpu


class VersionedOutput:
    """Writes one new version of the export beside the served one."""

    def __init__(self, out: Path) -> None:
        self.out = Path(os.path.abspath(out))
        self.versions = self.out.parent / f".{self.out.name}.versions"
        self.counts = Counts()
        self.state = State()
        self._lock: int | None = None
        self.previous_dir: Path | None = None
        self.previous = State()
        self.version_dir: Path | None = None
        self.compress = _Compressor()
        self.swapped = False
        self._made_dirs: set[str] = set()  # folders of the new version known to exist
        self._site = ""  # the new version's site folder and the served one's, as strings:
        self._previous = ""  # thousands of joins per export (pathlib's cost more than a link)
        self._cleaner: threading.Thread | None = None

    # --- set-up and swap -------------------------------------------------------------------

    def _check_out(self) -> None:
        if self.out.is_symlink():
            target = Path(os.path.realpath(self.out))
            if target.parent.parent != self.versions:
                raise ExportError(
                    f"{self.out} is a symbolic link not made by `trienlam publish` "
                    f"(it points to {target}); choose another --out or remove it"
                )
            return
        if self.out.exists():
            raise ExportError(
                f"{self.out} exists and is not an export made by `trienlam publish`; "
                "choose another --out or remove it (the export is a link to a versioned folder)"
            )
        if not self.out.parent.is_dir():
            raise ExportError(f"the folder {self.out.parent} does not exist")

    def begin(self) -> None:
        self._check_out()
        self.versions.mkdir(exist_ok=True)
        self._lock = os.open(self.versions / "lock", os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(self._lock)
            self._lock = None
            raise ExportError(f"another export into {self.out} is running") from exc
        if self.out.is_symlink():
            self.previous_dir = Path(os.path.realpath(self.out))
            self.previous = State.load(self.previous_dir.parent / STATE_FILE)
            self._previous = os.fspath(self.previous_dir)
        numbers = [int(p.name) for p in self.versions.iterdir() if p.name.isdigit()]
        self.version_dir = self.versions / str(max(numbers, default=0) + 1)
        self._remove_stale()
        (self.version_dir / "site").mkdir(parents=True)
        self._site = os.fspath(self.version_dir / "site")

    def _remove_stale(self) -> None:
        """Start removing, in a thread, the folders left by crashed or killed runs and the
        versions older than the served one (the one before it, kept by the last run)."""
        keep = {self.previous_dir.parent} if self.previous_dir else set()
        stale = [
            child
            for child in self.versions.iterdir()
            if child.name.isdigit() and child not in keep  # version_dir is not made yet
        ]
        if stale:
            self._cleaner = threading.Thread(
                target=lambda: [shutil.rmtree(c, ignore_errors=True) for c in stale],
                name="export-cleaner",
                daemon=True,
            )
            self._cleaner.start()

    @property
    def site(self) -> Path:
        assert self.version_dir is not None
        return self.version_dir / "site"

    def finish(self) -> None:
        """Record the state, then swap the new version in with one atomic rename."""
        assert self.version_dir is not None
        self.counts.removed = len(set(self.previous.files) - set(self.state.files))
        state_path = self.version_dir / STATE_FILE
        state_path.write_text(self.state.dump())
        _fsync_tree_marker(state_path)
        link = self.versions / f"link-{self.version_dir.name}"
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        link.symlink_to(os.path.relpath(self.site, self.out.parent))
        os.replace(link, self.out)
        self.swapped = True
        _fsync_dir(self.out.parent)
        self.release()

    def wait_for_cleaner(self) -> None:
        """Let the removal of old versions end (before forking: a child must not inherit a
        thread in the middle of its work)."""
        if self._cleaner is not None:
            self._cleaner.join()
            self._cleaner = None

    def release(self) -> None:
        self.wait_for_cleaner()
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    # --- writing ---------------------------------------------------------------------------

    def _target(self, name: str) -> str:
        target = os.path.join(self._site, name)
        folder = os.path.dirname(target)
        if folder not in self._made_dirs:  # one mkdir per folder, not one per file
            os.makedirs(folder, exist_ok=True)
            self._made_dirs.add(folder)
        return target

    def _link_previous(self, name: str) -> bool:
        if self.previous_dir is None:
            return False
        try:
            os.link(os.path.join(self._previous, name), self._target(name))
        except FileNotFoundError:
            return False
        except FileExistsError as exc:
            raise ExportError(f"two outputs claim the same file: {name}") from exc
        return True

    def write(
        self,
        name: str,
        data: bytes,
        *,
        compress: bool = True,
        variants: list[tuple[str, bytes]] | None = None,
    ) -> None:
        """Put *data* at *name*: linked from the previous export if identical, else written
        (with its .gz and .br copies, or *variants* when a render worker made them)."""
        if name in self.state.files:
            raise ExportError(f"two outputs claim the same file: {name}")
        digest = hashlib.sha256(data).hexdigest()
        self.state.files[name] = FileRecord(digest, len(data))
        before = self.previous.files.get(name)
        same = before is not None and before.sha256 == digest and self._link_previous(name)
        if same and variants is None:
            # Unchanged content: its compressed copies (deterministic) are the previous
            # export's; link them rather than compress again.
            copies = [name + ".gz", name + ".br"] if compress and compressible(name, data) else []
            known = [self.previous.files.get(v) for v in copies]
            if all(known):
                if all(self._link_previous(v) for v in copies):
                    for v, record in zip(copies, known, strict=True):
                        self.state.files[v] = record  # type: ignore[assignment]
                    self.counts.unchanged += 1
                    return
                for v in copies:  # one is missing on disk: compress and write them below
                    with contextlib.suppress(FileNotFoundError):
                        (self.site / v).unlink()
        if variants is None:
            variants = self.compress(name, data) if compress else []
        if same:
            if all(self._link_previous(v) for v, _ in variants):
                for v, blob in variants:
                    self.state.files[v] = FileRecord(_sha(blob), len(blob))
                self.counts.unchanged += 1
                return
            # A compressed copy is missing in the previous export: redo them all.
            for v, _ in variants:
                with contextlib.suppress(FileNotFoundError):
                    (self.site / v).unlink()
        else:
            self._write_bytes(name, data)
        for v, blob in variants:
            self._write_bytes(v, blob)
            self.state.files[v] = FileRecord(_sha(blob), len(blob))
        self.counts.written += 1

    def keep(self, name: str) -> bool:
        """Reuse *name* (and its compressed copies) from the previous export unchanged;
        False if the previous export does not have it."""
        before = self.previous.files.get(name)
        if before is None or name in self.state.files or not self._link_previous(name):
            return False
        self.state.files[name] = before
        for suffix in (".gz", ".br"):
            extra = self.previous.files.get(name + suffix)
            if extra is not None and self._link_previous(name + suffix):
                self.state.files[name + suffix] = extra
        self.counts.unchanged += 1
        return True

    def _write_bytes(self, name: str, data: bytes) -> None:
        # Never write through an existing name: it may be a hard link into the served export.
        target = self._target(name)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        with open(target, "wb") as f:
            f.write(data)

    def copy_tree_file(self, name: str, source: Path, *, link_previous: bool) -> None:
        """A tile or recording: hard-linked from the previous export when its build is
        unchanged, else copied from the media folder (never linked to it: the export must
        not change when media is rebuilt)."""
        if name in self.state.files:
            raise ExportError(f"two outputs claim the same file: {name}")
        before = self.previous.files.get(name)
        if link_previous and before is not None and self._link_previous(name):
            self.state.files[name] = before
            self.counts.tiles_linked += 1
            return
        target = self._target(name)
        shutil.copyfile(source, target)
        self.state.files[name] = FileRecord("", os.stat(target).st_size)
        self.counts.tiles_copied += 1

    def write_stream(self, name: str, source: BinaryIO) -> None:
        """A recording, copied from storage (which may be an object store)."""
        if name in self.state.files:
            raise ExportError(f"two outputs claim the same file: {name}")
        hasher = hashlib.sha256()
        size = 0
        with open(self._target(name), "wb") as target:
            while chunk := source.read(1 << 20):
                hasher.update(chunk)
                target.write(chunk)
                size += len(chunk)
        self.state.files[name] = FileRecord(hasher.hexdigest(), size)
        self.counts.tiles_copied += 1

    def files(self) -> Iterator[str]:
        return iter(self.state.files)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_tree_marker(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
