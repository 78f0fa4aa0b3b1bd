"""Every test under tests/browser/ is marked `browser` (deselect with `-m "not browser"`).

The browser fixtures (`browser`, `page`, `desktop_page`, `make_page`, `artifacts_dir`) are in
tests/browser_fixtures.py, made available to all tests by tests/conftest.py. Serve the site
under test with pytest-django's `live_server` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
