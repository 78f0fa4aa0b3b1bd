"""Recognising Vietnamese text in legacy Windows code pages.

Spreadsheets and ZIP files made on Windows often carry text in an 8-bit code page rather than
UTF-8: Windows-1258 (Vietnamese), Windows-1252 (Western) or CP437 (the original IBM PC code page
that ZIP tools assume for file names). The same bytes decode "successfully" in several of them,
so we decode with every candidate and keep the reading that looks most like Vietnamese.

Windows-1258 is peculiar: it has precomposed ``ă â đ ê ô ơ ư`` but writes the five tone marks as
separate combining characters (``ố`` is ``ô`` + U+0301). :func:`encode_cp1258` encodes that way
(Python's codec refuses the precomposed ``ố``); decoding gives the combining form, which
NFC normalisation turns back into the usual precomposed text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

#: The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_BASE_VOWELS = "aăâeêioôơuưy"
#: Every lower-case Vietnamese letter outside ASCII, precomposed (NFC).
VIETNAMESE_LETTERS = frozenset(
    {unicodedata.normalize("NFC", v + t) for v in _BASE_VOWELS for t in ("", *TONE_MARKS)} | {"đ"}
) - set("aeiouy")


def vietnamese_score(text: str) -> int:
    """Score how plausible *text* is as Vietnamese (higher is more plausible).

    Contract: ASCII characters score 0; a non-ASCII Vietnamese letter +1; a combining tone mark
    right after a letter +3 (only a Windows-1258 reading produces those, so they are strong
    evidence); a non-ASCII letter Vietnamese never uses (``ç ñ ü π Þ``…) -2; any other non-ASCII
    character (box drawing, maths, typographic punctuation, control characters) -3.
    The text is scored as given, *not* normalised, so the combining marks remain visible.
    """
    score = 0
    after_letter = False  # a combining mark counts only when it sits on a letter
    for char in text:
        if char.isascii():
            score -= 0 if char.isprintable() else 3
            after_letter = char.isalpha()
            continue
        category = unicodedata.category(char)
        if category.startswith("M"):
            score += 3 if char in TONE_MARKS and after_letter else -3
        elif category.startswith("L"):
            score += 1 if char.lower() in VIETNAMESE_LETTERS else -2
            after_letter = True
        else:
            score -= 3
            after_letter = False
    return score


def best_decoding(raw: bytes, candidates: Sequence[str]) -> tuple[str, str] | None:
    """Decode *raw* with each codec of *candidates* and return ``(codec, text)`` of the reading
    with the highest :func:`vietnamese_score`, or ``None`` if no candidate decodes it strictly.

    Ties go to the candidate listed first. The text is returned as decoded (not normalised).
    """
    best: tuple[int, str, str] | None = None
    for codec in candidates:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = vietnamese_score(text)
        if best is None or score > best[0]:
            best = (score, codec, text)
    return None if best is None else (best[1], best[2])


def encode_cp1258(text: str) -> bytes:
    """Encode *text* in Windows-1258 the way Windows does: precomposed base letters, tone marks
    as separate combining characters. Raises ``UnicodeEncodeError`` for characters the code page
    cannot represent at all (for example ``€`` is fine, ``漢`` is not)."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return bytes(out)
