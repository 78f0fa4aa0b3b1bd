"""The validation used by these tests catches a wrong required field."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from tests.iiif.conftest import Gallery
from tests.iiif.validation import JSON, validate_collection, validate_manifest
from trienlam.catalogue.models import Item
from trienlam.exhibitions.ordering import ordered_placements
from trienlam.iiif.presentation import build_collection, build_manifest

BASE = "https://trienlam.example.vn"


def body(data: JSON) -> JSON:
    return data["items"][0]["items"][0]["items"][0]["body"]


MANIFEST_BREAKAGES: dict[str, Callable[[JSON], object]] = {
    "no id": lambda d: d.pop("id"),
    "relative id": lambda d: d.update(id="/iiif/TL-0001/manifest.json"),
    "wrong type": lambda d: d.update(type="Manifests"),
    "no label": lambda d: d.pop("label"),
    "label not a language map": lambda d: d.update(label="Công văn"),
    "label value not a list": lambda d: d.update(label={"vi": "Công văn"}),
    "misspelt property": lambda d: d.update(lable=d.pop("label")),
    "rights not a URI": lambda d: d.update(rights="Trung tâm Lưu trữ giữ bản quyền"),
    "no canvases": lambda d: d.update(items=[]),
    "canvas without pages": lambda d: d["items"][0].pop("items"),
    "canvas width without height": lambda d: d["items"][0].pop("height"),
    "width as text": lambda d: d["items"][0].update(width="1654"),
    "annotation targets another canvas": lambda d: d["items"][0]["items"][0]["items"][0].update(
        target="https://trienlam.example.vn/iiif/x/canvas/9"
    ),
    "bad image format": lambda d: body(d).update(format="jpeg"),
    "metadata value not a language map": lambda d: d["metadata"][0].update(value="Tài liệu"),
    "no @context": lambda d: d.pop("@context"),
}


@pytest.fixture
def manifest(gallery: Gallery) -> JSON:
    item = Item.objects.prefetch_related("media").select_related("institution").get(
        pk=gallery.letter.pk
    )
    data = build_manifest(item, BASE)
    assert data is not None
    validate_manifest(data)
    return data


@pytest.mark.parametrize("breakage", list(MANIFEST_BREAKAGES))
def test_a_broken_manifest_fails_validation(manifest: JSON, breakage: str) -> None:
    broken = copy.deepcopy(manifest)
    MANIFEST_BREAKAGES[breakage](broken)
    with pytest.raises((AssertionError, ValidationError, KeyError)):
        validate_manifest(broken)


COLLECTION_BREAKAGES: dict[str, Callable[[JSON], object]] = {
    "no label": lambda d: d.pop("label"),
    "relative id": lambda d: d.update(id="collection.json"),
    "reference without label": lambda d: d["items"][0].pop("label"),
    "reference of a wrong type": lambda d: d["items"][0].update(type="Canvas"),
    "reference with a relative id": lambda d: d["items"][0].update(id="TL-0001"),
    "summary not a language map": lambda d: d.update(summary="Triển lãm"),
}


@pytest.mark.parametrize("breakage", list(COLLECTION_BREAKAGES))
def test_a_broken_collection_fails_validation(gallery: Gallery, breakage: str) -> None:
    ex = gallery.exhibition
    items = [p.item for p in ordered_placements(ex, ex.sections.all(), with_media=True)]
    data = build_collection(ex, items, BASE)
    validate_collection(data)
    assert data["items"]
    COLLECTION_BREAKAGES[breakage](data)
    with pytest.raises((AssertionError, ValidationError, KeyError)):
        validate_collection(data)
