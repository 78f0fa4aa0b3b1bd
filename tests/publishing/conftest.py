"""A small public site plus plenty that is not public, exported by the real exporter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import builders as b
from tests.exhibitions.conftest import SmallExhibition, _build
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition

BASE_URL = "http://127.0.0.1:8765"


@dataclass
class Site:
    small: SmallExhibition
    secret_items: list[Item]
    secret_exhibitions: list[Exhibition]

    @property
    def secrets(self) -> list[str]:
        """Identifiers, titles and slugs that must never appear in the export."""
        words: list[str] = []
        for item in self.secret_items:
            words += [item.identifier, item.title]
            words += [m.uid.hex for m in item.media.all()]
        for exhibition in self.secret_exhibitions:
            words += [exhibition.slug, exhibition.title]
        return words


def build_site(tmp_path: Path) -> Site:
    small = _build(tmp_path)
    lang_son = small.letter.institution
    secret_items = [small.hidden]
    for status, word in [
        (Item.Status.DRAFT, "Nhap"),
        (Item.Status.IN_REVIEW, "ChoDuyet"),
        (Item.Status.WITHDRAWN, "DaRut"),
    ]:
        for n in range(2):
            item = b.item(
                lang_son,
                identifier=f"BIMAT-{word}-{n}",
                title=f"Tài liệu bí mật {word} số {n}",
                status=status,
            )
            secret_items.append(item)
    # A withdrawn item with real tiles in MEDIA_ROOT, placed in the public exhibition.
    withdrawn = b.with_pages(secret_items[-1], tmp_path)
    withdrawn.status = Item.Status.WITHDRAWN
    withdrawn.save()
    b.place(small.part2, withdrawn, position=5)
    secret_exhibitions = []
    for status in (Exhibition.Status.DRAFT, Exhibition.Status.WITHDRAWN):
        exhibition = b.exhibition(
            slug=f"bimat-{status}", title=f"Triển lãm chưa công bố {status}", status=status
        )
        part = b.part(exhibition, title=f"Phần bí mật {status}", slug="phan-bi-mat")
        b.place(part, small.letter)
        secret_exhibitions.append(exhibition)
    return Site(small, secret_items, secret_exhibitions)


@pytest.fixture
def site(db: None, django_capture_on_commit_callbacks, tmp_path: Path) -> Site:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return build_site(tmp_path)
