"""The demo's page renderer and content, without the database."""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from trienlam.demo import content, drawing
from trienlam.demo.content_types import parse_date_text
from trienlam.demo.render import (
    WATERMARK,
    DocumentSpec,
    FontsMissing,
    PageJob,
    TextOp,
    layout,
    missing_glyphs,
    page_count,
    render_bytes,
    render_document_page,
    render_photo,
)

ITEMS = {item.identifier: item for item in content.ITEMS}
REFERENCE_FIELDS = ("fonds", "series", "file_unit", "sheet", "other_code", "doc_number")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, (tuple, list)):
        for part in value:
            yield from _strings(part)


def test_it_renders_the_same_page_to_the_same_bytes() -> None:
    job = PageJob(spec=ITEMS["TL-0031"].document, page=2, scale=0.15)
    assert render_bytes(job) == render_bytes(job)


@pytest.mark.parametrize("fmt", ["jpeg", "png", "tiff"])
def test_every_format_is_deterministic(fmt: str) -> None:
    job = PageJob(spec=ITEMS["TL-0017"].photo, scale=0.05, format=fmt)
    assert render_bytes(job) == render_bytes(job)


def test_a_worker_process_renders_the_same_bytes_as_this_one() -> None:
    job = PageJob(spec=ITEMS["TL-0004"].document, page=3, scale=0.1)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(render_bytes, job).result() == render_bytes(job)


def test_different_pages_differ() -> None:
    spec = ITEMS["TL-0004"].document
    assert render_bytes(PageJob(spec=spec, page=1, scale=0.1)) != render_bytes(
        PageJob(spec=spec, page=2, scale=0.1)
    )


@pytest.mark.parametrize(
    ("dpi", "scale", "size"),
    [(200, 1.0, (1654, 2339)), (300, 1.0, (2480, 3508)), (200, 0.1, (165, 234))],
)
def test_documents_are_a4_scans_at_their_resolution(
    dpi: int, scale: float, size: tuple[int, int]
) -> None:
    spec = dataclasses.replace(ITEMS["TL-0007"].document, dpi=dpi)
    image = Image.open(io.BytesIO(render_bytes(PageJob(spec=spec, scale=scale))))
    assert image.size == size
    assert image.info["dpi"] == pytest.approx((dpi, dpi))


def test_photos_are_scan_sized_and_scale_down() -> None:
    photo = ITEMS["TL-0005"].photo
    full = Image.open(io.BytesIO(render_bytes(PageJob(spec=photo))))
    small = Image.open(io.BytesIO(render_bytes(PageJob(spec=photo, scale=0.1))))
    assert full.size == (3000, 2000)
    assert small.size == (300, 200)


def test_the_tiff_and_png_pages_are_what_they_say() -> None:
    for identifier, fmt in [("TL-0047", "TIFF"), ("TL-0006", "PNG")]:
        item = ITEMS[identifier]
        job = PageJob(
            spec=item.document, scale=0.1, format=item.image_format, greyscale=item.greyscale
        )
        image = Image.open(io.BytesIO(render_bytes(job)))
        assert image.format == fmt
        assert image.mode == "L"


def _reddish(image: Image.Image) -> int:
    # Paper is yellowish (red a little above green); the marks are red.
    return sum(1 for r, g, _b in image.convert("RGB").getdata() if r > g + 28)


def test_every_document_page_is_visibly_labelled_as_an_illustration() -> None:
    spec = ITEMS["TL-0031"].document
    for page in range(1, page_count(spec) + 1):
        image = render_document_page(spec, page, scale=0.3)
        w, h = image.size
        footer = image.crop((0, int(h * 0.9), w, h))
        middle = image.crop((int(w * 0.3), int(h * 0.4), int(w * 0.7), int(h * 0.6)))
        assert _reddish(footer) > 50, f"page {page} has no footer mark"
        assert _reddish(middle) > 50, f"page {page} has no diagonal mark"


def test_every_photo_has_a_caption_strip_saying_it_is_an_illustration() -> None:
    image = render_photo(ITEMS["TL-0005"].photo, scale=0.3)
    w, h = image.size
    assert _reddish(image.crop((0, int(h * 0.9), w, h))) > 50


def test_the_fonts_have_their_own_glyph_for_every_character_drawn() -> None:
    """No boxes and no rebuilt letters with misplaced marks (DejaVu Sans Mono fails this)."""
    problems = {}
    for item in ITEMS.values():
        if item.document is not None:
            for page in layout(item.document):
                for op in page:
                    if isinstance(op, TextOp) and (missing := missing_glyphs(op.text, op.face)):
                        problems[(item.identifier, op.face)] = missing
        if item.photo is not None:
            text = f"{item.photo.caption} {item.photo.banner} {WATERMARK}"
            if missing := missing_glyphs(text, "sans-bold"):
                problems[(item.identifier, "sans-bold")] = missing
    assert problems == {}


def test_missing_glyphs_notices_a_character_the_font_lacks() -> None:
    assert missing_glyphs("Thi đua 中", "serif") == {"中"}


def test_a_missing_font_is_reported_with_the_package_to_install(monkeypatch) -> None:
    drawing.font_path.cache_clear()
    monkeypatch.setattr(drawing, "FONT_DIRS", (Path("/nonexistent"),))
    monkeypatch.setattr(drawing.shutil, "which", lambda name: None)
    try:
        with pytest.raises(FontsMissing, match="fonts-dejavu-core"):
            drawing.font_path("serif")
    finally:
        drawing.font_path.cache_clear()


def test_some_documents_have_at_least_three_pages_at_every_scale() -> None:
    long = [i for i in ITEMS.values() if i.document is not None and i.pages >= 3]
    assert len(long) >= 4
    # Layout is computed in design units, so the page count does not depend on the scale.
    assert page_count(long[0].document) == long[0].pages


def test_sheet_numbers_match_the_number_of_pages() -> None:
    for item in ITEMS.values():
        if item.document is None:
            continue
        numbers = [int(n) for n in item.sheet.removeprefix("MH-").split("-")]
        sheets = 1 if len(numbers) == 1 else numbers[1] - numbers[0] + 1
        assert sheets == item.pages, item.identifier


def test_all_demo_text_is_nfc() -> None:
    data = [
        content.SITE,
        content.EXHIBITION,
        *content.PROVINCES,
        *content.INSTITUTIONS,
        *content.SECTIONS,
        *content.ITEMS,
    ]
    texts = [s for value in data for s in _strings(value)]
    texts += [item.transcription for item in content.ITEMS]
    assert len(texts) > 500
    assert [t for t in texts if not unicodedata.is_normalized("NFC", t)] == []


def test_every_archival_reference_is_marked_illustrative() -> None:
    for item in content.ITEMS:
        for name in REFERENCE_FIELDS:
            value = getattr(item, name)
            assert not value or value.startswith("MH-"), (item.identifier, name, value)


def test_only_one_quotation_is_attributed_to_a_real_person() -> None:
    quotes = [i for i in content.ITEMS if i.kind == "quotation"]
    real = [q for q in quotes if "minh họa" not in q.creator]
    assert len(quotes) >= 5
    assert [(q.creator, q.quote_text, q.source_page) for q in real] == [
        (
            "Chủ tịch Hồ Chí Minh",
            "Thi đua là yêu nước, yêu nước thì phải thi đua.",
            "",
        )
    ]


def test_documents_carry_the_national_heading_of_their_time() -> None:
    for item in content.ITEMS:
        if item.document is None:
            continue
        heading = item.document.national[0]
        if item.date_start.year < 1976:
            assert heading == "VIỆT NAM DÂN CHỦ CỘNG HÒA", item.identifier
        else:
            assert heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", item.identifier


def test_transcriptions_are_the_text_on_the_pages() -> None:
    item = ITEMS["TL-0031"]
    drawn = {op.text for page in layout(item.document) for op in page if isinstance(op, TextOp)}
    assert item.transcription.startswith("ỦY BAN HÀNH CHÍNH\nTỈNH LẠNG SƠN\nSố: MH-15/TĐ")
    assert "VIỆT NAM DÂN CHỦ CỘNG HÒA" in drawn
    assert "Lạng Sơn, ngày 12 tháng 6 năm 1958" in item.transcription
    assert "Lạng Sơn, ngày 12 tháng 6 năm 1958" in drawn


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("12/6/1958", "1958-06-12", "1958-06-12"),
        ("6/1975", "1975-06-01", "1975-06-30"),
        ("12/2023", "2023-12-01", "2023-12-31"),
        ("1965-1970", "1965-01-01", "1970-12-31"),
        ("khoảng năm 1960", "1955-01-01", "1965-12-31"),  # as the importer reads it
    ],
)
def test_archivists_dates_become_a_date_range(text: str, start: str, end: str) -> None:
    first, last = parse_date_text(text)
    assert (first.isoformat(), last.isoformat()) == (start, end)


def test_a_document_spec_is_hashable_so_layouts_are_cached() -> None:
    spec = ITEMS["TL-0016"].document
    assert isinstance(spec, DocumentSpec)
    assert layout(spec) is layout(spec)
