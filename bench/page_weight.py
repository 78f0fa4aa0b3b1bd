"""Transfer size of the public pages: HTML + CSS + JS, compressed, images excluded.

    ./run bench-page-weight            # on the demo database in ./var
    python bench/page_weight.py --json # machine-readable

Baseline: the 60 KB budget of the item page (issue #2). Pages are fetched through
Django's test client from the configured database, so run `./run demo` first.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from pathlib import Path

BUDGET_ITEM_PAGE = 60 * 1024


def measure(client, url: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    html = response.content
    assets = re.findall(rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    asset_bytes = b""
    for asset in assets:
        asset_bytes += static_bytes(asset.decode())
    return {
        "html_raw": len(html),
        "html_gzip": len(gzip.compress(html, 6)),
        "assets": len(assets),
        "assets_gzip": len(gzip.compress(asset_bytes, 6)) if asset_bytes else 0,
        "images": len(re.findall(rb"<img ", html)),
    }


def static_bytes(url: str) -> bytes:
    """A linked stylesheet or script, read from the collected files or the source folders."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    name = url.removeprefix(settings.STATIC_URL)
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    found = finders.find(name)
    if not found:
        raise SystemExit(f"{url} not found: run `trienlam collectstatic` first")
    return Path(found).read_bytes()


def deferred_viewer_bytes() -> int:
    """OpenSeadragon, fetched only when a visitor presses "zoom" (not part of the page)."""
    from django.contrib.staticfiles import finders

    found = finders.find("vendor/openseadragon/openseadragon.min.js")
    return len(gzip.compress(Path(found).read_bytes(), 6)) if found else 0


def pages() -> dict[str, str]:
    from trienlam.exhibitions.models import Exhibition
    from trienlam.exhibitions.ordering import ordered_placements

    exhibition = Exhibition.objects.public().first()
    if exhibition is None:
        raise SystemExit("No public exhibition: run `./run demo` first.")
    sections = list(exhibition.sections.all())
    order = ordered_placements(exhibition, sections, with_media=True)
    part = next(s for s in sections if s.parent_id is None)
    biggest = max(order, key=lambda p: p.item.media.count())
    return {
        "home": "/",
        "exhibition": exhibition.get_absolute_url(),
        "part": part.get_absolute_url(),
        "item (most pages)": f"{exhibition.get_absolute_url()}tu-lieu/{biggest.item.identifier}/",
    }


def measure_all(client) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    return {name: measure(client, url) for name, url in pages().items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trienlam.settings")
    import django

    django.setup()
    from django.test import Client

    results = measure_all(Client(HTTP_HOST="127.0.0.1"))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(
            f"{'page':<20}{'HTML raw':>10}{'HTML gz':>10}{'CSS+JS gz':>11}"
            f"{'total gz':>10}{'imgs':>6}"
        )
        for name, r in results.items():
            total = r["html_gzip"] + r["assets_gzip"]
            print(
                f"{name:<20}{r['html_raw']:>10}{r['html_gzip']:>10}{r['assets_gzip']:>11}"
                f"{total:>10}{r['images']:>6}"
            )
    print(f"deep-zoom viewer, fetched on the first zoom press only: {deferred_viewer_bytes()} B gz")
    item = results["item (most pages)"]
    ratio = (item["html_gzip"] + item["assets_gzip"]) / BUDGET_ITEM_PAGE
    print(f"item page / 60 KB budget: {ratio:.3f}")
    return 0 if ratio <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
