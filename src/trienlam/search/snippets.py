"""Highlighting folded matches in the original, accented text (pure: no database)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from trienlam.lib.folding import fold_with_map

SCAN_CHARS = 20_000


@lru_cache(maxsize=256)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])")


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    ordered = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
    return _compiled(ordered) if ordered else None


def spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where the folded *words* occur in *text* (NFC positions, whole tokens only)."""
    pattern = _pattern(words)
    if pattern is None or not text:
        return []
    folded, positions = fold_with_map(text)
    matches = [m for m in pattern.finditer(folded) if m.end() > m.start()]
    if positions is None:
        return [(m.start(), m.end()) for m in matches]
    return [(positions[m.start()], positions[m.end() - 1] + 1) for m in matches]


def highlight(
    text: str,
    words: Iterable[str],
    max_chars: int | None = None,
    found: list[tuple[int, int]] | None = None,
) -> SafeString:
    """*text* escaped, with every match of *words* in ``<mark>``; cut to about *max_chars*
    around the first match (with "…") when given. *found*: the spans, if already known."""
    text = unicodedata.normalize("NFC", text or "")
    if found is None:
        found = spans(text, words)
    start, end = 0, len(text)
    if max_chars is not None and len(text) > max_chars:
        first = found[0][0] if found else 0
        start = max(0, first - max_chars // 4)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 30 else start
        end = min(len(text), start + max_chars)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + max_chars // 2 else end
    out: list[str] = ["…" if start else ""]
    at = start
    for s, e in found:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:end]))
    if end < len(text):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def snippet(texts: Iterable[str], words: Iterable[str], max_chars: int = 260) -> SafeString:
    """The highlighted window of the first of *texts* that contains a match (each text is
    looked at up to :data:`SCAN_CHARS`), else the start of the first non-empty one."""
    words = list(words)
    candidates = [unicodedata.normalize("NFC", t) for t in texts if t]
    for text in candidates:
        part = text[:SCAN_CHARS]
        found = spans(part, words)
        if found:
            return highlight(part, words, max_chars, found)
    return highlight(candidates[0][:SCAN_CHARS], [], max_chars) if candidates else mark_safe("")
