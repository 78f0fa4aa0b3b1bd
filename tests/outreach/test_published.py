"""What the static export renders of the promotion kit: every listed page and file exists."""

from __future__ import annotations

import pytest
from django.test import Client

from trienlam.outreach import published

pytestmark = pytest.mark.django_db


def test_every_page_and_file_listed_for_the_export_is_served(
    small, agency, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_BASE_URL = "https://trienlam.example.gov.vn"
    page_entries, file_entries = list(published.pages()), list(published.files())
    # Every entry carries a key, so that an incremental export can skip it.
    assert all(isinstance(key, str) and key for _, key in page_entries + file_entries)
    pages = [path for path, _ in page_entries]
    files = [path for path, _ in file_entries]
    assert "/quang-ba/cum-thi-dua/" in pages
    assert f"/quang-ba/cum-thi-dua/co-quan/{agency.code}/" in pages
    assert sum(p.startswith("/l/") for p in pages) == 2 + 3  # two parts, three public items
    assert sum(p.startswith("/quang-ba/nhan/") for p in pages) == 2 + 3
    assert f"/quang-ba/cum-thi-dua/co-quan/{agency.code}/bo-quang-ba.zip" in files
    assert f"/quang-ba/tu-lieu/{small.letter.identifier}.jpg" in files
    assert f"/quang-ba/tu-lieu/{small.hidden.identifier}.jpg" not in files
    for path in pages + files:
        response = client.get(path, TRIENLAM_EXPORT="1")
        assert response.status_code == 200, path


def test_keys_follow_only_what_each_entry_shows(small, agency) -> None:  # type: ignore[no-untyped-def]
    before_pages, before_files = dict(published.pages()), dict(published.files())
    small.letter.title = "Một tiêu đề khác (minh họa)"
    small.letter.save()
    after_pages, after_files = dict(published.pages()), dict(published.files())
    changed = {p for p in before_pages if before_pages[p] != after_pages[p]}
    changed |= {p for p in before_files if before_files[p] != after_files[p]}
    # The kit pages, banners, QR codes and ZIPs do not show items: only the letter's label,
    # short link, QR codes and share image, and its part's, change.
    assert f"/quang-ba/cum-thi-dua/co-quan/{agency.code}/" not in changed
    assert "/quang-ba/cum-thi-dua/" not in changed
    assert f"/quang-ba/tu-lieu/{small.letter.identifier}.jpg" in changed
    assert not any(path.endswith(".zip") for path in changed)
    assert 0 < len(changed) <= 10  # the item and its part: link, label, two QR, share image
