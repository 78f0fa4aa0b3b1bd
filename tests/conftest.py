"""Fixtures shared by the whole test suite.

Every test gets its own data and media folders, so nothing is ever written into ./var.
Persona fixtures (visitor, curator, editor, ...) go in the section at the end.
"""

from __future__ import annotations

import pytest


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
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return data_dir


# --- Personas -------------------------------------------------------------------------------
# Add fixtures for the people in DESIGN.md here (visitor, curator, editor, promoting agency,
# organiser, operator), built with tests/builders.py.
