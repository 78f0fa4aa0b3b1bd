"""Editors publish from the admin; others may not. The export benchmark still runs."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from tests import builders as b
from tests.publishing.conftest import BASE_URL

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def people(personas):  # type: ignore[no-untyped-def]
    """The personas, with one public exhibition of one public item to publish."""
    exhibition = b.exhibition(slug="trien-lam-quan-tri")
    b.place(b.part(exhibition), b.item(personas.archive_a, title="Tư liệu công khai"))
    return personas


def test_an_editor_publishes_from_the_admin(people, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_EXPORT_DIR = tmp_path / "xuat-ban"
    settings.PUBLIC_BASE_URL = BASE_URL
    page = people.editor.get("/admin/xuat-ban/")
    assert page.status_code == 200
    assert str(settings.TRIENLAM_EXPORT_DIR) in page.content.decode()
    done = people.editor.post("/admin/xuat-ban/")
    assert done.status_code == 200
    text = done.content.decode()
    assert "files written" in text or "tệp được ghi" in text
    assert (settings.TRIENLAM_EXPORT_DIR / "index.html").is_file()
    assert os.path.islink(settings.TRIENLAM_EXPORT_DIR)


def test_curators_and_visitors_cannot_publish(people, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_EXPORT_DIR = tmp_path / "xuat-ban"
    settings.PUBLIC_BASE_URL = BASE_URL
    assert people.curator_a.post("/admin/xuat-ban/").status_code == 403
    assert people.anonymous.post("/admin/xuat-ban/").status_code == 302
    assert not os.path.lexists(settings.TRIENLAM_EXPORT_DIR)


def test_the_admin_page_explains_a_missing_address(people, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_EXPORT_DIR = tmp_path / "xuat-ban"
    settings.PUBLIC_BASE_URL = ""
    done = people.editor.post("/admin/xuat-ban/")
    assert done.status_code == 400
    assert "TRIENLAM_PUBLIC_BASE_URL" in done.content.decode()
    assert not os.path.lexists(settings.TRIENLAM_EXPORT_DIR)


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_export", BENCH / "export.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_export_benchmark_smoke(tmp_path: Path) -> None:
    bench = _bench()
    bench.setup_catalogue(30)
    full = bench.export(tmp_path / "out")
    assert full["counts"]["rendered"] > 30 and full["render"] > 0
    bench.change_one_item()
    incremental = bench.export(tmp_path / "out")
    # Our own keyed pages (exhibition, parts, items, manifests) are reused; other apps'
    # pages without keys are rendered again.
    assert 0 < incremental["counts"]["rendered"] < full["counts"]["rendered"]
    assert incremental["counts"]["skipped"] >= 30
    assert incremental["counts"]["tiles_copied"] == 0
    pages = bench.write_hugo_site(tmp_path / "hugo")
    assert pages == full["render_pages"] - 1  # all but the privacy page
    assert bench.hugo_binary(), "Hugo is missing: ./run test installs Debian's hugo"
    seconds, _, _ = bench.run_hugo(tmp_path / "hugo")
    assert seconds > 0
    # Hugo renders every page it is given (none hidden in a bundle), and its item pages (both
    # forms) show and link the same as the export's.
    public = tmp_path / "hugo" / "public"
    assert len(list(public.glob("**/index.html"))) == pages
    from hugo_site import signature  # bench/ is on the path once write_hugo_site ran

    ours = sorted((tmp_path / "out").glob("**/tu-lieu/*/index.html"))
    assert len(ours) > 30
    for page in ours:
        relative = page.relative_to(tmp_path / "out")
        assert signature(page.read_text()) == signature((public / relative).read_text()), relative
