"""The demo's promotion kit: its agencies, and banners drawn from the demo's own cover."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from trienlam.demo import content
from trienlam.demo.build import build_demo
from trienlam.outreach.demo import AGENCIES
from trienlam.outreach.models import Agency

pytestmark = pytest.mark.django_db


def test_the_demo_has_agencies_and_a_kit_with_its_cover(
    client: Client, artifacts_dir_outreach: Path
) -> None:
    build_demo(scale=0.1)
    assert set(Agency.objects.values_list("code", flat=True)) == {a[0] for a in AGENCIES}
    assert all("(minh họa)" in name for name in Agency.objects.values_list("name", flat=True))
    slug = content.EXHIBITION.slug
    body = client.get(f"/quang-ba/{slug}/").content.decode()
    assert "UBND xã, phường" in body and "mh-ubnd-xa" in body
    for name in ("banner-ngang.png", "banner-cot.png", "banner-cot@2x.png", "chia-se.jpg"):
        response = client.get(f"/quang-ba/{slug}/{name}")
        assert response.status_code == 200
        data = b"".join(response.streaming_content)
        (artifacts_dir_outreach / f"demo-{name}").write_bytes(data)
        image = Image.open(io.BytesIO(data)).convert("RGB")
        # The cover is drawn: the picture side is not the plain striped placeholder.
        colours = image.crop((image.width - 60, 5, image.width - 5, 60)).getcolors(10_000)
        assert colours is None or len(colours) > 8, name
