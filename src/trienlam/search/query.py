"""Reading what a visitor typed into search terms (pure: no Django imports).

Whatever is typed is text: quotes, FTS operators (AND, OR, NOT, NEAR, ``*``, ``^``, ``:``,
parentheses), control characters and very long input never reach an engine as syntax. The
rules:

- words are AND-ed: every word must occur (folded: "dien bien" finds "Điện Biên");
- a pair of double quotes makes a phrase (``"thi đua"``); an unbalanced quote is ignored;
- a word that folds to several tokens is a phrase of them: "15/SL" is the phrase "15 sl",
  "TL-0097" is "tl 0097";
- at most :data:`MAX_CHARS` characters and :data:`MAX_TERMS` terms are used; the rest is
  dropped and :attr:`ParsedQuery.truncated` says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from trienlam.lib.folding import accent_tokens, fold, has_marks, tokens

MAX_CHARS = 300
MAX_TERMS = 12
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})


@dataclass(frozen=True)
class Term:
    """One thing that must match: a word or a phrase, folded and accent-keeping forms."""

    folded: tuple[str, ...]
    accented: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what was used, cleaned (NFC, no control characters, one space)
    terms: tuple[Term, ...] = ()
    truncated: bool = False
    marked: bool = False  # the visitor typed diacritics: exact-accent matches rank first
    identifier: str = ""  # the whole query as an identifier ("tl-0097"), for direct hits
    doc_number: str = ""  # the whole query as a document number key ("15sl")
    words: tuple[str, ...] = field(default=())  # every folded token, for highlighting

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def folded(self) -> str:
        """The folded form actually searched, for the visitor to see."""
        return " ".join(
            '"' + " ".join(t.folded) + '"' if len(t.folded) > 1 else t.folded[0] for t in self.terms
        )


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text or ""))
    return " ".join(text.split())


def parse(raw: str) -> ParsedQuery:
    text = clean(raw)
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    quoted = text.translate(_QUOTES)
    if quoted.count('"') % 2:
        quoted = quoted.replace('"', " ")
    chunks: list[str] = []
    for index, piece in enumerate(quoted.split('"')):
        if index % 2:  # inside quotes: one phrase
            chunks.append(piece)
        else:
            chunks.extend(piece.split())
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for chunk in chunks:
        folded = tuple(tokens(chunk))
        if not folded or folded in seen:
            continue
        if len(terms) == MAX_TERMS:
            truncated = True
            break
        seen.add(folded)
        terms.append(Term(folded, tuple(accent_tokens(chunk)) or folded))
    from trienlam.search.index import doc_number_key

    stripped = text.strip()
    return ParsedQuery(
        text=text,
        terms=tuple(terms),
        truncated=truncated,
        marked=has_marks(text),
        identifier=stripped.lower() if len(stripped) <= 40 and " " not in stripped else "",
        doc_number=doc_number_key(stripped) if any(c.isdigit() for c in stripped) else "",
        words=tuple(dict.fromkeys(t for term in terms for t in term.folded)),
    )


def fts5_expression(query: ParsedQuery) -> str:
    """The SQLite FTS5 MATCH expression for ``search_fts`` (the folded columns)."""
    return " AND ".join('"' + " ".join(t.folded) + '"' for t in query.terms)


def fts5_accent_expression(query: ParsedQuery) -> str:
    """The MATCH expression for ``search_afts``: the exact accents typed (tone placement
    aside)."""
    return " AND ".join('"' + " ".join(t.accented) + '"' for t in query.terms)


def tsquery(terms: tuple[Term, ...], *, accented: bool = False) -> str:
    """A PostgreSQL ``to_tsquery('simple', …)`` text: phrases with ``<->``, AND-ed."""

    def phrase(words: tuple[str, ...]) -> str:
        return " <-> ".join(f"'{w}'" for w in words)

    return " & ".join(f"({phrase(t.accented if accented else t.folded)})" for t in terms)


__all__ = ["ParsedQuery", "Term", "clean", "fold", "fts5_expression", "parse", "tsquery"]
