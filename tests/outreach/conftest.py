from __future__ import annotations

from pathlib import Path

import pytest

from tests.exhibitions.conftest import SmallExhibition, _build
from trienlam.outreach.models import Agency, AgencyGroup


@pytest.fixture
def small(db: None, django_capture_on_commit_callbacks, tmp_path: Path) -> SmallExhibition:  # type: ignore[no-untyped-def]
    """The exhibitions' small exhibition (two parts, real scans), with its cover set to the
    first page of its first document."""
    with django_capture_on_commit_callbacks(execute=True):
        built = _build(tmp_path)
    built.exhibition.cover = built.letter.media.order_by("position").first()
    built.exhibition.save()
    return built


@pytest.fixture
def agency(db: None) -> Agency:
    # get_or_create: a transactional test (browser) starts from an emptied database.
    group = AgencyGroup.objects.get_or_create(name="Sở, ban, ngành")[0]
    from tests import builders as b

    return Agency.objects.create(
        name="Sở Văn hóa, Thể thao và Du lịch (minh họa)",
        group=group,
        province=b.province(),
        website="https://svhttdl.example.gov.vn",
        code="svhttdl-ls",
    )


@pytest.fixture(scope="session")
def artifacts_dir_outreach() -> Path:
    path = Path(__file__).resolve().parents[2] / "test-artifacts" / "outreach"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def staff(db: None):  # type: ignore[no-untyped-def]
    """An editor and a curator with signed-in clients (usable beside `small`)."""
    from types import SimpleNamespace

    from django.contrib.auth.models import User
    from django.test import Client

    from tests import builders as b
    from trienlam.catalogue.models import Membership

    def person(username: str, role: str, institution=None) -> Client:  # type: ignore[no-untyped-def]
        user = User.objects.create_user(
            username, f"{username}@trienlam.example", "mat-khau-dai-1", is_staff=True
        )
        Membership.objects.create(user=user, role=role, institution=institution)
        client = Client()
        client.force_login(user)
        return client

    archive = b.institution(
        "Trung tâm Lưu trữ lịch sử tỉnh Điện Biên", short_name="TTLTLS ĐB", slug="ttlt-dien-bien"
    )
    return SimpleNamespace(
        editor=person("bientap-kit", "editor"), curator=person("canbo-kit", "curator", archive)
    )
