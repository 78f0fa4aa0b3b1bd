"""Smoke run of bench/serve.py (the figures are in bench/README.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.operations.conftest import Site

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_serve():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_serve", BENCH / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_transfer_sizes_of_the_four_pages(site: Site) -> None:
    serve = load_serve()
    pages = serve.bench_pages()
    assert set(pages) == {"home", "part", "item", "search"}
    sizes = serve.transfer_sizes(pages)
    item = sizes["item"]
    assert item["html_gzip"] > 0 and item["css_js_gzip"] > 0
    assert item["first_image"] > 1000  # a real JPEG/WebP from the media view
    assert item["total"] == item["html_gzip"] + item["css_js_gzip"] + item["first_image"]


def test_cpu_per_request_of_every_public_page(site: Site) -> None:
    serve = load_serve()
    table = serve.pages_cpu(requests=1, rounds=1).splitlines()
    names = [line[:20].strip() for line in table[1:]]
    assert names == [
        "item",
        "item in exhibition",
        "part",
        "exhibition",
        "home",
        "search",
        "browse provinces",
        "browse time",
        "institutions",
    ]
    for line in table[1:]:
        total, templates = (float(n) for n in line[20:53].split())
        assert 0 < templates < total
