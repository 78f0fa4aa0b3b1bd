"""The static export: complete, public only, links resolve, deterministic and incremental."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import brotli
import pytest

from tests.publishing.conftest import BASE_URL, Site
from tests.publishing.linkcheck import check_site
from trienlam.exhibitions.models import Placement
from trienlam.lib.folding import fold
from trienlam.publishing import searchindex
from trienlam.publishing.exporter import publish
from trienlam.publishing.output import ExportError


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _text(name: str, data: bytes) -> str:
    if name.endswith(".br"):
        data = brotli.decompress(data)
    elif data[:2] == b"\x1f\x8b":  # .gz copies and Pagefind's own gzip files
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="ignore")


def test_exports_every_public_page_with_pretty_urls(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = publish(out, BASE_URL)
    small = site.small
    slug = small.exhibition.slug
    expected = [
        "index.html",
        "404.html",
        "chinh-sach-bao-mat/index.html",
        "tim-kiem/index.html",
        f"trien-lam/{slug}/index.html",
        f"trien-lam/{slug}/phan-1/index.html",
        f"trien-lam/{slug}/phan-2/index.html",
        f"trien-lam/{slug}/tu-lieu/{small.letter.identifier}/index.html",
        f"trien-lam/{slug}/tu-lieu/{small.quote.identifier}/index.html",
        f"tu-lieu/{small.letter.identifier}/index.html",
        f"tu-lieu/{small.report.identifier}/index.html",
        f"iiif/{small.letter.identifier}/manifest.json",
        f"iiif/collection/{slug}.json",
        "sitemap.xml",
        "robots.txt",
        "pagefind/pagefind-ui.js",
        "static/trienlam/site.css",
    ]
    for name in expected:
        assert (out / name).is_file(), name
    assert (out / "index.html.gz").is_file() and (out / "index.html.br").is_file()
    assert (
        gzip.decompress((out / "index.html.gz").read_bytes()) == (out / "index.html").read_bytes()
    )
    assert (
        brotli.decompress((out / "index.html.br").read_bytes()) == (out / "index.html").read_bytes()
    )
    assert "Không tìm thấy trang" in (out / "404.html").read_text()
    sitemap = (out / "sitemap.xml").read_text()
    assert f"<loc>{BASE_URL}/tu-lieu/{small.letter.identifier}/</loc>" in sitemap
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in (out / "robots.txt").read_text()
    info = json.loads(next((out / "media" / "iiif").rglob("info.json")).read_text())
    assert info["id"].startswith(f"{BASE_URL}/media/iiif/")
    manifest = json.loads((out / f"iiif/{small.letter.identifier}/manifest.json").read_text())
    assert manifest["id"] == f"{BASE_URL}/iiif/{small.letter.identifier}/manifest.json"
    assert report.warnings == []
    assert out.is_symlink()


def test_nothing_that_is_not_public_is_exported(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(out, BASE_URL)
    files = _files(out)
    secrets = site.secrets
    assert len(secrets) > 15
    for name, data in files.items():
        for secret in secrets:
            assert secret not in name, f"{secret!r} in the file name {name}"
        if name.endswith((".jpg", ".webp", ".png")):
            continue
        text = _text(name, data)
        folded = fold(text)
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {name}"
            assert fold(secret) not in folded, f"{secret!r} (folded) in {name}"
    # The public items are there, folded in the search index too.
    everything = "".join(_text(n, d) for n, d in files.items() if n.startswith("pagefind/"))
    assert fold(site.small.letter.title) in everything


def test_every_internal_link_image_tile_and_manifest_resolves(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(out, BASE_URL)
    checked, broken = check_site(out, BASE_URL)
    assert broken == []
    assert checked > 200  # pages, srcsets, every tile of every scale, manifests


def test_two_exports_of_the_same_data_are_identical(site: Site, tmp_path: Path) -> None:
    publish(tmp_path / "a", BASE_URL)
    publish(tmp_path / "b", BASE_URL)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_second_run_rewrites_only_what_changed(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = publish(out, BASE_URL)
    assert first.counts.written > 50 and first.counts.tiles_copied > 20
    tile = next((out / "media" / "iiif").rglob("default.jpg"))
    tile_inode = tile.stat().st_ino
    page = out / "tu-lieu" / site.small.report.identifier / "index.html"
    untouched_inode = page.stat().st_ino

    # Pagefind's record pages are kept beside the versions and rewritten only when they
    # change (not a thousand folders written and removed per export).
    records = tmp_path / ".site.versions" / "search-records"
    record = records / "tu-lieu" / site.small.report.identifier / "index.html"
    record_stamp = record.stat().st_ino, record.stat().st_mtime_ns

    unchanged = publish(out, BASE_URL)
    assert unchanged.counts.written == 0
    assert unchanged.counts.removed == 0
    assert unchanged.counts.tiles_copied == 0
    assert (record.stat().st_ino, record.stat().st_mtime_ns) == record_stamp

    letter = site.small.letter
    letter.title = "Công văn về phong trào thi đua (đã sửa)"
    letter.save()
    changed = publish(out, BASE_URL)
    slug = site.small.exhibition.slug
    assert changed.counts.tiles_copied == 0
    assert tile.stat().st_ino == tile_inode  # the same file, linked, not copied
    assert page.stat().st_ino == untouched_inode
    assert "(đã sửa)" in (out / f"tu-lieu/{letter.identifier}/index.html").read_text()
    # The pages listing it were rendered again too.
    assert "(đã sửa)" in (out / f"trien-lam/{slug}/phan-1/index.html").read_text()
    # Reused without rendering: the standalone page of the photo and the quotation's page.
    assert changed.counts.skipped >= 3
    assert 0 < changed.counts.written < first.counts.written / 3
    letter_record = records / "tu-lieu" / letter.identifier / "index.html"
    assert fold("(đã sửa)") in letter_record.read_text()
    assert (record.stat().st_ino, record.stat().st_mtime_ns) == record_stamp

    letter.status = letter.Status.WITHDRAWN
    letter.save()
    withdrawn = publish(out, BASE_URL)
    assert withdrawn.counts.removed > 0
    assert not (out / f"tu-lieu/{letter.identifier}").exists()
    assert not any(letter.identifier in name for name in _files(out))
    assert not letter_record.parent.exists()  # its record is gone, and its folder
    assert record.is_file()


def test_a_record_follows_the_parts_its_item_is_shown_in(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search record is built again when what it shows changes without its item changing:
    here the item is moved to another part (the record's "Part" facet)."""
    out = tmp_path / "site"
    with monkeypatch.context() as patched:  # the first export reads every item, not by id
        patched.setattr(searchindex, "RECORDS_BY_ID", 0)
        publish(out, BASE_URL)
    record = (
        tmp_path / ".site.versions" / "search-records" / "tu-lieu" / site.small.report.identifier
    ) / "index.html"
    assert site.small.part2.title not in record.read_text()
    placement = Placement.objects.get(item=site.small.report)
    placement.section = site.small.part2
    placement.save()
    publish(out, BASE_URL)
    assert site.small.part2.title in record.read_text()
    # A lost manifest: every record is checked again, and nothing changes.
    stamp = record.stat().st_mtime_ns
    (record.parents[2] / "records.json").unlink()
    publish(out, BASE_URL)
    assert record.stat().st_mtime_ns == stamp
    assert (record.parents[2] / "records.json").is_file()


def test_clean_without_a_counter_address(site: Site, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_COUNTER_URL = ""
    out = tmp_path / "site"
    publish(out, BASE_URL)
    for name, data in _files(out).items():
        if name.endswith(".html"):
            text = data.decode()
            assert "count.js" not in text, name
            assert "visit-pixel" not in text, name
            assert "/thong-ke/" not in text, name


def test_refuses_a_folder_it_did_not_make_and_a_missing_base_url(
    site: Site,
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    existing = tmp_path / "mine"
    existing.mkdir()
    (existing / "keep.txt").write_text("x")
    with pytest.raises(ExportError, match="not an export made by"):
        publish(existing, BASE_URL)
    assert (existing / "keep.txt").read_text() == "x"
    settings.PUBLIC_BASE_URL = ""
    with pytest.raises(ExportError, match="no base URL"):
        publish(tmp_path / "new")
    with pytest.raises(ExportError, match="has a path"):
        publish(tmp_path / "new", "https://example.org/sub/")
    assert not os.path.lexists(tmp_path / "new")
