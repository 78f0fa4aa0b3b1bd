"""Build ZIP archives byte by byte, including the hostile ones `zipfile` refuses to write:
lying sizes, symlink and device attributes, encrypted flags, raw name bytes in any code page,
entries that share their data (overlap bombs)."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

STORED, DEFLATED = 0, 8
REGULAR = 0o100644 << 16
SYMLINK = 0o120777 << 16
CHAR_DEVICE = 0o020644 << 16
FIFO = 0o010644 << 16
DIRECTORY = (0o040755 << 16) | 0x10


@dataclass
class Entry:
    name: bytes
    data: bytes = b""
    method: int = DEFLATED
    flags: int = 0
    external_attr: int = REGULAR
    declared_size: int | None = None  # uncompressed size written in the headers
    crc: int | None = None
    extra: bytes = b""
    alias_of: int | None = None  # point the central entry at another entry's local header


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def build_zip(entries: list[Entry]) -> bytes:
    body = bytearray()
    central = bytearray()
    offsets: list[int] = []
    for entry in entries:
        payload = raw_deflate(entry.data) if entry.method == DEFLATED else entry.data
        crc = zlib.crc32(entry.data) if entry.crc is None else entry.crc
        size = len(entry.data) if entry.declared_size is None else entry.declared_size
        fields = (20, entry.flags, entry.method, 0, 0x21, crc, len(payload), size)
        if entry.alias_of is None:
            offsets.append(len(body))
            body += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, len(entry.name), 0)
            body += entry.name + payload
        else:
            offsets.append(offsets[entry.alias_of])
        central += struct.pack(
            "<IH" + "HHHHHIII" + "HHHHHII",
            0x02014B50,
            (3 << 8) | 20,
            *fields,
            len(entry.name),
            len(entry.extra),
            0,
            0,
            0,
            entry.external_attr,
            offsets[-1],
        )
        central += entry.name + entry.extra
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(body), 0
    )
    return bytes(body + central + end)


def unicode_path_extra(raw_name: bytes, utf8_name: str) -> bytes:
    """Info-ZIP Unicode Path extra field (0x7075)."""
    body = b"\x01" + struct.pack("<I", zlib.crc32(raw_name)) + utf8_name.encode()
    return struct.pack("<HH", 0x7075, len(body)) + body
