"""Text folding for search: properties (hypothesis) and the forms Vietnamese text comes in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienlam.lib.folding import (
    accent_key,
    accent_tokens,
    fold,
    fold_with_map,
    has_marks,
    tokens,
)

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " -/.,0123456789"), max_size=60
)
any_text = st.text(max_size=60)

# Old ("hoà", "thuỷ") and new ("hòa", "thủy") tone placement, as both occur in catalogues.
TONE_PLACEMENT = [
    ("hoà", "hòa"),
    ("Hoà Bình", "Hòa Bình"),
    ("thuỷ lợi", "thủy lợi"),
    ("Thuỵ", "Thụy"),
    ("khoẻ", "khỏe"),
    ("loà", "lòa"),
    ("Quảng Hoà", "Quảng Hòa"),
    ("uỷ ban", "ủy ban"),
    ("hoá", "hóa"),
    ("thoả", "thỏa"),
    ("tuỳ", "tùy"),
    ("xoè", "xòe"),
]


@given(any_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(any_text)
def test_fold_is_the_same_for_nfc_and_nfd(text: str) -> None:
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(vietnamese_text)
def test_fold_ignores_case_and_leaves_no_marks_on_vietnamese(text: str) -> None:
    folded = fold(text)
    assert folded == fold(text.upper()) == fold(text.lower())
    assert folded.isascii()
    assert "đ" not in folded and not has_marks(folded)


@given(vietnamese_text)
def test_accent_tokens_ignore_case_and_normal_form(text: str) -> None:
    forms = {text, text.upper(), unicodedata.normalize("NFD", text), text.lower()}
    assert len({tuple(accent_tokens(f)) for f in forms}) == 1
    assert len({accent_key(f) for f in {text, text.upper(), text.lower()}}) == 1


@given(vietnamese_text)
def test_accent_tokens_are_plain_ascii_and_fold_to_the_same_count(text: str) -> None:
    keyed = accent_tokens(text)
    assert all(t.isascii() and t.isalnum() for t in keyed)
    assert len(keyed) == len(tokens(text))


@given(any_text)
def test_tokens_are_folded_letters_and_digits(text: str) -> None:
    for token in tokens(text):
        assert token == fold(token) and "_" not in token and token.strip() == token


@pytest.mark.parametrize(("old", "new"), TONE_PLACEMENT)
def test_tone_placement_does_not_matter(old: str, new: str) -> None:
    assert old != new
    assert fold(old) == fold(new)
    assert accent_key(old) == accent_key(new)
    assert accent_tokens(old) == accent_tokens(new)
    assert accent_tokens(unicodedata.normalize("NFD", old)) == accent_tokens(new)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường", "duong"),
        ("Dương", "duong"),
        ("ĐIỆN BIÊN", "dien bien"),
        ("Điện Biên Phủ", "dien bien phu"),
        ("thi đua", "thi dua"),
        ("Lũng Cú", "lung cu"),
        ("15/SL", "15/sl"),
        ("TL-0097", "tl-0097"),
        ("Quyết định 123/QĐ-UB", "quyet dinh 123/qd-ub"),
        ("Ủy ban hành chính", "uy ban hanh chinh"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_marks_still_count_for_accent_tokens() -> None:
    assert accent_tokens("Đường") == ["d9u7o7ng2"]
    assert accent_tokens("Dương") == ["du7o7ng"]
    assert accent_tokens("Đường") != accent_tokens("Dương") != accent_tokens("duong")
    assert accent_tokens("Đương") != accent_tokens("Đường")  # the tone counts
    assert accent_tokens("15/SL") == ["15", "sl"]
    assert has_marks("Đ") and has_marks("hòa") and not has_marks("Hoa 15/SL")


@given(vietnamese_text)
def test_fold_with_map_points_into_the_original(text: str) -> None:
    folded, positions = fold_with_map(text)
    original = unicodedata.normalize("NFC", text)
    assert folded == fold(original)
    if positions is None:
        assert len(folded) == len(original)
    else:
        assert len(positions) == len(folded)
        assert all(0 <= p < len(original) for p in positions)


@given(vietnamese_text)
def test_d_with_stroke_folds_to_d(text: str) -> None:
    assert fold(text) == fold(text.replace("đ", "d").replace("Đ", "D"))


TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@st.composite
def two_placements(draw: st.DrawFn) -> tuple[str, str]:
    """One syllable written with its tone mark on either vowel of "oa", "oe", "uy"
    (old and new style), with a random onset, case and normal form."""
    onset = draw(st.sampled_from(["", "h", "th", "kh", "l", "x", "t", "ng"]))
    first, second = draw(st.sampled_from(["oa", "oe", "uy"]))
    tone = draw(st.sampled_from(TONES))
    old = unicodedata.normalize("NFC", onset + first + tone + second)
    new = unicodedata.normalize("NFC", onset + first + second + tone)
    if draw(st.booleans()):
        old, new = old.upper(), new.capitalize()
    form = draw(st.sampled_from(["NFC", "NFD"]))
    return unicodedata.normalize(form, old), new


@given(two_placements())
def test_tone_placement_never_matters(pair: tuple[str, str]) -> None:
    old, new = pair
    assert fold(old) == fold(new)
    assert accent_key(old) == accent_key(new)
    assert accent_tokens(old) == accent_tokens(new)
