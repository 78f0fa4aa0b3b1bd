"""A smoke run of bench/search.py (200 synthetic items, SQLite): it still works."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_search_bench_smoke(tmp_path: Path, capsys) -> None:
    bench = load("search")
    out = tmp_path / "result.json"
    assert bench.main(["--smoke", "--json", str(out)]) == 0
    (result,) = json.loads(out.read_text())
    assert result["database"] == "sqlite" and result["items"] == 200
    assert result["indexed"] == 200 and len(result["queries"]) == 50
    by_query = {(r["q"], json.dumps(r["filters"])): r for r in result["queries"]}
    assert by_query[("SY-000097", "{}")]["total"] == 1
    assert by_query[("thi dua", "{}")]["total"] > 50
    assert result["ours_p95_ms"] > 0 and result["bare_p95_ms"] > 0
    assert "| sqlite | 200 |" in capsys.readouterr().out


def test_synthetic_catalogue_is_deterministic(db) -> None:
    import sys

    sys.path.insert(0, str(BENCH))
    from synthetic import generate

    from trienlam.catalogue.models import Item

    first = generate(40, seed=3, prefix="AA")
    second = generate(40, seed=3, prefix="BB")
    texts = [
        list(
            Item.objects.filter(pk__in=c.item_ids)
            .order_by("pk")
            .values_list("title", "summary", "transcription", "doc_number", "date_text", "kind")
        )
        for c in (first, second)
    ]
    assert texts[0] == texts[1] and len(texts[0]) == 40
    assert first.placements == second.placements > 0
    assert Item.objects.public().count() == 80
