"""Every image and image service a manifest names resolves, for real processed pages."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

from tests import builders as b
from tests.iiif.validation import validate_manifest
from trienlam.catalogue.models import Item
from trienlam.iiif.presentation import image_urls


def test_every_url_a_manifest_names_resolves(client: Client, db: None, tmp_path: Path) -> None:
    item = b.with_pages(b.item(b.institution(), title="Công văn ba trang"), tmp_path, pages=3)
    response = client.get(reverse("iiif_manifest", args=[item.identifier]))
    assert response.status_code == 200
    manifest = json.loads(response.content)
    validate_manifest(manifest)
    assert len(manifest["items"]) == 3
    urls = image_urls(manifest)
    assert len(urls) >= 6  # each page: its image and its service's info.json (+ thumbnail)
    for url in urls:
        path = urlsplit(url).path
        fetched = client.get(path)
        assert fetched.status_code == 200, url
        if path.endswith("info.json"):
            info = json.loads(fetched.content)
            assert info["id"] == url.removesuffix("/info.json")
            for size in info["sizes"]:
                sized = f"{info['id']}/full/{size['width']},{size['height']}/0/default.jpg"
                assert client.get(urlsplit(sized).path).status_code == 200, sized


def test_a_withdrawn_items_manifest_and_tiles_are_gone(
    client: Client, db: None, tmp_path: Path
) -> None:
    item = b.with_pages(b.item(b.institution()), tmp_path)
    manifest_url = reverse("iiif_manifest", args=[item.identifier])
    manifest = json.loads(client.get(manifest_url).content)
    urls = [urlsplit(u).path for u in image_urls(manifest)]
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)
    assert client.get(manifest_url).status_code == 404
    for path in urls:
        assert client.get(path).status_code == 404, path
