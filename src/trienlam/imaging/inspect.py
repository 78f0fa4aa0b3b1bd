"""Checking an original file before anything is stored: what it really is, how big, whole or not.

`inspect(path, limits=...)` returns an `Inspection` or raises `Refused` with a stable
`code` and a sentence naming the reason. The type comes from the content (magic bytes,
then the libvips loader for images), never from the file name. Order of the checks:

1. size on disk (empty, over max_bytes) — before anything reads the file;
2. magic bytes of the first 64 KB: accepted type, or a refusal naming what it is;
3. images: header only (libvips, sequential) → dimensions per page (EXIF orientation
   applied) → pixel limit per page → only then a full streaming decode check;
   PDF: pdfium opens it (password, no pages, damage) → page sizes at PDF_DPI → pixel limit;
   audio/video: container check and duration (mutagen; our EBML reader for WebM);
4. SHA-256 fixity of the accepted file.

Pure: paths and plain values in and out, no Django.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import pyvips

from trienlam.imaging import containers
from trienlam.imaging.formats import image_format
from trienlam.imaging.pdfpages import PDF_DPI, open_pdf, page_pixels, page_size_points

HEAD_BYTES = 64 * 1024
MEGA = 1_000_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # refuse larger files
    max_pixels: int = 300_000_000  # per page (pixel bombs)
    max_duration: float = 6 * 3600  # seconds, audio/video
    # A multi-page TIFF or PDF: each page becomes a media row and a tile set, so a small file
    # of thousands of pages (or of many huge ones) is refused before any page is decoded.
    max_pages: int = 500
    max_file_pixels: int = 3_000_000_000  # all pages of one file together


@dataclass(frozen=True)
class PageInfo:
    width: int  # as shown: EXIF orientation applied; PDF pages in pixels at PDF_DPI
    height: int


@dataclass(frozen=True)
class Inspection:
    kind: str  # "image" | "pdf" | "audio" | "video"
    mime_type: str
    byte_size: int
    sha256: str
    pages: tuple[PageInfo, ...]  # one per page for image/pdf; () for audio/video
    duration: float | None  # seconds for audio/video


# --- Refusals --------------------------------------------------------------------------------


def _size_text(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, math.ceil(n / 1024))} KB"
    if n < 1024**3:
        return f"{n / 1024**2:.1f} MB".replace(".0 MB", " MB")
    return f"{n / 1024**3:.2f} GB"


def _mp_text(pixels: int) -> str:
    mp = pixels / MEGA
    return f"{mp:.0f}" if mp >= 10 else f"{mp:.1f}" if mp >= 1 else f"{mp:.2f}"


def _duration_text(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


ACCEPTED_TEXT = "JPEG, PNG, TIFF or WebP images, PDF, MP3/M4A/OGG audio, MP4/WebM video"
_ADVICE = {
    "image": "save it as JPEG, PNG, TIFF or WebP",
    "audio": "convert it to MP3, M4A or OGG",
    "video": "convert it to MP4 or WebM",
}


def _msg_unknown(p: dict[str, Any]) -> str:
    text = f"the content is not a type we accept ({ACCEPTED_TEXT})"
    return text + (f"; it looks like {p['detected']}" if p.get("detected") else "")


def _msg_unsupported(p: dict[str, Any]) -> str:
    advice = _ADVICE.get(str(p.get("family", "")), f"use {ACCEPTED_TEXT}")
    return f"the content is {_a(str(p['detected']))}, which is not accepted; {advice}"


def _msg_pixel_bomb(p: dict[str, Any]) -> str:
    where = f"page {p['page']} is" if p.get("pages", 1) > 1 else "the image is"
    return (
        f"{where} {p['width']}×{p['height']} pixels ({_mp_text(p['pixels'])} megapixels), "
        f"over the limit of {_mp_text(p['limit'])} megapixels"
    )


def _msg_too_many_pages(p: dict[str, Any]) -> str:
    return (
        f"it has {p['pages']} pages, over the limit of {p['limit']} pages in one file; "
        "split it into several files"
    )


def _msg_too_many_pixels(p: dict[str, Any]) -> str:
    return (
        f"its {p['pages']} pages hold {_mp_text(p['pixels'])} megapixels together, over the "
        f"limit of {_mp_text(p['limit'])} megapixels in one file; split it into several files"
    )


def _msg_corrupt(p: dict[str, Any]) -> str:
    text = f"the {p['detected']} file is damaged and cannot be read"
    return text + (f" ({p['reason']})" if p.get("reason") else "")


MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "empty": lambda p: "the file is empty (0 bytes)",
    "too_large": lambda p: (
        f"the file is {_size_text(p['size'])}, over the limit of {_size_text(p['limit'])}"
    ),
    "unknown_type": _msg_unknown,
    "unsupported_type": _msg_unsupported,
    "svg": lambda p: (
        "the content is an SVG drawing, which is refused because SVG files can carry "
        "scripts; export it as PNG or PDF"
    ),
    "zip": lambda p: (
        f"the content is {_a(str(p['detected']))}, not a single image, PDF, audio or video "
        "file; unpack it, or save the document as PDF"
    ),
    "pixel_bomb": _msg_pixel_bomb,
    "too_many_pages": _msg_too_many_pages,
    "too_many_pixels": _msg_too_many_pixels,
    "truncated": lambda p: (
        f"the {p['detected']} file is truncated: it ends before its data is complete "
        "(an interrupted copy or upload?)"
    ),
    "corrupt": _msg_corrupt,
    "pdf_no_pages": lambda p: "the PDF has no pages",
    "pdf_encrypted": lambda p: (
        "the PDF is protected by a password; remove the protection and add it again"
    ),
    "too_long": lambda p: (
        f"the recording lasts {_duration_text(p['duration'])}, over the limit of "
        f"{_duration_text(p['limit'])}"
    ),
    "no_duration": lambda p: (
        f"the duration of the {p['detected']} cannot be read "
        "(a recording that was not finished properly?)"
    ),
}


class Refused(Exception):
    """A file that cannot be accepted; `code` is stable, `str()` is an English sentence."""

    code: str
    params: dict[str, object]

    def __init__(self, code: str, **params: object) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown refusal code {code!r}")
        self.code = code
        self.params = dict(params)
        super().__init__(code)

    def __str__(self) -> str:
        return MESSAGES[self.code](self.params)

    def __repr__(self) -> str:
        return f"Refused({self.code!r}, {self.params!r})"


# --- Content type ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Type:
    key: str  # jpeg png tiff webp pdf mp3 mp4 ogg webm
    label: str  # for messages: "JPEG", "PDF", "MP3 audio"…
    extra: dict[str, Any] = field(default_factory=dict)


_IMAGE_LOADERS = {"jpeg": "jpegload", "png": "pngload", "tiff": "tiffload", "webp": "webpload"}
_IMAGE_MIME = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "tiff": "image/tiff",
    "webp": "image/webp",
}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_AUDIO_MP4_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_ARCHIVES = (
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x1f\x8b", "gzip-compressed file"),
    (b"BZh", "bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "xz-compressed file"),
)
_UNSUPPORTED_MAGIC = (
    (b"GIF87a", "GIF image", "image"),
    (b"GIF89a", "GIF image", "image"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000 image", "image"),
    (b"\xff\x4f\xff\x51", "JPEG 2000 image", "image"),
    (b"8BPS", "Photoshop (PSD) image", "image"),
    (b"fLaC", "FLAC audio file", "audio"),
    (b"#!AMR", "AMR audio file", "audio"),
    (b"FLV\x01", "Flash video (FLV)", "video"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "Windows Media (ASF/WMA/WMV) file", "video"),
)
_SVG = re.compile(rb"<svg[\s>/]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


def _mpeg_audio_header(b: bytes) -> tuple[int, int] | None:
    """(layer, frame length) of an MPEG audio frame header, or None."""
    if len(b) < 4 or b[0] != 0xFF or (b[1] & 0xE0) != 0xE0:
        return None
    version = (b[1] >> 3) & 3  # 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
    layer_bits = (b[1] >> 1) & 3  # 1 = Layer III, 2 = II, 3 = I, 0 = reserved (ADTS AAC)
    bitrate_index = b[2] >> 4
    rate_index = (b[2] >> 2) & 3
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    layer = 4 - layer_bits
    v1 = version == 3
    bitrates = {
        (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
        (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
        (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
        (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
        (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
        (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    }
    bitrate = bitrates[(v1, layer)][bitrate_index] * 1000
    rate = (44100, 48000, 32000)[rate_index] >> (0 if v1 else 1 if version == 2 else 2)
    padding = (b[2] >> 1) & 1
    if layer == 1:
        length = (12 * bitrate // rate + padding) * 4
    elif layer == 3 and not v1:
        length = 72 * bitrate // rate + padding
    else:
        length = 144 * bitrate // rate + padding
    return layer, length


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if not sample or b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the end of the sample
            text = sample.decode("latin-1")
        else:
            text = sample[: exc.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
    return printable >= 0.95 * max(1, len(text))


def _text_head(head: bytes) -> bytes:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return head.decode("utf-16", "replace").encode("utf-8", "replace")
    return head


def _zip_label(head: bytes) -> str:
    names = head[:HEAD_BYTES]
    if b"mimetypeapplication/vnd.oasis.opendocument" in names:
        return "OpenDocument file (ODT/ODS)"
    if b"word/" in names:
        return "Word document (DOCX)"
    if b"xl/" in names:
        return "Excel workbook (XLSX)"
    if b"ppt/" in names:
        return "PowerPoint presentation (PPTX)"
    if b"[Content_Types].xml" in names:
        return "Office document (OOXML)"
    return "ZIP archive"


def _sniff_bmff(head: bytes) -> _Type:
    size = struct.unpack(">I", head[:4])[0]
    major = head[8:12]
    brands = {major}
    for offset in range(16, min(size, len(head)) - 3, 4):
        brands.add(head[offset : offset + 4])
    if major in _AVIF_BRANDS or (brands & _AVIF_BRANDS and major == b"mif1"):
        raise Refused("unsupported_type", detected="AVIF image", family="image")
    if major in _HEIF_BRANDS or major in (b"mif1", b"msf1"):
        raise Refused("unsupported_type", detected="HEIC/HEIF image", family="image")
    if major == b"qt  ":
        raise Refused("unsupported_type", detected="QuickTime (MOV) video", family="video")
    if major.startswith((b"3gp", b"3g2")):
        raise Refused("unsupported_type", detected="3GP video", family="video")
    if major == b"crx ":
        raise Refused("unsupported_type", detected="Canon raw (CR3) image", family="image")
    return _Type("mp4", "MP4", {"audio_brand": major in _AUDIO_MP4_BRANDS})


_IMAGE_LABELS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF", "webp": "WebP"}


def _sniff(path: str, head: bytes) -> _Type:
    """The type of the content, or Refused naming what it is."""
    image = image_format(head)
    if image:
        return _Type(image, _IMAGE_LABELS[image])
    if head[:4] == b"RIFF" and len(head) >= 12:
        form = head[8:12]
        if form == b"WAVE":
            raise Refused("unsupported_type", detected="WAV audio file", family="audio")
        if form == b"AVI ":
            raise Refused("unsupported_type", detected="AVI video", family="video")
    if head[4:8] == b"ftyp" and len(head) >= 16:
        return _sniff_bmff(head)
    if b"%PDF-" in head[:1024]:
        return _Type("pdf", "PDF")
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        raise Refused("zip", detected=_zip_label(head))
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise Refused("zip", detected="Microsoft Office document (DOC/XLS/PPT)")
    for magic, label in _ARCHIVES:
        if head.startswith(magic):
            raise Refused("zip", detected=label)
    if len(head) > 262 and head[257:262] == b"ustar":
        raise Refused("zip", detected="TAR archive")
    for magic, label, family in _UNSUPPORTED_MAGIC:
        if head.startswith(magic):
            raise Refused("unsupported_type", detected=label, family=family)
    if head.startswith(b"BM") and len(head) >= 18:
        if struct.unpack("<I", head[14:18])[0] in (12, 40, 52, 56, 64, 108, 124):
            raise Refused("unsupported_type", detected="BMP image", family="image")
    if head.startswith(b"OggS"):
        return _Type("ogg", "Ogg")
    if head.startswith(containers.EBML_MAGIC):
        return _Type("webm", "WebM")
    if _looks_like_text(head):  # before MPEG audio: a UTF-16 mark looks like a frame sync
        text = _text_head(head)
        if _SVG.search(text):
            raise Refused("svg")
        detected = "an HTML page" if _HTML.search(text) else "plain text"
        raise Refused("unknown_type", detected=detected)
    if head.startswith(b"ID3") or _mpeg_audio_header(head):
        return _sniff_mpeg_audio(path, head)
    if head[:2] in (b"\xff\xf1", b"\xff\xf9"):
        raise Refused("unsupported_type", detected="raw AAC (ADTS) audio file", family="audio")
    loader = _libvips_loader(path)  # other formats libvips knows (PPM, FITS, …)
    if loader:
        name = loader.removesuffix("load").removesuffix("_source").upper()
        raise Refused("unsupported_type", detected=f"{name} image", family="image")
    raise Refused("unknown_type")


def _libvips_loader(path: str) -> str | None:
    """The libvips loader that recognises *path* (header only), if any."""
    try:
        image = pyvips.Image.new_from_file(path, access="sequential", revalidate=True)
    except pyvips.Error:
        return None
    return str(image.get("vips-loader")) if image.get_typeof("vips-loader") else None


def _id3v2_end(head: bytes) -> int:
    """Where the audio after a leading ID3v2 tag starts (0 without one): its size is a
    28-bit "syncsafe" number, plus 10 for the header and 10 for a footer if flagged."""
    if not (head.startswith(b"ID3") and len(head) >= 10):
        return 0
    size = 0
    for byte in head[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size + (10 if head[5] & 0x10 else 0)


def _sniff_mpeg_audio(path: str, head: bytes) -> _Type:
    offset = _id3v2_end(head)
    with open(path, "rb") as f:
        f.seek(offset)
        window = f.read(HEAD_BYTES)
    # Encoders may pad between an ID3 tag and the audio; without a tag, audio starts at 0.
    for skip in range(len(window) - 4 if offset else 1):
        found = _mpeg_audio_header(window[skip : skip + 4])
        if not found:
            continue
        layer, length = found
        following = window[skip + length : skip + length + 4]
        if len(following) == 4 and not _mpeg_audio_header(following):
            continue  # a chance 0xFFEx, not a frame: the next one must follow it
        if layer != 3:
            detected = f"MPEG Layer {'I' * layer} audio file"
            raise Refused("unsupported_type", detected=detected, family="audio")
        return _Type("mp3", "MP3 audio")
    if head.startswith(b"ID3"):
        raise Refused("corrupt", detected="MP3 audio", reason="no audio frames after its ID3 tag")
    raise Refused("unknown_type")


# --- Images ----------------------------------------------------------------------------------


def _load(kind: str, path: str, **options: Any) -> pyvips.Image:
    return getattr(pyvips.Image, _IMAGE_LOADERS[kind])(
        path, access="sequential", revalidate=True, **options
    )


def _structurally_truncated(kind: str, path: str, size: int) -> bool:
    """A cheap look at the container's end: did the file stop before it should?"""
    try:
        return _ends_early(kind, path, size)
    except struct.error:
        return True  # shorter than its own header


def _ends_early(kind: str, path: str, size: int) -> bool:
    with open(path, "rb") as f:
        if kind == "jpeg":
            f.seek(max(0, size - 4096))
            return b"\xff\xd9" not in f.read()
        if kind == "png":
            f.seek(max(0, size - 4096))
            return b"IEND" not in f.read()
        if kind == "webp":
            f.seek(4)
            riff_size = struct.unpack("<I", f.read(4))[0]
            return riff_size + 8 > size
        if kind == "tiff":
            return _tiff_chain_truncated(f, size)
    return False


def _tiff_chain_truncated(f: BinaryIO, size: int, max_ifds: int = 10_000) -> bool:
    """Does the chain of TIFF directories (pages) point past the end of the file?"""
    header = f.read(16)
    endian = "<" if header[:2] == b"II" else ">"
    big = header[2:4] in (b"+\x00", b"\x00+")
    count_fmt, entry_size, offset_fmt = ("Q", 20, "Q") if big else ("H", 12, "I")
    offset_size = 8 if big else 4
    offset = struct.unpack_from(endian + offset_fmt, header, 8 if big else 4)[0]
    seen = set()
    for _ in range(max_ifds):
        if offset == 0 or offset in seen:
            return False
        seen.add(offset)
        count_size = struct.calcsize(count_fmt)
        if offset + count_size > size:
            return True
        f.seek(offset)
        (count,) = struct.unpack(endian + count_fmt, f.read(count_size))
        next_at = offset + count_size + count * entry_size
        if next_at + offset_size > size:
            return True
        f.seek(next_at)
        (offset,) = struct.unpack(endian + offset_fmt, f.read(offset_size))
    return False


def _decode_failure(kind: str, label: str, path: str, size: int, exc: pyvips.Error) -> Refused:
    message = str(exc).lower()
    hints = ("premature end", "truncated", "unexpected end", "end of file", "out of data")
    if _structurally_truncated(kind, path, size) or any(h in message for h in hints):
        return Refused("truncated", detected=label)
    detail = [line.strip() for line in str(exc).splitlines() if line.strip()]
    reason = detail[-1] if detail else ""
    return Refused("corrupt", detected=label, reason=reason[:200])


def _oriented(image: pyvips.Image) -> tuple[int, int]:
    width, height = image.width, image.height
    if image.get_typeof("orientation") and image.get("orientation") in (5, 6, 7, 8):
        return height, width
    return width, height


def _inspect_image(path: str, kind: _Type, size: int, limits: Limits) -> tuple[PageInfo, ...]:
    label = kind.label
    try:
        first = _load(kind.key, path, fail_on="error")
        n_pages = 1
        if kind.key == "tiff" and first.get_typeof("n-pages"):
            n_pages = max(1, int(first.get("n-pages")))
        _check_page_count(n_pages, limits)
        headers = [first]
        for index in range(1, n_pages):
            headers.append(_load("tiff", path, page=index, fail_on="error"))
    except pyvips.Error as exc:
        raise _decode_failure(kind.key, label, path, size, exc) from exc

    pages = []
    for index, header in enumerate(headers):
        pixels = header.width * header.height
        if pixels > limits.max_pixels:
            raise Refused(
                "pixel_bomb",
                width=header.width,
                height=header.height,
                pixels=pixels,
                limit=limits.max_pixels,
                page=index + 1,
                pages=n_pages,
            )
        pages.append(PageInfo(*_oriented(header)))
    _check_file_pixels(pages, limits)

    # Only now decode every pixel, streaming: truncation and damage show up here. A JPEG is
    # decoded at 1/8 size: libjpeg still reads and entropy-decodes all of its data (where a
    # cut or damaged file fails) but skips most of the inverse DCT, at about half the cost.
    if n_pages > 1 and _decodes_as_one_strip(path, n_pages):
        return tuple(pages)
    for index in range(n_pages):
        try:
            options: dict[str, Any] = {"page": index} if kind.key == "tiff" else {}
            if kind.key == "jpeg":
                options["shrink"] = 8
            _load(kind.key, path, fail_on="error", **options).min()
        except pyvips.Error as exc:
            raise _decode_failure(kind.key, label, path, size, exc) from exc
    return tuple(pages)


def _decodes_as_one_strip(path: str, n_pages: int) -> bool:
    """Decode every page of a multi-page TIFF in one pass, as one tall image: possible when
    they all have the same size and format (libvips refuses otherwise). Page by page, each
    load walks the chain of directories from the first again (500 pages: ~125,000 reads).
    False when that is not possible or anything fails: the pages are then decoded one by
    one, which also names the problem."""
    try:
        _load("tiff", path, page=0, n=n_pages, fail_on="error").min()
    except pyvips.Error:
        return False
    return True


# --- PDF -------------------------------------------------------------------------------------

# pdfium's FPDF_GetLastError codes (pypdfium2.raw.FPDF_ERR_*).
_PDF_ERR_PASSWORD = 4
_PDF_ERR_SECURITY = 5


def _pdf_tail_has_eof(path: str, size: int) -> bool:
    with open(path, "rb") as f:
        f.seek(max(0, size - 4096))
        return b"%%EOF" in f.read()


def _pdf_declares_no_pages(path: str) -> bool:
    """After pdfium refused to open it: is this a PDF whose page tree is simply empty?"""
    import mmap

    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        has_page = re.search(rb"/Type\s*/Page(?![a-zA-Z])", data) is not None
        empty_tree = re.search(rb"/Count\s+0(?![0-9])", data) is not None
    return empty_tree and not has_page


def _inspect_pdf(path: str, size: int, limits: Limits) -> tuple[PageInfo, ...]:
    import pypdfium2

    if not _pdf_tail_has_eof(path, size):
        raise Refused("truncated", detected="PDF")
    try:
        with open_pdf(path) as pdf:
            count = len(pdf)
            points = [page_size_points(pdf, index) for index in range(count)]
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (_PDF_ERR_PASSWORD, _PDF_ERR_SECURITY):
            raise Refused("pdf_encrypted") from exc
        if _pdf_declares_no_pages(path):
            raise Refused("pdf_no_pages") from exc
        raise Refused("corrupt", detected="PDF", reason="pdfium cannot open it") from exc
    if count == 0:
        raise Refused("pdf_no_pages")
    _check_page_count(count, limits)
    pages = []
    for index, (width_pt, height_pt) in enumerate(points):
        width, height = page_pixels(width_pt, height_pt, PDF_DPI)
        if width * height > limits.max_pixels:
            raise Refused(
                "pixel_bomb",
                width=width,
                height=height,
                pixels=width * height,
                limit=limits.max_pixels,
                page=index + 1,
                pages=count,
            )
        pages.append(PageInfo(width, height))
    _check_file_pixels(pages, limits)
    return tuple(pages)


def _check_page_count(count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise Refused("too_many_pages", pages=count, limit=limits.max_pages)


def _check_file_pixels(pages: list[PageInfo], limits: Limits) -> None:
    total = sum(page.width * page.height for page in pages)
    if total > limits.max_file_pixels:
        raise Refused(
            "too_many_pixels", pages=len(pages), pixels=total, limit=limits.max_file_pixels
        )


# --- Audio and video -------------------------------------------------------------------------

_OGG_CODECS = (
    (b"\x01vorbis", "oggvorbis", "OggVorbis", "Ogg Vorbis audio"),
    (b"OpusHead", "oggopus", "OggOpus", "Ogg Opus audio"),
    (b"\x7fFLAC", "oggflac", "OggFLAC", "Ogg FLAC audio"),
    (b"Speex   ", "oggspeex", "OggSpeex", "Ogg Speex audio"),
)


def _mutagen_length(module: str, cls: str, path: str, label: str) -> float | None:
    import importlib

    import mutagen

    try:
        reader = getattr(importlib.import_module(f"mutagen.{module}"), cls)(path)
    except (mutagen.MutagenError, struct.error, ValueError, EOFError) as exc:
        raise Refused("corrupt", detected=label, reason=str(exc)[:200]) from exc
    length = getattr(reader.info, "length", None)
    return float(length) if length else None


#: An MP3 is frame after frame to its end (tags aside); players skip a damaged stretch, so
#: some is tolerated, but a few frame headers followed by anything else are no recording.
MIN_MPEG_FRAMES_SHARE = 0.5


def _mpeg_frames_share(path: str) -> float:
    """The share of the file's bytes after its ID3v2 tag that MPEG audio frames cover, each
    frame found where the one before it ends (after a damaged stretch, at the next place
    where two frames follow each other)."""
    import mmap

    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        start = _id3v2_end(data[:10])
        end = len(data)
        if end - start >= 128 and data[end - 128 : end - 125] == b"TAG":  # ID3v1
            end -= 128
        if end <= start:
            return 0.0
        covered, position = 0, start
        while position < end:
            found = _mpeg_audio_header(data[position : position + 4])
            if found and position + found[1] <= end:
                covered += found[1]
                position += found[1]
                continue
            # Resynchronise: the next 0xFF that starts two frames in a row.
            position = data.find(b"\xff", position + 1, end)
            while position != -1:
                here = _mpeg_audio_header(data[position : position + 4])
                if here and _mpeg_audio_header(data[position + here[1] : position + here[1] + 4]):
                    break
                position = data.find(b"\xff", position + 1, end)
            if position == -1:
                break
        return covered / (end - start)


def _inspect_timed(path: str, kind: _Type) -> tuple[str, str, str, float | None]:
    """(kind, mime type, label, duration) of an audio or video file."""
    if kind.key == "mp3":
        length = _mutagen_length("mp3", "MP3", path, "MP3 audio")
        share = _mpeg_frames_share(path)
        if share < MIN_MPEG_FRAMES_SHARE:
            reason = f"only {share:.0%} of it is audio frames: a header with no recording?"
            raise Refused("corrupt", detected="MP3 audio", reason=reason)
        return "audio", "audio/mpeg", "MP3 audio", length
    if kind.key == "ogg":
        try:
            packet = containers.ogg_first_packet(path)
        except containers.ContainerError as exc:
            raise _container_refusal("Ogg", exc) from exc
        for magic, module, cls, label in _OGG_CODECS:
            if packet.startswith(magic):
                return "audio", "audio/ogg", label, _mutagen_length(module, cls, path, label)
        if packet.startswith(b"\x80theora"):
            raise Refused("unsupported_type", detected="Ogg Theora video", family="video")
        raise Refused("unsupported_type", detected="Ogg file of an unknown codec", family="audio")
    if kind.key == "mp4":
        try:
            info = containers.read_mp4(path)
        except containers.ContainerError as exc:
            raise _container_refusal("MP4", exc) from exc
        if "vide" in info.handlers:
            return "video", "video/mp4", "MP4 video", info.duration
        if "soun" not in info.handlers:
            raise Refused("corrupt", detected="MP4", reason="it has no audio or video track")
        length = _mutagen_length("mp4", "MP4", path, "M4A audio")
        return "audio", "audio/mp4", "M4A audio", length or info.duration
    if kind.key == "webm":
        try:
            webm = containers.read_webm(path)
        except containers.ContainerError as exc:
            raise _container_refusal("WebM", exc) from exc
        if webm.doctype == "matroska":
            raise Refused("unsupported_type", detected="Matroska (MKV) video", family="video")
        if webm.doctype != "webm":
            raise Refused("unsupported_type", detected=f"EBML file ({webm.doctype})")
        return "video", "video/webm", "WebM video", webm.duration
    raise AssertionError(kind.key)


def _container_refusal(label: str, exc: containers.ContainerError) -> Refused:
    if exc.truncated:
        return Refused("truncated", detected=label)
    return Refused("corrupt", detected=label, reason=str(exc))


# --- Entry point -----------------------------------------------------------------------------


def sha256_of(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def inspect(path: str | os.PathLike[str], *, limits: Limits) -> Inspection:
    """Identify *path* by its content and check it against *limits*; raise Refused if not fit."""
    path = os.fspath(path)
    size = os.stat(path).st_size
    if size == 0:
        raise Refused("empty")
    if size > limits.max_bytes:
        raise Refused("too_large", size=size, limit=limits.max_bytes)
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    kind = _sniff(path, head)

    pages: tuple[PageInfo, ...] = ()
    duration: float | None = None
    if kind.key in _IMAGE_LOADERS:
        family, mime = "image", _IMAGE_MIME[kind.key]
        pages = _inspect_image(path, kind, size, limits)
    elif kind.key == "pdf":
        family, mime = "pdf", "application/pdf"
        pages = _inspect_pdf(path, size, limits)
    else:
        family, mime, label, duration = _inspect_timed(path, kind)
        if duration is None or not math.isfinite(duration) or duration <= 0:
            raise Refused("no_duration", detected=label)
        if duration > limits.max_duration:
            raise Refused("too_long", duration=duration, limit=limits.max_duration)
    return Inspection(
        kind=family,
        mime_type=mime,
        byte_size=size,
        sha256=sha256_of(path),
        pages=pages,
        duration=duration,
    )
