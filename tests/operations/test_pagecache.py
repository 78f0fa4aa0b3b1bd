"""The page cache and HTTP caching headers: fast for anonymous visitors, never leaking."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.operations.conftest import Site
from trienlam.catalogue import processing
from trienlam.catalogue.models import Item
from trienlam.catalogue.workflow import withdraw
from trienlam.exhibitions.models import Exhibition
from trienlam.operations import pagecache


def item_url(site: Site) -> str:
    return reverse("item", args=[site.item.identifier])


def test_anonymous_public_page_is_cached_with_validators(page_cache, site: Site) -> None:
    client = Client()
    first = client.get(item_url(site))
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second = client.get(item_url(site))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=60"
        assert response["ETag"].startswith('"')
        assert "Last-Modified" in response
        assert "Cookie" in response["Vary"]
        # the security headers are part of what is stored
        assert "Content-Security-Policy" in response
        assert response["X-Frame-Options"] == "DENY"
    assert second["ETag"] == first["ETag"]


def test_conditional_get_answers_304(page_cache, site: Site) -> None:
    client = Client()
    etag = client.get(item_url(site))["ETag"]
    again = client.get(item_url(site), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(item_url(site), HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_conditional_get_without_server_cache(settings, site: Site) -> None:
    settings.TRIENLAM_PAGE_CACHE_SECONDS = 0
    client = Client()
    first = client.get(item_url(site))
    assert "X-Page-Cache" not in first
    assert first["Cache-Control"] == "public, max-age=60"
    assert client.get(item_url(site), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_withdrawing_an_item_drops_it_from_cached_pages_at_once(
    page_cache, site: Site, personas
) -> None:
    client = Client()
    urls = [
        item_url(site),
        reverse("exhibition_item", args=[site.exhibition.slug, site.item.identifier]),
        reverse("exhibition", args=[site.exhibition.slug]),
    ]
    for _ in range(2):  # the first view of an item page creates its short link (a new row)
        for url in urls:
            client.get(url)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit"
    withdraw(item=site.item, actor=personas.users.editor, comment="rút")
    assert client.get(urls[0]).status_code == 404
    assert client.get(urls[1]).status_code == 404
    listing = client.get(urls[2])
    assert listing.status_code == 200
    assert listing["X-Page-Cache"] == "miss"
    assert site.item.identifier not in listing.content.decode()


def test_an_edit_shows_on_the_next_request(page_cache, site: Site) -> None:
    client = Client()
    client.get(item_url(site))
    site.item.title = "Tiêu đề đã sửa"
    site.item.save()
    response = client.get(item_url(site))
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề đã sửa" in response.content.decode()


def test_404_is_not_cached_and_publishing_shows_the_page(page_cache, site: Site) -> None:
    client = Client()
    url = reverse("item", args=[site.draft.identifier])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    site.draft.status = Item.Status.PUBLISHED
    site.draft.save()
    assert client.get(url).status_code == 200


def test_signed_in_people_are_never_served_or_stored(page_cache, site: Site, personas) -> None:
    anonymous = Client()
    anonymous.get(item_url(site))  # stored for anonymous visitors
    staff = personas.editor.get(item_url(site))
    assert "X-Page-Cache" not in staff  # not even looked up
    assert "no-store" in staff["Cache-Control"] and "private" in staff["Cache-Control"]
    assert "public" not in staff["Cache-Control"]
    # what staff saw was not stored either
    exhibition_url = reverse("exhibition", args=[site.exhibition.slug])
    personas.editor.get(exhibition_url)
    assert anonymous.get(exhibition_url)["X-Page-Cache"] == "miss"


def test_previews_and_admin_are_never_cached(page_cache, site: Site, personas) -> None:
    preview = reverse("preview_item", args=[site.draft.identifier])
    for _ in range(2):
        response = personas.curator_a.get(preview)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "X-Page-Cache" not in response
    anonymous = Client()
    for _ in range(2):
        response = anonymous.get(preview)
        assert response.status_code == 302  # to the login page
        assert "X-Page-Cache" not in response
    assert site.draft.title not in anonymous.get(preview, follow=True).content.decode()
    login = anonymous.get(reverse("admin:login"))
    assert "X-Page-Cache" not in login
    assert "public" not in login.get("Cache-Control", "")


def test_the_key_includes_the_host_and_query(page_cache, site: Site, settings) -> None:
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    client = Client()
    client.get("/", HTTP_HOST="a.example")
    assert client.get("/", HTTP_HOST="b.example")["X-Page-Cache"] == "miss"
    assert client.get("/?x=1", HTTP_HOST="a.example")["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_content_models_bump_the_version_and_counters_do_not(site: Site) -> None:
    from django.apps import apps

    before = pagecache.current_version()
    Exhibition.objects.filter(pk=site.exhibition.pk).first().save()
    assert pagecache.current_version() != before
    assert pagecache.changes_public_pages(Item)
    assert not pagecache.changes_public_pages(apps.get_model("catalogue", "AuditEntry"))
    assert not pagecache.changes_public_pages(apps.get_model("catalogue", "ImportJob"))
    assert not pagecache.changes_public_pages(apps.get_model("auth", "User"))


def test_the_worker_finishing_a_page_drops_cached_pages(page_cache, site: Site, tmp_path) -> None:
    client = Client()
    client.get(item_url(site))
    before = pagecache.current_version()
    (tmp_path / "more").mkdir()
    b.with_pages(site.item, tmp_path / "more")  # queued, then built by processing
    assert pagecache.current_version() != before
    assert client.get(item_url(site))["X-Page-Cache"] == "miss"
    assert processing.pending_count() == 0


def test_export_renders_never_meet_the_live_cache(page_cache, site: Site) -> None:
    """`trienlam publish` renders through the same middleware with TRIENLAM_EXPORT=1."""
    from django.core.handlers.wsgi import WSGIRequest

    from trienlam.publishing.render import PageRenderer

    client = Client()
    live = client.get(item_url(site))
    assert client.get(item_url(site))["X-Page-Cache"] == "hit"
    renderer = PageRenderer("http://testserver")
    exported = renderer.handler.get_response(WSGIRequest(renderer.environ(item_url(site))))
    assert exported.status_code == 200
    # rendered afresh in export mode (not the cached live page), stored nowhere, not logged
    assert "X-Page-Cache" not in exported
    assert "X-Request-ID" not in exported
    assert client.get(item_url(site)).content == live.content


def test_one_bump_is_queued_per_transaction(site: Site) -> None:
    from django.db import connection, transaction

    def queued() -> int:
        return sum(1 for _, func, _ in connection.run_on_commit if func is pagecache.bump)

    with transaction.atomic():
        for _ in range(5):
            site.item.save()
        assert queued() == 1  # a bulk import of thousands of rows bumps once at commit
