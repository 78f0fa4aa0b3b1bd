"""TRIENLAM_COUNTER_URL and TRIENLAM_COUNTER_FLOOD_LIMIT: checked when the settings load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from trienlam.lib.env import ConfigError
from trienlam.stats import config


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("", ""),
        ("  ", ""),
        ("https://trienlam.langson.gov.vn", "https://trienlam.langson.gov.vn"),
        ("https://trienlam.langson.gov.vn/", "https://trienlam.langson.gov.vn"),
        ("http://10.0.0.5:8000", "http://10.0.0.5:8000"),
        ("https://langson.gov.vn/trien-lam", "https://langson.gov.vn/trien-lam"),
    ],
)
def test_counter_url_accepted(raw: str, value: str) -> None:
    assert config.counter_url(raw) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("trienlam.langson.gov.vn", "must be an absolute http:// or https:// address"),
        ("ftp://trienlam.langson.gov.vn", "must be an absolute http:// or https:// address"),
        ("javascript:alert(1)", "must be an absolute http:// or https:// address"),
        ("https://", "must be an absolute http:// or https:// address"),
        ("https://a.vn/?x=1", "without a query, fragment or user name"),
        ("https://user:pw@a.vn", "without a query, fragment or user name"),
    ],
)
def test_counter_url_refused(raw: str, message: str) -> None:
    with pytest.raises(ConfigError, match="TRIENLAM_COUNTER_URL") as caught:
        config.counter_url(raw)
    assert message in str(caught.value)


def test_flood_limit() -> None:
    assert config.flood_limit(0) == 0 and config.flood_limit(25) == 25
    with pytest.raises(ConfigError, match="TRIENLAM_COUNTER_FLOOD_LIMIT=-1 must be 0"):
        config.flood_limit(-1)


def test_a_bad_value_stops_the_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "TRIENLAM_DATA_DIR": str(tmp_path), "TRIENLAM_COUNTER_URL": "live.vn"}
    result = subprocess.run(
        [sys.executable, "-c", "import trienlam.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "TRIENLAM_COUNTER_URL='live.vn' must be an absolute" in result.stderr
