"""Illustrative "photos" composed from shapes: mountains, terraced fields, a meeting
hall with a banner; toned sepia or grey, with grain and a caption strip saying
they are illustrations. Pure Pillow code, no Django imports, deterministic.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from trienlam.demo.drawing import (
    INK,
    PHOTO_LABEL,
    PHOTO_NOTE,
    WATERMARK,
    font,
    noise_tile,
    tiled,
    wrap,
)

PHOTO_SIZE = (3000, 2000)

Scene = Literal["mountains", "terraces", "stage", "hall", "harvest", "road", "village"]


@dataclass(frozen=True)
class PhotoSpec:
    """An illustrative "photo" composed from shapes, with a caption strip."""

    scene: Scene
    caption: str
    banner: str = ""
    tone: Literal["sepia", "grey"] = "sepia"
    seed: int = 0


def _ridge(
    rng: random.Random, width: int, base: float, amplitude: float, steps: int = 7
) -> list[tuple[float, float]]:
    """A mountain ridge by midpoint displacement, as a polyline across *width*."""
    heights = [base - rng.uniform(0, amplitude), base - rng.uniform(0, amplitude)]
    spread = amplitude
    for _ in range(steps):
        spread *= 0.55
        new: list[float] = []
        for a, b in itertools.pairwise(heights):
            new += [a, (a + b) / 2 + rng.uniform(-spread, spread)]
        new.append(heights[-1])
        heights = new
    n = len(heights) - 1
    return [(width * i / n, y) for i, y in enumerate(heights)]


def _mountains(
    draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, horizon: float
) -> None:
    for layer in range(4):
        base = horizon + layer * h * 0.07
        shade = 185 - layer * 32
        points = _ridge(rng, w, base, h * (0.22 - layer * 0.03))
        draw.polygon([*points, (w, h), (0, h)], fill=shade)


def _sky(image: Image.Image, top: int = 235, bottom: int = 200) -> None:
    gradient = Image.linear_gradient("L").resize(image.size)
    sky = gradient.point(lambda v: top + (bottom - top) * v // 255)
    image.paste(sky)


def _figure(draw: ImageDraw.ImageDraw, x: float, y: float, s: float, shade: int, hat: bool) -> None:
    """A small standing person seen from afar (no face, no likeness)."""
    draw.rounded_rectangle(
        (x - 10 * s, y - 60 * s, x + 10 * s, y - 16 * s), radius=6 * s, fill=shade
    )
    draw.line((x - 5 * s, y - 18 * s, x - 7 * s, y), fill=shade, width=max(1, round(6 * s)))
    draw.line((x + 5 * s, y - 18 * s, x + 7 * s, y), fill=shade, width=max(1, round(6 * s)))
    draw.ellipse((x - 8 * s, y - 77 * s, x + 8 * s, y - 60 * s), fill=shade)
    if hat:
        draw.polygon(
            [(x - 25 * s, y - 68 * s), (x + 25 * s, y - 68 * s), (x, y - 86 * s)], fill=shade + 25
        )


def _seated(draw: ImageDraw.ImageDraw, x: float, y: float, s: float, shade: int) -> None:
    """Head and shoulders of a person seated behind a table, seen from the front."""
    draw.rounded_rectangle(
        (x - 40 * s, y - 60 * s, x + 40 * s, y + 10 * s), radius=22 * s, fill=shade
    )
    draw.ellipse((x - 22 * s, y - 112 * s, x + 22 * s, y - 58 * s), fill=shade + 12)


def _trees(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    w: int,
    y0: float,
    y1: float,
    s: float,
    shade: int,
    count: int,
) -> None:
    for _ in range(count):
        x, y = rng.uniform(0, w), rng.uniform(y0, y1)
        r = rng.uniform(14, 30) * s * (0.6 + (y - y0) / max(1.0, y1 - y0))
        draw.line((x, y, x, y + r * 2.2), fill=shade - 10, width=max(1, round(r / 4)))
        draw.ellipse((x - r, y - r * 1.3, x + r, y + r), fill=shade)


def _stilt_house(draw: ImageDraw.ImageDraw, x: float, y: float, s: float, shade: int) -> None:
    w, body = 260 * s, 70 * s
    for px in (x + 10 * s, x + w / 2, x + w - 10 * s):
        draw.line((px, y, px, y - 60 * s), fill=shade, width=max(1, round(8 * s)))
    draw.rectangle((x, y - 60 * s - body, x + w, y - 60 * s), fill=shade + 25)
    draw.polygon(
        [
            (x - 40 * s, y - 60 * s - body),
            (x + w + 40 * s, y - 60 * s - body),
            (x + w - 20 * s, y - 60 * s - body - 110 * s),
            (x + 20 * s, y - 60 * s - body - 110 * s),
        ],
        fill=shade - 20,
    )


def _terraces(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, top: float) -> None:
    band = (h - top) / 11
    phase = rng.uniform(0, 3)
    for i in range(12):
        y0 = top + i * band
        points = []
        for k in range(41):
            x = w * k / 40
            wave = (band * 0.9) * ((k / 40 - 0.5 + 0.1 * phase) ** 2) * 4
            points.append((x, y0 + wave + rng.uniform(-2, 2)))
        shade = 120 + (i % 2) * 30 + rng.randint(-8, 8)
        draw.polygon([*points, (w, h), (0, h)], fill=shade)
        draw.line(points, fill=215, width=max(1, round(band * 0.06)))


def _banner(draw: ImageDraw.ImageDraw, w: int, h: int, banner: str) -> None:
    top, bottom = h * 0.07, h * 0.23
    draw.rectangle((w * 0.08, top, w * 0.92, bottom), fill=70)
    size = round(h * 0.06)
    lines = wrap(banner, "sans-bold", size, w * 0.8)
    while len(lines) > 2 and size > 4:
        size -= 4
        lines = wrap(banner, "sans-bold", size, w * 0.8)
    face = font("sans-bold", size)
    y = (top + bottom) / 2 - len(lines) * size * 0.65
    for line in lines:
        draw.text(((w - face.getlength(line)) / 2, y), line, font=face, fill=230)
        y += size * 1.3


def _hall(
    image: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random, banner: str, stage: bool
) -> None:
    """A meeting hall: banner, a presidium table or a lectern, the audience from behind."""
    w, h = image.size
    s = w / PHOTO_SIZE[0]
    draw.rectangle((0, 0, w, h), fill=150)
    for i in range(9):
        x = w * (0.02 + i * 0.12)
        draw.rectangle((x, 0, x + 18 * s, h * 0.6), fill=140)
    draw.rectangle((0, h * 0.58, w, h), fill=100)
    if banner:
        _banner(draw, w, h, banner)
    if stage:
        for i in range(7):
            _seated(draw, w * (0.2 + i * 0.1), h * 0.47, s * 1.5, 55 + rng.randint(0, 15))
        draw.rectangle((w * 0.12, h * 0.47, w * 0.88, h * 0.6), fill=215)
        draw.line((w * 0.12, h * 0.47, w * 0.88, h * 0.47), fill=235, width=max(1, round(6 * s)))
        for i in range(6):
            cx = w * (0.17 + i * 0.132)
            draw.ellipse((cx - 45 * s, h * 0.55 - 35 * s, cx + 45 * s, h * 0.55 + 25 * s), fill=95)
    else:
        for i in range(3):
            _seated(draw, w * (0.25 + i * 0.1), h * 0.44, s * 1.3, 60 + rng.randint(0, 15))
        draw.rectangle((w * 0.2, h * 0.44, w * 0.5, h * 0.54), fill=205)
        _seated(draw, w * 0.70, h * 0.42, s * 1.3, 50)
        lectern = [(0.66, 0.42), (0.74, 0.42), (0.725, 0.58), (0.675, 0.58)]
        draw.polygon([(w * x, h * y) for x, y in lectern], fill=185)
    for row in range(4):
        y = h * (0.7 + row * 0.085)
        radius = (36 + row * 10) * s
        x = -rng.uniform(0, radius * 2)
        while x < w + radius:
            shade = 48 + row * 3 + rng.randint(-6, 6)
            jitter = rng.uniform(-radius * 0.15, radius * 0.15)
            draw.rounded_rectangle(
                (x - radius * 1.5, y + radius * 0.8, x + radius * 1.5, h), radius=radius, fill=shade
            )
            draw.ellipse(
                (x - radius, y - radius + jitter, x + radius, y + radius * 1.2 + jitter),
                fill=shade - 8,
            )
            x += radius * 3.0 + rng.uniform(0, radius * 0.5)


def _compose(spec: PhotoSpec, size: tuple[int, int]) -> Image.Image:
    rng = random.Random(spec.seed)
    w, h = size
    s = w / PHOTO_SIZE[0]
    image = Image.new("L", size, 200)
    draw = ImageDraw.Draw(image)
    if spec.scene in ("stage", "hall"):
        _hall(image, draw, rng, spec.banner, stage=spec.scene == "stage")
        return image
    _sky(image)
    horizon = h * rng.uniform(0.3, 0.4)
    _mountains(draw, rng, w, h, horizon)
    _trees(draw, rng, w, h * 0.55, h * 0.7, s * 1.6, 70, 30)
    if spec.scene == "terraces":
        _terraces(draw, rng, w, h, h * 0.5)
    elif spec.scene == "harvest":
        _terraces(draw, rng, w, h, h * 0.58)
        for _ in range(9):
            _figure(
                draw,
                rng.uniform(w * 0.05, w * 0.95),
                rng.uniform(h * 0.7, h * 0.95),
                s * 2.2,
                50,
                hat=True,
            )
    elif spec.scene == "road":
        draw.polygon(
            [(w * 0.42, h), (w * 0.58, h), (w * 0.52, h * 0.55), (w * 0.49, h * 0.55)], fill=205
        )
        for i in range(6):
            x = w * (0.3 + 0.07 * i) + rng.uniform(-20, 20) * s
            _figure(draw, x, h * (0.8 + 0.02 * (i % 3)), s * 2.4, 45, hat=i % 2 == 0)
    elif spec.scene == "village":
        for i in range(3):
            _stilt_house(draw, w * (0.12 + 0.3 * i), h * (0.8 + 0.04 * (i % 2)), s * 1.8, 70)
        for _ in range(5):
            _figure(draw, rng.uniform(w * 0.1, w * 0.9), h * 0.95, s * 2.0, 40, hat=True)
    else:
        _stilt_house(draw, w * 0.6, h * 0.88, s * 1.4, 80)
    return image


def _caption_strip(image: Image.Image, caption: str, scale: float) -> None:
    w, h = image.size
    strip = round(150 * scale)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h - strip, w, h), fill=(246, 244, 238))
    label_size = max(1, round(44 * scale))
    note_size = max(1, round(30 * scale))
    label = f"{PHOTO_LABEL.upper()} – {caption}"
    face = font("sans-bold", label_size)
    limit = w - 120 * scale
    if face.getlength(label) > limit:
        while len(label) > 10 and face.getlength(label + "…") > limit:
            label = label[:-1].rstrip()
        label += "…"
    draw.text((60 * scale, h - strip + 22 * scale), label, font=face, fill=(30, 30, 30))
    draw.text(
        (60 * scale, h - strip + 90 * scale),
        f"{PHOTO_NOTE} · {WATERMARK}",
        font=font("sans-italic", note_size),
        fill=INK["mark"],
    )


def render_photo(spec: PhotoSpec, scale: float = 1.0) -> Image.Image:
    size = (max(1, round(PHOTO_SIZE[0] * scale)), max(1, round(PHOTO_SIZE[1] * scale)))
    border = round(40 * scale)
    inner = (max(1, size[0] - 2 * border), max(1, size[1] - 2 * border - round(150 * scale)))
    scene = _compose(spec, inner)
    rng = random.Random(spec.seed + 7)
    grain = tiled(noise_tile(rng, 128, 14), inner)
    scene = ImageChops.add(scene, grain, scale=1.0, offset=-128)
    if scale >= 0.3:
        scene = scene.filter(ImageFilter.GaussianBlur(2.2 * scale))
    vignette = Image.radial_gradient("L").resize(inner).point(lambda v: 255 - v * 90 // 255)
    scene = ImageChops.multiply(scene, vignette)
    if spec.tone == "sepia":
        toned = ImageOps.colorize(scene, black=(38, 26, 14), white=(250, 236, 205))
    else:
        toned = ImageOps.colorize(scene, black=(20, 20, 20), white=(242, 242, 238))
    photo = Image.new("RGB", size, (246, 244, 238))
    photo.paste(toned, (border, border))
    _caption_strip(photo, spec.caption, scale)
    return photo
