"""PDF pages rendered in bands into a TIFF equal pdfium's own one-piece rendering."""

from __future__ import annotations

import pypdfium2
import pytest
import pyvips
from PIL import Image, ImageChops, ImageStat

from trienlam.imaging.pdfpages import PDF_DPI, page_pixels, render_page


def reference(pdf_path, index):
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        bitmap = document[index].render(scale=PDF_DPI / 72, draw_annots=True)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


@pytest.mark.parametrize("band_pixels", [20_000, 200_000, 100_000_000])
def test_banded_rendering_matches_a_whole_page_rendering(tmp_path, files, band_pixels):
    out = tmp_path / "page.tif"
    width, height = render_page(files["pdf2"], 1, out, band_pixels=band_pixels)
    assert (width, height) == (2338, 1652)
    ours = Image.open(out)  # a second, independent TIFF reader
    assert (ours.size, ours.mode) == ((width, height), "RGB")
    theirs = reference(files["pdf2"], 1)
    difference = ImageChops.difference(ours.convert("RGB"), theirs).convert("L")
    histogram = difference.histogram()
    off = sum(histogram[9:]) / (width * height)
    # Image resampling may differ along a few band edges; the page is otherwise identical.
    assert off < 0.002
    assert ImageStat.Stat(difference).mean[0] < 0.2


def test_a_page_smaller_than_one_strip_and_its_resolution(tmp_path):
    document = pypdfium2.PdfDocument.new()
    document.new_page(5, 5)
    source = tmp_path / "tiny.pdf"
    document.save(str(source))
    document.close()
    out = tmp_path / "tiny.tif"
    assert render_page(source, 0, out) == page_pixels(5, 5) == (14, 14)
    image = pyvips.Image.new_from_file(str(out))
    assert (image.width, image.height, image.bands) == (14, 14, 3)
    assert round(image.xres * 25.4) == PDF_DPI
    assert image.min() == 255  # an empty page is white


def test_page_pixels_rounds_at_the_render_resolution():
    assert page_pixels(612, 792) == (1700, 2200)
    assert page_pixels(595.28, 841.89) == (1654, 2339)  # A4
    assert page_pixels(0.1, 0.1) == (1, 1)
