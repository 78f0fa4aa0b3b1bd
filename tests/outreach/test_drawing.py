"""Banner and share-image drawing: sizes, byte budget, Vietnamese glyphs, text that fits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont

from trienlam.outreach import drawing
from trienlam.outreach.drawing import BannerText, ShareText, encode, render_banner, render_share

LONG_TITLE = (
    "Triển lãm tài liệu lưu trữ về những chặng đường lịch sử vẻ vang của phong trào thi đua "
    "yêu nước, công tác khen thưởng và các điển hình tiên tiến của đồng bào các dân tộc bảy tỉnh "
    "miền núi biên giới phía Bắc: Hà Giang, Cao Bằng, Lạng Sơn, Lào Cai, Lai Châu, Điện Biên, "
    "Sơn La qua các thời kỳ kháng chiến, xây dựng và bảo vệ Tổ quốc — ỂỖỀẪẰ"
)
TITLES = [
    "Phong trào thi đua yêu nước Cụm 7 tỉnh miền núi biên giới phía Bắc",
    "Thi đua",
    LONG_TITLE,
    "Chủ tịch Hồ Chí Minh — người khởi xướng và tổ chức phong trào thi đua ái quốc",
    "Bảovệtổquốcvàxâydựngđấtnướctrongthờikỳđổimớihộinhậpquốctếsâurộng",  # one huge word
]
ADDRESS = "trienlam.langson.gov.vn/trien-lam/cum-thi-dua/"


def _paper_scan() -> Image.Image:
    image = Image.new("RGB", (900, 1270), (244, 236, 220))
    for y in range(80, 1200, 40):
        image.paste((60, 50, 40), (80, y, 820, y + 6))
    return image


def text(title: str = TITLES[0]) -> BannerText:
    return BannerText(
        title=title,
        subtitle="Triển lãm tài liệu lưu trữ trực tuyến",
        organisers=["UBND tỉnh Lạng Sơn", "Hội đồng Thi đua – Khen thưởng tỉnh Lạng Sơn"],
        address=ADDRESS,
    )


@pytest.mark.parametrize("size", [(1200, 300), (300, 250), (728, 90), (468, 60), (160, 600)])
@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("scale", [1, 2])
def test_text_never_leaves_its_box_or_the_banner(size, title, scale) -> None:  # type: ignore[no-untyped-def]
    image, layout = render_banner(text(title), size, _paper_scan(), scale=scale)
    assert image.size == (size[0] * scale, size[1] * scale)
    assert layout.overflowing() == []
    assert layout.text_of("title"), "the title is always drawn"
    lines = [d for d in layout.drawn]
    for a in lines:
        for b in lines:
            if a is b:
                continue
            overlap_x = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
            overlap_y = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
            assert overlap_x <= 0 or overlap_y <= 0, (a, b)


def test_a_long_vietnamese_title_is_wrapped_shrunk_and_cut_at_the_sidebar_size(
    artifacts_dir_outreach: Path,
) -> None:
    image, layout = render_banner(text(LONG_TITLE), (300, 250), None, scale=1)
    image.save(artifacts_dir_outreach / "banner-sidebar-long-title.png")
    render_banner(text(LONG_TITLE), (300, 250), None, scale=2)[0].save(
        artifacts_dir_outreach / "banner-sidebar-long-title@2x.png"
    )
    titles = [d for d in layout.drawn if d.block == "title"]
    assert len(titles) >= 3
    assert titles[-1].text.endswith("…")
    # Legible: never below 12 px at the sidebar size.
    assert min(d.size for d in titles) >= 12
    assert layout.overflowing() == []
    # Every drawn word is the title's own, in order (nothing garbled).
    drawn = layout.text_of("title").removesuffix("…").split()
    assert drawn[:-1] == LONG_TITLE.split()[: len(drawn) - 1]


def test_a_short_title_is_drawn_large_and_whole() -> None:
    _image, layout = render_banner(text("Thi đua"), (300, 250), None)
    titles = [d for d in layout.drawn if d.block == "title"]
    assert [d.text for d in titles] == ["Thi đua"]
    assert titles[0].size >= 20


def test_the_web_address_is_on_the_banner() -> None:
    _image, wide = render_banner(text(), (1200, 300), None)
    assert ADDRESS in wide.text_of("address")
    _image, side = render_banner(text(), (300, 250), None)
    assert side.text_of("address") in (ADDRESS, "trienlam.langson.gov.vn")


def test_every_vietnamese_letter_has_its_own_glyph() -> None:
    """DejaVu draws each precomposed letter itself (no box, no rebuilt or misplaced mark)."""
    for face in drawing.FACES:
        basic = ImageFont.truetype(
            str(drawing.font_path(face)), 32, layout_engine=ImageFont.Layout.BASIC
        )
        notdef = bytes(basic.getmask("\U000e0fff"))
        missing = {
            c
            for c in drawing.VIETNAMESE_SAMPLE
            if not c.isspace() and bytes(basic.getmask(c)) == notdef
        }
        assert missing == set(), (face, missing)


def test_marks_are_drawn_where_they_belong() -> None:
    """ "Ể" differs from "E" above the letter only: the marks are not dropped or shifted."""
    font = drawing.font("title", 80)
    plain = Image.new("L", (120, 160))
    marked = Image.new("L", (120, 160))
    from PIL import ImageDraw

    ImageDraw.Draw(plain).text((10, 130), "E", font=font, fill=255, anchor="ls")
    ImageDraw.Draw(marked).text((10, 130), "Ể", font=font, fill=255, anchor="ls")
    diff = ImageChops.difference(plain, marked).getbbox()
    assert diff is not None
    letter_top = plain.getbbox()[1]
    assert diff[3] <= letter_top + 2, "the marks sit above the letter"


@pytest.mark.parametrize("size", [(1200, 300), (300, 250)])
@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("fmt", ["png", "webp"])
def test_files_fit_the_byte_budget(size, scale, fmt) -> None:  # type: ignore[no-untyped-def]
    # A photograph-like cover is the hardest case for PNG.
    noisy = Image.effect_noise((900, 700), 90).convert("RGB")
    data = drawing.banner_bytes(text(LONG_TITLE), size, noisy, scale=scale, fmt=fmt, budget=150_000)
    assert len(data) <= 150_000
    decoded = Image.open(io.BytesIO(data))
    assert decoded.format == fmt.upper()
    assert decoded.size == (size[0] * scale, size[1] * scale)


def test_encoding_is_deterministic() -> None:
    image, _layout = render_banner(text(), (300, 250), _paper_scan())
    assert encode(image, "png", 150_000) == encode(image, "png", 150_000)


def test_share_image_is_1200_by_630_and_its_text_fits(artifacts_dir_outreach: Path) -> None:
    image, layout = render_share(
        ShareText(
            title=LONG_TITLE,
            eyebrow="Phần I · Chủ tịch Hồ Chí Minh",
            site="trienlam.langson.gov.vn",
        ),
        _paper_scan(),
    )
    image.save(artifacts_dir_outreach / "share-long-title.png")
    assert image.size == (1200, 630)
    assert layout.overflowing() == []
    assert layout.text_of("site") == "trienlam.langson.gov.vn"
    assert len(encode(image, "jpeg", 300_000)) <= 300_000
