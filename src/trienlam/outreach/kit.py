"""Banner and share-image files for an exhibition, made from its own words and cover.

Files are cached under ``DATA_DIR/outreach/`` in a folder named by a hash of everything they
are drawn from (words, cover file, sizes, web address, drawing version, the curator's own
file), so a change to any input makes new files and an unchanged exhibition is never drawn
twice. Older folders of the same exhibition are removed when a new one is made.

Only public things are drawn: the cover must be a file of a public item (`Media.public()`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image

from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Exhibition, Section, SiteProfile
from trienlam.outreach import drawing
from trienlam.outreach.links import absolute, without_scheme
from trienlam.outreach.models import PromotionKit

BUDGET = 150 * 1000  # bytes per banner file (the "≤ 150 KB")
SHARE_BUDGET = 300 * 1000
FORMATS = ("png", "webp")
SCALES = (1, 2)


@dataclass(frozen=True)
class BannerSize:
    kind: str  # "wide" | "sidebar"
    slug: str  # in file names: "ngang" | "cot"
    width: int
    height: int

    @property
    def label(self) -> str:
        return _("Wide banner") if self.kind == "wide" else _("Sidebar banner")

    def file_name(self, scale: int, fmt: str) -> str:
        return f"banner-{self.slug}{'@2x' if scale == 2 else ''}.{fmt}"


def settings_of(exhibition: Exhibition) -> PromotionKit:
    """The exhibition's promotion settings (unsaved defaults if it has none)."""
    try:
        return exhibition.promotion_kit
    except PromotionKit.DoesNotExist:
        return PromotionKit(exhibition=exhibition)


def sizes(exhibition: Exhibition) -> list[BannerSize]:
    kit = settings_of(exhibition)
    return [
        BannerSize("wide", "ngang", kit.wide_width, kit.wide_height),
        BannerSize("sidebar", "cot", kit.sidebar_width, kit.sidebar_height),
    ]


def size_by_slug(exhibition: Exhibition, slug: str) -> BannerSize | None:
    return next((s for s in sizes(exhibition) if s.slug == slug), None)


# --- pictures --------------------------------------------------------------------------------


def _picture_path(media: Media | None, width: int) -> Path | None:
    if media is None or not media.sizes:
        return None
    rendition = media.rendition_at_least(width)
    if rendition is None:
        return None
    w, h = rendition.width, rendition.height
    path = (
        Path(settings.MEDIA_ROOT) / media.rendition_base / "full" / f"{w},{h}" / "0" / "default.jpg"
    )
    return path if path.is_file() else None


def public_cover(exhibition: Exhibition) -> Media | None:
    if exhibition.cover_id is None:
        return None
    return Media.objects.public().filter(pk=exhibition.cover_id).first()


def item_picture(item: Item) -> Media | None:
    """The first page image of a public item that has its sized copies."""
    return next(
        (
            m
            for m in Media.objects.public().filter(item=item).order_by("position", "id")
            if m.is_visual and m.sizes
        ),
        None,
    )


def part_picture(exhibition: Exhibition, part: Section) -> Media | None:
    from trienlam.exhibitions.ordering import part_placements

    for placement in part_placements(exhibition, part, exhibition.sections.all()):
        media = next((m for m in placement.item.media.all() if m.is_visual and m.sizes), None)
        if media is not None:
            return media
    return None


def _open(path: Path | None) -> Image.Image | None:
    if path is None:
        return None
    with Image.open(path) as image:
        image.load()
        return image.convert("RGB")


# --- the cache -------------------------------------------------------------------------------


def _root() -> Path:
    return Path(settings.DATA_DIR) / "outreach"


def _key(inputs: dict[str, object]) -> str:
    data = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:20]


def kit_updated(exhibition: Exhibition) -> str:
    kit = settings_of(exhibition)
    return kit.updated_at.isoformat() if kit.updated_at else ""


def cached(
    group: str, inputs: dict[str, object], name: str, make: Callable[[], bytes]
) -> tuple[Path, str]:
    """The file *name* of the set keyed by *inputs* in *group*, made by *make* if missing.
    Returns (path, key). Written atomically; stale sets of the group are removed."""
    key = _key(inputs)
    folder = _root() / group / key
    path = folder / name
    if path.is_file():
        return path, key
    data = make()
    for _attempt in range(3):  # another process may be clearing stale folders meanwhile
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
            break
        except FileNotFoundError:
            continue
    for sibling in folder.parent.iterdir():
        if sibling.name != key and sibling.is_dir():
            shutil.rmtree(sibling, ignore_errors=True)
    return path, key


# --- banners ---------------------------------------------------------------------------------


def exhibition_address(request: HttpRequest | None, exhibition: Exhibition) -> str:
    return absolute(request, exhibition.get_absolute_url())


def _own_file(kit: PromotionKit, size: BannerSize) -> FieldFile | None:
    """The curator's own banner for *size*, if one was uploaded (any storage backend)."""
    field = kit.wide_file if size.kind == "wide" else kit.sidebar_file
    return field if field else None


def banner_inputs(request: HttpRequest | None, exhibition: Exhibition, size: BannerSize) -> dict:
    cover = public_cover(exhibition)
    cover_path = _picture_path(cover, size.width * 2)
    own = _own_file(settings_of(exhibition), size)
    return {
        "version": drawing.DRAWING_VERSION,
        "title": exhibition.title,
        "subtitle": exhibition.subtitle,
        "organisers": exhibition.organiser_lines(),
        "address": without_scheme(exhibition_address(request, exhibition)),
        "cover": f"{cover.sha256}:{cover_path.name if cover_path else ''}:{cover_path}"
        if cover
        else "",
        "size": [size.width, size.height],
        "own": f"{own.name}:{kit_updated(exhibition)}" if own else "",
        "cta": _("See the exhibition"),
    }


def banner_image(
    request: HttpRequest | None, exhibition: Exhibition, size: BannerSize, scale: int
) -> Image.Image:
    own = _own_file(settings_of(exhibition), size)
    target = (size.width * scale, size.height * scale)
    if own is not None:
        with own.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as image:
            image.load()
            picture = image.convert("RGB")
        if picture.size != target:
            picture = picture.resize(target, Image.Resampling.LANCZOS)
        return picture
    cover = _picture_path(public_cover(exhibition), size.width * 2)
    text = banner_text(request, exhibition)
    image, _layout = drawing.render_banner(
        text, (size.width, size.height), _open(cover), scale=scale
    )
    return image


def banner_text(request: HttpRequest | None, exhibition: Exhibition) -> drawing.BannerText:
    return drawing.BannerText(
        title=exhibition.title,
        subtitle=exhibition.subtitle,
        organisers=exhibition.organiser_lines(),
        address=without_scheme(exhibition_address(request, exhibition)),
        call_to_action=_("See the exhibition"),
    )


def banner_file(
    request: HttpRequest | None, exhibition: Exhibition, size: BannerSize, scale: int, fmt: str
) -> tuple[Path, str]:
    inputs = banner_inputs(request, exhibition, size)

    def make() -> bytes:
        if _own_file(settings_of(exhibition), size) is not None:
            return drawing.encode(banner_image(request, exhibition, size, scale), fmt, BUDGET)
        cover = _open(_picture_path(public_cover(exhibition), size.width * 2))
        return drawing.banner_bytes(
            banner_text(request, exhibition),
            (size.width, size.height),
            cover,
            scale=scale,
            fmt=fmt,
            budget=BUDGET,
        )

    return cached(f"banners/{exhibition.pk}-{size.slug}", inputs, size.file_name(scale, fmt), make)


def banner_path(exhibition: Exhibition, size: BannerSize, scale: int, fmt: str) -> str:
    return reverse(
        "outreach:banner",
        kwargs={
            "slug": exhibition.slug,
            "kind": size.slug,
            "x2": "@2x" if scale == 2 else "",
            "fmt": fmt,
        },
    )


# --- curator's own banner files --------------------------------------------------------------


def check_own_banner(upload: object, size: tuple[int, int], name: str) -> None:
    """Refuse a banner file that is not a real PNG/JPEG/WebP image of the size (or twice it),
    with a message naming the file and the problem."""
    from trienlam.catalogue.media import check_original

    inspection = check_original(upload, name)  # real type, pixel bombs, truncation
    if inspection.mime_type not in ("image/png", "image/jpeg", "image/webp"):
        raise ValidationError(
            _("“%(name)s” is refused: a banner must be a PNG, JPEG or WebP image.") % {"name": name}
        )
    page = inspection.pages[0]
    wanted = [size, (size[0] * 2, size[1] * 2)]
    if (page.width, page.height) not in wanted:
        raise ValidationError(
            _(
                "“%(name)s” is %(width)d×%(height)d pixels; this banner must be exactly "
                "%(w1)d×%(h1)d (or %(w2)d×%(h2)d for high-density screens)."
            )
            % {
                "name": name,
                "width": page.width,
                "height": page.height,
                "w1": size[0],
                "h1": size[1],
                "w2": size[0] * 2,
                "h2": size[1] * 2,
            }
        )


# --- share images (Open Graph) ---------------------------------------------------------------


def _site_line(request: HttpRequest | None) -> str:
    return without_scheme(absolute(request, "/")).rstrip("/")


def share_file(
    request: HttpRequest | None,
    *,
    exhibition: Exhibition | None = None,
    part: Section | None = None,
    item: Item | None = None,
) -> tuple[Path, str]:
    """The 1200×630 preview image of an exhibition, one of its parts, or an item."""
    if item is not None:
        media = item_picture(item)
        eyebrow = " · ".join(x for x in (item.get_kind_display().capitalize(), item.date_text) if x)
        title, group = item.title, f"share/item-{item.pk}"
    elif part is not None and exhibition is not None:
        media = part_picture(exhibition, part)
        eyebrow = " · ".join(x for x in (part.label, exhibition.title) if x)
        title, group = part.title, f"share/part-{part.pk}"
    elif exhibition is not None:
        media = public_cover(exhibition)
        eyebrow = exhibition.subtitle or _("Online exhibition of archival documents")
        title, group = exhibition.title, f"share/exhibition-{exhibition.pk}"
    else:
        raise ValueError("nothing to draw")
    picture = _picture_path(media, 480)
    profile = SiteProfile.current()
    site = _site_line(request)
    if profile and profile.illustrative:
        site = f"{site} · {_('Illustrative sample data')}"
    inputs = {
        "version": drawing.DRAWING_VERSION,
        "title": title,
        "eyebrow": eyebrow,
        "site": site,
        "picture": f"{media.sha256}:{picture}" if media else "",
    }

    def make() -> bytes:
        image, _layout = drawing.render_share(
            drawing.ShareText(title=title, eyebrow=eyebrow, site=site), _open(picture)
        )
        return drawing.encode(image, "jpeg", SHARE_BUDGET)

    return cached(group, inputs, "share.jpg", make)
