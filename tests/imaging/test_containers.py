"""The bounded WebM (EBML) and MP4 (ISO BMFF) header readers."""

from __future__ import annotations

import struct
import time

import pytest

from tests.imaging import samples
from tests.imaging.samples import ebml
from trienlam.imaging import containers
from trienlam.imaging.containers import ContainerError, read_mp4, read_webm

EBML_HEADER = ebml(0x1A45DFA3, ebml(0x4282, b"webm"))
SEGMENT = 0x18538067
CLUSTER = ebml(0x1F43B675, ebml(0xE7, b"\x00") + ebml(0xA3, b"\x81\x00\x00\x80" + b"\x00" * 16))
INFO = 0x1549A966


def info(duration: bytes | None = None, scale: int | None = None) -> bytes:
    body = b""
    if scale is not None:
        body += ebml(0x2AD7B1, scale.to_bytes(4, "big"))
    if duration is not None:
        body += ebml(0x4489, duration)
    return ebml(INFO, body)


# --- WebM --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "seconds"),
    [
        ({}, 42.5),
        ({"float32": True}, 42.5),
        ({"timecode_scale": 1000}, 42.5),
        ({"unknown_segment": True}, 42.5),
        ({"info_after_cluster": True}, 42.5),  # found through the SeekHead
        ({"seconds": 6 * 3600 + 0.25}, 6 * 3600 + 0.25),
    ],
)
def test_webm_duration(tmp_path, kwargs, seconds):
    found = read_webm(samples.webm(tmp_path / "a.webm", **kwargs))
    assert found.doctype == "webm"
    assert found.duration == pytest.approx(seconds, rel=1e-6)


def test_webm_without_duration_and_matroska_doctype(tmp_path):
    assert read_webm(samples.webm(tmp_path / "a.webm", seconds=None)).duration is None
    assert read_webm(samples.webm(tmp_path / "b.mkv", doctype="matroska")).doctype == "matroska"


def test_minimal_header_sizes_and_default_timecode_scale(tmp_path):
    # One-byte sizes (0x80 | n), no TimecodeScale: the default of 1 ms applies.
    path = tmp_path / "small.webm"
    duration = ebml(0x4489, struct.pack(">d", 1500.0))
    short_info = b"\x15\x49\xa9\x66" + bytes([0x80 | len(duration)]) + duration
    path.write_bytes(
        b"\x1a\x45\xdf\xa3\x87\x42\x82\x84webm" + b"\x18\x53\x80\x67\xff" + short_info + CLUSTER
    )
    found = read_webm(path)
    assert (found.doctype, found.duration) == ("webm", 1.5)


def test_empty_float_means_zero(tmp_path):
    path = tmp_path / "zero.webm"
    path.write_bytes(EBML_HEADER + ebml(SEGMENT, info(b"") + CLUSTER))
    assert read_webm(path).duration == 0.0


@pytest.mark.parametrize(
    ("data", "truncated"),
    [
        (b"", True),
        (b"\x1a\x45\xdf", True),  # cut inside the first ID
        (b"\x1a\x45\xdf\xa3\x88\x42\x82", True),  # header size says more than there is
        (b"\x00\x00\x00\x00", False),  # a zero byte cannot start an EBML number
        (ebml(0x1A45DFA3, b""), False),  # no DocType
        (EBML_HEADER + ebml(0x1F43B675, b""), False),  # no Segment
        (EBML_HEADER + ebml(SEGMENT, info(b"\x00" * 3)), False),  # 3-byte float
        (EBML_HEADER + ebml(SEGMENT, info(struct.pack(">d", float("nan")))), False),
        (EBML_HEADER + ebml(SEGMENT, info(struct.pack(">d", -5.0))), False),
        (EBML_HEADER + ebml(SEGMENT, info(struct.pack(">d", 1.0), scale=0)), False),
    ],
)
def test_broken_webm_raises(tmp_path, data, truncated):
    path = tmp_path / "bad.webm"
    path.write_bytes(data)
    with pytest.raises(ContainerError) as error:
        read_webm(path)
    assert error.value.truncated is truncated


def test_an_info_element_claiming_gigabytes_is_not_read(tmp_path):
    path = tmp_path / "huge.webm"
    huge = b"\x15\x49\xa9\x66" + (2**40 | (1 << 56)).to_bytes(8, "big")
    path.write_bytes(EBML_HEADER + ebml(SEGMENT, huge + b"\x00" * 16))
    with pytest.raises(ContainerError, match="usable size"):
        read_webm(path)


def test_a_child_running_past_its_parent_raises(tmp_path):
    path = tmp_path / "overrun.webm"
    body = b"\x44\x89\x88" + b"\x00" * 4  # Duration claims 8 bytes, 4 follow
    path.write_bytes(EBML_HEADER + ebml(SEGMENT, ebml(INFO, body)))
    with pytest.raises(ContainerError):
        read_webm(path)


def test_endless_void_elements_stop_at_the_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(containers, "MAX_LEVEL1_ELEMENTS", 50)
    path = tmp_path / "voids.webm"
    path.write_bytes(
        EBML_HEADER + ebml(SEGMENT, ebml(0xEC, b"\x00") * 10_000 + info(struct.pack(">d", 1000.0)))
    )
    start = time.perf_counter()
    with pytest.raises(ContainerError, match="no media data"):
        read_webm(path)  # Info and any Cluster lie beyond the bound: not found, no hang
    assert time.perf_counter() - start < 1


def test_a_seekhead_pointing_nowhere_is_harmless(tmp_path):
    seek = ebml(
        0x4DBB, ebml(0x53AB, b"\x15\x49\xa9\x66") + ebml(0x53AC, (10**9).to_bytes(4, "big"))
    )
    cluster = ebml(0x1F43B675, b"\x00" * 8)
    path = tmp_path / "lost.webm"
    path.write_bytes(EBML_HEADER + ebml(SEGMENT, ebml(0x114D9B74, seek) + cluster))
    assert read_webm(path).duration is None


# --- MP4 -----------------------------------------------------------------------------------------


def test_mp4_handlers_and_duration(tmp_path):
    found = read_mp4(samples.mp4(tmp_path / "v.mp4", video=True, seconds=95.0))
    assert found.handlers == {"vide", "soun"}
    assert found.duration == pytest.approx(95.0)
    audio = read_mp4(samples.mp4(tmp_path / "a.m4a", brand=b"M4A ", seconds=3.5))
    assert (audio.handlers, audio.duration) == ({"soun"}, 3.5)


def test_mp4_version_1_header_and_movie_at_the_end(tmp_path):
    found = read_mp4(
        samples.mp4(
            tmp_path / "v1.mp4",
            video=True,
            audio=False,
            mvhd_version=1,
            moov_last=True,
            seconds=7.0,
        )
    )
    assert (found.handlers, found.duration) == ({"vide"}, 7.0)


def test_fragmented_mp4_takes_its_duration_from_mehd(tmp_path):
    mvhd = samples._mvhd(1000, 0)
    mehd = samples._full_box(b"mehd", 0, struct.pack(">I", 61_000))
    moov = samples._box(
        b"moov", mvhd + samples._trak(b"vide", 1000, 0) + samples._box(b"mvex", mehd)
    )
    path = tmp_path / "frag.mp4"
    fragment = samples._box(b"moof", b"") + samples._box(b"mdat", b"\x00" * 64)
    path.write_bytes(samples._box(b"ftyp", b"iso5\x00\x00\x00\x00iso5") + moov + fragment)
    assert read_mp4(path).duration == 61.0


@pytest.mark.parametrize("after", [b"", b"this is not a recording " * 40])
def test_an_mp4_header_with_no_media_data_is_no_recording(tmp_path, after):
    # A valid ftyp and moov (a 60 s video track) and then nothing, or text: no samples.
    moov = samples._box(b"moov", samples._mvhd(1000, 60_000) + samples._trak(b"vide", 1000, 60_000))
    path = tmp_path / "hollow.mp4"
    path.write_bytes(samples._box(b"ftyp", b"isom\x00\x00\x00\x00isom") + moov + after)
    with pytest.raises(ContainerError):
        read_mp4(path)


def test_a_webm_header_with_no_cluster_is_no_recording(tmp_path):
    path = tmp_path / "hollow.webm"
    path.write_bytes(EBML_HEADER + ebml(SEGMENT, info(struct.pack(">d", 30_000.0))))
    with pytest.raises(ContainerError, match="no media data"):
        read_webm(path)


def test_mp4_cut_before_its_movie_header_is_truncated(tmp_path):
    whole = samples.mp4(tmp_path / "w.mp4", video=True, moov_last=True)
    cut = samples.truncated(whole, tmp_path / "cut.mp4", 0.8)
    with pytest.raises(ContainerError) as error:
        read_mp4(cut)
    assert error.value.truncated


@pytest.mark.parametrize(
    "data",
    [
        struct.pack(">I4s", 4, b"ftyp"),  # a box smaller than its own header
        struct.pack(">I4s", 16, b"ftyp")
        + b"isom\x00\x00\x00\x00"
        + struct.pack(">I4s", 8, b"mdat"),
        struct.pack(">I4s", 16, b"moov") + struct.pack(">I4s", 200, b"mvhd"),  # child overruns
    ],
)
def test_broken_mp4_raises(tmp_path, data):
    path = tmp_path / "bad.mp4"
    path.write_bytes(data)
    with pytest.raises(ContainerError):
        read_mp4(path)


def test_ogg_first_packet_names_the_codec(tmp_path):
    assert containers.ogg_first_packet(samples.ogg_opus(tmp_path / "a.ogg")).startswith(b"OpusHead")
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(b"OggS\x00")
    with pytest.raises(ContainerError):
        containers.ogg_first_packet(bad)
