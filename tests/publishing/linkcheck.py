"""A link checker for an exported site: every internal reference must resolve to a file.

Checks, in every HTML page: href, src, srcset entries, data-iiif (info.json), data-osd and
other data-* URLs; in every info.json: each listed size and every tile at every scale factor
(as OpenSeadragon asks for them); in every IIIF manifest and collection: every `id` of a
resource on this site (images, image services' info.json, manifests of a collection).
"""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

DESCRIPTOR = re.compile(r"^\d+(\.\d+)?[wx],?$")
URL_ATTRIBUTES = {"href", "src", "data-iiif", "data-osd", "poster", "action"}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in values.items():
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                if tag == "form" and name == "action":
                    self.refs.append(value)
                elif name != "action":
                    self.refs.append(value)
            elif name == "srcset":
                # URLs may hold commas (IIIF sizes "w,h"): a URL is every token that is
                # not a width or density descriptor.
                self.refs += [t for t in value.split() if not DESCRIPTOR.match(t)]


def file_for(site: Path, path: str) -> Path | None:
    """The file serving site path *path* (pretty URLs), or None."""
    relative = unquote(path).lstrip("/")
    candidate = site / relative
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site: Path, base_url: str) -> tuple[int, list[str]]:
    """(references checked, broken references as "page -> reference")."""
    host = urlsplit(base_url).netloc
    broken: list[str] = []
    checked = 0

    def internal(reference: str, page_url: str) -> str | None:
        absolute = urljoin(page_url, reference)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != host:
            return None
        return parts.path

    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        page_path = "/" + relative.removesuffix("index.html")
        parser = _Refs()
        parser.feed(page.read_text())
        for reference in parser.refs:
            if reference.startswith(("mailto:", "tel:", "data:", "#", "javascript:")):
                continue
            path = internal(reference, base_url + page_path)
            if path is None:
                continue
            checked += 1
            if file_for(site, path) is None:
                broken.append(f"{page_path} -> {reference}")

    for info in sorted(site.rglob("info.json")):
        checked_here, missing = check_info(site, info, base_url)
        checked += checked_here
        broken += missing

    for document in sorted((site / "iiif").rglob("*.json")) if (site / "iiif").is_dir() else []:
        for url in _ids(json.loads(document.read_text())):
            path = internal(url, base_url + "/")
            if path is None:
                continue
            if "/canvas/" in path or "/annotation" in path or path.endswith(("/page", "/range")):
                continue  # identifiers, not documents
            checked += 1
            target = file_for(site, path) or file_for(site, path + "/info.json")
            if target is None:
                broken.append(f"{document.relative_to(site)} -> {url}")
    return checked, broken


def _ids(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                found.append(value)
            else:
                found += _ids(value)
    elif isinstance(node, list):
        for value in node:
            found += _ids(value)
    return found


def tile_paths(info: dict) -> list[str]:
    """Every tile and size an IIIF level-0 client can ask for, relative to the image base."""
    width, height = info["width"], info["height"]
    paths = [f"full/{s['width']},{s['height']}/0/default.jpg" for s in info.get("sizes", [])]
    for spec in info.get("tiles", []):
        tile_w = spec["width"]
        tile_h = spec.get("height", tile_w)
        for scale in spec["scaleFactors"]:
            region_w, region_h = tile_w * scale, tile_h * scale
            if region_w >= width and region_h >= height:
                w, h = math.ceil(width / scale), math.ceil(height / scale)
                paths.append(f"full/{w},{h}/0/default.jpg")
                continue
            for y in range(0, height, region_h):
                for x in range(0, width, region_w):
                    rw, rh = min(region_w, width - x), min(region_h, height - y)
                    size = f"{math.ceil(rw / scale)},{math.ceil(rh / scale)}"
                    paths.append(f"{x},{y},{rw},{rh}/{size}/0/default.jpg")
    return paths


def check_info(site: Path, info_path: Path, base_url: str) -> tuple[int, list[str]]:
    info = json.loads(info_path.read_text())
    broken = []
    expected_id = base_url + "/" + info_path.parent.relative_to(site).as_posix()
    if info["id"] != expected_id:
        broken.append(f"{info_path.relative_to(site)}: id {info['id']} is not {expected_id}")
    paths = tile_paths(info)
    for tile in paths:
        if not (info_path.parent / tile).is_file():
            broken.append(f"{info_path.relative_to(site)} -> {tile}")
    return len(paths), broken
