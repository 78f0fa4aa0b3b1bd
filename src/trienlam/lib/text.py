"""Unicode normalisation for Vietnamese text input."""

from __future__ import annotations

import re
import unicodedata


def nfc(value: str) -> str:
    """Return *value* in Unicode Normalization Form C.

    Vietnamese text typed on different keyboards arrives either precomposed
    ("ệ" as one code point) or decomposed (e + combining marks); storing one
    form keeps comparisons, uniqueness and search consistent.
    """
    return unicodedata.normalize("NFC", value)


#: Characters no archival text needs and that only do harm on a page: the C0 and C1 control
#: characters but tab, line feed and carriage return (a terminal's escape, a bell, NUL), and
#: the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
#: reverse how the text around them reads ("gpj.exe" shown as "exe.jpg").
_INVISIBLE_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def first_control_character(value: str) -> str | None:
    """The first such character of *value*, or None."""
    found = _INVISIBLE_CONTROLS.search(value)
    return found.group() if found else None


def without_control_characters(value: str) -> str:
    return _INVISIBLE_CONTROLS.sub("", value)
