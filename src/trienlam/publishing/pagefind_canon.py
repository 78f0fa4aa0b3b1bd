"""Make Pagefind's output the same bytes for the same records.

Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to run;
the filter files are named by the SHA-1 of their content, the `pf_meta` file lists those
names (and is named by its own SHA-1), and `pagefind-entry.json` names the meta file. So
the same records give different bytes and names each time, which defeats CDN caches and
our "unchanged" links.

This module rewrites those files canonically: filter values sorted, filters sorted by name,
names recomputed the way Pagefind computes them (SHA-1 of the content after the 12-byte
``pagefind_dcd`` signature; 7 hex digits for filters, 10 for the meta), gzip without a
timestamp. Pagefind's reader does not depend on that order. Only the small CBOR subset
Pagefind writes is handled (unsigned and negative integers, byte and text strings, arrays,
maps, true/false/null); anything else raises, and the export stops with a clear message.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class CanonError(ValueError):
    pass


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    initial = data[at]
    major, info = initial >> 5, initial & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], at
        raise CanonError(f"unsupported CBOR simple value {info}")
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise CanonError(f"unsupported CBOR length {info}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 2:
        return bytes(data[at : at + value]), at + value
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(value):
            key, at = _decode(data, at)
            item, at = _decode(data, at)
            pairs.append((key, item))
        return _Map(pairs), at
    raise CanonError(f"unsupported CBOR major type {major}")


class _Map(list):  # type: ignore[type-arg]
    """A CBOR map kept as ordered pairs (so it re-encodes byte for byte)."""


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size, code in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + struct.pack(code, value)
    raise CanonError("integer too large")


def _encode(value: Any) -> bytes:
    if value is False:
        return b"\xf4"
    if value is True:
        return b"\xf5"
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise CanonError(f"cannot encode {type(value).__name__}")


def read(path: Path) -> Any:
    body = gzip.decompress(path.read_bytes())
    if not body.startswith(SIGNATURE):
        raise CanonError(f"{path.name} is not a Pagefind data file")
    value, end = _decode(body, len(SIGNATURE))
    if end != len(body):
        raise CanonError(f"{path.name} has trailing data")
    return value


def _write(path_for: Any, language: str, digits: int, value: Any) -> str:
    """Write *value* where ``path_for(hash)`` says; the hash (``vi_0123abc``)."""
    payload = _encode(value)
    digest = hashlib.sha1(payload).hexdigest()[:digits]  # noqa: S324 - Pagefind's own naming
    name = f"{language}_{digest}"
    path_for(name).write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))
    return name


def _replace(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, _Map):
        return _Map((_replace(k, names), _replace(v, names)) for k, v in value)
    if isinstance(value, list):
        return [_replace(v, names) for v in value]
    return value


def canonicalize(bundle: Path) -> None:
    """Rewrite the filter files, the meta file and the entry file of *bundle* in place."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text())
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        value = read(path)
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
            raise CanonError(f"unexpected layout of {path.name}")
        value[1].sort(key=lambda pair: _encode(pair[0]))
        path.unlink()
        language = path.stem.split("_")[0]
        renamed[path.stem] = _write(
            lambda name: bundle / "filter" / f"{name}.pf_filter", language, 7, value
        )
    for language, details in entry["languages"].items():
        old = details["hash"]
        meta_path = bundle / f"pagefind.{old}.pf_meta"
        meta = _replace(read(meta_path), renamed)
        for index, part in enumerate(meta):
            # The list of filters: [[name, hash], ...] in hash-map order too.
            if (
                isinstance(part, list)
                and part
                and all(isinstance(p, list) and len(p) == 2 for p in part)
                and all(isinstance(p[1], str) and p[1] in renamed.values() for p in part)
            ):
                meta[index] = sorted(part, key=lambda p: _encode(p[0]))
        meta_path.unlink()
        details["hash"] = _write(
            lambda name: bundle / f"pagefind.{name}.pf_meta", language, 10, meta
        )
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
