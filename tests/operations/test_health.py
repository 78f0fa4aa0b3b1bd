"""The health endpoint: 200 when everything works, 503 naming the failing check."""

from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trienlam.catalogue.models import Media


def get(client: Client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("health"))
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_healthy_installation_answers_200_without_secrets(settings) -> None:
    response, body = get(Client())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "media", "queue", "libvips"}
    assert all(check["ok"] for check in body["checks"].values())
    text = response.content.decode()
    for secret in (settings.SECRET_KEY, str(settings.MEDIA_ROOT), str(settings.DATA_DIR)):
        assert secret not in text


@pytest.mark.django_db
def test_unwritable_media_folder_is_503(settings, tmp_path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere: point the media folder at something that is not a folder
        settings.MEDIA_ROOT = tmp_path / "a-file"
        settings.MEDIA_ROOT.write_text("x")
    else:
        settings.MEDIA_ROOT.chmod(0o500)
    response, body = get(Client())
    assert response.status_code == 503
    assert body["status"] == "fail"
    media = body["checks"]["media"]
    assert media["ok"] is False and media["error"] in {"NotADirectoryError", "PermissionError"}
    assert body["checks"]["database"]["ok"] is True
    assert str(settings.MEDIA_ROOT) not in response.content.decode()


def test_stuck_queue_is_503(personas, tmp_path) -> None:
    from tests import builders as b

    item = b.item(personas.archive_a)
    media = Media.objects.create(item=item, file="originals/x/y.jpg", mime_type="image/jpeg")
    response, body = get(Client())
    assert response.status_code == 200
    assert body["checks"]["queue"]["waiting"] == 1
    Media.objects.filter(pk=media.pk).update(created_at=timezone.now() - timedelta(hours=2))
    response, body = get(Client())
    assert response.status_code == 503
    queue = body["checks"]["queue"]
    assert queue["ok"] is False and queue["oldest_seconds"] >= 7200


@pytest.mark.django_db
def test_a_failing_check_is_reported_by_kind_only(monkeypatch) -> None:
    from trienlam.operations import health

    def broken() -> dict:
        from django.db import OperationalError

        raise OperationalError("could not connect to server at db.internal (password=x)")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response, body = get(Client())
    assert response.status_code == 503
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert "db.internal" not in response.content.decode()
