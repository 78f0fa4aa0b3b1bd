"""The browse pages' counts and lists are kept per content version (operations/memo.py):
the second visit reads nothing from the database, and any change shows at once.

Transactional: inside a test transaction nothing is kept.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue.models import Item
from trienlam.operations import memo

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ("browse_provinces", "browse_time", "institutions")


def _get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_counts_are_kept_and_follow_every_change(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    memo.clear()
    b.site_profile()
    lang_son = b.province("Lạng Sơn", "lang-son")
    archive = b.institution("Chi cục Văn thư - Lưu trữ tỉnh Lạng Sơn", province=lang_son)
    item = b.item(archive, date_start=datetime.date(1958, 6, 12), date_text="12/6/1958")
    assert memo.available()
    first = {name: _get(reverse(name)) for name in PAGES}
    for name in PAGES:
        with django_assert_num_queries(0):  # counts, provinces, institutions, site profile
            assert _get(reverse(name)) == first[name]
    assert "1 tư liệu" in first["browse_provinces"]

    # A second public item, in another year: every page counts it at once.
    b.item(archive, date_start=datetime.date(1962, 1, 1), date_text="1962")
    assert "2 tư liệu" in _get(reverse("browse_provinces"))
    assert "1962" in _get(reverse("browse_time"))
    assert "2 tư liệu" in _get(reverse("institutions"))

    # Withdrawn: gone from every count at once.
    item.status = Item.Status.WITHDRAWN
    item.save()
    assert "1958" not in _get(reverse("browse_time"))
    assert "1 tư liệu" in _get(reverse("institutions"))

    # A new institution and a renamed province are listed at once.
    other = b.institution("Trung tâm Lưu trữ quốc gia III", short_name="TTLTQG III")
    b.item(other)
    assert "Trung tâm Lưu trữ quốc gia III" in _get(reverse("institutions"))
    lang_son.name = "Lạng Sơn (tên mới)"
    lang_son.save()
    assert "Lạng Sơn (tên mới)" in _get(reverse("browse_provinces"))
