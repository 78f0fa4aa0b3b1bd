"""Rendering the export in worker processes writes the same bytes as rendering in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publishing.conftest import BASE_URL, build_site
from tests.publishing.test_export import _files
from trienlam.publishing import parallel
from trienlam.publishing.exporter import publish


@pytest.mark.django_db(transaction=True)
def test_render_workers_write_the_same_bytes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 1)
    serial = publish(tmp_path / "serial", BASE_URL, workers=1)
    forked = publish(tmp_path / "forked", BASE_URL, workers=2)
    assert serial.workers == 1
    # Workers are forked only where they can see the rows: a database on disk or a server
    # (PostgreSQL), not SQLite's in-memory test database.
    assert forked.workers == (2 if parallel.can_fork() else 1)
    assert forked.counts.rendered == serial.counts.rendered > 10
    assert forked.by_app.keys() == serial.by_app.keys()
    ours = _files(tmp_path / "serial")
    theirs = _files(tmp_path / "forked")
    assert ours.keys() == theirs.keys()
    assert [n for n in ours if ours[n] != theirs[n]] == []
    for word in site.secrets:
        assert not any(word.encode() in data for data in theirs.values()), word


def test_no_workers_inside_a_transaction(db: None) -> None:  # type: ignore[no-untyped-def]
    assert not parallel.can_fork()  # the test's own transaction: workers could not see it


@pytest.mark.django_db(transaction=True)
def test_a_page_failing_in_a_worker_fails_the_export(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from trienlam.exhibitions import published
    from trienlam.publishing.output import ExportError

    build_site(tmp_path)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_PAGES", 1)
    listed = published.pages

    def with_a_missing_page():  # type: ignore[no-untyped-def]
        yield from listed()
        yield "/tu-lieu/KHONG-CO-TAI-LIEU-NAY/"

    monkeypatch.setattr(published, "pages", with_a_missing_page)
    with pytest.raises(ExportError, match="KHONG-CO-TAI-LIEU-NAY/ answered 404"):
        publish(tmp_path / "out", BASE_URL, workers=2)
    assert not (tmp_path / "out").exists()
