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
    pages = list(published.pages())
    files = list(published.files())
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
