"""Fixtures shared by the whole test suite.

Every test gets its own data and media folders, so nothing is ever written into ./var.
Persona fixtures (visitor, curator, editor, ...) go in the section at the end.
"""

from __future__ import annotations

import pytest

# One definition of the browser fixtures for every directory (see tests/browser_fixtures.py).
from tests.browser_fixtures import (  # noqa: F401
    artifacts_dir,
    browser,
    desktop_page,
    make_page,
    page,
    pytest_runtest_makereport,
)


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = f" at {db['HOST']}:{db['PORT']}" if db.get("HOST") else ""
    return f"database: {db['ENGINE']}{where}"


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    """Point DATA_DIR and MEDIA_ROOT at a per-test temporary folder.

    Static files use Django's plain storage: the manifest storage of production needs
    `collectstatic` to have run, which tests do not do.
    """
    data_dir = tmp_path / "data"
    media_root = data_dir / "media"
    media_root.mkdir(parents=True)
    settings.DATA_DIR = data_dir
    settings.MEDIA_ROOT = media_root
    # The server-side page cache is off unless a test turns it on (tests/operations): many
    # tests change rows with queryset.update(), which sends no signal to invalidate it.
    settings.TRIENLAM_PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return data_dir


# --- Personas -------------------------------------------------------------------------------
# Add fixtures for the people in DESIGN.md here (visitor, curator, editor, promoting agency,
# organiser, operator), built with tests/builders.py.


@pytest.fixture
def personas(db):  # type: ignore[no-untyped-def]
    """The people of DESIGN.md in the admin: a curator at each of two provincial archives,
    an exhibition editor, an administrator, each with a signed-in client; and anonymous."""
    from types import SimpleNamespace

    from django.contrib.auth.models import User
    from django.test import Client

    from tests import builders as b
    from trienlam.catalogue.models import Membership

    archive_a = b.institution(slug="ttlt-lang-son")
    archive_b = b.institution(
        "Trung tâm Lưu trữ lịch sử tỉnh Cao Bằng",
        short_name="TTLTLS Cao Bằng",
        slug="ttlt-cao-bang",
        province=b.province("Cao Bằng", "cao-bang"),
    )

    def person(username: str, **flags: bool) -> tuple[User, Client]:
        user = User.objects.create_user(username, f"{username}@trienlam.example", "mat-khau-dai-1")
        user.is_staff = True
        for flag, value in flags.items():
            setattr(user, flag, value)
        user.save()
        client = Client()
        client.force_login(user)
        return user, client

    curator_a, curator_a_client = person("canbo-langson")
    Membership.objects.create(user=curator_a, institution=archive_a, role="curator")
    curator_b, curator_b_client = person("canbo-caobang")
    Membership.objects.create(user=curator_b, institution=archive_b, role="curator")
    editor, editor_client = person("bientap")
    Membership.objects.create(user=editor, role="editor")
    administrator, administrator_client = person("quantri", is_superuser=True)
    return SimpleNamespace(
        archive_a=archive_a,
        archive_b=archive_b,
        curator_a=curator_a_client,
        curator_b=curator_b_client,
        editor=editor_client,
        administrator=administrator_client,
        anonymous=Client(),
        users=SimpleNamespace(curator_a=curator_a, curator_b=curator_b, editor=editor,
                              administrator=administrator),
    )
