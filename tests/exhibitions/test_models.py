"""Parts, sections and placements belong to exactly one exhibition."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests import builders as b
from trienlam.exhibitions.models import Placement, Section


@pytest.fixture
def two(db: None):  # type: ignore[no-untyped-def]
    return b.exhibition(slug="a"), b.exhibition(slug="b")


def test_a_section_cannot_sit_in_a_part_of_another_exhibition(two) -> None:  # type: ignore[no-untyped-def]
    a, other = two
    part_b = b.part(other)
    section = Section(exhibition=a, parent=part_b, title="Mục", slug="muc")
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "parent" in error.value.message_dict


def test_sections_nest_one_level_only(two) -> None:  # type: ignore[no-untyped-def]
    a, _ = two
    part = b.part(a)
    section = b.part(a, title="Mục 1", slug="muc-1", parent=part)
    deeper = Section(exhibition=a, parent=section, title="Mục 1.1", slug="muc-1-1")
    with pytest.raises(ValidationError):
        deeper.full_clean()


def test_a_placement_cannot_move_to_another_exhibitions_section(two) -> None:  # type: ignore[no-untyped-def]
    a, other = two
    item = b.item(b.institution())
    placement = b.place(b.part(a), item)
    placement.section = b.part(other, slug="phan-khac")
    with pytest.raises(ValidationError) as error:
        placement.full_clean()
    assert "section" in error.value.message_dict


def test_an_item_is_placed_once_per_exhibition(two) -> None:  # type: ignore[no-untyped-def]
    a, other = two
    item = b.item(b.institution())
    part = b.part(a)
    b.place(part, item)
    again = Placement(section=b.part(a, title="Phần II", slug="phan-2"), item=item)
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "item" in error.value.message_dict
    # the same item may appear in another exhibition
    elsewhere = Placement(section=b.part(other), item=item)
    elsewhere.full_clean()
    elsewhere.save()
    assert elsewhere.exhibition == other


def test_an_exhibition_cannot_close_before_it_opens(two) -> None:  # type: ignore[no-untyped-def]
    import datetime

    a, _ = two
    a.opens_on = datetime.date(2024, 3, 5)
    a.closes_on = datetime.date(2024, 3, 1)
    with pytest.raises(ValidationError):
        a.full_clean()
