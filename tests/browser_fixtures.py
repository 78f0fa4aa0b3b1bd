"""Headless Chromium for end-to-end tests, driven by Playwright's sync API.

Uses Debian's /usr/bin/chromium (no browser download). tests/conftest.py makes these
fixtures available to every test directory, defined once: a module that imported them again
would get its own session-wide Playwright, and two cannot run in one process. Fixtures:

- `browser`: one Chromium for the session;
- `page`: a fresh phone-sized page (390x844, touch, vi-VN) per test; `desktop_page`: 1366x900;
  `make_page(kind)`: more pages in one test ("mobile" or "desktop");
- `artifacts_dir`: test-artifacts/ at the repo root, for screenshots. A failing test's pages
  are saved there automatically.

Serve the site under test with pytest-django's `live_server` fixture.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the main thread, which makes Django's
# async-unsafe guard refuse database access from the test itself.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

VIEWPORTS = {
    "mobile": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def chromium_path() -> str:
    path = os.environ.get("TRIENLAM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: install Debian's `chromium` (./run test does)")
    return path


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def make_page(browser, request, artifacts_dir):
    contexts = []

    def make(kind: str = "mobile"):
        context = browser.new_context(
            locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **VIEWPORTS[kind]
        )
        contexts.append((kind, context))
        return context.new_page()

    yield make

    report = getattr(request.node, "_report_call", None)
    failed = report is not None and report.failed
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    for index, (kind, context) in enumerate(contexts):
        if failed:
            for number, page in enumerate(context.pages):
                target = artifacts_dir / f"FAILED-{name}-{kind}-{index}-{number}.png"
                try:
                    page.screenshot(path=str(target), full_page=True)
                except Exception:  # noqa: S110 - a screenshot must not hide the failure
                    pass
        context.close()


@pytest.fixture
def page(make_page):
    """A fresh phone-sized page (390x844 CSS pixels, touch)."""
    return make_page("mobile")


@pytest.fixture
def desktop_page(make_page):
    """A fresh desktop-sized page (1366x900 CSS pixels)."""
    return make_page("desktop")
