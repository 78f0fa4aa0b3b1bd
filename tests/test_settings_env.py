"""Configuration from the environment: parsing helpers and start-up failures."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from trienlam.lib.env import ConfigError, env_bool, env_int, env_list, env_str

VAR = "TRIENLAM_TEST_VARIABLE"


@pytest.fixture(autouse=True)
def _clean_variable(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)


def test_str_default_and_value(monkeypatch):
    assert env_str(VAR, "fallback") == "fallback"
    monkeypatch.setenv(VAR, "Lạng Sơn")
    assert env_str(VAR, "fallback") == "Lạng Sơn"


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on", " On "])
def test_bool_true(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, False) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "no", "off"])
def test_bool_false(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, True) is False


@pytest.mark.parametrize("default", [True, False])
def test_bool_unset_or_empty_gives_default(monkeypatch, default):
    assert env_bool(VAR, default) is default
    monkeypatch.setenv(VAR, "")
    assert env_bool(VAR, default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "có"])
def test_bool_rejects_other_values_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ConfigError, match=VAR):
        env_bool(VAR, False)


def test_int(monkeypatch):
    assert env_int(VAR, 500) == 500
    monkeypatch.setenv(VAR, "")
    assert env_int(VAR, 500) == 500
    monkeypatch.setenv(VAR, "42")
    assert env_int(VAR, 500) == 42
    monkeypatch.setenv(VAR, "-3")
    assert env_int(VAR, 500) == -3


@pytest.mark.parametrize("raw", ["12MB", "1.5", "many"])
def test_int_rejects_non_integers_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ConfigError, match=VAR) as excinfo:
        env_int(VAR, 1)
    assert raw in str(excinfo.value)


def test_list(monkeypatch):
    assert env_list(VAR, ["localhost"]) == ["localhost"]
    monkeypatch.setenv(VAR, "   ")
    assert env_list(VAR, ["localhost"]) == ["localhost"]
    monkeypatch.setenv(VAR, "trienlam.example, www.trienlam.example,,")
    assert env_list(VAR, []) == ["trienlam.example", "www.trienlam.example"]


def test_list_default_is_a_copy():
    default = ["a"]
    result = env_list(VAR, default)
    result.append("b")
    assert default == ["a"]


# --- settings import in a fresh interpreter --------------------------------------------------


def import_settings(tmp_path, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env["TRIENLAM_DATA_DIR"] = str(tmp_path / "data")
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-c", "import trienlam.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_settings_import_with_defaults(tmp_path):
    result = import_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    # Embedded mode keeps a generated secret key beside the database.
    assert (tmp_path / "data" / "secret_key").exists()


@pytest.mark.parametrize(
    "url",
    ["mysql://user:pass@localhost:3306/trienlam", "oracle://user:pass@localhost/trienlam"],
)
def test_unsupported_database_stops_start_up(tmp_path, url):
    result = import_settings(tmp_path, TRIENLAM_DATABASE_URL=url)
    assert result.returncode != 0
    assert "ConfigError" in result.stderr
    assert "TRIENLAM_DATABASE_URL" in result.stderr
    assert "SQLite and PostgreSQL" in result.stderr


def test_unparsable_database_url_stops_start_up(tmp_path):
    result = import_settings(tmp_path, TRIENLAM_DATABASE_URL="nosuchdb://x/y")
    assert result.returncode != 0
    assert "ConfigError" in result.stderr
    assert "TRIENLAM_DATABASE_URL" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRIENLAM_DEBUG", "maybe"),
        ("TRIENLAM_MAX_UPLOAD_MB", "lots"),
        ("TRIENLAM_SECRET_KEY", "too-short"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(tmp_path, name, value):
    result = import_settings(tmp_path, **{name: value})
    assert result.returncode != 0
    assert "ConfigError" in result.stderr
    assert name in result.stderr


def test_postgresql_url_is_accepted(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env.update(
        TRIENLAM_DATA_DIR=str(tmp_path / "data"),
        TRIENLAM_DATABASE_URL="postgres://user:pass@db.example:5432/trienlam",
        DJANGO_SETTINGS_MODULE="trienlam.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "trienlam"]
