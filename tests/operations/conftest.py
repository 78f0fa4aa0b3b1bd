from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache

from tests import builders as b
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition


@dataclass
class Site:
    exhibition: Exhibition
    item: Item
    draft: Item


@pytest.fixture
def page_cache(settings):  # type: ignore[no-untyped-def]
    """The server-side page cache on (the suite turns it off by default), empty."""
    settings.TRIENLAM_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(personas, tmp_path: Path) -> Site:  # type: ignore[no-untyped-def]
    b.site_profile()
    archive = personas.archive_a
    ex = b.exhibition(slug="cum-thi-dua")
    part = b.part(ex, slug="phan-1")
    item = b.with_pages(b.item(archive, title="Công văn về phong trào thi đua"), tmp_path)
    draft = b.item(archive, title="Bản nháp chưa duyệt", status=Item.Status.DRAFT)
    b.place(part, item)
    b.place(part, draft, position=1)
    return Site(ex, item, draft)
