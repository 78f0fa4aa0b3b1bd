"""Smoke runs of the benchmarks in bench/: each still works (the numbers are in bench/README.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.test import Client

from trienlam.demo.build import build_demo

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_page_weight_on_the_demo_stays_within_budget() -> None:
    build_demo(scale=0.05)
    page_weight = load("page_weight")
    results = page_weight.measure_all(Client())
    assert set(results) == {"home", "exhibition", "part", "item (most pages)"}
    item = results["item (most pages)"]
    # One stylesheet, the small deep-zoom enhancement script, and the visit counter's count.js
    # (issue #6: a few hundred bytes, on exhibition, part and item pages only).
    assert item["assets"] == 3
    assert results["part"]["assets"] == 2  # the stylesheet and count.js
    assert results["home"]["assets"] == 1  # the home page is not counted: no script
    assert item["html_gzip"] + item["assets_gzip"] < page_weight.BUDGET_ITEM_PAGE
