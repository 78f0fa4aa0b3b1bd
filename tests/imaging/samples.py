"""Small real files for the imaging tests, made at test time (nothing binary is committed).

Images come from libvips or Pillow, PDFs from Pillow and pypdfium2, WAV from the
standard library. Where no encoder is available here (MP3, Ogg, M4A, MP4, WebM, and an
RC4-encrypted PDF), files are written byte by byte from the format specifications:
their headers are valid, their media payloads are silence or filler, and their
durations are known exactly.
"""

from __future__ import annotations

import hashlib
import struct
import wave
import zipfile
from pathlib import Path

import pyvips
from PIL import Image, ImageDraw

# --- Images --------------------------------------------------------------------------------


def page(width: int, height: int, seed: int = 1) -> pyvips.Image:
    """A paper-toned page with a dark bar near the top and some grain."""
    paper = pyvips.Image.black(width, height, bands=3).linear([1, 1, 1], [236, 226, 204])
    grain = pyvips.Image.gaussnoise(width, height, sigma=6, mean=0)
    image = (paper + grain).cast("uchar")
    bar = pyvips.Image.black(max(1, width * 3 // 4), max(1, height // 12), bands=3) + 30
    image = image.insert(bar.cast("uchar"), width // 8, height // 10)
    return image.copy(interpretation="srgb")


def halves(width: int, height: int) -> pyvips.Image:
    """Top half red, bottom half blue: shows which way an image was turned."""
    top = pyvips.Image.black(width, height // 2, bands=3).linear([1, 1, 1], [220, 30, 30])
    bottom = pyvips.Image.black(width, height - height // 2, bands=3).linear(
        [1, 1, 1], [30, 30, 220]
    )
    return top.join(bottom, "vertical").cast("uchar").copy(interpretation="srgb")


def jpeg(
    path: Path,
    width: int = 900,
    height: int = 600,
    *,
    orientation: int | None = None,
    image: pyvips.Image | None = None,
) -> Path:
    image = image if image is not None else page(width, height)
    if orientation is not None:
        image = image.copy()
        image.set_type(pyvips.GValue.gint_type, "orientation", orientation)
        # A GPS position in the EXIF as a phone would write it: derivatives must drop it.
        image.set_type(pyvips.GValue.gstr_type, "exif-ifd3-GPSLatitudeRef", "N")
    image.jpegsave(str(path), Q=90)
    return path


def png(path: Path, width: int = 700, height: int = 500, *, alpha: bool = False) -> Path:
    image = page(width, height)
    if alpha:
        image = image.bandjoin(pyvips.Image.black(width, height).linear(1, 180).cast("uchar"))
    image.pngsave(str(path))
    return path


def webp(path: Path, width: int = 640, height: int = 480) -> Path:
    page(width, height).webpsave(str(path), Q=80)
    return path


def tiff_pages(path: Path, sizes: list[tuple[int, int]]) -> Path:
    """A multi-page TIFF, one page of each (width, height)."""
    images = [Image.new("RGB", size, (236 - 20 * i, 226, 204)) for i, size in enumerate(sizes)]
    for image in images:
        ImageDraw.Draw(image).rectangle((10, 10, image.width // 2, 40), fill=(20, 20, 20))
    images[0].save(
        path, format="TIFF", save_all=True, append_images=images[1:], compression="tiff_lzw"
    )
    return path


def pixel_bomb_png(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A tiny PNG whose header declares a huge image (the IDAT holds a few rows)."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 4, 9)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def corrupt_png(path: Path) -> Path:
    """A PNG with damaged image data (bytes flipped inside IDAT; its CRC no longer matches)."""
    png(path, 400, 300)
    data = bytearray(path.read_bytes())
    start = data.index(b"IDAT") + 100
    for i in range(start, start + 50):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def truncated(source: Path, path: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def gif(path: Path) -> Path:
    Image.new("P", (40, 30), 3).save(path, format="GIF")
    return path


def bmp(path: Path) -> Path:
    Image.new("RGB", (40, 30), (10, 20, 30)).save(path, format="BMP")
    return path


def jp2(path: Path) -> Path:
    Image.new("RGB", (64, 48), (10, 20, 30)).save(path, format="JPEG2000")
    return path


def heic_header(path: Path) -> Path:
    """The start of a HEIC file (ftyp box with heic brands): enough to be recognised."""
    ftyp = struct.pack(">I4s4sI", 24, b"ftyp", b"heic", 0) + b"mif1heic"
    path.write_bytes(ftyp + struct.pack(">I4s", 16, b"meta") + b"\x00" * 8)
    return path


def svg_with_script(path: Path) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">\n'
        '  <script>alert("hello")</script>\n'
        '  <rect width="100" height="100" fill="red"/>\n'
        "</svg>\n",
        encoding="utf-8",
    )
    return path


def docx_like(path: Path) -> Path:
    """A ZIP laid out like a Word document."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def plain_zip(path: Path, member: Path | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("scan-001.jpg", member.read_bytes() if member else b"x" * 100)
    return path


# --- PDF -----------------------------------------------------------------------------------


def pdf_pages(path: Path, sizes_pt: list[tuple[float, float]]) -> Path:
    """A PDF with one page per (width, height) in points, each with a drawn mark (Pillow)."""
    images = []
    for i, (w, h) in enumerate(sizes_pt):
        image = Image.new("RGB", (round(w * 100 / 72), round(h * 100 / 72)), (240, 235, 220))
        draw = ImageDraw.Draw(image)
        draw.rectangle((50, 50, image.width - 50, 150), fill=(20, 20, 20))
        draw.text((60, 200), f"page {i + 1}", fill=(0, 0, 0))
        images.append(image)
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return path


def pdf_no_pages(path: Path) -> Path:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.save(str(path))
    document.close()
    return path


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def pdf_encrypted(
    path: Path,
    *,
    user_password: str = "secret",  # noqa: S107 - a test fixture's password
    owner_password: str = "owner",  # noqa: S107
) -> Path:
    """A one-page PDF encrypted with the standard security handler (RC4 40-bit, R2).

    With a user password pdfium asks for it; with an empty user password the file opens
    (only an owner password restricting permissions), like many scanned PDFs.
    """

    def pad(password: str) -> bytes:
        return (password.encode("latin-1") + _PDF_PAD)[:32]

    file_id = hashlib.md5(b"trienlam-test", usedforsecurity=False).digest()
    permissions = -4
    owner_key = hashlib.md5(pad(owner_password), usedforsecurity=False).digest()[:5]
    o_value = _rc4(owner_key, pad(user_password))
    key = hashlib.md5(
        pad(user_password) + o_value + struct.pack("<i", permissions) + file_id,
        usedforsecurity=False,
    ).digest()[:5]
    u_value = _rc4(key, _PDF_PAD)

    def object_key(number: int) -> bytes:
        material = key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")
        return hashlib.md5(material, usedforsecurity=False).digest()[:10]

    content = _rc4(object_key(4), b"0 0 1 rg 72 600 300 100 re f")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    trailer = b"/Encrypt 5 0 R /ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    path.write_bytes(_pdf(objects, trailer))
    return path


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pdf_garbage(path: Path) -> Path:
    """Starts and ends like a PDF; nothing in between is."""
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return path


# --- Audio and video -----------------------------------------------------------------------


def wav(path: Path, seconds: float = 1.0) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * int(8000 * seconds))
    return path


def mp3(path: Path, frames: int = 383) -> Path:
    """MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: an ID3v2 tag, a Xing/Info frame giving the
    frame count, then *frames* silent frames of 1152 samples (383 → 10.005 s)."""
    header = b"\xff\xfb\x90\x64"  # sync, MPEG-1, Layer III, no CRC, 128k, 44.1k, joint stereo
    frame_bytes = 417  # 144 * 128000 / 44100, no padding
    side_info = 32  # MPEG-1 stereo
    info = b"Info" + struct.pack(">II", 0x0001, frames)  # flags: frame count present
    xing = header + b"\x00" * side_info + info
    xing += b"\x00" * (frame_bytes - len(xing))
    silent = header + b"\x00" * (frame_bytes - 4)
    tag_body = b"TIT2" + struct.pack(">I", 6) + b"\x00\x00" + b"\x00test\x00"
    size = len(tag_body)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    id3 = b"ID3\x03\x00\x00" + syncsafe + tag_body
    path.write_bytes(id3 + xing + silent * frames)
    return path


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def _ogg_page(
    packets: list[bytes], *, granule: int, sequence: int, flags: int, serial: int = 0x1234
) -> bytes:
    lacing = bytearray()
    for packet in packets:
        lacing += b"\xff" * (len(packet) // 255) + bytes([len(packet) % 255])
    header = b"OggS" + bytes([0, flags]) + struct.pack("<qIII", granule, serial, sequence, 0)
    page_bytes = header + bytes([len(lacing)]) + bytes(lacing) + b"".join(packets)
    crc = _ogg_crc(page_bytes)
    return page_bytes[:22] + struct.pack("<I", crc) + page_bytes[26:]


def ogg_opus(path: Path, seconds: float = 7.5) -> Path:
    pre_skip = 312
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, pre_skip, 48000, 0, 0)
    vendor = b"trienlam-test"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    frames = [b"\xf8\xff\xfe"] * 10  # 20 ms CELT silence packets
    data = _ogg_page([head], granule=0, sequence=0, flags=0x02)
    data += _ogg_page([tags], granule=0, sequence=1, flags=0)
    data += _ogg_page(frames, granule=pre_skip + int(48000 * seconds), sequence=2, flags=0x04)
    path.write_bytes(data)
    return path


def ogg_vorbis(path: Path, seconds: float = 4.0, rate: int = 44100) -> Path:
    ident = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 2, rate, 0, 128000, 0, 0xB8, 1)
    vendor = b"trienlam-test"
    comment = b"\x03vorbis" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    comment += b"\x01"
    setup = b"\x05vorbis" + b"\x00" * 40  # not parsed by readers of the duration
    data = _ogg_page([ident], granule=0, sequence=0, flags=0x02)
    data += _ogg_page([comment, setup], granule=0, sequence=1, flags=0)
    data += _ogg_page([b"\x00" * 30] * 4, granule=int(rate * seconds), sequence=2, flags=0x04)
    path.write_bytes(data)
    return path


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _full_box(kind: bytes, version: int, payload: bytes) -> bytes:
    return _box(kind, bytes([version, 0, 0, 0]) + payload)


_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def _mvhd(timescale: int, duration: int, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    rest = struct.pack(">IH10x", 0x10000, 0x100) + _MATRIX + b"\x00" * 24 + struct.pack(">I", 2)
    return _full_box(b"mvhd", version, times + rest)


def _trak(handler: bytes, timescale: int, duration: int) -> bytes:
    tkhd = _full_box(
        b"tkhd",
        0,
        struct.pack(">IIIII", 0, 0, 1, 0, duration)
        + b"\x00" * 8
        + struct.pack(">hhhH", 0, 0, 0x100 if handler == b"soun" else 0, 0)
        + _MATRIX
        + struct.pack(
            ">II",
            (320 << 16) if handler == b"vide" else 0,
            (240 << 16) if handler == b"vide" else 0,
        ),
    )
    mdhd = _full_box(b"mdhd", 0, struct.pack(">IIIIHH", 0, 0, timescale, duration, 0x55C4, 0))
    name = b"SoundHandler\x00" if handler == b"soun" else b"VideoHandler\x00"
    hdlr = _full_box(b"hdlr", 0, struct.pack(">I4s12x", 0, handler) + name)
    if handler == b"soun":
        decoder_info = b"\x05\x02\x12\x10"  # AAC-LC, 44.1 kHz, stereo
        config = bytes([0x40, 0x15]) + b"\x00" * 3 + struct.pack(">II", 128000, 128000)
        config = b"\x04" + bytes([len(config) + len(decoder_info)]) + config + decoder_info
        es = struct.pack(">HB", 1, 0) + config + b"\x06\x01\x02"
        esds = _full_box(b"esds", 0, b"\x03" + bytes([len(es)]) + es)
        entry = _box(
            b"mp4a",
            b"\x00" * 6
            + struct.pack(">H", 1)
            + b"\x00" * 8
            + struct.pack(">HHHHI", 2, 16, 0, 0, timescale << 16)
            + esds,
        )
        media_header = _full_box(b"smhd", 0, b"\x00" * 4)
    else:
        entry = _box(
            b"avc1",
            b"\x00" * 6
            + struct.pack(">H", 1)
            + b"\x00" * 16
            + struct.pack(">HHIIIH32sHh", 320, 240, 0x480000, 0x480000, 0, 1, b"", 24, -1),
        )
        media_header = _full_box(b"vmhd", 0, b"\x00" * 8)
    stsd = _full_box(b"stsd", 0, struct.pack(">I", 1) + entry)
    empty_tables = b"".join(_full_box(k, 0, struct.pack(">I", 0)) for k in (b"stts", b"stsc"))
    stbl = _box(
        b"stbl",
        stsd
        + empty_tables
        + _full_box(b"stsz", 0, b"\x00" * 8)
        + _full_box(b"stco", 0, struct.pack(">I", 0)),
    )
    self_contained = _box(b"url ", b"\x00\x00\x00\x01")  # flag 1: media in this file
    dinf = _box(b"dinf", _full_box(b"dref", 0, struct.pack(">I", 1) + self_contained))
    minf = _box(b"minf", media_header + dinf + stbl)
    return _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr + minf))


def mp4(
    path: Path,
    *,
    audio: bool = True,
    video: bool = False,
    seconds: float = 12.0,
    brand: bytes = b"isom",
    moov_last: bool = False,
    mvhd_version: int = 0,
) -> Path:
    """An MP4/M4A with the given tracks and duration (mvhd and each track's mdhd)."""
    timescale = 1000
    tracks = b""
    if video:
        tracks += _trak(b"vide", 12800, int(12800 * seconds))
    if audio:
        tracks += _trak(b"soun", 44100, int(44100 * seconds))
    moov = _box(b"moov", _mvhd(timescale, int(timescale * seconds), mvhd_version) + tracks)
    ftyp = _box(b"ftyp", brand + struct.pack(">I", 0) + brand + b"isommp42")
    mdat = _box(b"mdat", b"\x00" * 2048)
    path.write_bytes(ftyp + (mdat + moov if moov_last else moov + mdat))
    return path


def _ebml_id(element_id: int) -> bytes:
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")


def _ebml_size(size: int | None) -> bytes:
    if size is None:
        return b"\x01\xff\xff\xff\xff\xff\xff\xff"  # unknown size
    return (size | (1 << 56)).to_bytes(8, "big")  # 8-byte form, like many muxers


def ebml(element_id: int, payload: bytes, *, unknown_size: bool = False) -> bytes:
    return _ebml_id(element_id) + _ebml_size(None if unknown_size else len(payload)) + payload


def _uint_bytes(value: int) -> bytes:
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


def webm(
    path: Path,
    *,
    seconds: float | None = 42.5,
    doctype: str = "webm",
    timecode_scale: int = 1_000_000,
    float32: bool = False,
    unknown_segment: bool = False,
    info_after_cluster: bool = False,
) -> Path:
    """A minimal WebM/Matroska file: EBML header, Segment with SeekHead, Info, Tracks, Cluster."""
    header = ebml(
        0x1A45DFA3,
        b"".join(
            [
                ebml(0x4286, b"\x01"),
                ebml(0x42F7, b"\x01"),
                ebml(0x42F2, b"\x04"),
                ebml(0x42F3, b"\x08"),
                ebml(0x4282, doctype.encode()),
                ebml(0x4287, b"\x04"),
                ebml(0x4285, b"\x02"),
            ]
        ),
    )
    info_children = [
        ebml(0x2AD7B1, _uint_bytes(timecode_scale)),
        ebml(0x4D80, b"trienlam-test"),
        ebml(0x5741, b"trienlam-test"),
    ]
    if seconds is not None:
        value = seconds * 1e9 / timecode_scale
        info_children.append(ebml(0x4489, struct.pack(">f" if float32 else ">d", value)))
    info = ebml(0x1549A966, b"".join(info_children))
    video = ebml(0xE0, ebml(0xB0, _uint_bytes(320)) + ebml(0xBA, _uint_bytes(240)))
    tracks = ebml(
        0x1654AE6B,
        ebml(
            0xAE,
            b"".join(
                [
                    ebml(0xD7, b"\x01"),
                    ebml(0x73C5, b"\x01"),
                    ebml(0x86, b"V_VP8"),
                    ebml(0x83, b"\x01"),
                    video,
                ]
            ),
        ),
    )
    cluster = ebml(0x1F43B675, ebml(0xE7, b"\x00") + ebml(0xA3, b"\x81\x00\x00\x80" + b"\x00" * 64))

    def seek_head(info_position: int) -> bytes:
        return ebml(
            0x114D9B74,
            ebml(
                0x4DBB,
                ebml(0x53AB, _ebml_id(0x1549A966)) + ebml(0x53AC, info_position.to_bytes(8, "big")),
            ),
        )

    placeholder = seek_head(0)
    if info_after_cluster:
        body_rest = tracks + cluster
        position = len(placeholder) + len(body_rest)
        body = seek_head(position) + body_rest + info
    else:
        body = seek_head(len(placeholder)) + info + tracks + cluster
    segment = ebml(0x18538067, body, unknown_size=unknown_segment)
    path.write_bytes(header + segment)
    return path
