"""The province map data (built by tools/province_map.py) and the tool's geometry."""

from __future__ import annotations

import json
import re

from tools import province_map as tool
from trienlam.browse.maps import SHAPES_FILE
from trienlam.demo.content import PROVINCES

PATH = re.compile(r"(M-?[\d.]+ -?[\d.]+l(-?[\d.]+ -?[\d.]+ ?)+z)+")


def test_the_committed_map_has_a_shape_for_every_demo_province() -> None:
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    assert set(data["provinces"]) == {p.slug for p in PROVINCES}
    assert data["schematic"] is False and "Natural Earth" in data["source"]
    _, _, width, height = (float(v) for v in data["viewBox"].split())
    for slug, shape in data["provinces"].items():
        assert PATH.fullmatch(shape["d"]), slug
        x, y = shape["label"]
        assert 0 < x < width and 0 < y < height, slug
    names = {p.slug: p.name for p in PROVINCES}
    assert {slug: s["name"] for slug, s in data["provinces"].items()} == names
    # Light enough to inline in the page.
    assert SHAPES_FILE.stat().st_size < 20_000


def test_douglas_peucker_keeps_ends_and_far_points() -> None:
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]
    assert tool.douglas_peucker(line, 2.0) == [(0.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert len(tool.douglas_peucker(line, 1.0)) == 4  # (2, -0.1) is 1.77 from (0,0)-(3,5)
    assert tool.douglas_peucker(line, 10.0) == [(0.0, 0.0), (4.0, 0.0)]


def test_shared_borders_are_simplified_once_so_neighbours_still_meet() -> None:
    # Two squares sharing a wiggly vertical border x≈10, walked in opposite directions.
    border = [(10.0 + (0.3 if y % 2 else 0.0), float(y)) for y in range(11)]
    left = [*border, (0.0, 10.0), (0.0, 0.0), border[0]]
    right = [*reversed(border), (20.0, 0.0), (20.0, 10.0), border[-1]]
    simplifier = tool.Simplifier([left, right], fine={0, 1})
    a, b = simplifier.ring(left), simplifier.ring(right)
    shared_a = [p for p in a if p in set(border)]
    shared_b = [p for p in b if p in set(border)]
    assert set(shared_a) == set(shared_b)
    assert len(set(shared_a)) < len(border)  # it did simplify


def test_clip_keeps_a_ring_inside_the_view() -> None:
    ring = [(-10.0, -10.0), (50.0, -10.0), (50.0, 50.0), (-10.0, 50.0), (-10.0, -10.0)]
    clipped = tool.clip(ring, 40.0, 30.0)
    assert clipped[0] == clipped[-1]
    assert all(0 <= x <= 40 and 0 <= y <= 30 for x, y in clipped)
    assert sorted(set(clipped)) == [(0.0, 0.0), (0.0, 30.0), (40.0, 0.0), (40.0, 30.0)]
    assert tool.clip([(50.0, 50.0), (60.0, 50.0), (60.0, 60.0), (50.0, 50.0)], 40.0, 30.0) == []


def test_path_data_is_relative_and_rounded() -> None:
    ring = [(1.04, 2.0), (3.0, 2.0), (3.0, 4.26), (1.04, 2.0)]
    assert tool.path_data([ring]) == "M1 2l2 0 0 2.3z"
