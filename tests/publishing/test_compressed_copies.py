"""An unchanged file written again keeps its compressed copies by link (no compressing), and
a lost copy is made again. (Static files are written on every run; pages with unchanged keys
are reused without being written at all.)"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from tests.publishing.conftest import BASE_URL, Site
from trienlam.publishing import output
from trienlam.publishing.exporter import publish


def test_unchanged_copies_are_linked_and_a_lost_one_is_remade(
    site: Site, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    publish(out, BASE_URL)
    compressed_now: list[str] = []
    real = output.compressed

    def spy(name: str, data: bytes) -> list[tuple[str, bytes]]:
        compressed_now.append(name)
        return real(name, data)

    monkeypatch.setattr(output, "compressed", spy)
    page = out / "static" / "trienlam" / "site.css"
    gz, br = Path(f"{page}.gz"), Path(f"{page}.br")
    inodes = (gz.stat().st_ino, br.stat().st_ino)
    again = publish(out, BASE_URL)
    assert again.counts.written == 0
    assert (gz.stat().st_ino, br.stat().st_ino) == inodes  # linked,
    assert "static/trienlam/site.css" not in compressed_now  # not compressed again
    # A copy lost from the served export (its record still says it is there) is made again.
    br.resolve().unlink()
    publish(out, BASE_URL)
    assert "static/trienlam/site.css" in compressed_now
    html = page.read_bytes()
    assert brotli.decompress(br.read_bytes()) == html
    assert gzip.decompress(gz.read_bytes()) == html
