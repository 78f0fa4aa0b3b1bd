"""safezip: hostile and awkward ZIPs of scans, built byte by byte."""

from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.lib.zipcraft import (
    CHAR_DEVICE,
    DIRECTORY,
    FIFO,
    STORED,
    SYMLINK,
    Entry,
    build_zip,
    unicode_path_extra,
)
from trienlam.lib.charsets import encode_cp1258
from trienlam.lib.safezip import (
    Member,
    MiB,
    SafeArchive,
    ZipLimits,
    ZipRefused,
    copy_capped,
    normalise_name,
    open_archive,
)

JPEG = b"\xff\xd8\xff\xe0" + b"scan" * 50 + b"\xff\xd9"


def write(tmp_path: Path, entries: list[Entry], name: str = "scans.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(build_zip(entries))
    return path


def names(tmp_path: Path, entries: list[Entry]) -> list[str]:
    with open_archive(write(tmp_path, entries)) as archive:
        return [m.name for m in archive.members()]


def refused(tmp_path: Path, entries: list[Entry], limits: ZipLimits | None = None) -> ZipRefused:
    with pytest.raises(ZipRefused) as caught:
        open_archive(write(tmp_path, entries), limits=limits or ZipLimits())
    return caught.value


# --- an ordinary archive -----------------------------------------------------------------------


def test_zipfile_archive_lists_and_extracts(tmp_path: Path) -> None:
    path = tmp_path / "TTLT Lạng Sơn.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Phông UBHC/Hồ sơ 15/tờ 01.jpg", JPEG)
        archive.writestr("Phông UBHC/Hồ sơ 15/tờ 02.jpg", JPEG[::-1])
        archive.writestr("Phông UBHC/", b"")
        archive.writestr("ảnh tư liệu.zip", b"PK\x03\x04 nested")  # listed like any file
    dest = tmp_path / "out"
    dest.mkdir()
    with open_archive(path) as archive:
        members = archive.members()
        assert [m.name for m in members] == [
            "Phông UBHC/Hồ sơ 15/tờ 01.jpg",
            "Phông UBHC/Hồ sơ 15/tờ 02.jpg",
            "ảnh tư liệu.zip",
        ]
        assert members[0].size == len(JPEG)
        assert 0 < members[0].compressed < members[0].size
        written = archive.extract(members[0], dest)
    assert written == dest / "Phông UBHC" / "Hồ sơ 15" / "tờ 01.jpg"
    assert written.read_bytes() == JPEG


def test_litter_and_folders_are_skipped(tmp_path: Path) -> None:
    with open_archive(
        write(
            tmp_path,
            [
                Entry(b"scans/", external_attr=DIRECTORY),
                Entry(b"scans/to-01.jpg", JPEG),
                Entry(b"__MACOSX/scans/._to-01.jpg", b"\x00\x05\x16\x07"),
                Entry(b"scans/.DS_Store", b"Bud1"),
                Entry(b"scans/Thumbs.db", b"x"),
                Entry(b"desktop.ini", b"[.ShellClassInfo]"),
            ],
        )
    ) as archive:
        assert [m.name for m in archive.members()] == ["scans/to-01.jpg"]
        assert len(archive.skipped) == 4


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Công văn số 15.jpg",
        "Quyết định thành lập Ủy ban hành chính tỉnh.pdf",
        "Ảnh đoàn cán bộ tỉnh Lạng Sơn năm 1960.jpg",
        "Tờ trình số 05-TTr/UBND/trang 1.jpg",
        "Biên bản hội nghị - đợt 2/Bản sao số hóa ĐẦY ĐỦ.tif",
    ],
)
def test_cp1258_names_from_vietnamese_windows(tmp_path: Path, name: str) -> None:
    raw = encode_cp1258(name)
    assert raw != name.encode("utf-8")
    assert names(tmp_path, [Entry(raw, JPEG)]) == [name]


@pytest.mark.parametrize("name", ["Café.jpg", "Übersicht 1954.tif", "Báo cáo.jpg", "scan_001.JPG"])
def test_cp437_names_stay_cp437(tmp_path: Path, name: str) -> None:
    assert names(tmp_path, [Entry(name.encode("cp437"), JPEG)]) == [name]


def test_utf8_without_the_flag(tmp_path: Path) -> None:
    name = "Hồ sơ số 12/Trích yếu.jpg"
    assert names(tmp_path, [Entry(name.encode("utf-8"), JPEG, flags=0)]) == [name]


def test_nfd_names_from_macos_become_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Bút tích/Thư gửi đồng bào.jpg")
    (name,) = names(tmp_path, [Entry(nfd.encode("utf-8"), JPEG, flags=0x800)])
    assert name == "Bút tích/Thư gửi đồng bào.jpg"
    assert unicodedata.is_normalized("NFC", name)


def test_unicode_path_extra_field_wins(tmp_path: Path) -> None:
    raw = b"Cong van so 15.jpg"
    entry = Entry(raw, JPEG, extra=unicode_path_extra(raw, "Công văn số 15.jpg"))
    assert names(tmp_path, [entry]) == ["Công văn số 15.jpg"]
    stale = Entry(raw, JPEG, extra=unicode_path_extra(b"other", "Khác.jpg"))
    assert names(tmp_path, [stale]) == ["Cong van so 15.jpg"]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (b"./scans/to-01.jpg", "scans/to-01.jpg"),
        (b"scans//to-01.jpg", "scans/to-01.jpg"),
        (b"scans/./to-01.jpg", "scans/to-01.jpg"),
        (b"scans\\ho-so-15\\to-01.jpg", "scans/ho-so-15/to-01.jpg"),
    ],
)
def test_names_are_normalised(tmp_path: Path, stored: bytes, expected: str) -> None:
    assert names(tmp_path, [Entry(stored, JPEG)]) == [expected]


@pytest.mark.parametrize(
    ("stored", "code"),
    [
        (b"../evil.jpg", "unsafe_path"),
        (b"scans/../../evil.jpg", "unsafe_path"),
        (b"..\\..\\Windows\\evil.jpg", "unsafe_path"),
        (b"/etc/passwd", "absolute_path"),
        (b"C:\\Windows\\System32\\evil.dll", "absolute_path"),
        (b"c:evil.jpg", "absolute_path"),
        (b"\\\\server\\share\\evil.jpg", "absolute_path"),
        (b"//server/share/evil.jpg", "absolute_path"),
        (b"", "bad_name"),
        (b"./", "bad_name"),
        (b"scan\x00.jpg.exe", "bad_name"),
        (b"scan\x07.jpg", "bad_name"),
        ("scan\u202egpj.exe".encode(), "bad_name"),
        (b"x" * 300 + b".jpg", "bad_name"),
    ],
)
def test_unsafe_names_are_refused(tmp_path: Path, stored: bytes, code: str) -> None:
    problem = refused(tmp_path, [Entry(b"ok.jpg", JPEG), Entry(stored, JPEG, flags=0x800)])
    assert problem.code == code
    assert problem.message.endswith(".")


def test_refusal_keeps_the_stored_name(tmp_path: Path) -> None:
    problem = refused(tmp_path, [Entry(b"C:\\scans\\x.jpg", JPEG)])
    assert problem.name == "C:\\scans\\x.jpg"


@pytest.mark.parametrize(
    "pair",
    [
        (b"Trang1.JPG", b"trang1.jpg"),
        (b"scans/to-01.jpg", b"scans/to-01.jpg"),
        (b"scans/to-01.jpg", b"./scans//to-01.jpg"),
        (b"scans/to-01.jpg", b"SCANS\\TO-01.JPG"),
        (
            "Công văn.jpg".encode(),
            unicodedata.normalize("NFD", "Công văn.jpg").encode(),
        ),
        (b"a", b"A/b.jpg"),  # a file that is also a folder
    ],
)
def test_duplicates_after_normalisation_are_refused(
    tmp_path: Path, pair: tuple[bytes, bytes]
) -> None:
    first, second = pair
    problem = refused(
        tmp_path, [Entry(first, JPEG, flags=0x800), Entry(second, JPEG[:-1], flags=0x800)]
    )
    assert problem.code == "duplicate_name"


# --- entry kinds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        (Entry(b"to-01.jpg", b"/etc/passwd", external_attr=SYMLINK), "symlink"),
        (Entry(b"to-01.jpg", b"", external_attr=CHAR_DEVICE), "special_file"),
        (Entry(b"to-01.jpg", b"", external_attr=FIFO), "special_file"),
        (Entry(b"to-01.jpg", JPEG, flags=0x1), "encrypted"),
        (Entry(b"to-01.jpg", JPEG, flags=0x41), "encrypted"),
        (Entry(b"to-01.jpg", JPEG, method=9), "unsupported_compression"),  # Deflate64
        (Entry(b"to-01.jpg", JPEG, method=99), "unsupported_compression"),  # AES
    ],
)
def test_dangerous_entries_are_refused(tmp_path: Path, entry: Entry, code: str) -> None:
    assert refused(tmp_path, [entry]).code == code


def test_every_problem_is_reported(tmp_path: Path) -> None:
    problem = refused(
        tmp_path,
        [
            Entry(b"../a.jpg", JPEG),
            Entry(b"ok.jpg", JPEG),
            Entry(b"b.jpg", JPEG, flags=1),
            Entry(b"c.jpg", b"", external_attr=SYMLINK),
        ],
    )
    assert [problem.code, *(p.code for p in problem.others)] == [
        "unsafe_path",
        "encrypted",
        "symlink",
    ]


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_not_a_zip(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "scans.zip"
    path.write_bytes(content)
    with pytest.raises(ZipRefused) as caught:
        open_archive(path)
    assert caught.value.code == "not_a_zip"
    assert caught.value.name == ""


# --- limits ------------------------------------------------------------------------------------


def test_too_many_files(tmp_path: Path) -> None:
    entries = [Entry(f"to-{i:02d}.jpg".encode(), JPEG) for i in range(4)]
    assert refused(tmp_path, entries, ZipLimits(max_files=3)).code == "too_many_files"
    assert len(names(tmp_path, entries[:3])) == 3


def test_member_over_the_file_limit(tmp_path: Path) -> None:
    entries = [Entry(b"small.jpg", JPEG), Entry(b"big.tif", b"\x01" * 5000)]
    problem = refused(tmp_path, entries, ZipLimits(max_file_bytes=4000))
    assert (problem.code, problem.name) == ("file_too_large", "big.tif")


def test_total_over_the_limit(tmp_path: Path) -> None:
    entries = [Entry(f"to-{i}.jpg".encode(), bytes(range(256)) * 8) for i in range(5)]
    assert refused(tmp_path, entries, ZipLimits(max_total_bytes=8000)).code == "total_too_large"


def test_member_with_a_bomb_ratio(tmp_path: Path) -> None:
    entries = [Entry(b"white-page.tif", b"\x00" * (3 * MiB))]
    problem = refused(tmp_path, entries)
    assert (problem.code, problem.name) == ("ratio_too_high", "white-page.tif")
    # the same member passes with a laxer ratio limit
    with open_archive(write(tmp_path, entries), limits=ZipLimits(max_ratio=10_000)) as archive:
        assert archive.members()[0].size == 3 * MiB


def test_small_members_escape_the_ratio_test(tmp_path: Path) -> None:
    assert names(tmp_path, [Entry(b"readme.txt", b" " * 100_000)]) == ["readme.txt"]


def test_total_ratio_of_many_small_members(tmp_path: Path) -> None:
    entries = [Entry(f"to-{i:02d}.txt".encode(), b"\x00" * 90_000) for i in range(20)]
    limits = ZipLimits(ratio_min_bytes=100_000)
    assert refused(tmp_path, entries, limits).code == "total_ratio_too_high"


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    entries = [Entry(b"to-01.jpg", JPEG), Entry(b"to-02.jpg", JPEG, alias_of=0)]
    assert refused(tmp_path, entries).code == "overlapping_members"


# --- extraction never trusts the header --------------------------------------------------------


def extract_one(tmp_path: Path, entry: Entry) -> tuple[Path, SafeArchive]:
    dest = tmp_path / "out"
    dest.mkdir(exist_ok=True)
    archive = open_archive(write(tmp_path, [entry]))
    return dest, archive


def test_lying_size_bomb_is_stopped_by_the_cap(tmp_path: Path) -> None:
    flood = b"\x00" * (50 * MiB)
    dest, archive = extract_one(tmp_path, Entry(b"to-01.jpg", flood, declared_size=1024))
    (member,) = archive.members()
    assert member.size == 1024  # the header lies; the ratio test cannot see it
    with archive, pytest.raises(ZipRefused) as caught:
        archive.extract(member, dest)
    assert caught.value.code in ("corrupt", "size_mismatch")
    assert list(dest.rglob("*")) == []  # nothing left behind


def test_lying_size_bomb_with_a_matching_crc_yields_only_declared_bytes(tmp_path: Path) -> None:
    flood = b"\x00" * (50 * MiB)
    entry = Entry(b"to-01.jpg", flood, declared_size=1024, crc=zlib.crc32(flood[:1024]))
    dest, archive = extract_one(tmp_path, entry)
    with archive:
        written = archive.extract(archive.members()[0], dest)
    assert written.stat().st_size == 1024


def test_short_member_is_refused(tmp_path: Path) -> None:
    data = b"only three"
    entry = Entry(b"to-01.jpg", data, method=STORED, declared_size=len(data) + 10)
    dest, archive = extract_one(tmp_path, entry)
    with archive, pytest.raises(ZipRefused) as caught:
        archive.extract(archive.members()[0], dest)
    assert caught.value.code == "size_mismatch"
    assert not (dest / "to-01.jpg").exists()


def test_bad_crc_is_refused(tmp_path: Path) -> None:
    dest, archive = extract_one(tmp_path, Entry(b"to-01.jpg", JPEG, crc=12345))
    with archive, pytest.raises(ZipRefused) as caught:
        archive.extract(archive.members()[0], dest)
    assert caught.value.code == "corrupt"
    assert not (dest / "to-01.jpg").exists()


def test_copy_capped_stops_an_endless_stream() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"\x00" * len(buffer)
            return len(buffer)

    out = io.BytesIO()
    with pytest.raises(ZipRefused) as caught:
        copy_capped(Endless(), out, 3 * MiB + 5, name="to-01.jpg")  # type: ignore[arg-type]
    assert caught.value.code == "size_mismatch"
    assert out.tell() <= 3 * MiB + 5


@given(st.binary(max_size=5000), st.integers(0, 6000))
def test_copy_capped_never_writes_past_the_cap(data: bytes, cap: int) -> None:
    out = io.BytesIO()
    try:
        assert copy_capped(io.BytesIO(data), out, cap) == len(data) <= cap
    except ZipRefused:
        assert len(data) > cap
    assert len(out.getvalue()) <= cap


def test_extract_refuses_a_symlinked_folder_in_the_destination(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    dest, archive = extract_one(tmp_path, Entry(b"scans/to-01.jpg", JPEG))
    (dest / "scans").symlink_to(outside, target_is_directory=True)
    with archive, pytest.raises(ZipRefused) as caught:
        archive.extract(archive.members()[0], dest)
    assert caught.value.code == "unsafe_path"
    assert list(outside.iterdir()) == []


def test_extract_never_overwrites(tmp_path: Path) -> None:
    dest, archive = extract_one(tmp_path, Entry(b"to-01.jpg", JPEG))
    (dest / "to-01.jpg").write_bytes(b"curator's file")
    with archive, pytest.raises(FileExistsError):
        archive.extract(archive.members()[0], dest)
    assert (dest / "to-01.jpg").read_bytes() == b"curator's file"


def test_extract_only_members_of_this_archive(tmp_path: Path) -> None:
    dest, archive = extract_one(tmp_path, Entry(b"to-01.jpg", JPEG))
    with archive:
        with pytest.raises(KeyError):
            archive.extract(Member("to-02.jpg", 1, 1), dest)
        real = archive.members()[0]
        with pytest.raises(KeyError):
            archive.extract(Member(real.name, real.size + 1, real.compressed), dest)


# --- name normalisation as a function ----------------------------------------------------------


@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="/\\"),
            min_size=1,
            max_size=20,
        ).filter(lambda s: s not in (".", "..")),
        min_size=1,
        max_size=4,
    )
)
def test_normalised_names_are_relative_nfc_and_stable(segments: list[str]) -> None:
    try:
        name = normalise_name("/".join(segments))
    except ZipRefused as problem:
        assert problem.code in ("absolute_path", "bad_name")
        return
    assert not name.startswith("/") and ".." not in name.split("/")
    assert unicodedata.is_normalized("NFC", name)
    assert normalise_name(name) == name
