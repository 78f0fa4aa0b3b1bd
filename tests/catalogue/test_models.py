"""Items: NFC text, date checks, source lines, identifiers."""

from __future__ import annotations

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from tests import builders as b
from trienlam.catalogue.models import Item


@pytest.fixture
def archive(db: None):  # type: ignore[no-untyped-def]
    return b.institution()


def test_it_stores_text_in_nfc(archive) -> None:  # type: ignore[no-untyped-def]
    decomposed = unicodedata.normalize("NFD", "Phong trào thi đua yêu nước")
    assert decomposed != "Phong trào thi đua yêu nước"
    item = b.item(archive, title=decomposed, summary=decomposed)
    item.refresh_from_db()
    assert item.title == "Phong trào thi đua yêu nước"
    assert item.summary == "Phong trào thi đua yêu nước"
    assert unicodedata.is_normalized("NFC", archive.name)


def test_invisible_control_characters_are_refused_by_validation_and_dropped_on_save(
    archive,
) -> None:  # type: ignore[no-untyped-def]
    item = Item(identifier="TL-0001", kind="document", institution=archive,
                title="Báo cáo \x1b[31mthi đua\x07",
                summary="Dòng một\n\tdòng \u202ehai")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert set(error.value.message_dict) == {"title", "summary"}
    assert "(U+001B)" in error.value.message_dict["title"][0]
    assert "(U+202E)" in error.value.message_dict["summary"][0]
    item.save()  # code that skips validation: the characters are dropped
    item.refresh_from_db()
    assert (item.title, item.summary) == ("Báo cáo [31mthi đua", "Dòng một\n\tdòng hai")


def test_identifiers_differ_by_more_than_letter_case(archive) -> None:  # type: ignore[no-untyped-def]
    first = b.item(archive, identifier="TL-0001")
    for spelling in ("tl-0001", "Tl-0001"):
        other = Item(identifier=spelling, kind="document", title="x", institution=archive)
        with pytest.raises(ValidationError) as error:
            other.full_clean()
        assert error.value.message_dict == {
            "identifier": [
                "Đã có tư liệu TL-0001: các mã định danh phải khác nhau không chỉ ở chữ hoa, "
                "chữ thường."
            ]
        }
    first.full_clean()  # itself is no clash
    Item(identifier="TL-0002", kind="document", title="x", institution=archive).full_clean()


def test_full_clean_normalises_before_checking_uniqueness(archive) -> None:  # type: ignore[no-untyped-def]
    b.item(archive, identifier="TL-0001")
    duplicate = Item(identifier="TL-0001", kind="document", title="x", institution=archive)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "identifier" in error.value.message_dict


def test_it_refuses_an_end_date_before_the_start_date(archive) -> None:  # type: ignore[no-untyped-def]
    import datetime

    item = b.item(archive)
    item.date_start = datetime.date(1960, 1, 1)
    item.date_end = datetime.date(1950, 1, 1)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "date_end" in error.value.message_dict


def test_it_refuses_identifiers_with_spaces_or_slashes(archive) -> None:  # type: ignore[no-untyped-def]
    for bad in ["TL 0001", "TL/0001", "../etc", ""]:
        item = Item(identifier=bad, kind="document", title="x", institution=archive)
        with pytest.raises(ValidationError):
            item.full_clean()


def test_a_quotation_needs_its_text(archive) -> None:  # type: ignore[no-untyped-def]
    item = Item(identifier="TL-0500", kind="quotation", title="x", institution=archive)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "quote_text" in error.value.message_dict


def test_the_source_line_of_a_document(archive) -> None:  # type: ignore[no-untyped-def]
    item = b.item(archive)
    assert item.source_line == (
        "Nguồn: Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn, Phông MH-UBHC-LS, Mục lục MH-03, "
        "Hồ sơ MH-127, tờ MH-12-15"
    )


def test_the_source_line_names_the_holding_repository(archive) -> None:  # type: ignore[no-untyped-def]
    national = b.institution("Trung tâm Lưu trữ quốc gia III", kind="national_archive")
    item = b.item(archive, repository=national, series="", file_unit="", sheet="")
    assert item.source_line == "Nguồn: Trung tâm Lưu trữ quốc gia III, Phông MH-UBHC-LS"


def test_the_source_line_of_a_photo_and_a_quotation(archive) -> None:  # type: ignore[no-untyped-def]
    photo = b.item(archive, kind="photo", fonds="", series="", file_unit="", sheet="",
                   other_code="MH-ANH-0042")
    assert photo.source_line == (
        "Nguồn: Trung tâm Lưu trữ lịch sử tỉnh Lạng Sơn, Ký hiệu MH-ANH-0042"
    )
    quote = b.item(archive, kind="quotation", quote_text="…", fonds="", series="",
                   file_unit="", sheet="", source_title="Hồ Chí Minh: Toàn tập", source_page="5")
    assert quote.source_line == "Nguồn: Hồ Chí Minh: Toàn tập, tr. 5"
