"""Preview: the public templates for unpublished work, for the people who may edit it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import builders as b


@pytest.fixture
def unpublished(personas, tmp_path):  # type: ignore[no-untyped-def]
    b.site_profile()
    item = b.with_pages(b.item(personas.archive_a, title="Công văn chờ duyệt",
                               status="in_review"), tmp_path)
    exhibition = b.exhibition(slug="sap-mo", title="Triển lãm sắp mở", status="draft")
    b.place(b.part(exhibition), item)
    return item, exhibition


def test_the_owning_curator_previews_an_item_as_the_public_sees_it(personas, unpublished) -> None:  # type: ignore[no-untyped-def]
    item, _ = unpublished
    response = personas.curator_a.get(reverse("preview_item", args=[item.identifier]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Công văn chờ duyệt</h1>" in html and "Nguồn: " in html
    assert "Xem trước" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # its page images load for the curator, not for the public
    image = item.media.get().renditions()[0].url
    assert personas.curator_a.get(image).status_code == 200
    assert personas.anonymous.get(image).status_code == 404


def test_nobody_else_can_preview(personas, unpublished) -> None:  # type: ignore[no-untyped-def]
    item, _ = unpublished
    url = reverse("preview_item", args=[item.identifier])
    assert personas.curator_b.get(url).status_code == 404
    anonymous = personas.anonymous.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    assert personas.anonymous.get(reverse("item", args=[item.identifier])).status_code == 404
    assert personas.curator_a.get(reverse("preview_exhibition", args=["sap-mo"])).status_code == 404


def test_an_editor_previews_a_draft_exhibition(personas, unpublished) -> None:  # type: ignore[no-untyped-def]
    response = personas.editor.get(reverse("preview_exhibition", args=["sap-mo"]))
    assert response.status_code == 200
    assert "Triển lãm sắp mở" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    part = personas.editor.get(reverse("preview_part", args=["sap-mo", "phan-1"]))
    assert part.status_code == 200
    assert personas.anonymous.get(reverse("exhibition", args=["sap-mo"])).status_code == 404


def test_the_admin_links_to_the_preview(personas, unpublished) -> None:  # type: ignore[no-untyped-def]
    item, _ = unpublished
    page = personas.curator_a.get(reverse("admin:catalogue_item_change", args=[item.pk]))
    assert reverse("preview_item", args=[item.identifier]) in page.content.decode()
