"""Reading a curator's ZIP of scans without trusting it.

:func:`open_archive` reads the central directory and refuses the whole archive
(:class:`ZipRefused`) before anything is extracted if any entry is unsafe or over the limits;
:meth:`SafeArchive.extract` then streams one member to disk under a hard byte cap.

Decisions (the contract):

* **Names.** With the UTF-8 flag (bit 11) or an Info-ZIP Unicode Path field (0x7075) whose CRC
  matches, the name is UTF-8. Otherwise the raw bytes are tried as strict UTF-8 (tools that
  forget the flag), then read as CP437 or Windows-1258, whichever looks more like Vietnamese
  (:func:`trienlam.lib.charsets.best_decoding`; CP437 on a tie). Backslashes count as folder
  separators (old Windows tools), ``./`` and empty segments are dropped, and the result is NFC
  (macOS stores NFD).
* **Refused entries** (``code``): ``absolute_path`` (``/x``, ``C:\\x``, ``\\\\server\\x``),
  ``unsafe_path`` (a ``..`` segment), ``bad_name`` (empty, NUL, control or bidi characters, a
  segment over 255 bytes), ``symlink``, ``special_file`` (device, FIFO, socket),
  ``encrypted``, ``unsupported_compression`` (e.g. Deflate64 from Windows Explorer),
  ``duplicate_name`` (equal after NFC + casefold, or a file that is also a folder: the archive
  must unpack the same on Windows and macOS), ``overlapping_members`` (entries sharing bytes:
  the "overlap" zip bomb).
* **Limits** (:class:`ZipLimits`): ``too_many_files``, ``file_too_large``, ``total_too_large``,
  ``ratio_too_high`` (a member whose declared size is more than ``max_ratio`` times its
  compressed size) and ``total_ratio_too_high`` (the sum of declared sizes against the size of
  the archive on disk). Members up to ``ratio_min_bytes`` escape the ratio test (a tiny text file
  compresses very well and harms no one). Folder entries count towards ``max_files``.
* **Extraction never trusts the header.** Output is counted while it is written and stops at
  the declared size (never above ``max_file_bytes``); a shorter or longer stream,
  a bad CRC or a broken compressed stream raises ``size_mismatch`` or ``corrupt`` and leaves no
  file behind. Files are created exclusively (an existing file is never overwritten).
* **Not refused here:** nested ZIPs and other non-image files are ordinary members; the importer
  refuses them as not images. Folder entries and operating-system litter (``__MACOSX/``,
  ``._*``, ``.DS_Store``, ``Thumbs.db``, ``desktop.ini``) are checked like everything else but
  are left out of :meth:`SafeArchive.members` (their names are in ``SafeArchive.skipped``).
"""

from __future__ import annotations

import lzma
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from trienlam.lib.charsets import best_decoding

KiB, MiB, GiB = 1024, 1024**2, 1024**3
CHUNK = 1 * MiB
_SUPPORTED = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_LITTER = re.compile(r"(?:^|/)(?:__MACOSX/.*|\._[^/]*|\.DS_Store|Thumbs\.db|desktop\.ini)$", re.I)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_LOCAL_HEADER_SIZE = 30


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_files: int = 5000
    max_total_bytes: int = 20 * GiB
    max_file_bytes: int = 2 * GiB
    max_ratio: int = 100
    ratio_min_bytes: int = 1 * MiB


@dataclass(frozen=True, slots=True)
class Member:
    """A regular file in the archive: ``name`` is NFC, ``/``-separated, relative, with no
    ``./``; ``size`` and ``compressed`` are the sizes the archive declares."""

    name: str
    size: int
    compressed: int


class ZipRefused(Exception):
    """The archive (``name == ""``) or one of its members cannot be accepted.

    ``code`` is stable (for translation and tests); ``message`` is an English sentence and
    ``params`` the values it mentions (for a translated message). When :func:`open_archive`
    finds several bad entries it raises the first and lists the rest in ``others``.
    """

    def __init__(self, code: str, name: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.name = name
        self.message = message
        self.params = params
        self.others: tuple[ZipRefused, ...] = ()


def open_archive(path: str | os.PathLike[str], *, limits: ZipLimits | None = None) -> SafeArchive:
    """Open and fully check the ZIP at *path*; raise :class:`ZipRefused` if it is unsafe."""
    limits = limits or ZipLimits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise ZipRefused(
            "not_a_zip", "", f"The file is not a readable ZIP archive ({exc}).", detail=str(exc)
        ) from exc
    try:
        return SafeArchive(archive, limits, os.path.getsize(path))
    except BaseException:
        archive.close()
        raise


class SafeArchive:
    """A checked archive. Use as a context manager or call :meth:`close`."""

    def __init__(self, archive: zipfile.ZipFile, limits: ZipLimits, archive_bytes: int) -> None:
        self._zip = archive
        self.limits = limits
        self.skipped: list[str] = []
        self._members: list[Member] = []
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._check(archive_bytes)

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def members(self) -> list[Member]:
        """The regular files, in archive order (folders and litter left out)."""
        return list(self._members)

    # --- checking -----------------------------------------------------------------------------

    def _check(self, archive_bytes: int) -> None:
        infos = self._zip.infolist()
        limits = self.limits
        if len(infos) > limits.max_files:
            raise ZipRefused(
                "too_many_files",
                "",
                f"The archive holds {len(infos)} entries; at most {limits.max_files} are accepted.",
                count=len(infos),
                limit=limits.max_files,
            )
        problems: list[ZipRefused] = []
        seen: dict[str, str] = {}  # casefolded file name -> name
        folders: dict[str, str] = {}  # casefolded folder prefix -> name that implies it
        total = 0
        for info in infos:
            try:
                name, is_dir = _check_entry(info, limits)
            except ZipRefused as exc:
                problems.append(exc)
                continue
            total += info.file_size
            key = name.casefold()
            parts = key.split("/")
            for i in range(1, len(parts) + (1 if is_dir else 0)):
                folders.setdefault("/".join(parts[:i]), name)
            if is_dir:
                continue
            if key in seen:
                problems.append(_duplicate(name, seen[key]))
                continue
            seen[key] = name
            if _LITTER.search(name):
                self.skipped.append(name)
                continue
            self._infos[name] = info
            self._members.append(Member(name, info.file_size, info.compress_size))
        problems += [
            ZipRefused(
                "duplicate_name",
                seen[k],
                f"“{seen[k]}” is both a file and a folder (“{folders[k]}”).",
                other=folders[k],
            )
            for k in seen
            if k in folders
        ]
        problems += _overlaps(infos, self._zip.start_dir)
        if problems:
            problems[0].others = tuple(problems[1:])
            raise problems[0]
        if total > limits.max_total_bytes:
            raise ZipRefused(
                "total_too_large",
                "",
                f"The archive unpacks to {total:,} bytes; at most {limits.max_total_bytes:,}.",
                size=total,
                limit=limits.max_total_bytes,
            )
        if total > limits.ratio_min_bytes and total > limits.max_ratio * max(archive_bytes, 1):
            raise ZipRefused(
                "total_ratio_too_high",
                "",
                f"The archive would unpack to more than {limits.max_ratio} times its size "
                "(a zip bomb?).",
                ratio=limits.max_ratio,
            )

    # --- extracting ---------------------------------------------------------------------------

    def extract(self, member: Member, dest_dir: str | os.PathLike[str]) -> Path:
        """Write *member* to ``dest_dir / member.name`` (creating folders) and return the path.

        The output is capped at the declared size (itself within the limits checked on opening),
        so the sum of extracted sizes never exceeds the declared total. Raises
        :class:`ZipRefused` (``size_mismatch``, ``corrupt``, ``unsafe_path``) and then removes
        the partial file; raises
        ``FileExistsError`` if the target already exists and ``KeyError`` for a member that is
        not from this archive.
        """
        info = self._infos[member.name]
        if Member(member.name, info.file_size, info.compress_size) != member:
            raise KeyError(member.name)
        root = Path(dest_dir).resolve(strict=True)
        target = root.joinpath(*member.name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.parent.resolve().is_relative_to(root) or target.is_symlink():
            raise ZipRefused("unsafe_path", member.name, f"“{member.name}” leaves the folder.")
        try:
            with self._zip.open(info) as source, open(target, "xb") as out:
                cap = min(info.file_size, self.limits.max_file_bytes)
                written = copy_capped(source, out, cap, name=member.name)
            if written != info.file_size:
                raise ZipRefused(
                    "size_mismatch",
                    member.name,
                    f"“{member.name}” unpacked to {written:,} bytes but declares "
                    f"{info.file_size:,}.",
                    size=written,
                    declared=info.file_size,
                )
        except FileExistsError:
            raise
        except ZipRefused:
            target.unlink(missing_ok=True)
            raise
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError) as exc:
            target.unlink(missing_ok=True)
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # a real disk error, not a damaged archive (bz2 raises errno-less OSError)
            raise ZipRefused(
                "corrupt",
                member.name,
                f"“{member.name}” is damaged in the archive ({exc}).",
                detail=str(exc),
            ) from exc
        return target


def copy_capped(source: BinaryIO, out: BinaryIO, cap: int, *, name: str = "") -> int:
    """Copy *source* to *out* in chunks; raise ``ZipRefused("size_mismatch")`` as soon as more
    than *cap* bytes arrive (at most one chunk past the cap is read, none is written)."""
    written = 0
    while chunk := source.read(min(CHUNK, cap - written + 1)):
        written += len(chunk)
        if written > cap:
            raise ZipRefused(
                "size_mismatch",
                name,
                f"“{name}” unpacks to more than the {cap:,} bytes it may have (a zip bomb?).",
                limit=cap,
            )
        out.write(chunk)
    return written


# --- entry checks -----------------------------------------------------------------------------


def decode_name(info: zipfile.ZipInfo) -> str:
    """The member's name as text, before any path normalisation (see the module docstring)."""
    if info.flag_bits & 0x800:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437")  # zipfile decoded the raw bytes as CP437
    unicode_path = _unicode_path_field(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = best_decoding(raw, ("cp437", "cp1258"))
    return best[1] if best else info.orig_filename


def _unicode_path_field(extra: bytes, raw: bytes) -> str | None:
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, i)
        body = extra[i + 4 : i + 4 + size]
        if tag == 0x7075 and len(body) >= 5 and body[0] == 1:
            if struct.unpack_from("<I", body, 1)[0] == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        i += 4 + size
    return None


def normalise_name(name: str) -> str:
    """NFC, ``/`` separators, no ``./`` or empty segments; raise :class:`ZipRefused` for an
    absolute path, a ``..`` segment or an unusable name (messages quote the name as stored)."""
    shown = unicodedata.normalize("NFC", name)
    path = shown.replace("\\", "/")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        raise ZipRefused("absolute_path", shown, f"“{shown}” is an absolute path.")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ZipRefused("unsafe_path", shown, f"“{shown}” points outside the archive folder.")
    unusable = any(unicodedata.category(c) == "Cc" for c in path) or _BIDI.search(path)
    if not parts or unusable or any(len(p.encode()) > 255 for p in parts):
        raise ZipRefused(
            "bad_name", shown, f"The name {shown!r} is empty, too long or has control characters."
        )
    return "/".join(parts)


def _check_entry(info: zipfile.ZipInfo, limits: ZipLimits) -> tuple[str, bool]:
    raw_name = decode_name(info)
    name = normalise_name(raw_name)
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    is_dir = (
        raw_name.endswith(("/", "\\")) or kind == stat.S_IFDIR or bool(info.external_attr & 0x10)
    )
    if kind == stat.S_IFLNK:
        raise ZipRefused("symlink", name, f"“{name}” is a symbolic link.")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise ZipRefused("special_file", name, f"“{name}” is a device or special file.")
    if info.flag_bits & 0x41:
        raise ZipRefused("encrypted", name, f"“{name}” is password-protected; zip it without one.")
    if info.compress_type not in _SUPPORTED:
        raise ZipRefused(
            "unsupported_compression",
            name,
            f"“{name}” uses a compression method (#{info.compress_type}) that cannot be read; "
            "zip it again with the standard (Deflate) method.",
            method=info.compress_type,
        )
    if info.file_size > limits.max_file_bytes:
        raise ZipRefused(
            "file_too_large",
            name,
            f"“{name}” is {info.file_size:,} bytes; at most {limits.max_file_bytes:,}.",
            size=info.file_size,
            limit=limits.max_file_bytes,
        )
    if info.file_size > limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        raise ZipRefused(
            "ratio_too_high",
            name,
            f"“{name}” would unpack to more than {limits.max_ratio} times its compressed size "
            "(a zip bomb?).",
            ratio=limits.max_ratio,
        )
    return name, is_dir


def _duplicate(name: str, other: str) -> ZipRefused:
    return ZipRefused(
        "duplicate_name",
        name,
        f"“{name}” and “{other}” have the same name once upper/lower case is ignored.",
        other=other,
    )


def _overlaps(infos: list[zipfile.ZipInfo], central_directory: int) -> list[ZipRefused]:
    """Entries whose local header + data (at least) reach into the next entry's bytes."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    problems = []
    for info, following in zip(ordered, [*ordered[1:], None], strict=True):
        end = (
            info.header_offset
            + _LOCAL_HEADER_SIZE
            + len(info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"))
            + info.compress_size
        )
        limit = central_directory if following is None else following.header_offset
        if end > limit:
            name = unicodedata.normalize("NFC", info.orig_filename)
            problems.append(
                ZipRefused(
                    "overlapping_members",
                    name,
                    f"“{name}” overlaps another entry of the archive (a zip bomb?).",
                )
            )
    return problems
