"""Unicode normalisation for Vietnamese text input."""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    """Return *value* in Unicode Normalization Form C.

    Vietnamese text typed on different keyboards arrives either precomposed
    ("ệ" as one code point) or decomposed (e + combining marks); storing one
    form keeps comparisons, uniqueness and search consistent.
    """
    return unicodedata.normalize("NFC", value)
