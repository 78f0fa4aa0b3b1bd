"""Large result sets: the static order (trienlam.search.engine.static_ranked).

Above ``EXACT_RANK_LIMIT`` text matches the engine stops ranking every match (bm25 /
ts_rank) and lists them in a static order. These tests lower the limit so that a small
catalogue takes that path, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import builders as b
from tests.search.conftest import found
from trienlam.catalogue.models import Item
from trienlam.search import engine
from trienlam.search.api import search


@pytest.fixture
def common(db):  # type: ignore[no-untyped-def]
    """A word ("thi đua") in the body of many items and in the titles of a few."""
    lang_son = b.province("Lạng Sơn", "lang-son")
    archive = b.institution(slug="ttlt-ls", province=lang_son)
    other = b.institution("Kho lưu trữ khác", slug="ttlt-khac", province=lang_son)
    body = "Công văn về phong trào thi đua yêu nước của các xã vùng cao trong tỉnh."

    def entry(institution, identifier: str, title: str, summary: str, kind: str = "document"):  # type: ignore[no-untyped-def]
        # no number or creator: only the title and the summary say "thi đua"
        return b.item(
            institution,
            identifier=identifier,
            title=title,
            summary=summary,
            doc_number="",
            creator="",
            kind=kind,
        )

    for n in range(12):
        entry(
            archive if n % 2 else other,
            f"TL-1{n:03d}",
            f"Công văn số {n} về làm đường liên xã vùng cao",
            body,
            "document" if n % 3 else "photo",
        )
    long_title = entry(
        archive,
        "TL-2001",
        "Báo cáo tổng kết công tác thi đua khen thưởng của các huyện vùng cao năm 1960",
        "Tổng kết.",
    )
    best = entry(archive, "TL-2002", "Thi đua", "Một văn bản ngắn.")
    middle = entry(
        other, "TL-2003", "Lời kêu gọi thi đua ái quốc", "Toàn văn lời kêu gọi.", "photo"
    )
    return SimpleNamespace(archive=archive, other=other, best=best, middle=middle, long=long_title)


@pytest.fixture
def static(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(engine, "EXACT_RANK_LIMIT", 3)


def test_the_best_title_match_comes_first_for_common_queries(common, static) -> None:
    for q in ("thi dua", "thi đua", "THI DUA"):
        results = search(q, per_page=5)
        assert results.total == 15
        assert [h.item.identifier for h in results.hits[:3]] == ["TL-2002", "TL-2003", "TL-2001"]


def test_the_exact_ranking_also_puts_title_matches_first(common) -> None:
    # bm25 (SQLite) and ts_rank (PostgreSQL, no length normalisation) order them differently
    assert set(found("thi dua")[:3]) == {"TL-2001", "TL-2002", "TL-2003"}


def test_pages_of_the_static_order_are_consistent_and_complete(common, static) -> None:
    everything = found("thi dua", per_page=100)
    assert len(everything) == len(set(everything)) == 15
    pages = []
    for page in range(1, 5):
        results = search("thi dua", {}, page=page, per_page=4)
        assert results.total == 15 and results.pages == 4
        pages += [h.item.identifier for h in results.hits]
    assert pages == everything
    past_the_end = search("thi dua", {}, page=99, per_page=4)
    assert past_the_end.page == 4
    assert [h.item.identifier for h in past_the_end.hits] == everything[12:]
    # the same items as the exact ranking, in another order
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "EXACT_RANK_LIMIT", 10_000)
        assert sorted(found("thi dua", per_page=100)) == sorted(everything)


def test_filters_in_the_static_order(common, static) -> None:
    photos = found("thi dua", loai=["photo"])
    assert photos[0] == "TL-2003"
    assert set(photos) == set(
        Item.objects.filter(kind="photo", identifier__startswith="TL-").values_list(
            "identifier", flat=True
        )
    ) - {"TL-2002", "TL-2001"}
    assert found("thi dua", per_page=3, don_vi=["ttlt-khac"], loai=["photo"]) == [
        "TL-2003",
        "TL-1000",
        "TL-1006",
    ]
    results = search("thi dua", {"loai": ["document"]}, per_page=2, page=3)
    assert results.total == len(found("thi dua", loai=["document"]))
    assert all(h.item.kind == "document" for h in results.hits)


def test_exact_accents_first_in_the_static_order(db, static) -> None:
    archive = b.institution("Kho D", slug="ttlt-d")
    for n in range(6):
        b.item(archive, identifier=f"TL-3{n:03d}", title=f"Dương Văn Khoa {n}", summary="Khen.")
    b.item(archive, identifier="TL-3100", title="Báo cáo", summary="Làm đường liên xã vùng cao")
    b.item(archive, identifier="TL-3101", title="Mở đường", summary="Ngắn.")
    b.item(archive, identifier="TL-3102", title="Đường Văn Khoa", summary="Ngắn.")
    in_order = found("đường", per_page=3) + [
        h.item.identifier for h in search("đường", per_page=3, page=2).hits
    ]
    # exact matches (titles first, shorter first), then the folded-only ones
    assert in_order[:3] == ["TL-3101", "TL-3102", "TL-3100"]
    assert in_order[3:6] == ["TL-3000", "TL-3001", "TL-3002"]  # then the folded-only ones
    assert found("dương")[:6] == [f"TL-3{n:03d}" for n in range(6)]


def test_the_head_index_follows_edits_and_deletions(common, static) -> None:
    assert found("thi dua")[0] == "TL-2002"
    middle = common.middle
    middle.title = "Thi đua!"
    middle.summary = "Ngắn."
    middle.save()
    assert found("thi dua")[:2] == ["TL-2003", "TL-2002"]  # same head, shorter entry
    Item.objects.filter(identifier="TL-2003").update(status=Item.Status.WITHDRAWN)
    assert found("thi dua")[0] == "TL-2002"
    common.best.delete()
    assert found("thi dua")[0] == "TL-2001"
    assert "TL-2002" not in found("thi dua") and search("thi dua").total == 13
    middle.refresh_from_db()
    middle.status = Item.Status.PUBLISHED
    middle.title = "Ảnh khác"
    middle.save()
    assert "TL-2003" not in found("thi dua")
    middle.summary = "Thi đua."
    middle.save()
    hits = found("thi dua")
    assert hits[:2] == ["TL-2001", "TL-2003"]  # the title match, then the shortest entry
    assert len(hits) == search("thi dua").total == 14


def test_reindex_rebuilds_the_head_index(common, static) -> None:
    from django.core.management import call_command

    before = found("thi đua")
    call_command("reindex")
    assert found("thi đua") == before


def _counts(results, param: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    facet = next(f for f in results.facets if f.param == param)
    return {v.value: v.count for v in facet.values if v.count}


def test_facet_counts_when_most_entries_match(common) -> None:
    # More than half the entries match: the engine counts the others and subtracts.
    for n in range(3):
        b.item(common.other, identifier=f"TL-4{n:03d}", title="Ảnh chợ phiên", summary="Chợ.")
    Item.objects.filter(identifier__in=["TL-1000", "TL-4000"]).update(date_start="1961-02-01")
    for filters in ({}, {"nam": "1961"}, {"loai": ["photo"]}):
        results = search("thi dua", filters, per_page=100)
        ids = [h.item.identifier for h in results.hits]
        items = Item.objects.filter(identifier__in=ids)
        assert results.total == len(ids) == (1 if "nam" in filters else len(items))
        if not filters:
            assert _counts(results, "loai") == {
                "document": items.filter(kind="document").count(),
                "photo": items.filter(kind="photo").count(),
            }
            assert sum(_counts(results, "don-vi").values()) == 15
    # and they follow changes made after the facet cache was read
    Item.objects.filter(identifier="TL-2003").update(status=Item.Status.WITHDRAWN)
    assert search("thi dua").total == 14
    photos = Item.objects.filter(identifier__in=found("thi dua"), kind="photo").count()
    assert _counts(search("thi dua"), "loai")["photo"] == photos == 4


def test_a_bulk_refresh_updates_the_planner_statistics(common, monkeypatch) -> None:
    from django.db import connection

    from trienlam.search import index

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL's autovacuum keeps its statistics")
    index.refresh()
    monkeypatch.setattr(index, "ANALYZE_AFTER", 2)
    Item.objects.filter(identifier__in=["TL-2001", "TL-2002"]).update(title="Thi đua mới")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
        assert index.refresh() == 2
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl")
        assert [row[0] for row in cursor.fetchall()] == ["catalogue_item", "search_entry"]
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM catalogue_item"
            " WHERE status = 'published' AND id IN (1, 2, 3)"
        )
        assert "PRIMARY KEY" in " ".join(str(row) for row in cursor.fetchall())


def test_the_enclosing_transaction_keeps_its_planner_settings(common) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the matched ids are read with enable_seqscan off")
    assert search("thi dua").total == 15  # inside the test's transaction
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
