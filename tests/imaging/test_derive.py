"""derive_page(): whole IIIF level-0 images, upright, without metadata, swapped in at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import pyvips

from tests.imaging import samples
from trienlam.imaging import derive
from trienlam.imaging.derive import (
    IIIF_CONTEXT,
    SIZE_WIDTHS,
    Derived,
    check_dzsave,
    derive_page,
    implied_files,
    missing_files,
)
from trienlam.imaging.inspect import Limits, inspect

ID = "https://trienlam.example/media/iiif/abc123"


def all_files(root: Path) -> set[str]:
    return {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
    }


def siblings(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != target.name)


def has_metadata(path: Path) -> bool:
    data = path.read_bytes()
    return b"Exif\x00\x00" in data or b"EXIF" in data or b"http://ns.adobe.com/xap" in data


def check_complete(target: Path, derived: Derived) -> dict:
    info = json.loads((target / "info.json").read_text())
    assert info["@context"] == IIIF_CONTEXT
    assert info["id"] == ID
    assert info["type"] == "ImageService3"
    assert info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level0"
    assert (info["width"], info["height"]) == (derived.width, derived.height)
    # Tiles are JPEG only, so no `extraFormats`: WebP copies of the small sizes are ours.
    assert "extraFormats" not in info
    assert info["tiles"] and info["tiles"][0]["width"] == derive.TILE_SIZE
    assert [(s["width"], s["height"]) for s in info["sizes"]] == list(derived.sizes)
    assert list(derived.sizes) == sorted(derived.sizes)
    assert missing_files(target) == []
    # Nothing on disk that info.json does not promise (no stray dzsave files).
    assert all_files(target) == set(implied_files(info)) | {"info.json"}
    assert derived.bytes_written == sum((target / f).stat().st_size for f in all_files(target))
    return info


# --- Complete sets -----------------------------------------------------------------------------


def test_a_jpeg_page_gets_tiles_sizes_and_info(files, tmp_path):
    target = tmp_path / "iiif" / "abc123"
    derived = derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    assert (derived.width, derived.height) == (900, 600)
    info = check_complete(target, derived)
    assert info["tiles"][0]["scaleFactors"] == [1, 2]
    widths = [w for w, _ in derived.sizes]
    assert {240, 480}.issubset(widths)
    assert 960 not in widths  # only widths smaller than the image
    assert (450, 300) in derived.sizes  # the top of the pyramid dzsave wrote, now listed
    for w, h in derived.sizes:
        for ext in ("jpg", "webp") if w <= derive.WEBP_MAX_WIDTH else ("jpg",):
            image = pyvips.Image.new_from_file(str(target / f"full/{w},{h}/0/default.{ext}"))
            assert (image.width, image.height) == (w, h)
    assert siblings(target) == []  # no temporary folders left


def test_exif_orientation_is_applied_and_no_metadata_survives(files, tmp_path):
    target = tmp_path / "rotated"
    derived = derive_page(
        files["jpeg_rotated"], kind="image", page_index=0, target_dir=target, id_base=ID
    )
    assert (derived.width, derived.height) == (800, 1200)  # stored 1200×800, orientation 6
    check_complete(target, derived)
    # Stored top half red; turned 90° clockwise the red is on the right.
    small = pyvips.Image.new_from_file(str(target / "full/240,360/0/default.jpg"))
    left, right = small.getpoint(40, 180), small.getpoint(200, 180)
    assert left[2] > 150 > left[0]
    assert right[0] > 150 > right[2]
    tile = pyvips.Image.new_from_file(str(target / "0,0,512,512/512,512/0/default.jpg"))
    assert tile.getpoint(10, 10)[2] > 150  # top-left of the upright page is blue
    for path in target.rglob("default.*"):
        assert not has_metadata(path), path
        image = pyvips.Image.new_from_file(str(path))
        assert not image.get_typeof("exif-data"), path
        assert not image.get_typeof("orientation") or image.get("orientation") == 1


def test_sizes_follow_the_widths_of_the_design(tmp_path):
    source = samples.jpeg(tmp_path / "big.jpg", 2000, 2600)
    derived = derive_page(source, kind="image", page_index=0, target_dir=tmp_path / "t", id_base=ID)
    assert [w for w, _ in derived.sizes if w in SIZE_WIDTHS] == list(SIZE_WIDTHS)
    assert (1600, 2080) in derived.sizes
    check_complete(tmp_path / "t", derived)


def test_a_size_that_is_also_the_top_of_the_pyramid_is_listed_once(tmp_path):
    source = samples.jpeg(tmp_path / "wide.jpg", 1920, 1001)  # scale 4: 480×251 (rounded up)
    derived = derive_page(source, kind="image", page_index=0, target_dir=tmp_path / "t", id_base=ID)
    assert [size for size in derived.sizes if size[0] == 480] == [(480, 251)]
    check_complete(tmp_path / "t", derived)


def test_an_image_smaller_than_one_tile_is_its_own_only_size(tmp_path):
    source = samples.png(tmp_path / "tiny.png", 200, 150, alpha=True)
    target = tmp_path / "t"
    derived = derive_page(source, kind="image", page_index=0, target_dir=target, id_base=ID)
    assert derived.sizes == ((200, 150),)
    info = check_complete(target, derived)
    assert info["tiles"][0]["scaleFactors"] == [1]
    assert (target / "full/max/0/default.jpg").is_file()  # what OpenSeadragon asks for
    flattened = pyvips.Image.new_from_file(str(target / "full/200,150/0/default.jpg"))
    assert flattened.bands == 3  # alpha flattened onto white


def test_each_page_of_a_multipage_tiff(files, tmp_path):
    derived = derive_page(
        files["tiff3"], kind="image", page_index=2, target_dir=tmp_path / "p3", id_base=ID
    )
    assert (derived.width, derived.height) == (500, 250)
    check_complete(tmp_path / "p3", derived)


def test_a_pdf_page_is_rendered_at_200_dpi_and_tiled(files, tmp_path):
    pages = inspect(files["pdf2"], limits=Limits(max_bytes=10**9)).pages
    target = tmp_path / "pdf-p2"
    derived = derive_page(files["pdf2"], kind="pdf", page_index=1, target_dir=target, id_base=ID)
    assert (derived.width, derived.height) == (pages[1].width, pages[1].height)
    check_complete(target, derived)
    tile = pyvips.Image.new_from_file(str(target / "0,0,512,512/512,512/0/default.jpg"))
    assert tile.min() < 60  # the dark bar drawn near the top is there, not a blank page
    assert tile.max() > 200


def test_webp_and_grey_and_sixteen_bit_sources(tmp_path, files):
    grey16 = tmp_path / "grey16.png"
    (samples.page(700, 500).colourspace("grey16")).pngsave(str(grey16))
    for source in (files["webp"], grey16):
        target = tmp_path / source.stem
        derived = derive_page(source, kind="image", page_index=0, target_dir=target, id_base=ID)
        check_complete(target, derived)


# --- Replacement, failure and recovery ---------------------------------------------------------


def test_a_new_set_replaces_the_old_one_whole(files, tmp_path):
    target = tmp_path / "iiif" / "x"
    derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    derived = derive_page(files["webp"], kind="image", page_index=0, target_dir=target, id_base=ID)
    assert (derived.width, derived.height) == (640, 480)
    check_complete(target, derived)
    assert not (target / "full/450,300").exists()  # nothing of the old set is mixed in
    assert siblings(target) == []


def test_a_failure_leaves_the_previous_set_and_nothing_else(files, tmp_path):
    target = tmp_path / "iiif" / "x"
    before = derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    with pytest.raises(pyvips.Error):
        derive_page(
            files["truncated_jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID
        )
    check_complete(target, before)
    assert siblings(target) == []


def test_a_failure_without_a_previous_set_leaves_nothing(files, tmp_path):
    target = tmp_path / "iiif" / "x"
    with pytest.raises(pyvips.Error):
        derive_page(
            files["truncated_jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID
        )
    assert not target.exists()
    assert siblings(target) == []


def test_bad_arguments_are_refused_before_any_work(files, tmp_path):
    with pytest.raises(ValueError):
        derive_page(files["mp3"], kind="audio", page_index=0, target_dir=tmp_path / "a", id_base=ID)
    with pytest.raises(ValueError):
        derive_page(
            files["jpeg"], kind="image", page_index=1, target_dir=tmp_path / "b", id_base=ID
        )
    with pytest.raises(ValueError):
        derive_page(
            files["pdf2"], kind="image", page_index=0, target_dir=tmp_path / "c", id_base=ID
        )


def test_leftovers_of_dead_runs_are_cleaned_and_an_orphaned_set_restored(files, tmp_path):
    target = tmp_path / "iiif" / "x"
    derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    dead_pid = 2**22 + 12345  # above pid_max on Linux: never a live process
    # A run killed between the two renames of the swap: the old set aside, no target.
    aside = target.parent / f".x.old-{dead_pid}-aaaa"
    target.rename(aside)
    half = target.parent / f".x.tmp-{dead_pid}-bbbb"
    (half / "image" / "0,0,512,512").mkdir(parents=True)
    derive.clean_stale(target)
    assert missing_files(target) == []  # the previous complete set is back
    assert siblings(target) == []


def test_missing_files_names_what_is_gone(files, tmp_path):
    target = tmp_path / "t"
    derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    (target / "512,0,388,512/388,512/0/default.jpg").unlink()
    (target / "full/240,160/0/default.webp").unlink()
    assert missing_files(target) == [
        "full/240,160/0/default.webp",
        "512,0,388,512/388,512/0/default.jpg",
    ]
    (target / "info.json").write_text("{not json")
    assert missing_files(target) == ["info.json"]
    assert missing_files(tmp_path / "nowhere") == ["info.json"]


def test_implied_files_follow_the_iiif_tile_arithmetic():
    info = {
        "width": 1025,
        "height": 1024,
        "sizes": [],
        "tiles": [{"width": 512, "scaleFactors": [1, 2, 4]}],
    }
    paths = implied_files(info)
    assert "1024,0,1,1024/1,512/0/default.jpg" in paths  # ceil(1/2) = 1
    assert "0,0,1024,1024/512,512/0/default.jpg" in paths
    assert "full/257,256/0/default.jpg" in paths  # one tile holds the whole level
    assert len(paths) == 6 + 2 + 1


def test_check_dzsave_passes_here_and_explains_a_missing_operation(monkeypatch):
    check_dzsave()
    monkeypatch.setattr(derive.pyvips, "type_find", lambda kind, name: 0)
    with pytest.raises(RuntimeError, match="has no `dzsave`"):
        check_dzsave()


# --- Killed in the middle ----------------------------------------------------------------------

KILLABLE = textwrap.dedent(
    """
    import sys
    from trienlam.imaging.derive import derive_page
    derive_page(sys.argv[1], kind="image", page_index=0, target_dir=sys.argv[2],
                id_base="https://example.org/iiif/k")
    """
)


@pytest.fixture(scope="module")
def forty_megapixels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "forty.jpg"
    noise = pyvips.Image.gaussnoise(5300, 7550, sigma=40, mean=128).cast("uchar")
    noise.bandjoin([noise, noise]).copy(interpretation="srgb").jpegsave(str(path), Q=85)
    return path


def _kill_mid_run(source: Path, target: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(source), str(target)])
    deadline = time.monotonic() + 60
    try:
        # Wait until tiles are being written into the temporary sibling folder.
        while time.monotonic() < deadline:
            staging = [
                p for p in target.parent.glob(f".{target.name}.tmp-*") if (p / "image").exists()
            ]
            if staging and any((staging[0] / "image").iterdir()):
                break
            assert proc.poll() is None, "the run ended before it could be killed"
            time.sleep(0.005)
        else:
            pytest.fail("no temporary folder appeared")
        time.sleep(0.1)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -9


def test_a_run_killed_in_the_middle_leaves_no_half_set(forty_megapixels, tmp_path):
    target = tmp_path / "iiif" / "k"
    _kill_mid_run(forty_megapixels, target)
    assert not target.exists()
    assert any(p.name.startswith(".k.tmp-") for p in target.parent.iterdir())  # the debris

    derived = derive_page(
        forty_megapixels,
        kind="image",
        page_index=0,
        target_dir=target,
        id_base="https://example.org/iiif/k",
    )
    assert derived.width * derived.height == 5300 * 7550
    assert missing_files(target) == []
    assert siblings(target) == []  # the re-run removed the stale temporary folder


def test_a_run_killed_in_the_middle_keeps_the_previous_set(forty_megapixels, files, tmp_path):
    target = tmp_path / "iiif" / "k"
    before = derive_page(
        files["jpeg"],
        kind="image",
        page_index=0,
        target_dir=target,
        id_base="https://example.org/iiif/k",
    )
    _kill_mid_run(forty_megapixels, target)
    info = json.loads((target / "info.json").read_text())
    assert (info["width"], info["height"]) == (before.width, before.height)
    assert missing_files(target) == []
    derive_page(
        forty_megapixels,
        kind="image",
        page_index=0,
        target_dir=target,
        id_base="https://example.org/iiif/k",
    )
    assert missing_files(target) == []
    assert siblings(target) == []


@pytest.mark.parametrize("overlap", [False, True], ids=["from-the-tiles", "alongside-dzsave"])
def test_sized_copies_from_a_reduced_pyramid_level_match_the_original(tmp_path, overlap):
    # 3400 px wide: the 1600 copy comes from the half-size level (1700 px): after dzsave,
    # joined back from its 512-pixel tiles, whose right and bottom edge tiles are narrower
    # than the rest; or alongside dzsave, from the original shrunk by 2.
    width, height = 3400, 2300
    x = pyvips.Image.xyz(width, height)[0]
    y = pyvips.Image.xyz(width, height)[1]
    pixels = (x * 255 / width).bandjoin([y * 255 / height, x * 0 + 200])
    source = tmp_path / "gradient.tif"
    pixels.cast("uchar").copy(interpretation="srgb").tiffsave(str(source))
    derived = derive_page(
        source, kind="image", page_index=0, target_dir=tmp_path / "t", id_base=ID, overlap=overlap
    )
    check_complete(tmp_path / "t", derived)
    assert (1600, 1082) in derived.sizes
    copy = pyvips.Image.new_from_file(str(tmp_path / "t/full/1600,1082/0/default.jpg"))
    direct = pyvips.Image.thumbnail(str(source), 1600, height=10_000)
    assert (copy.width, copy.height) == (direct.width, direct.height)
    # Same picture (the gradient runs the whole way: no padding, no shifted tile).
    assert (copy.cast("float") - direct.cast("float")).abs().max() < 24
    assert abs(copy.getpoint(1599, 1081)[0] - 255) < 12  # the far corner is not padding
    assert abs(copy.getpoint(1599, 1081)[1] - 255) < 12


@pytest.mark.parametrize(
    ("size", "largest", "scale", "smaller", "top"),
    [
        # A4 at 300 dpi: the half-size level, 1240 px, is the largest copy as it is.
        ((2480, 3508), (1240, 1754), 2, (960, 480, 240), (310, 439)),
        # 80 MP: the quarter level (1880 px) is reduced to 1600.
        ((7521, 10636), (1600, None), 4, (960, 480, 240), (236, 333)),
        # 40 MP: the quarter level (1330 px) is the largest copy.
        ((5318, 7521), (1330, 1881), 4, (960, 480, 240), (333, 471)),
        # No level between 1200 and 1600 px, nor a wider one: 1600 from the original.
        ((2000, 2600), (1600, None), 1, (960, 480, 240), (250, 325)),
        # Narrower than 1600: the widths below it, the widest from the original.
        ((900, 600), (480, None), 1, (240,), (450, 300)),
        # A standard width equal to the top's is left to dzsave's top.
        ((1920, 1001), (1600, None), 1, (960, 240), (480, 251)),
        # Smaller than one tile: the image itself is the top and the only size.
        ((200, 150), (200, None), 1, (), (200, 150)),
    ],
)
def test_the_size_plan(size, largest, scale, smaller, top):
    plan = derive._size_plan(*size)
    assert (plan.largest, plan.scale, plan.smaller, plan.top) == (largest, scale, smaller, top)


@pytest.mark.parametrize("overlap", [False, True])
def test_an_a4_scan_at_300_dpi_gets_its_largest_copy_from_the_half_size_level(tmp_path, overlap):
    source = samples.jpeg(tmp_path / "a4.jpg", 2480, 3508)
    target = tmp_path / "t"
    derived = derive_page(
        source, kind="image", page_index=0, target_dir=target, id_base=ID, overlap=overlap
    )
    info = check_complete(target, derived)
    assert info["tiles"][0]["scaleFactors"] == [1, 2, 4, 8]
    assert [w for w, _ in derived.sizes] == [240, 310, 480, 960, 1240]
    assert (310, 439) in derived.sizes and (1240, 1754) in derived.sizes
    for w, h in derived.sizes:
        assert abs(h - w * 3508 / 2480) < 1.5, (w, h)
    largest = pyvips.Image.new_from_file(str(target / "full/1240,1754/0/default.jpg"))
    direct = pyvips.Image.thumbnail(str(source), 1240, height=1754, size="force")
    assert (largest.cast("float") - direct.cast("float")).abs().avg() < 4
    # The phone sizes stay progressive (a blurred page first on a slow line), the larger
    # copies are baseline.
    for w, h in derived.sizes:
        data = (target / f"full/{w},{h}/0/default.jpg").read_bytes()
        if w != 310:  # the top of the pyramid is dzsave's own tile
            assert (b"\xff\xc2" in data) is (w <= 480), (w, h)


@pytest.mark.parametrize("overlap", [False, True])
def test_the_largest_copy_from_a_level_is_upright_and_of_any_source_type(tmp_path, overlap):
    # Stored 3600×2400 with orientation 6: upright 2400×3600, so the largest copy is the
    # half-size level (1200 px), read from the turned original or from the tiles.
    rotated = samples.jpeg(tmp_path / "r.jpg", image=samples.halves(3600, 2400), orientation=6)
    target = tmp_path / "r"
    derived = derive_page(
        rotated, kind="image", page_index=0, target_dir=target, id_base=ID, overlap=overlap
    )
    check_complete(target, derived)
    assert (derived.width, derived.height) == (2400, 3600)
    assert (1200, 1800) in derived.sizes
    largest = pyvips.Image.new_from_file(str(target / "full/1200,1800/0/default.jpg"))
    left, right = largest.getpoint(200, 900), largest.getpoint(1000, 900)
    assert left[2] > 150 > left[0] and right[0] > 150 > right[2]  # red on the right
    assert not has_metadata(target / "full/1200,1800/0/default.jpg")
    # A 16-bit grey PNG: the copies are 8-bit grey like the tiles.
    grey16 = tmp_path / "grey16.png"
    samples.page(2600, 1800).colourspace("grey16").pngsave(str(grey16))
    derived = derive_page(
        grey16, kind="image", page_index=0, target_dir=tmp_path / "g", id_base=ID, overlap=overlap
    )
    check_complete(tmp_path / "g", derived)
    copy = pyvips.Image.new_from_file(str(tmp_path / "g/full/1300,900/0/default.jpg"))
    assert (copy.bands, copy.format) == (1, "uchar")


@pytest.mark.parametrize(
    ("threads", "max_pixels", "from_the_tiles"),
    [(1, derive.OVERLAP_MAX_PIXELS, True), (2, derive.OVERLAP_MAX_PIXELS, False), (2, 10**6, True)],
)
def test_copies_alongside_dzsave_only_with_a_spare_thread_and_a_page_of_moderate_size(
    tmp_path, monkeypatch, threads, max_pixels, from_the_tiles
):
    source = samples.jpeg(tmp_path / "p.jpg", 2600, 1800)  # the half-size level: 1300 px
    joined = []
    tile_level = derive._tile_level
    monkeypatch.setattr(derive, "_threads", lambda: threads)
    monkeypatch.setattr(derive, "OVERLAP_MAX_PIXELS", max_pixels)
    monkeypatch.setattr(derive, "_tile_level", lambda *a: joined.append(a) or tile_level(*a))
    derived = derive_page(source, kind="image", page_index=0, target_dir=tmp_path / "t", id_base=ID)
    check_complete(tmp_path / "t", derived)
    assert (1300, 900) in derived.sizes
    assert bool(joined) is from_the_tiles


@pytest.mark.parametrize("overlap", [False, True], ids=["from-the-tiles", "alongside-dzsave"])
def test_the_tops_webp_is_the_same_picture_as_dzsaves_top(tmp_path, overlap):
    # 12 MP-like proportions, smaller: the top (scale 8) is 182×258, made by dzsave as JPEG;
    # its WebP comes from the copies (the 240 one), at exactly the top's size.
    source = samples.jpeg(tmp_path / "p.jpg", 1456, 2059)
    target = tmp_path / "t"
    derived = derive_page(
        source, kind="image", page_index=0, target_dir=target, id_base=ID, overlap=overlap
    )
    check_complete(target, derived)
    top = derive._size_plan(1456, 2059).top
    assert top == (182, 258) and top in derived.sizes
    folder = target / "full" / "182,258" / "0"
    jpeg = pyvips.Image.new_from_file(str(folder / "default.jpg"))
    webp = pyvips.Image.new_from_file(str(folder / "default.webp"))
    assert (webp.width, webp.height) == (jpeg.width, jpeg.height) == top
    assert (webp.cast("float") - jpeg.cast("float")).abs().avg() < 6


@pytest.mark.parametrize(
    ("name", "overlap", "shared"),
    [("p.jpg", True, True), ("p.jpg", False, False), ("p.tif", True, False)],
)
def test_a_jpeg_read_twice_is_decoded_from_one_copy_of_its_bytes(tmp_path, name, overlap, shared):
    source = tmp_path / name
    if name.endswith(".jpg"):
        samples.jpeg(source, 1200, 800)
    else:
        samples.page(1200, 800).tiffsave(str(source))
    with derive._open_page(os.fspath(source), "image", 0, tmp_path, overlap) as page:
        assert (page.data is not None) is shared
        if shared:
            assert page.data[:] == source.read_bytes()
        level = page.level(2)
        assert (level.width, level.height) == (600, 400)
        assert abs(level.avg() - page.tiles.shrink(2, 2).avg()) < 2


def test_a_set_found_incomplete_before_the_swap_is_refused_and_leaves_nothing(
    files, tmp_path, monkeypatch
):
    target = tmp_path / "iiif" / "x"
    before = derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    write_info = derive._write_info

    def and_lose_a_tile(out, id_base, sizes):
        info = write_info(out, id_base, sizes)
        (out / "0,0,512,512" / "512,512" / "0" / "default.jpg").unlink()
        return info

    monkeypatch.setattr(derive, "_write_info", and_lose_a_tile)
    with pytest.raises(RuntimeError, match=r"incomplete IIIF image, 1 missing.*0,0,512,512"):
        derive_page(files["jpeg"], kind="image", page_index=0, target_dir=target, id_base=ID)
    check_complete(target, before)
    assert siblings(target) == []


@pytest.mark.parametrize("overlap", [False, True], ids=["from-the-tiles", "alongside-dzsave"])
def test_copies_alongside_dzsave_are_computed_by_one_libvips_worker(tmp_path, monkeypatch, overlap):
    # Alongside dzsave the copies take the core it leaves idle, not a share of its workers'.
    seen = []
    save_jpeg = derive._save_jpeg

    def recording(image, folder):
        concurrency = image.get("concurrency") if image.get_typeof("concurrency") else None
        seen.append((image.width, concurrency))
        return save_jpeg(image, folder)

    monkeypatch.setattr(derive, "_save_jpeg", recording)
    source = samples.jpeg(tmp_path / "p.jpg", 2600, 1800)
    derived = derive_page(
        source, kind="image", page_index=0, target_dir=tmp_path / "t", id_base=ID, overlap=overlap
    )
    check_complete(tmp_path / "t", derived)
    assert [w for w, _ in seen] == [1300, 960, 480, 240]
    assert {c for _, c in seen} == ({1} if overlap else {None})
