"""Checks of IIIF Presentation 3 documents against the JSON model of iiif-prezi3.

iiif-prezi3 is lenient (it ignores unknown keys and fixes some values up, e.g. a bare string
label becomes {"none": [...]}), so a document must also come back from the model unchanged:
a misspelt, coerced or missing-then-defaulted field fails. A few MUSTs the model does not
enforce are checked by hand.
"""

from __future__ import annotations

import json
from typing import Any

from iiif_prezi3 import Collection, Manifest
from pydantic import BaseModel

from trienlam.iiif.presentation import PRESENTATION_CONTEXT

JSON = dict[str, Any]


def _round_trip(model: type[BaseModel], data: JSON) -> None:
    parsed = model.model_validate_json(json.dumps(data, ensure_ascii=False))
    assert json.loads(parsed.json()) == data  # type: ignore[attr-defined]


def _absolute(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def validate_manifest(data: JSON) -> None:
    _round_trip(Manifest, data)
    assert data["@context"] == PRESENTATION_CONTEXT
    assert data["type"] == "Manifest"
    assert _absolute(data["id"])
    assert data["label"], "a Manifest MUST have a label"
    assert data["items"], "a Manifest needs at least one Canvas"
    for canvas in data["items"]:
        assert canvas["type"] == "Canvas"
        assert _absolute(canvas["id"])
        assert ("width" in canvas) == ("height" in canvas)
        assert ("width" in canvas) or ("duration" in canvas)
        assert canvas["items"], "a Canvas paints at least one AnnotationPage"
        for annotation_page in canvas["items"]:
            assert annotation_page["type"] == "AnnotationPage"
            for annotation in annotation_page["items"]:
                assert annotation["type"] == "Annotation"
                assert annotation["motivation"] == "painting"
                assert annotation["target"] == canvas["id"]
                assert _absolute(annotation["body"]["id"])


def validate_collection(data: JSON) -> None:
    _round_trip(Collection, data)
    assert data["@context"] == PRESENTATION_CONTEXT
    assert data["type"] == "Collection"
    assert _absolute(data["id"])
    assert data["label"], "a Collection MUST have a label"
    for reference in data["items"]:
        assert reference["type"] == "Manifest"
        assert _absolute(reference["id"])
        assert reference["label"]
