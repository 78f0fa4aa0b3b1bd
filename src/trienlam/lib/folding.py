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
from functools import lru_cache

# Combining tone marks used in Vietnamese (grave, acute, tilde, hook above, dot below).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[\w\u0300-\u036f]+")


def _fold_slow(text: str) -> str:
    # Case folding first: it can itself produce marks ("İ" -> "i̇"), which then go too.
    lowered = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    stripped = "".join(ch for ch in lowered if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return _fold_slow(match.group(0))


def _latin_table() -> dict[int, str]:
    """Precomposed Latin letters (Vietnamese included) whose folded form is ASCII."""
    table: dict[int, str] = {}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            folded = _fold_slow(chr(code))
            if folded.isascii():
                table[code] = folded
    return table


_LATIN = _latin_table()


def fold(text: str) -> str:
    """Fold *text* for search: lower case, no tone or vowel marks, "đ" → "d".

    Idempotent; whitespace and punctuation are kept as they are (the engines'
    tokenizers split on them). Precomposed Latin letters go through a translation table;
    anything else (combining marks, other scripts) through Unicode decomposition.
    """
    if not text.isascii():
        text = text.translate(_LATIN)
        if not text.isascii():  # marks on their own, other scripts, punctuation: run by run
            return _NON_ASCII.sub(_fold_run, text.lower())
    return text.lower()


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


# --- Tokens for the search engines -------------------------------------------------------------

# A token is a run of letters and digits (no underscore), so every engine and every query split
# text the same way: "15/SL" is the two tokens "15" "sl", "TL-0097" is "tl" "0097".
_TOKEN = re.compile(r"[^\W_]+")
_ACCENT_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# Marks written as digits after the letter (like VNI typing), so an accent-keeping token is
# plain ASCII letters and digits that every tokenizer keeps whole: "đường" -> "d9u7o7ng2".
_MARK_CODES = {
    "\u0301": "1",  # sắc
    "\u0300": "2",  # huyền
    "\u0309": "3",  # hỏi
    "\u0303": "4",  # ngã
    "\u0323": "5",  # nặng
    "\u0302": "6",  # â ê ô
    "\u031b": "7",  # ơ ư
    "\u0306": "8",  # ă
}


def tokens(text: str) -> list[str]:
    """The folded search tokens of *text*: ``tokens("Đường 15/SL") == ["duong", "15", "sl"]``."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=65536)
def _accent_word(word: str) -> str:
    """The accent token of one word (NFC): its :func:`accent_key`, marks spelled as digits."""
    out: list[str] = []
    for ch in _syllable_tone_key(unicodedata.normalize("NFD", word).casefold()):
        if ch == "đ":
            out.append("d9")
        elif unicodedata.combining(ch):
            out.append(_MARK_CODES.get(ch, f"x{ord(ch):x}"))
        else:
            out.append(ch)
    return "".join(out)


def accent_tokens(text: str) -> list[str]:
    """Tokens that keep every mark but ignore case, NFC/NFD and tone placement.

    Built like :func:`accent_key`, with the marks spelled as digits: "Đường" gives
    ``["d9u7o7ng2"]``, "Dương" gives ``["du7o7ng"]``, "hoà" and "hòa" both give ``["hoa2"]``.
    A word without marks gives its folded token ("1948" -> "1948").
    """
    if text.isascii():
        return _TOKEN.findall(text.lower())
    words = _ACCENT_WORD.findall(unicodedata.normalize("NFC", text))
    return [_accent_word(word) for word in words]


def has_marks(text: str) -> bool:
    """True when *text* carries any diacritic (or đ) that :func:`fold` would remove."""
    return fold(text) != unicodedata.normalize("NFC", text).casefold()


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold *text* (NFC first), with the position in the NFC text of each folded character,
    for highlighting a folded match in the original accented text. The positions are ``None``
    when folding kept the length (the usual case: every NFC Vietnamese letter folds to one
    letter), meaning "the same position"."""
    original = unicodedata.normalize("NFC", text)
    whole = fold(original)
    if len(whole) == len(original):
        return whole, None
    folded: list[str] = []
    positions: list[int] = []
    for index, ch in enumerate(original):
        piece = fold(ch) if ord(ch) > 127 else ch.lower()
        folded.append(piece)
        positions.extend([index] * len(piece))
    return "".join(folded), positions
