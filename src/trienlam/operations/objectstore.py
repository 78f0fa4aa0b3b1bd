"""The static export on S3-compatible object storage (TRIENLAM_STORAGE=s3).

`ExportStorage` is django-storages' S3 storage with the caching headers of
deploy/nginx/static-export.conf: short for HTML and other pages that change, long and
immutable for IIIF tiles and hashed static files. `upload_plan` decides what to upload
(only files whose SHA-256 differs from the last upload's manifest, assets before the pages
that use them, the manifest last), so a CDN sees a consistent site at every moment and
unchanged files keep their caches.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = ".trienlam-upload.json"
SHORT = "public, max-age=300"
LONG = "public, max-age=31536000, immutable"
# The rules of deploy/nginx/static-export.conf (its `map $uri $trienlam_cache_control`), first
# match wins, so a bucket behind a CDN behaves like the nginx-served export.
RULES = [
    (re.compile(r"^media/iiif/.+/info\.json$"), "public, max-age=3600"),
    (re.compile(r"^media/"), "public, max-age=2592000"),
    (re.compile(r"^static/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$"), LONG),
    (re.compile(r"^static/"), "public, max-age=86400"),
    (re.compile(r"^pagefind/.+\.pf_[a-z]+$"), LONG),
]


def cache_control(name: str) -> str:
    for pattern, value in RULES:
        if pattern.search(name):
            return value
    return SHORT


def object_parameters(name: str) -> dict[str, str]:
    """Headers stored with an object: type, caching and, for pre-compressed copies, encoding."""
    params = {"CacheControl": cache_control(name.removesuffix(".gz").removesuffix(".br"))}
    base = name
    for suffix, encoding in ((".gz", "gzip"), (".br", "br")):
        if name.endswith(suffix):
            base = name.removesuffix(suffix)
            params["ContentEncoding"] = encoding
    content_type, _ = mimetypes.guess_type(base)
    if content_type:
        if content_type.startswith("text/") or content_type in {"application/json"}:
            content_type += "; charset=utf-8"
        params["ContentType"] = content_type
    return params


def _storage_base():  # type: ignore[no-untyped-def]
    from storages.backends.s3 import S3Storage

    return S3Storage


class ExportStorage(_storage_base()):  # type: ignore[misc]
    def get_object_parameters(self, name: str) -> dict[str, str]:
        params = super().get_object_parameters(name)
        params.update(object_parameters(name))
        return params


@dataclass(frozen=True)
class Plan:
    upload: list[str]  # in order: assets, then pages
    unchanged: int
    checksums: dict[str, str]  # every file of the folder, for the new manifest


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def upload_plan(folder: Path, previous: dict[str, str]) -> Plan:
    checksums = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name == MANIFEST_NAME:
            continue
        checksums[name] = sha256_file(path)
    changed = [name for name, digest in checksums.items() if previous.get(name) != digest]
    # Pages last: a page is only visible once everything it links to is there.
    changed.sort(key=lambda name: (cache_control(name) == SHORT, name))
    return Plan(changed, len(checksums) - len(changed), checksums)
