"""Folding Vietnamese text for search (pure: no Django imports).

Visitors type "thi dua" on a phone keyboard with no Vietnamese input method; archivists
type "thi đua" with full diacritics, and the two tone-placement conventions ("hoà" and
"hòa", "thuỵ" and "thụy") both occur in catalogues. Every engine we feed (SQLite FTS5,
PostgreSQL full-text, Pagefind) gets text passed through :func:`fold`, and every query
is folded the same way, so all those forms meet.

:func:`fold` removes every mark (tone and vowel marks alike: "Đường" and "Dương" both
become "duong"); :func:`accent_key` keeps the marks but puts each syllable's tone mark
in one canonical place, for ranking exact-accent matches first.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks used in Vietnamese (grave, acute, tilde, hook above, dot below).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[\w\u0300-\u036f]+")


def fold(text: str) -> str:
    """Fold *text* for search: lower case, no tone or vowel marks, "đ" → "d".

    Idempotent; whitespace and punctuation are kept as they are (the engines'
    tokenizers split on them).
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def _syllable_tone_key(syllable: str) -> str:
    """Return *syllable* (NFD, lower case) with its tone mark moved after the last base letter.

    The placement of the tone mark ("hoà" versus "hòa") is a matter of convention, not of
    spelling; moving it to a fixed place makes both conventions compare equal while every
    other mark (â, ê, ô, ơ, ư, ă, đ) still counts.
    """
    tones = [ch for ch in syllable if ch in _TONES]
    if not tones:
        return syllable
    rest = "".join(ch for ch in syllable if ch not in _TONES)
    return rest + "".join(tones)


def accent_key(text: str) -> str:
    """Return a form of *text* that keeps diacritics but ignores tone placement and case.

    "Hoà" and "hòa" give the same key; "Đường" and "Dương" do not.
    """
    lowered = unicodedata.normalize("NFD", text).casefold()
    return _WORD.sub(lambda m: _syllable_tone_key(m.group(0)), lowered)
