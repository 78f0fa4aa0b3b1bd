"""What comes first: exact accents, identifiers, document numbers; malformed input."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import builders as b
from tests.search.conftest import found
from trienlam.search.api import search


def test_exact_accent_ranks_before_folded(catalogue) -> None:
    # Both fold to "duong"; typed with its marks, "Đường" comes first, and the other after it.
    assert found("Đường")[:2] == ["TL-0001", "TL-0002"]
    assert found("Dương")[:2] == ["TL-0002", "TL-0001"]
    assert set(found("duong")) == {"TL-0001", "TL-0002"}


def test_exact_accent_wins_against_a_more_frequent_folded_match(db) -> None:
    archive = b.institution(slug="ttlt-x")
    b.item(
        archive,
        identifier="TL-0301",
        title="Dương Dương Dương",
        summary="Dương Văn Dương, Dương Thị Dương",
    )
    b.item(archive, identifier="TL-0302", title="Báo cáo", summary="Làm đường liên xã")
    assert found("đường")[0] == "TL-0302"
    assert found("dương")[0] == "TL-0301"


def test_identifier_and_document_number_find_the_item_first(catalogue) -> None:
    archive = catalogue.archive
    b.item(
        archive,
        identifier="TL-0098",
        title="Danh sách 15 người",
        summary="Mục SL khác",
        doc_number="115/SL",
    )
    assert found("TL-0097")[0] == "TL-0097"
    assert found("tl-0097")[0] == "TL-0097"
    assert found("15/SL")[0] == "TL-0097"
    assert found("15/sl ")[0] == "TL-0097"
    results = search("TL-0097")
    assert results.hits[0].direct and results.total == 1


def test_draft_items_are_never_found(catalogue) -> None:
    assert "TL-0200" not in found("bí mật")
    assert found("TL-0200") == []
    assert search("thi đua").total == len(found("thi đua"))


MALFORMED = [
    '"thi đua',
    'thi" đua"',
    "thi AND",
    "OR",
    "NOT thi",
    "NEAR(thi dua)",
    "thi*",
    "^thi",
    "head:thi",
    "{head body}: thi",
    "(((",
    ")",
    "'; DROP TABLE search_entry; --",
    "\x00\x01\x1f",
    "thi\u200bđua",
    "a" * 10_000,
    "thi đua " * 2_000,
    "%",
    "_",
    "\\",
    "'",
    '"',
    "::",
    "-",
    "🙂 thi đua",
    "ǅ ß İ",
    "\ufeff",
    "&",
    "|",
    "<->",
    "!",
    "thi & dua | x",
    "tl-0097'",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_input_is_text_and_never_an_error(catalogue, text: str) -> None:
    results = search(text)
    assert results.total >= 0
    response = Client().get("/tim-kiem/", {"q": text})
    assert response.status_code == 200


def test_operators_are_searched_as_words(catalogue) -> None:
    assert found('"thi đua') == found("thi đua")
    assert found("thi AND") == []  # "and" is a word every item would need
    assert found("NEAR(Sắc lệnh)") == []  # "near" too


def test_long_queries_are_cut_and_say_so(catalogue) -> None:
    results = search("thi đua " + "xa " * 5000)
    assert results.query.truncated
    long_word = search("a" * 10_000)
    assert long_word.query.truncated and long_word.total == 0


def test_phrases(catalogue) -> None:
    assert found('"thi đua ái quốc"') == ["TL-0097"]
    assert found('"ái quốc thi đua"') == []
    assert "TL-0097" in found("ái quốc thi đua")
