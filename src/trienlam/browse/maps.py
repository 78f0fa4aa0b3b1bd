"""The province map: shapes from static/trienlam/browse/provinces.json, built once by
tools/province_map.py from Natural Earth (public domain), keyed by province slug."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHAPES_FILE = (
    Path(__file__).resolve().parents[1] / "static" / "trienlam" / "browse" / "provinces.json"
)


@dataclass
class MapShape:
    slug: str
    name: str  # the Province's name (admin data), not the map file's
    d: str
    label_x: str  # SVG numbers, formatted here: a template would localise "12.5" as "12,5"
    label_y: str
    count: int
    url: str


@dataclass
class ProvinceMap:
    view_box: str
    shapes: list[MapShape]
    context_vn: str
    context_foreign: str
    source: str
    schematic: bool


@functools.cache
def _shapes() -> dict[str, Any]:
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


def province_map(rows: Sequence[dict[str, Any]]) -> ProvinceMap | None:
    """The map for the province rows (dicts with province, count, url), or None when no
    province has a shape. A province without a shape is only in the list; a shape without
    a province (renamed or deleted) is drawn as unlinked context."""
    data = _shapes()
    shapes: list[MapShape] = []
    unmatched = dict(data["provinces"])
    for row in rows:
        shape = unmatched.pop(row["province"].slug, None)
        if shape is None:
            continue
        x, y = shape["label"]
        shapes.append(
            MapShape(
                row["province"].slug,
                row["province"].name,
                shape["d"],
                f"{x:g}",
                f"{y:g}",
                row["count"],
                row["url"],
            )
        )
    if not shapes:
        return None
    context_vn = data["context"]["vn"] + "".join(s["d"] for s in unmatched.values())
    return ProvinceMap(
        view_box=data["viewBox"],
        shapes=shapes,
        context_vn=context_vn,
        context_foreign=data["context"]["foreign"],
        source=data["source"],
        schematic=bool(data.get("schematic")),
    )
