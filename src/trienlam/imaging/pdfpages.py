"""PDF pages as pixels, with pypdfium2.

One rule for the pixel size of a page (used by inspection and by tiling, so they
agree), and a renderer that draws a page in horizontal bands into an uncompressed
striped TIFF, so a very large page never has to exist whole in memory: libvips then
reads that file strip by strip (a raw or .v file would be mapped whole, and its
pages would count against the process).

pypdfium2 is imported lazily: importing this module costs nothing.
"""

from __future__ import annotations

import ctypes
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    import pypdfium2

PDF_DPI = 200  # ≥ 200 dpi-equivalent so typewritten text stays legible
POINTS_PER_INCH = 72
BAND_PIXELS = 4_000_000  # pixels rendered per band (12 MB of RGB; an A4 page at 200 dpi)
ROWS_PER_STRIP = 16
MAX_TIFF_BYTES = 3_500_000_000  # classic TIFF offsets are 32-bit


def page_pixels(width_pt: float, height_pt: float, dpi: int = PDF_DPI) -> tuple[int, int]:
    """Pixel size of a page of *width_pt* × *height_pt* points rendered at *dpi*."""
    scale = dpi / POINTS_PER_INCH
    return max(1, round(width_pt * scale)), max(1, round(height_pt * scale))


@contextmanager
def open_pdf(path: str | os.PathLike[str]) -> Iterator[pypdfium2.PdfDocument]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(os.fspath(path))
    try:
        yield pdf
    finally:
        pdf.close()


def page_size_points(pdf: pypdfium2.PdfDocument, index: int) -> tuple[float, float]:
    """Width and height in points of page *index* as displayed (its /Rotate applied)."""
    page = pdf[index]
    try:
        width, height = page.get_size()
    finally:
        page.close()
    return float(width), float(height)


def render_page(
    path: str | os.PathLike[str],
    index: int,
    out_path: str | os.PathLike[str],
    *,
    dpi: int = PDF_DPI,
    band_pixels: int = BAND_PIXELS,
) -> tuple[int, int]:
    """Render page *index* of the PDF at *path* into *out_path* as an uncompressed RGB TIFF.

    Renders band by band on a white background, annotations included. Returns the
    (width, height) in pixels, which equals `page_pixels` of the page size.
    """
    import pypdfium2.raw as pdfium_c

    with open_pdf(path) as pdf:
        page = pdf[index]
        try:
            width, height = page_pixels(*page.get_size(), dpi=dpi)
            if width * height * 3 > MAX_TIFF_BYTES:
                raise ValueError(f"a {width}×{height} page is too large to render")
            band = max(1, min(height, band_pixels // width))
            bitmap = pdfium_c.FPDFBitmap_CreateEx(width, band, pdfium_c.FPDFBitmap_BGR, None, 0)
            if not bitmap:
                raise MemoryError(f"cannot allocate a {width}×{band} bitmap for a PDF page")
            try:
                with open(out_path, "wb") as out:
                    out.write(struct.pack("<2sHI", b"II", 42, 0))  # IFD offset patched below
                    _render_bands(pdfium_c, page.raw, bitmap, width, height, band, out)
                    ifd_offset = out.tell()
                    out.write(_tiff_ifd(width, height, dpi, ifd_offset))
                    out.seek(4)
                    out.write(struct.pack("<I", ifd_offset))
            finally:
                pdfium_c.FPDFBitmap_Destroy(bitmap)
        finally:
            page.close()
    return width, height


def _tiff_ifd(width: int, height: int, dpi: int, ifd_offset: int) -> bytes:
    """The directory of a little-endian, uncompressed, 8-bit RGB TIFF whose pixels start
    at byte 8, in strips of ROWS_PER_STRIP rows."""
    row_bytes = width * 3
    strips = -(-height // ROWS_PER_STRIP)
    counts = [ROWS_PER_STRIP * row_bytes] * (strips - 1)
    counts.append((height - ROWS_PER_STRIP * (strips - 1)) * row_bytes)
    offsets = [8 + i * ROWS_PER_STRIP * row_bytes for i in range(strips)]
    # Tag values too big for their 4-byte slot go after the directory, in this order:
    entry_count = 14
    extra = ifd_offset + 2 + entry_count * 12 + 4
    bits_at, xres_at = extra, extra + 6
    yres_at, offsets_at = xres_at + 8, xres_at + 16
    counts_at = offsets_at + 4 * strips
    short, long_, rational = 3, 4, 5

    def entry(tag: int, kind: int, count: int, value: int) -> bytes:
        if kind == short and count == 1:
            return struct.pack("<HHIHH", tag, kind, count, value, 0)
        return struct.pack("<HHII", tag, kind, count, value)

    entries = [
        entry(256, long_, 1, width),  # ImageWidth
        entry(257, long_, 1, height),  # ImageLength
        entry(258, short, 3, bits_at),  # BitsPerSample 8,8,8
        entry(259, short, 1, 1),  # Compression: none
        entry(262, short, 1, 2),  # Photometric: RGB
        entry(273, long_, strips, offsets_at if strips > 1 else offsets[0]),  # StripOffsets
        entry(274, short, 1, 1),  # Orientation: top-left
        entry(277, short, 1, 3),  # SamplesPerPixel
        entry(278, long_, 1, ROWS_PER_STRIP),  # RowsPerStrip
        entry(279, long_, strips, counts_at if strips > 1 else counts[0]),  # StripByteCounts
        entry(282, rational, 1, xres_at),  # XResolution
        entry(283, rational, 1, yres_at),  # YResolution
        entry(284, short, 1, 1),  # PlanarConfiguration: chunky
        entry(296, short, 1, 2),  # ResolutionUnit: inch
    ]
    assert len(entries) == entry_count
    directory = struct.pack("<H", entry_count) + b"".join(entries) + struct.pack("<I", 0)
    values = struct.pack("<3H", 8, 8, 8) + struct.pack("<2I", dpi, 1) * 2
    if strips > 1:
        values += struct.pack(f"<{strips}I", *offsets) + struct.pack(f"<{strips}I", *counts)
    return directory + values


def _render_bands(
    pdfium_c: Any,
    raw_page: Any,
    bitmap: Any,
    width: int,
    height: int,
    band: int,
    out: BinaryIO,
) -> None:
    stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
    address = ctypes.cast(pdfium_c.FPDFBitmap_GetBuffer(bitmap), ctypes.c_void_p).value
    pixels = memoryview((ctypes.c_ubyte * (stride * band)).from_address(address)).cast("B")
    row_bytes = width * 3
    # RGB instead of pdfium's native BGR; annotations (stamps, form appearances) included.
    flags = pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_REVERSE_BYTE_ORDER
    for top in range(0, height, band):
        rows = min(band, height - top)
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, width, band, 0xFFFFFFFF)
        # Draw the whole page shifted up by `top`: pdfium clips it to the band.
        pdfium_c.FPDF_RenderPageBitmap(bitmap, raw_page, 0, -top, width, height, 0, flags)
        if stride == row_bytes:
            out.write(pixels[: stride * rows])  # straight from pdfium's buffer, no copy
        else:
            for row in range(rows):
                out.write(pixels[row * stride : row * stride + row_bytes])
