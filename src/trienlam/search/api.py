"""The public search API, used by the search page, the benchmark and anyone else.

    from trienlam.search.api import search
    results = search("dien bien 1954", {"loai": ["document"], "tinh": ["dien-bien"]}, page=1)
    results.total, results.hits, results.facets, results.query.folded

*filters* uses the URL parameter names of the search page (the contract shared with the
browse pages and the static export), each with a list of values:

=============  ============================================  ===================
parameter      value                                         repeated
=============  ============================================  ===================
``q``          the text typed (not a filter: the 1st arg)    no
``loai``       an ``Item.Kind`` value: ``document``, ...     yes: any of them
``phan``       ``<exhibition slug>/<part slug>``             yes: any of them
``tinh``       a province slug                               yes: any of them
``don-vi``     a contributing institution's slug             yes: any of them
``thap-nien``  the first year of a decade: ``1950``          yes: any of them
``nam``        one year (items whose dates start that year)  no: the first wins
``trang``      the page number, from 1                       no
=============  ============================================  ===================

Values of one parameter are OR-ed; different parameters are AND-ed. Unknown values are left
out and listed in :attr:`SearchResults.ignored`; nothing a visitor types raises an error.
Only public items are ever returned or counted.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import OperationalError, transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from trienlam.catalogue.models import Institution, Item, Province
from trienlam.exhibitions.models import Exhibition, Section
from trienlam.search import engine
from trienlam.search.index import doc_number_key, refresh
from trienlam.search.query import ParsedQuery, parse
from trienlam.search.snippets import highlight, snippet

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PAGE = 500
PARAMS = ("loai", "phan", "tinh", "don-vi", "thap-nien", "nam")
FACETS = ("loai", "phan", "tinh", "don-vi", "thap-nien")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    title: str
    values: list[FacetValue]


@dataclass(frozen=True)
class Hit:
    item: Item
    title_html: SafeString
    snippet_html: SafeString
    direct: bool  # the query is this item's identifier or document number


@dataclass
class SearchResults:
    query: ParsedQuery
    selected: dict[str, list[str]]  # the valid filter values used, by parameter
    labels: dict[tuple[str, str], str]  # (parameter, value) -> label, for the chosen filters
    total: int = 0
    page: int = 1
    pages: int = 0
    per_page: int = PER_PAGE
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def filtered(self) -> bool:
        return any(self.selected.values())


def _values(filters: Mapping[str, Sequence[str] | str], name: str) -> list[str]:
    raw = filters.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    return list(dict.fromkeys(v.strip() for v in raw if v and v.strip()))[:20]


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and 1000 <= int(value) <= 2999 else None


class _Vocabulary:
    """The labels and ids behind the facet values (small tables), cached by :func:`_vocabulary`."""

    def __init__(self) -> None:
        self.loaded = time.monotonic()
        self.values: dict[tuple[object, ...], dict[str, list[str]]] = {}
        self.stale = False  # met an id or part it does not know
        self.kinds = dict(Item.Kind.choices)
        self.provinces = {p.slug: p for p in Province.objects.all()}
        self.province_by_id = {p.pk: p for p in self.provinces.values()}
        self.institutions = {i.slug: i for i in Institution.objects.all()}
        self.institution_by_id = {i.pk: i for i in self.institutions.values()}
        self.parts: dict[str, str] = {}
        for part in (
            Section.objects.filter(parent__isnull=True, exhibition__in=Exhibition.objects.public())
            .select_related("exhibition")
            .order_by("exhibition__position", "position")
        ):
            label = f"{part.label}: {part.title}" if part.label else part.title
            self.parts[f"{part.exhibition.slug}/{part.slug}"] = label

    def label(self, param: str, value: str) -> str:
        if param == "loai":
            return str(self.kinds.get(value, value)).capitalize()
        if param == "phan":
            return self.parts.get(value, value)
        if param == "tinh":
            return self.provinces[value].name if value in self.provinces else value
        if param == "don-vi":
            inst = self.institutions.get(value)
            return inst.name if inst else value
        if param == "thap-nien":
            return _("the %(decade)ss") % {"decade": value}
        return value


VOCABULARY_SECONDS = 60.0
_cache: dict[str, tuple[str, _Vocabulary]] = {}


def _content_version() -> str:
    try:
        from trienlam.operations.pagecache import current_version
    except ImportError:  # pragma: no cover - the page cache is optional
        return ""
    return current_version()


def _vocabulary(*, force: bool = False) -> tuple[_Vocabulary, bool]:
    """The vocabulary and whether it was just read. It is read again when the site's content
    version changes, after :data:`VOCABULARY_SECONDS`, or when the caller met a value it
    does not know (``force``): a bulk insert does not change the content version."""
    version = _content_version()
    cached = _cache.get("vocabulary")
    if (
        not force
        and cached is not None
        and cached[0] == version
        and time.monotonic() - cached[1].loaded < VOCABULARY_SECONDS
    ):
        return cached[1], False
    vocabulary = _Vocabulary()
    _cache["vocabulary"] = (version, vocabulary)
    return vocabulary, True


def _clean_filters(
    filters: Mapping[str, Sequence[str] | str], vocab: _Vocabulary
) -> tuple[dict[str, list[str]], list[str]]:
    selected: dict[str, list[str]] = {name: [] for name in PARAMS}
    ignored: list[str] = []
    valid = {
        "loai": lambda v: v in vocab.kinds,
        "phan": lambda v: v in vocab.parts,
        "tinh": lambda v: v in vocab.provinces,
        "don-vi": lambda v: v in vocab.institutions,
        "thap-nien": lambda v: _year(v) is not None and int(v) % 10 == 0,
        "nam": lambda v: _year(v) is not None,
    }
    for name in PARAMS:
        for value in _values(filters, name):
            if valid[name](value) and not (name == "nam" and selected[name]):
                selected[name].append(value)
            else:
                ignored.append(f"{name}={value}"[:80])
    return selected, ignored


def _engine_filters(selected: dict[str, list[str]], vocab: _Vocabulary) -> engine.Filters:
    return engine.Filters(
        kinds=tuple(selected["loai"]),
        parts=tuple(selected["phan"]),
        province_ids=tuple(vocab.provinces[s].pk for s in selected["tinh"]),
        institution_ids=tuple(vocab.institutions[s].pk for s in selected["don-vi"]),
        decades=tuple(int(d) for d in selected["thap-nien"]),
        year=int(selected["nam"][0]) if selected["nam"] else None,
    )


def _combo_values(combo: engine.Combo, vocab: _Vocabulary) -> dict[str, list[str]]:
    key = combo[:5]
    known = vocab.values.get(key)
    if known is None:
        known = vocab.values[key] = _read_combo(combo, vocab)
    return known


def _read_combo(combo: engine.Combo, vocab: _Vocabulary) -> dict[str, list[str]]:
    kind, province_id, institution_id, decade, parts, _count = combo
    province = vocab.province_by_id.get(province_id) if province_id is not None else None
    institution = vocab.institution_by_id.get(institution_id)
    keys = [p for p in parts.split("|") if p]
    if (
        (province_id is not None and province is None)
        or institution is None
        or any(p not in vocab.parts for p in keys)
    ):
        vocab.stale = True
    values = {
        "loai": [kind],
        "phan": keys,
        "tinh": [province.slug] if province else [],
        "don-vi": [institution.slug] if institution else [],
        "thap-nien": [str(decade)] if decade is not None else [],
    }
    values["pairs"] = [(name, v) for name in FACETS for v in values[name]]  # type: ignore[misc]
    return values


def _facets(
    combos: list[engine.Combo], selected: dict[str, list[str]], vocab: _Vocabulary
) -> tuple[list[Facet], int]:
    """Each facet's counts with the other facets' selections applied (not its own), and the
    total with all of them."""
    # Summed per (facet, value) pair: a few thousand combinations, so this loop is kept lean.
    pairs: defaultdict[tuple[str, str], int] = defaultdict(int)
    chosen = {name: set(selected[name]) for name in FACETS if selected[name]}
    total = 0
    for combo in combos:
        values = _combo_values(combo, vocab)
        count = combo[5]
        if not chosen:
            total += count
            for pair in values["pairs"]:
                pairs[pair] += count
            continue
        misses = [name for name, want in chosen.items() if want.isdisjoint(values[name])]
        if not misses:
            total += count
            for pair in values["pairs"]:
                pairs[pair] += count
        elif len(misses) == 1:
            missed = misses[0]
            for value in values[missed]:
                pairs[(missed, value)] += count
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (name, value), count in pairs.items():
        counts[name][value] = count
    titles = {
        "loai": _("Kind"),
        "phan": _("Exhibition part"),
        "tinh": _("Province"),
        "don-vi": _("Contributing institution"),
        "thap-nien": _("Decade"),
    }
    order = {
        "loai": list(vocab.kinds),
        "phan": list(vocab.parts),
        "tinh": list(vocab.provinces),
    }
    facets = []
    for name in FACETS:
        found = counts[name]
        keys = set(found) | set(selected[name])
        if name in order:
            ranked = [k for k in order[name] if k in keys]
        elif name == "thap-nien":
            ranked = sorted(keys)
        else:
            ranked = sorted(keys, key=lambda k: (-found[k], vocab.label(name, k)))
        values = [
            FacetValue(k, vocab.label(name, k), found[k], k in selected[name]) for k in ranked
        ]
        facets.append(Facet(name, titles[name], values))
    return facets, total


def search(
    query: str,
    filters: Mapping[str, Sequence[str] | str] | None = None,
    page: int | str = 1,
    *,
    per_page: int = PER_PAGE,
    facets: bool = True,
) -> SearchResults:
    """Search the public items (see the module docstring for *filters*)."""
    started = time.perf_counter()
    try:
        with transaction.atomic():
            refresh()
    except OperationalError as exc:  # e.g. SQLite busy with a long import: search what is there
        logger.warning("search index refresh skipped: %s", exc)
    parsed = parse(query)
    vocab, fresh = _vocabulary()
    selected, ignored = _clean_filters(filters or {}, vocab)
    if ignored and not fresh:
        vocab, fresh = _vocabulary(force=True)
        selected, ignored = _clean_filters(filters or {}, vocab)
    wanted = _engine_filters(selected, vocab)
    labels = {(n, v): vocab.label(n, v) for n, values in selected.items() for v in values}
    results = SearchResults(
        query=parsed, selected=selected, labels=labels, ignored=ignored, per_page=per_page
    )
    try:
        number = min(max(int(page), 1), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    ids, combos = engine.run(parsed, wanted, per_page, (number - 1) * per_page)
    results.facets, results.total = _facets(combos, selected, vocab)
    if vocab.stale and not fresh:  # a new province, institution or part since it was read
        vocab, fresh = _vocabulary(force=True)
        results.facets, results.total = _facets(combos, selected, vocab)
    if not facets:
        results.facets = []
    results.pages = max(1, math.ceil(results.total / per_page))
    results.page = min(number, results.pages)
    if results.page != number:  # past the last page: show the last one
        ids, _combos = engine.run(parsed, wanted, per_page, (results.page - 1) * per_page)
    items = Item.objects.public().select_related("institution", "province").in_bulk(ids)
    words = parsed.words
    for pk in ids:
        item = items.get(pk)
        if item is None:  # changed since the index was read: never show a non-public item
            continue
        texts = [item.summary, item.quote_text, item.transcription, item.occasion]
        results.hits.append(
            Hit(
                item=item,
                title_html=highlight(item.title, words),
                snippet_html=snippet(texts, words),
                direct=bool(parsed.identifier and item.identifier.lower() == parsed.identifier)
                or bool(parsed.doc_number and doc_number_key(item.doc_number) == parsed.doc_number),
            )
        )
    results.seconds = time.perf_counter() - started
    return results
