"""inspect(): the real type from the content, sizes as shown, and a clear refusal for bad files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.imaging import samples
from trienlam.imaging import inspect as inspect_module
from trienlam.imaging.inspect import (
    MESSAGES,
    Inspection,
    Limits,
    PageInfo,
    Refused,
    inspect,
)
from trienlam.imaging.pdfpages import PDF_DPI

# --- Accepted files --------------------------------------------------------------------------


def test_jpeg_with_exif_orientation_reports_the_size_as_shown(files, limits):
    found = inspect(files["jpeg_rotated"], limits=limits)  # stored 1200×800, orientation 6
    assert found.kind == "image"
    assert found.mime_type == "image/jpeg"
    assert found.pages == (PageInfo(width=800, height=1200),)
    assert found.duration is None


def test_fixity_and_size_are_of_the_file_as_uploaded(files, limits):
    path = files["jpeg"]
    found = inspect(path, limits=limits)
    assert found.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert found.byte_size == path.stat().st_size


def test_a_png_named_jpg_is_accepted_as_png(files, limits):
    found = inspect(files["png_as_jpg"], limits=limits)
    assert found.mime_type == "image/png"
    assert found.pages == (PageInfo(700, 500),)


def test_png_with_alpha_and_webp_are_accepted(files, limits):
    assert inspect(files["png_alpha"], limits=limits).mime_type == "image/png"
    found = inspect(files["webp"], limits=limits)
    assert (found.mime_type, found.pages) == ("image/webp", (PageInfo(640, 480),))


def test_every_page_of_a_multipage_tiff_is_reported(files, limits):
    found = inspect(files["tiff3"], limits=limits)
    assert found.mime_type == "image/tiff"
    assert found.pages == (PageInfo(300, 200), PageInfo(400, 300), PageInfo(500, 250))


def test_pdf_pages_are_measured_in_pixels_at_the_render_resolution(files, limits):
    found = inspect(files["pdf2"], limits=limits)  # US Letter portrait, ~A4 landscape
    assert (found.kind, found.mime_type) == ("pdf", "application/pdf")
    # Pillow wrote the second page as 1169×826 px at 100 dpi = 841.68×594.72 pt.
    assert found.pages == (PageInfo(1700, 2200), PageInfo(2338, 1652))
    assert PDF_DPI >= 200
    assert found.pages[0].width / (612 / 72) >= 200  # legible typewriting


def test_a_pdf_restricted_only_by_an_owner_password_opens_and_is_accepted(files, limits):
    found = inspect(files["pdf_owner_only"], limits=limits)
    assert found.pages == (PageInfo(1700, 2200),)


@pytest.mark.parametrize(
    ("name", "kind", "mime", "seconds"),
    [
        ("mp3", "audio", "audio/mpeg", 383 * 1152 / 44100),
        ("ogg_opus", "audio", "audio/ogg", 7.5),
        ("ogg_vorbis", "audio", "audio/ogg", 4.0),
        ("m4a", "audio", "audio/mp4", 12.0),
        ("mp4", "video", "video/mp4", 95.0),
        ("webm", "video", "video/webm", 42.5),
    ],
)
def test_audio_and_video_are_typed_and_timed(files, limits, name, kind, mime, seconds):
    found = inspect(files[name], limits=limits)
    assert (found.kind, found.mime_type, found.pages) == (kind, mime, ())
    assert found.duration == pytest.approx(seconds, abs=0.01)


def test_an_mp4_with_only_a_sound_track_is_audio(tmp_path, limits):
    found = inspect(samples.mp4(tmp_path / "sound.mp4", seconds=3.0), limits=limits)
    assert (found.kind, found.mime_type) == ("audio", "audio/mp4")


def test_inspection_is_a_plain_frozen_value(files, limits):
    found = inspect(files["jpeg"], limits=limits)
    assert isinstance(found, Inspection)
    with pytest.raises(AttributeError):
        found.kind = "pdf"  # type: ignore[misc]


# --- Refused files: each for its own reason ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("truncated_jpeg", "truncated", ["JPEG", "truncated"]),
        ("truncated_tiff", "truncated", ["TIFF", "truncated"]),
        ("truncated_pdf", "truncated", ["PDF", "truncated"]),
        ("corrupt_png", "corrupt", ["PNG", "damaged"]),
        ("corrupt_pdf", "corrupt", ["PDF", "damaged"]),
        ("pixel_bomb", "pixel_bomb", ["100000×100000", "10000 megapixels", "300 megapixels"]),
        ("empty", "empty", ["empty"]),
        ("text_as_tif", "unknown_type", ["not a type we accept", "plain text"]),
        ("pdf_no_pages", "pdf_no_pages", ["no pages"]),
        ("pdf_encrypted", "pdf_encrypted", ["password"]),
        ("zip_as_jpg", "zip", ["ZIP archive", "unpack"]),
        ("docx_as_jpg", "zip", ["Word document"]),
        ("svg", "svg", ["SVG", "scripts"]),
        ("gif", "unsupported_type", ["GIF", "JPEG, PNG, TIFF or WebP"]),
        ("bmp", "unsupported_type", ["BMP"]),
        ("jp2", "unsupported_type", ["JPEG 2000"]),
        ("heic", "unsupported_type", ["HEIC"]),
        ("wav", "unsupported_type", ["WAV", "MP3, M4A or OGG"]),
        ("mkv", "unsupported_type", ["Matroska", "MP4 or WebM"]),
        ("webm_no_duration", "no_duration", ["duration", "WebM"]),
        ("mp4_cut", "truncated", ["MP4", "truncated"]),
    ],
)
def test_bad_files_are_refused_with_their_own_code_and_a_reason(files, limits, name, code, words):
    with pytest.raises(Refused) as refused:
        inspect(files[name], limits=limits)
    assert refused.value.code == code
    message = str(refused.value)
    for word in words:
        assert word in message, message


def test_the_pixel_bomb_is_refused_from_its_header_without_decoding(files, limits, monkeypatch):
    def no_decoding(*args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(inspect_module.pyvips.Image, "min", no_decoding)
    with pytest.raises(Refused) as refused:
        inspect(files["pixel_bomb"], limits=limits)
    assert refused.value.code == "pixel_bomb"
    assert refused.value.params["width"] == 100_000
    assert files["pixel_bomb"].stat().st_size < 10_000


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(files, monkeypatch):
    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(inspect_module, "open", no_reading, raising=False)
    monkeypatch.setattr(inspect_module.pyvips.Image, "new_from_file", no_reading)
    size = files["jpeg"].stat().st_size
    with pytest.raises(Refused) as refused:
        inspect(files["jpeg"], limits=Limits(max_bytes=size - 1))
    assert refused.value.code == "too_large"
    assert refused.value.params == {"size": size, "limit": size - 1}
    assert "over the limit" in str(refused.value)


def test_the_pixel_limit_applies_to_each_page(files):
    with pytest.raises(Refused) as refused:
        inspect(files["tiff3"], limits=Limits(max_bytes=10**9, max_pixels=100_000))
    assert refused.value.code == "pixel_bomb"
    assert str(refused.value).startswith("page 2 is 400×300 pixels (0.12 megapixels)")

    with pytest.raises(Refused) as refused:
        inspect(files["pdf2"], limits=Limits(max_bytes=10**9, max_pixels=3_800_000))
    assert refused.value.params["page"] == 2  # 2338×1652 = 3.86 MP; page 1 is 3.74 MP


def test_a_file_of_too_many_pages_is_refused_before_its_pages_are_read(files, monkeypatch):
    real_load = inspect_module._load
    loads = []
    monkeypatch.setattr(
        inspect_module, "_load", lambda *a, **k: loads.append(k) or real_load(*a, **k)
    )
    for name, pages in (("tiff3", 3), ("pdf2", 2)):
        with pytest.raises(Refused) as refused:
            inspect(files[name], limits=Limits(max_bytes=10**9, max_pages=pages - 1))
        assert refused.value.code == "too_many_pages"
        assert str(refused.value) == (
            f"it has {pages} pages, over the limit of {pages - 1} pages in one file; "
            "split it into several files"
        )
    assert loads == [{"fail_on": "error"}]  # the TIFF's first header only


def test_the_pixels_of_all_pages_together_are_limited(files):
    total = 300 * 200 + 400 * 300 + 500 * 250  # the three pages of tiff3
    inspect(files["tiff3"], limits=Limits(max_bytes=10**9, max_file_pixels=total))
    with pytest.raises(Refused) as refused:
        inspect(files["tiff3"], limits=Limits(max_bytes=10**9, max_file_pixels=total - 1))
    assert refused.value.code == "too_many_pixels"
    assert refused.value.params == {"pages": 3, "pixels": total, "limit": total - 1}


def test_pages_of_one_size_are_decoded_in_one_pass_and_a_damaged_one_still_named(
    tmp_path, limits, monkeypatch
):
    same = samples.tiff_pages(tmp_path / "same.tif", [(320, 240)] * 4)
    real_load = inspect_module._load
    decodes = []

    class Counted:  # the loaded image, noting each decode (min() reads every pixel)
        def __init__(self, image, options):
            self.image, self.options = image, options

        def __getattr__(self, name):
            return getattr(self.image, name)

        def min(self):
            decodes.append(self.options)
            return self.image.min()

    monkeypatch.setattr(
        inspect_module, "_load", lambda kind, path, **o: Counted(real_load(kind, path, **o), o)
    )
    assert len(inspect(same, limits=limits).pages) == 4
    assert decodes == [{"page": 0, "n": 4, "fail_on": "error"}]
    # Differing sizes: page by page, as before.
    decodes.clear()
    inspect(samples.tiff_pages(tmp_path / "mixed.tif", [(320, 240), (200, 300)]), limits=limits)
    assert [d.get("page") for d in decodes] == [0, 1]
    # A cut file of same-size pages: the one pass fails, the pages one by one name why.
    cut = samples.truncated(same, tmp_path / "cut.tif")
    with pytest.raises(Refused) as refused:
        inspect(cut, limits=limits)
    assert refused.value.code in ("truncated", "corrupt")


def test_a_recording_over_the_duration_limit_is_refused(files):
    with pytest.raises(Refused) as refused:
        inspect(files["mp3"], limits=Limits(max_bytes=10**9, max_duration=5))
    assert refused.value.code == "too_long"
    assert str(refused.value) == "the recording lasts 10 s, over the limit of 5 s"


def test_the_encrypted_sample_really_is_a_password_protected_pdf(files):
    import pypdfium2

    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(str(files["pdf_encrypted"]))
    document = pypdfium2.PdfDocument(str(files["pdf_encrypted"]), password="secret")
    assert len(document) == 1
    document.close()


def test_an_html_page_and_utf16_text_are_unknown_types(tmp_path, limits):
    html = tmp_path / "page.png"
    html.write_text("<!DOCTYPE html><html><body>hi</body></html>", "utf-8")
    utf16 = tmp_path / "notes.jpg"
    utf16.write_text("Ghi chú", "utf-16")
    for path, detected in ((html, "an HTML page"), (utf16, "plain text")):
        with pytest.raises(Refused) as refused:
            inspect(path, limits=limits)
        assert (refused.value.code, refused.value.params["detected"]) == (
            "unknown_type",
            detected,
        )


def test_an_svg_without_xml_declaration_or_with_a_bom_is_still_svg(tmp_path, limits):
    bare = tmp_path / "a.png"
    bare.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "utf-8")
    bom = tmp_path / "b.jpg"
    bom.write_bytes(b"\xef\xbb\xbf" + bare.read_bytes())
    for path in (bare, bom):
        with pytest.raises(Refused) as refused:
            inspect(path, limits=limits)
        assert refused.value.code == "svg"


def test_random_bytes_are_an_unknown_type(tmp_path, limits):
    path = tmp_path / "x.tif"
    path.write_bytes(bytes((i * 73 + 11) % 256 for i in range(5000)))
    with pytest.raises(Refused) as refused:
        inspect(path, limits=limits)
    assert refused.value.code == "unknown_type"


def test_a_few_mp3_frames_followed_by_anything_else_are_no_recording(tmp_path, limits):
    frames = samples.mp3(tmp_path / "few.mp3", frames=3).read_bytes()
    hollow = tmp_path / "hollow.mp3"
    hollow.write_bytes(frames + "Biên bản họp, không phải âm thanh. ".encode() * 400)
    with pytest.raises(Refused) as refused:
        inspect(hollow, limits=limits)
    assert refused.value.code == "corrupt"
    assert "of it is audio frames" in str(refused.value)
    # A damaged stretch inside a real recording is tolerated, as players skip it.
    whole = samples.mp3(tmp_path / "whole.mp3").read_bytes()
    damaged = tmp_path / "damaged.mp3"
    damaged.write_bytes(whole[:2000] + b"\x00" * 500 + whole[2000:])
    assert inspect(damaged, limits=limits).kind == "audio"


def test_an_id3_tag_followed_by_no_audio_is_corrupt(tmp_path, limits):
    path = tmp_path / "tag-only.mp3"
    path.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + b"not audio" * 50)
    with pytest.raises(Refused) as refused:
        inspect(path, limits=limits)
    assert refused.value.code == "corrupt"


# --- Messages --------------------------------------------------------------------------------

EXAMPLES: dict[str, dict[str, object]] = {
    "empty": {},
    "too_large": {"size": 600 * 1024 * 1024, "limit": 500 * 1024 * 1024},
    "unknown_type": {"detected": "plain text"},
    "unsupported_type": {"detected": "GIF image", "family": "image"},
    "svg": {},
    "zip": {"detected": "ZIP archive"},
    "pixel_bomb": {
        "width": 30000,
        "height": 30000,
        "pixels": 900_000_000,
        "limit": 300_000_000,
        "page": 1,
        "pages": 1,
    },
    "truncated": {"detected": "JPEG"},
    "corrupt": {"detected": "PNG", "reason": "IDAT: CRC error"},
    "pdf_no_pages": {},
    "pdf_encrypted": {},
    "too_long": {"duration": 7 * 3600 + 12 * 60, "limit": 6 * 3600},
    "no_duration": {"detected": "WebM video"},
    "too_many_pages": {"pages": 3000, "limit": 500},
    "too_many_pixels": {"pages": 20, "pixels": 5_780_000_000, "limit": 3_000_000_000},
}


def test_every_code_has_a_sentence():
    assert set(EXAMPLES) == set(MESSAGES)
    for code, params in EXAMPLES.items():
        text = str(Refused(code, **params))
        assert text and text[0].islower() and not text.endswith(".")


def test_messages_read_well():
    assert str(Refused("pixel_bomb", **EXAMPLES["pixel_bomb"])) == (
        "the image is 30000×30000 pixels (900 megapixels), over the limit of 300 megapixels"
    )
    assert str(Refused("too_large", **EXAMPLES["too_large"])) == (
        "the file is 600 MB, over the limit of 500 MB"
    )
    assert str(Refused("too_long", **EXAMPLES["too_long"])) == (
        "the recording lasts 7 h 12 min, over the limit of 6 h"
    )


def test_an_unknown_code_is_a_programming_error():
    with pytest.raises(ValueError):
        Refused("nope")


def test_inspect_accepts_str_and_pathlike(files, limits):
    assert inspect(str(files["jpeg"]), limits=limits) == inspect(Path(files["jpeg"]), limits=limits)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"II*\x00\x08\x00", "truncated"),  # a TIFF that stops inside its header
        (b"RIFF\x00\x01\x00\x00WEBPVP8 ", "truncated"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "truncated"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "truncated"),
    ],
)
def test_files_cut_inside_their_header(tmp_path, limits, data, code):
    path = tmp_path / "cut"
    path.write_bytes(data)
    with pytest.raises(Refused) as refused:
        inspect(path, limits=limits)
    assert refused.value.code == code


@pytest.mark.parametrize("kept", [0.05, 0.3, 0.6, 0.9, 0.995])
def test_a_jpeg_cut_anywhere_is_refused_although_it_is_checked_at_one_eighth_size(
    tmp_path, limits, kept
):
    # The decode check reads a JPEG with libjpeg's 1/8 scaling (most of the inverse DCT
    # skipped), but every byte of entropy-coded data is still read: a cut shows up.
    whole = samples.jpeg(tmp_path / "scan.jpg", 2400, 1600)
    data = whole.read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[: int(len(data) * kept)])
    with pytest.raises(Refused) as refused:
        inspect(cut, limits=limits)
    assert refused.value.code == "truncated"
    assert inspect(whole, limits=limits).pages == (PageInfo(2400, 1600),)
