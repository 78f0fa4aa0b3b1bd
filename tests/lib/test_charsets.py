"""charsets: telling Windows-1258 Vietnamese from CP437 and Windows-1252 readings."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienlam.lib.charsets import (
    VIETNAMESE_LETTERS,
    best_decoding,
    encode_cp1258,
    vietnamese_score,
)

VIETNAMESE = [
    "Công văn số 15.jpg",
    "Quyết định số 05/QĐ-UBND",
    "Ủy ban kháng chiến hành chính tỉnh Lạng Sơn",
    "Biên bản hội nghị cán bộ toàn tỉnh năm 1960",
    "Thư gửi đồng bào các dân tộc miền núi",
    "Trích yếu: về việc khen thưởng phong trào thi đua yêu nước",
]


def test_vietnamese_letters() -> None:
    assert len(VIETNAMESE_LETTERS) == 67  # 12 vowels x 6 tones + đ, minus plain a e i o u y
    assert {"ă", "ệ", "ữ", "đ", "ỳ"} <= VIETNAMESE_LETTERS
    assert not {"a", "ç", "ü", "ñ"} & VIETNAMESE_LETTERS


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("scan_001.jpg", 0),
        ("Công", 1),
        ("ô\u0301", 4),  # precomposed ô + a combining tone mark on it
        ("\u0301", -3),  # a tone mark on nothing
        ("C├┤ng", -6),  # box drawing: a CP437 misreading
        ("Übersicht", -2),
        ("a\x07b", -3),
    ],
)
def test_vietnamese_score(text: str, score: int) -> None:
    assert vietnamese_score(text) == score


@pytest.mark.parametrize("text", VIETNAMESE)
def test_cp1258_beats_cp437_and_cp1252(text: str) -> None:
    raw = encode_cp1258(text)
    for candidates in (("cp437", "cp1258"), ("cp1252", "cp1258")):
        codec, decoded = best_decoding(raw, candidates)  # type: ignore[misc]
        assert codec == "cp1258"
        assert unicodedata.normalize("NFC", decoded) == text


@pytest.mark.parametrize("text", ["Café.jpg", "Übersicht.tif", "Báo cáo.jpg", "Ñandú.png"])
def test_western_names_stay_cp437(text: str) -> None:
    assert best_decoding(text.encode("cp437"), ("cp437", "cp1258")) == ("cp437", text)


def test_best_decoding_skips_codecs_that_fail() -> None:
    assert best_decoding(b"\x81", ("cp1258", "cp437")) == ("cp437", "ü")
    assert best_decoding(b"\x81", ("cp1258", "cp1252")) is None


def test_encode_cp1258_uses_combining_tone_marks() -> None:
    assert encode_cp1258("số") == b"s\xf4\xec"  # ô, then the acute as a separate byte
    assert encode_cp1258("Ộ") == b"\xd4\xf2"
    assert encode_cp1258("đ") == b"\xf0"
    with pytest.raises(UnicodeEncodeError):
        encode_cp1258("漢")


@given(st.text(alphabet=st.sampled_from(sorted(VIETNAMESE_LETTERS | set("AĐ bc dgx0-9.")))))
def test_cp1258_round_trip(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    upper = text.upper()
    for sample in (text, upper):
        decoded = encode_cp1258(sample).decode("cp1258")
        assert unicodedata.normalize("NFC", decoded) == sample
