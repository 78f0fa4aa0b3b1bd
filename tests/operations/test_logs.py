"""Structured request logs: JSON lines with id, path, status, duration; nothing personal."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from trienlam.operations.logs import JsonFormatter


@pytest.mark.django_db
def test_one_json_line_per_request_without_personal_data(caplog) -> None:
    caplog.set_level(logging.INFO, logger="trienlam.request")
    response = Client().get(
        "/tim-khong-co/?q=Nguy%E1%BB%85n+V%C4%83n+A",
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="SecretBrowser/1.0",
        HTTP_X_REQUEST_ID="req-abcdef123",
    )
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-abcdef123"
    records = [r for r in caplog.records if r.name == "trienlam.request"]
    assert len(records) == 1
    line = JsonFormatter().format(records[0])
    entry = json.loads(line)
    assert entry["request_id"] == "req-abcdef123"
    assert entry["method"] == "GET"
    assert entry["path"] == "/tim-khong-co/"
    assert entry["status"] == 404
    assert entry["duration_ms"] >= 0
    assert entry["level"] == "INFO" and entry["time"].endswith("+00:00")
    for personal in ("203.0.113.7", "SecretBrowser", "Nguy", "q="):
        assert personal not in line


@pytest.mark.django_db
def test_a_malformed_request_id_is_replaced(caplog) -> None:
    caplog.set_level(logging.INFO, logger="trienlam.request")
    response = Client().get("/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_extra_fields_outside_the_allow_list_are_dropped() -> None:
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
    record.ip = "198.51.100.1"
    record.path = "/a/"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "hello world"
    assert entry["path"] == "/a/"
    assert "ip" not in entry


def test_json_format_is_configured_from_the_environment(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "TRIENLAM_DATA_DIR": str(tmp_path), "TRIENLAM_LOG_FORMAT": "json"}
    env["DJANGO_SETTINGS_MODULE"] = "trienlam.settings"
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('trienlam.x').warning('ready %s', 1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("{")][-1]
    assert json.loads(line)["message"] == "ready 1"
    env["TRIENLAM_LOG_FORMAT"] = "yaml"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "TRIENLAM_LOG_FORMAT='yaml'" in done.stderr
