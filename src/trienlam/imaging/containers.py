"""Small, bounded readers for the audio and video containers we accept.

mutagen reads MP3, Ogg and MP4 durations, but it has no Matroska/WebM support, and
deciding whether an MP4 is a video or only sound needs its track handlers. These
readers look only at container headers: they never read media payloads, every read
is bounded, and a broken or hostile file raises ContainerError instead of looping or
allocating without limit.

Pure Python, no third-party imports.
"""

from __future__ import annotations

import io
import math
import os
import struct
from dataclasses import dataclass
from typing import BinaryIO

# Upper bounds: far above what real files need, far below what could hurt.
MAX_HEADER_BYTES = 1024 * 1024  # one EBML header, Info or SeekHead element
MAX_LEVEL1_ELEMENTS = 512  # Segment children examined before giving up
MAX_CHILDREN = 4096  # children of one element
MAX_TOP_BOXES = 4096  # top-level MP4 boxes
MAX_MOOV_BYTES = 64 * 1024 * 1024  # a movie header is kilobytes to a few megabytes


class ContainerError(ValueError):
    """The container's structure is broken; `truncated` when the file simply ends too soon."""

    def __init__(self, message: str, *, truncated: bool = False) -> None:
        super().__init__(message)
        self.truncated = truncated


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise ContainerError("the file ends in the middle of a header", truncated=True)
    return data


# --- Matroska / WebM (EBML) ------------------------------------------------------------------

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_ID_EBML = 0x1A45DFA3
_ID_DOCTYPE = 0x4282
_ID_SEGMENT = 0x18538067
_ID_SEEKHEAD = 0x114D9B74
_ID_SEEK = 0x4DBB
_ID_SEEKID = 0x53AB
_ID_SEEKPOSITION = 0x53AC
_ID_INFO = 0x1549A966
_ID_TIMECODESCALE = 0x2AD7B1
_ID_DURATION = 0x4489
_ID_CLUSTER = 0x1F43B675


@dataclass(frozen=True)
class WebmInfo:
    doctype: str  # "webm" or "matroska"
    duration: float | None  # seconds; None when the file does not say


def _read_vint(f: BinaryIO, *, is_id: bool) -> int | None:
    """One EBML variable-length integer: an element ID (marker kept) or a data size.

    Returns None for a size whose value bits are all ones ("unknown size").
    """
    first = f.read(1)
    if not first:
        raise ContainerError("the file ends where an element was expected", truncated=True)
    lead = first[0]
    if lead == 0:
        raise ContainerError("invalid EBML number")
    length = 9 - lead.bit_length()  # 1 + number of leading zero bits
    if is_id and length > 4:
        raise ContainerError("invalid EBML element ID")
    rest = _read_exact(f, length - 1)
    if is_id:
        return int.from_bytes(first + rest, "big")
    value = lead & (0xFF >> length)
    for byte in rest:
        value = (value << 8) | byte
    if value == (1 << (7 * length)) - 1:
        return None
    return value


def _element_header(f: BinaryIO) -> tuple[int, int | None]:
    element_id = _read_vint(f, is_id=True)
    assert element_id is not None
    return element_id, _read_vint(f, is_id=False)


def _children(data: bytes) -> list[tuple[int, bytes]]:
    """The child elements of an element body already read into memory."""
    out: list[tuple[int, bytes]] = []
    f = io.BytesIO(data)
    while f.tell() < len(data):
        if len(out) >= MAX_CHILDREN:
            raise ContainerError("too many child elements")
        element_id, size = _element_header(f)
        if size is None:
            raise ContainerError("unknown size inside a header element")
        body = f.read(size)
        if len(body) != size:
            raise ContainerError("a header element runs past its parent")
        out.append((element_id, body))
    return out


def _uint(body: bytes) -> int:
    if len(body) > 8:
        raise ContainerError("integer element longer than 8 bytes")
    return int.from_bytes(body, "big") if body else 0


def _read_body(f: BinaryIO, size: int | None, what: str) -> bytes:
    if size is None or size > MAX_HEADER_BYTES:
        raise ContainerError(f"the {what} element is missing a usable size")
    return _read_exact(f, size)


def _parse_info(body: bytes) -> float | None:
    scale = 1_000_000
    duration: float | None = None
    for element_id, value in _children(body):
        if element_id == _ID_TIMECODESCALE:
            scale = _uint(value)
        elif element_id == _ID_DURATION:
            if len(value) == 4:
                duration = struct.unpack(">f", value)[0]
            elif len(value) == 8:
                duration = struct.unpack(">d", value)[0]
            elif len(value) == 0:
                duration = 0.0
            else:
                raise ContainerError("Duration is neither a 4- nor an 8-byte float")
    if duration is None:
        return None
    if scale <= 0:
        raise ContainerError("TimecodeScale is zero")
    seconds = duration * scale / 1e9
    if not math.isfinite(seconds) or seconds < 0:
        raise ContainerError("Duration is not a usable number")
    return seconds


def read_webm(path: str | os.PathLike[str]) -> WebmInfo:
    """DocType and duration (Segment/Info/Duration × TimecodeScale) of a WebM or Matroska file."""
    with open(path, "rb") as f:
        file_size = os.fstat(f.fileno()).st_size
        element_id, size = _element_header(f)
        if element_id != _ID_EBML:
            raise ContainerError("not an EBML file")
        doctype = ""
        for child_id, value in _children(_read_body(f, size, "EBML header")):
            if child_id == _ID_DOCTYPE:
                doctype = value.rstrip(b"\x00").decode("ascii", "replace")
        if not doctype:
            raise ContainerError("the EBML header names no DocType")

        element_id, segment_size = _element_header(f)
        if element_id != _ID_SEGMENT:
            raise ContainerError("no Segment after the EBML header")
        segment_start = f.tell()
        segment_end = file_size
        if segment_size is not None:
            segment_end = min(file_size, segment_start + segment_size)

        info_position: int | None = None
        info: WebmInfo | None = None
        has_cluster = False
        position = segment_start
        for _ in range(MAX_LEVEL1_ELEMENTS):
            if position >= segment_end:
                break
            f.seek(position)
            element_id, size = _element_header(f)
            data_start = f.tell()
            if element_id == _ID_INFO and info is None:
                info = WebmInfo(doctype, _parse_info(_read_body(f, size, "Info")))
            if element_id == _ID_SEEKHEAD:
                info_position = _info_from_seekhead(_read_body(f, size, "SeekHead"), segment_start)
            if element_id == _ID_CLUSTER:
                has_cluster = True
            if has_cluster or size is None:
                break  # media data from here on: only the SeekHead can still help
            position = data_start + size
        if not has_cluster:
            # A header with no Cluster after it holds no recording (a cut file may still
            # end inside its first Cluster, which counts: the duration check follows).
            raise ContainerError("no media data (Cluster): a header with no recording")
        if info is not None:
            return info

        if info_position is not None and segment_start <= info_position < file_size:
            f.seek(info_position)
            element_id, size = _element_header(f)
            if element_id == _ID_INFO:
                return WebmInfo(doctype, _parse_info(_read_body(f, size, "Info")))
        return WebmInfo(doctype, None)


def _info_from_seekhead(body: bytes, segment_start: int) -> int | None:
    for element_id, seek in _children(body):
        if element_id != _ID_SEEK:
            continue
        target: int | None = None
        where: int | None = None
        for child_id, value in _children(seek):
            if child_id == _ID_SEEKID:
                target = int.from_bytes(value, "big") if len(value) <= 4 else None
            elif child_id == _ID_SEEKPOSITION:
                where = _uint(value)
        if target == _ID_INFO and where is not None:
            return segment_start + where
    return None


# --- MP4 / ISO base media file format ----------------------------------------------------------


@dataclass(frozen=True)
class Mp4Info:
    handlers: frozenset[str]  # track handler types: "soun", "vide", "text", ...
    duration: float | None  # seconds, from mvhd (or mvex/mehd for fragmented files)


def _box_header(f: BinaryIO, end: int) -> tuple[bytes, int, int]:
    """(type, start of the payload, end of the box) of the box at the current position."""
    start = f.tell()
    size, kind = struct.unpack(">I4s", _read_exact(f, 8))
    if size == 1:
        size = struct.unpack(">Q", _read_exact(f, 8))[0]
    elif size == 0:
        size = end - start
    if size < f.tell() - start:
        raise ContainerError(f"box {kind!r} has an impossible size")
    box_end = start + size
    if box_end > end:
        raise ContainerError(f"box {kind!r} runs past the end of the file", truncated=True)
    return kind, f.tell(), box_end


def _boxes(data: bytes) -> list[tuple[bytes, bytes]]:
    """The child boxes of a box payload already in memory."""
    out: list[tuple[bytes, bytes]] = []
    offset = 0
    while offset + 8 <= len(data):
        if len(out) >= MAX_CHILDREN:
            raise ContainerError("too many child boxes")
        size, kind = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1:
            if offset + 16 > len(data):
                raise ContainerError("truncated box header")
            size = struct.unpack_from(">Q", data, offset + 8)[0]
            header = 16
        elif size == 0:
            size = len(data) - offset
        if size < header or offset + size > len(data):
            raise ContainerError(f"box {kind!r} runs past its parent")
        out.append((kind, data[offset + header : offset + size]))
        offset += size
    return out


def _full_box_duration(payload: bytes, *, mehd: bool = False) -> tuple[int | None, int]:
    """(duration, timescale) from an mvhd payload, or (duration, 0) from an mehd payload."""
    if len(payload) < 4:
        raise ContainerError("header box too short")
    version = payload[0]
    try:
        if mehd:
            fmt = ">Q" if version == 1 else ">I"
            (duration,) = struct.unpack_from(fmt, payload, 4)
            unknown = (1 << (64 if version == 1 else 32)) - 1
            return (None if duration == unknown else duration), 0
        if version == 1:
            timescale, duration = struct.unpack_from(">IQ", payload, 4 + 16)
            unknown = (1 << 64) - 1
        else:
            timescale, duration = struct.unpack_from(">II", payload, 4 + 8)
            unknown = (1 << 32) - 1
    except struct.error as exc:
        raise ContainerError("header box too short") from exc
    return (None if duration == unknown else duration), timescale


def read_mp4(path: str | os.PathLike[str]) -> Mp4Info:
    """Track handler types and movie duration of an MP4/M4A file, from its moov box."""
    with open(path, "rb") as f:
        file_size = os.fstat(f.fileno()).st_size
        moov: bytes | None = None
        media_bytes = 0  # the payload of the mdat boxes: the samples themselves
        # Every top-level box, not only up to moov: a header alone, with no samples after
        # it (or anything but boxes), is no recording.
        for _ in range(MAX_TOP_BOXES):
            if f.tell() + 8 > file_size:
                break
            kind, payload_start, box_end = _box_header(f, file_size)
            if kind == b"moov" and moov is None:
                if box_end - payload_start > MAX_MOOV_BYTES:
                    raise ContainerError("the movie header is implausibly large")
                moov = _read_exact(f, box_end - payload_start)
            elif kind == b"mdat":
                media_bytes += box_end - payload_start
            f.seek(box_end)
        if moov is None:
            # Writers that put moov last leave a file without one when cut short.
            raise ContainerError("no movie header (moov) box", truncated=f.tell() < file_size)
        if not media_bytes:
            raise ContainerError("no media data (mdat) box: a header with no recording")

    handlers: set[str] = set()
    duration: int | None = None
    timescale = 0
    fragment_duration: int | None = None
    for kind, payload in _boxes(moov):
        if kind == b"mvhd":
            duration, timescale = _full_box_duration(payload)
        elif kind == b"trak":
            for mdia_kind, mdia in _boxes(payload):
                if mdia_kind != b"mdia":
                    continue
                for child_kind, child in _boxes(mdia):
                    if child_kind == b"hdlr" and len(child) >= 12:
                        handlers.add(child[8:12].decode("latin-1"))
        elif kind == b"mvex":
            for child_kind, child in _boxes(payload):
                if child_kind == b"mehd":
                    fragment_duration, _ = _full_box_duration(child, mehd=True)
    if not duration and fragment_duration:
        duration = fragment_duration
    seconds = duration / timescale if duration and timescale else None
    return Mp4Info(handlers=frozenset(handlers), duration=seconds)


# --- Ogg ---------------------------------------------------------------------------------------


def ogg_first_packet(path: str | os.PathLike[str], limit: int = 64) -> bytes:
    """The first bytes of the first packet of an Ogg file (it names the codec)."""
    with open(path, "rb") as f:
        header = _read_exact(f, 27)
        if header[:4] != b"OggS":
            raise ContainerError("not an Ogg page")
        segments = header[26]
        lacing = _read_exact(f, segments)
        length = 0
        for value in lacing:
            length += value
            if value < 255:
                break
        return f.read(min(length, limit))
