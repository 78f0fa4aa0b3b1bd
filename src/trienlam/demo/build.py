"""Building the illustrative demo exhibition into the database.

Page images are rendered first, in a small process pool and outside any
transaction, into a cache under DATA_DIR/demo-sources (rendering is
deterministic, so a cached file is reused as is). Then one transaction
creates the site profile, provinces, institutions, exhibition, sections,
items, their media (through `add_media`, which checks and fingerprints every
original) and placements; renditions are made when it commits.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from trienlam.catalogue import processing
from trienlam.catalogue.media import add_media
from trienlam.catalogue.models import Institution, Item, Media, Membership, Province
from trienlam.demo import content
from trienlam.demo.content_types import ItemData
from trienlam.demo.render import EXTENSIONS, RENDER_VERSION, PageJob, render_to_file
from trienlam.exhibitions.models import Exhibition, Placement, Section, SiteProfile

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "trienlam-demo"  # noqa: S105 - the documented demo account
ADMIN_EMAIL = "admin@trienlam.example"
DEFAULT_WORKERS = 2


class DemoError(Exception):
    """The demo cannot be built as asked; the message says why and what to do."""


@dataclass
class DemoResult:
    created: bool
    message: str
    exhibition_slug: str = content.EXHIBITION.slug
    items_by_kind: dict[str, int] = field(default_factory=dict)
    public_items: int = 0
    unpublished_items: int = 0
    institutions: int = 0
    pages: int = 0
    rendered: int = 0
    reused: int = 0
    admin_created: bool = False
    render_seconds: float = 0.0
    seconds: float = 0.0


@dataclass(frozen=True)
class PageFile:
    """One page image of one item, and where its rendered file lives."""

    item: ItemData
    page: int
    job: PageJob
    path: Path

    @property
    def original_name(self) -> str:
        return f"{self.item.identifier}-trang-{self.page}.{EXTENSIONS[self.job.format]}"


def source_dir() -> Path:
    return Path(settings.DATA_DIR) / "demo-sources"


def page_files(items: Iterable[ItemData], scale: float) -> list[PageFile]:
    """Every page image the demo needs, named by a digest of everything that draws it."""
    folder = source_dir() / f"v{RENDER_VERSION}" / f"scale-{scale:g}"
    files: list[PageFile] = []
    for item in items:
        spec = item.document or item.photo
        if spec is None:
            continue
        for page in range(1, item.pages + 1):
            job = PageJob(
                spec=spec,
                page=page,
                scale=scale,
                format=item.image_format,
                greyscale=item.greyscale,
            )
            digest = hashlib.sha256(repr(job).encode("utf-8")).hexdigest()[:12]
            name = f"{item.identifier}-p{page}-{digest}.{EXTENSIONS[job.format]}"
            files.append(PageFile(item=item, page=page, job=job, path=folder / name))
    return files


def _cost(page: PageFile) -> float:
    # Biggest first, so the two workers finish together.
    dpi = page.job.dpi if page.item.document else 260
    return dpi * dpi * (2 if page.job.format != "jpeg" else 1)


def render_pages(pages: list[PageFile], *, workers: int = DEFAULT_WORKERS) -> tuple[int, int]:
    """Render the pages whose file is missing; return (rendered, reused)."""
    missing = sorted((p for p in pages if not p.path.exists()), key=_cost, reverse=True)
    if not missing:
        return 0, len(pages)
    missing[0].path.parent.mkdir(parents=True, exist_ok=True)
    if workers <= 1 or len(missing) == 1:
        for page in missing:
            render_to_file(page.job, os.fspath(page.path))
    else:
        # "spawn": the workers only draw; they never inherit the parent's database
        # connection or its open transaction.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [
                pool.submit(render_to_file, page.job, os.fspath(page.path)) for page in missing
            ]
            for future in futures:
                future.result()
    return len(missing), len(pages) - len(missing)


def build_demo(
    *,
    scale: float = 1.0,
    reset: bool = False,
    stdout: TextIO | None = None,
    workers: int = DEFAULT_WORKERS,
) -> DemoResult:
    """Create the illustrative demo exhibition, or do nothing if it exists (unless *reset*).

    Raises DemoError when the demo's identifiers are taken by other records.
    """
    started = time.perf_counter()
    if not 0 < scale <= 1:
        raise DemoError(_("The scale must be above 0 and at most 1, not %s.") % scale)

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    if Exhibition.objects.filter(slug=content.EXHIBITION.slug).exists() and not reset:
        return DemoResult(
            created=False,
            message=_(
                "The demo exhibition “%(slug)s” already exists; nothing was changed "
                "(use --reset to build it again)."
            )
            % {"slug": content.EXHIBITION.slug},
            seconds=time.perf_counter() - started,
        )

    pages = page_files(content.ITEMS, scale)
    say(
        _("Rendering %(count)d page images into %(folder)s (%(workers)d processes)…")
        % {"count": len(pages), "folder": source_dir(), "workers": workers}
    )
    render_started = time.perf_counter()
    rendered, reused = render_pages(pages, workers=workers)
    render_seconds = time.perf_counter() - render_started
    say(
        _("Rendered %(rendered)d, reused %(reused)d in %(seconds).1f s.")
        % {"rendered": rendered, "reused": reused, "seconds": render_seconds}
    )

    say(_("Importing items, page images and renditions…"))
    with transaction.atomic():
        if reset:
            _remove_demo()
        _check_identifiers_free()
        _site_profile(say)
        provinces = _provinces()
        institutions = _institutions(provinces)
        exhibition = Exhibition.objects.create(
            slug=content.EXHIBITION.slug,
            title=content.EXHIBITION.title,
            subtitle=content.EXHIBITION.subtitle,
            introduction=content.EXHIBITION.introduction,
            legal_basis="\n".join(content.EXHIBITION.legal_basis),
            organisers="\n".join(content.EXHIBITION.organisers),
            co_organisers="\n".join(content.EXHIBITION.co_organisers),
            occasion=content.EXHIBITION.occasion,
            venue=content.EXHIBITION.venue,
            status=content.EXHIBITION.status,
            position=content.EXHIBITION.position,
        )
        sections = _sections(exhibition)
        media_by_item = _items(provinces, institutions, sections, pages)
        exhibition.cover = media_by_item[content.EXHIBITION.cover][0]
        exhibition.save(update_fields=["cover"])
        admin_created = _admin_user()
        from trienlam.outreach.demo import seed_agencies  # the promotion kit's agency list

        seed_agencies()
    say(_("Building IIIF tiles and sized copies of the page images…"))
    processing.process_all()
    from trienlam.search.index import refresh

    refresh()  # the demo ends indexed: the first search does not pay for it

    items = Item.objects.filter(identifier__in=[i.identifier for i in content.ITEMS])
    public = items.public()
    return DemoResult(
        created=True,
        message=_("The demo exhibition was created."),
        items_by_kind=dict(Counter(public.values_list("kind", flat=True))),
        public_items=public.count(),
        unpublished_items=items.count() - public.count(),
        institutions=Institution.objects.filter(items__in=public).distinct().count(),
        pages=Media.objects.filter(item__in=items).count(),
        rendered=rendered,
        reused=reused,
        admin_created=admin_created,
        render_seconds=render_seconds,
        seconds=time.perf_counter() - started,
    )


def _remove_demo() -> None:
    """Delete the demo exhibition and the demo's own items (never anybody else's)."""
    Exhibition.objects.filter(slug=content.EXHIBITION.slug).delete()
    rights = {i.identifier: i.rights for i in content.ITEMS}
    ours = [
        item
        for item in Item.objects.filter(identifier__in=rights)
        if item.rights == rights[item.identifier]
    ]
    originals = [m.file.name for item in ours for m in item.media.all()]
    try:
        Item.objects.filter(pk__in=[item.pk for item in ours]).delete()
    except ProtectedError as exc:
        raise DemoError(
            _("Demo items are placed in another exhibition and cannot be removed: %s.")
            % ", ".join(sorted(str(o) for o in exc.protected_objects))
        ) from exc

    def delete_originals() -> None:
        # The demo's originals are rendered copies of cached files, not archival scans.
        from django.core.files.storage import default_storage

        for name in originals:
            default_storage.delete(name)

    transaction.on_commit(delete_originals)


def _check_identifiers_free() -> None:
    taken = list(
        Item.objects.filter(identifier__in=[i.identifier for i in content.ITEMS])
        .order_by("identifier")
        .values_list("identifier", flat=True)
    )
    if taken:
        raise DemoError(
            _(
                "The demo needs the identifiers %(ids)s, which other items already use. "
                "Build the demo in a fresh database (or remove those items)."
            )
            % {"ids": ", ".join(taken)}
        )


def _site_profile(say: Callable[[str], None]) -> None:
    if SiteProfile.objects.exists():
        say(_("A site profile already exists; it was left unchanged."))
        return
    site = content.SITE
    SiteProfile.objects.create(
        site_name=site.site_name,
        agency=site.agency,
        address=site.address,
        person_in_charge=site.person_in_charge,
        phone=site.phone,
        email=site.email,
        licence_note=site.licence_note,
        privacy_note=site.privacy_note,
        illustrative=site.illustrative,
    )


def _provinces() -> dict[str, Province]:
    found: dict[str, Province] = {}
    for data in content.PROVINCES:
        province = (
            Province.objects.filter(slug=data.slug).first()
            or Province.objects.filter(name=data.name).first()
        )
        if province is None:
            province = Province.objects.create(
                slug=data.slug, name=data.name, position=data.position, note=data.note
            )
        found[data.slug] = province
    return found


def _institutions(provinces: dict[str, Province]) -> dict[str, Institution]:
    found: dict[str, Institution] = {}
    for data in content.INSTITUTIONS:
        institution = (
            Institution.objects.filter(slug=data.slug).first()
            or Institution.objects.filter(name=data.name).first()
        )
        if institution is None:
            institution = Institution.objects.create(
                slug=data.slug,
                name=data.name,
                short_name=data.short_name,
                kind=data.kind,
                province=provinces[data.province] if data.province else None,
                address=data.address,
                website=data.website,
            )
        found[data.slug] = institution
    return found


def _sections(exhibition: Exhibition) -> dict[str, Section]:
    made: dict[str, Section] = {}
    positions: Counter[str | None] = Counter()
    for data in content.SECTIONS:
        positions[data.parent] += 1
        section = Section(
            exhibition=exhibition,
            parent=made[data.parent] if data.parent else None,
            label=data.label,
            title=data.title,
            slug=data.slug,
            introduction=data.introduction,
            position=positions[data.parent],
        )
        section.full_clean()
        section.save()
        made[data.slug] = section
    return made


def _items(
    provinces: dict[str, Province],
    institutions: dict[str, Institution],
    sections: dict[str, Section],
    pages: list[PageFile],
) -> dict[str, list[Media]]:
    pages_by_item: dict[str, list[PageFile]] = {}
    for page in pages:
        pages_by_item.setdefault(page.item.identifier, []).append(page)
    positions: Counter[str] = Counter()
    media_by_item: dict[str, list[Media]] = {}
    for data in content.ITEMS:
        item = Item(
            identifier=data.identifier,
            kind=data.kind,
            title=data.title,
            summary=data.summary,
            date_text=data.date_text,
            date_start=data.date_start,
            date_end=data.date_end,
            doc_number=data.doc_number,
            creator=data.creator,
            languages="vi",
            institution=institutions[data.institution],
            province=provinces[data.province] if data.province else None,
            repository=institutions[data.repository] if data.repository else None,
            fonds=data.fonds,
            series=data.series,
            file_unit=data.file_unit,
            sheet=data.sheet,
            other_code=data.other_code,
            source_title=data.source_title,
            source_page=data.source_page,
            occasion=data.occasion,
            quote_text=data.quote_text,
            rights=data.rights,
            transcription=data.transcription,
            status=data.status,
        )
        item.full_clean()
        item.save()
        media_by_item[data.identifier] = [
            media
            for page in pages_by_item.get(data.identifier, [])
            for media in add_media(
                item=item,
                source=page.path,
                alt_text=data.page_alt(),
                original_name=page.original_name,
            )
        ]
        positions[data.section] += 1
        placement = Placement(
            exhibition=sections[data.section].exhibition,
            section=sections[data.section],
            item=item,
            position=positions[data.section],
            caption=data.caption,
        )
        placement.full_clean()
        placement.save()
    return media_by_item


# The other demo people, to try the roles: (username, role, institution slug or None).
ROLE_ACCOUNTS = (
    ("canbo-langson", Membership.Role.CURATOR, "ttlt-lang-son"),
    ("bientap", Membership.Role.EDITOR, None),
)


def _admin_user() -> bool:
    """Create the demo superuser and the role accounts, unless an account of the same name
    exists (left untouched). All share the demo password."""
    user_model = get_user_model()
    for username, role, slug in ROLE_ACCOUNTS:
        if user_model.objects.filter(username=username).exists():
            continue
        user = user_model.objects.create_user(
            username=username,
            email=f"{username}@trienlam.example",
            password=ADMIN_PASSWORD,
            is_staff=True,
        )
        institution = Institution.objects.get(slug=slug) if slug else None
        Membership.objects.create(user=user, role=role, institution=institution)
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(
        username=ADMIN_USERNAME, email=ADMIN_EMAIL, password=ADMIN_PASSWORD
    )
    return True
