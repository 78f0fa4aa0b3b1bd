"""Production configuration: every bad or missing value stops the start, named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trienlam.lib.env import ConfigError
from trienlam.operations import config
from trienlam.operations.objectstore import LONG, SHORT, cache_control, object_parameters

GOOD = {
    "TRIENLAM_ENV": "production",
    "TRIENLAM_SECRET_KEY": "k" * 50,
    "TRIENLAM_ALLOWED_HOSTS": "trienlam.langson.gov.vn",
    "TRIENLAM_PUBLIC_BASE_URL": "https://trienlam.langson.gov.vn",
    "TRIENLAM_DATABASE_URL": "postgres://trienlam:secret@127.0.0.1:5432/trienlam",
}


def start(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess:
    """Import the settings and run Django's checks in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env["TRIENLAM_DATA_DIR"] = str(tmp_path / "data")
    env["DJANGO_SETTINGS_MODULE"] = "trienlam.settings"
    env.update(variables)
    code = "import django; django.setup(); from django.conf import settings; print('started')"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_production_starts_with_everything_set(tmp_path) -> None:
    done = start(tmp_path, **GOOD)
    assert done.returncode == 0, done.stderr
    assert "started" in done.stdout


def test_production_names_every_missing_value_at_once(tmp_path) -> None:
    done = start(tmp_path, TRIENLAM_ENV="production")
    assert done.returncode != 0
    for name in (
        "TRIENLAM_SECRET_KEY",
        "TRIENLAM_ALLOWED_HOSTS",
        "TRIENLAM_PUBLIC_BASE_URL",
        "TRIENLAM_DATABASE_URL",
    ):
        assert f"{name} is required in production" in done.stderr
    assert not (tmp_path / "data" / "secret_key").exists()  # nothing generated


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"TRIENLAM_DEBUG": "1"}, "TRIENLAM_DEBUG must be off in production"),
        ({"TRIENLAM_PUBLIC_BASE_URL": "trienlam.gov.vn"}, "is not an http(s):// address"),
        ({"TRIENLAM_PUBLIC_BASE_URL": "https://a.vn/site"}, "must be the site's root"),
        ({"TRIENLAM_ALLOWED_HOSTS": "*"}, "not '*'"),
        ({"TRIENLAM_ENV": "prod"}, "TRIENLAM_ENV='prod' is not one of"),
    ],
)
def test_production_problems(change: dict[str, str], message: str) -> None:
    env = {**GOOD, **change}
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        config.environment(env)
        config.check_production(env)


def test_development_needs_nothing() -> None:
    assert config.environment({}) == "development"
    assert config.production_problems(GOOD) == []


# --- e-mail --------------------------------------------------------------------------------


def test_email_defaults_to_the_console() -> None:
    out = config.email_settings("", "a@b.vn")
    assert out["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert out["DEFAULT_FROM_EMAIL"] == "a@b.vn"


def test_email_smtp_url() -> None:
    out = config.email_settings(
        "smtp://thu%40langson.gov.vn:m%C3%A2t%2Fkh%E1%BA%A9u@mail.gov.vn", "x"
    )
    assert out["EMAIL_HOST"] == "mail.gov.vn"
    assert out["EMAIL_PORT"] == 587
    assert out["EMAIL_HOST_USER"] == "thu@langson.gov.vn"
    assert out["EMAIL_HOST_PASSWORD"] == "mât/khẩu"
    assert out["EMAIL_USE_TLS"] is True and out["EMAIL_USE_SSL"] is False
    ssl = config.email_settings("smtps://mail.gov.vn?timeout=30", "x")
    assert ssl["EMAIL_PORT"] == 465 and ssl["EMAIL_USE_SSL"] is True and ssl["EMAIL_TIMEOUT"] == 30
    plain = config.email_settings("smtp+plain://relay:2525", "x")
    assert plain["EMAIL_PORT"] == 2525 and not plain["EMAIL_USE_TLS"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.gov.vn", "use smtp://"),
        ("smtp://", "has no host name"),
        ("smtp://mail.gov.vn:abc", "port that is not a number"),
        ("smtp://mail.gov.vn?timeout=soon", "timeout='soon'"),
    ],
)
def test_email_bad_urls(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match="TRIENLAM_EMAIL_URL"):
        config.email_settings(url, "x")
    with pytest.raises(ConfigError, match=message.replace("?", r"\?")):
        config.email_settings(url, "x")


def test_email_url_reaches_django_settings(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIENLAM_")}
    env.update(
        TRIENLAM_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="trienlam.settings",
        TRIENLAM_EMAIL_URL="smtps://u:p@mail.gov.vn",
        TRIENLAM_EMAIL_FROM="tl@gov.vn",
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.DEFAULT_FROM_EMAIL)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.gov.vn",
        "465",
        "tl@gov.vn",
    ], done.stderr


# --- object storage ------------------------------------------------------------------------

S3 = {
    "TRIENLAM_STORAGE": "s3",
    "TRIENLAM_S3_BUCKET": "trienlam-export",
    "TRIENLAM_S3_ACCESS_KEY": "AK",
    "TRIENLAM_S3_SECRET_KEY": "SK",
    "TRIENLAM_S3_ENDPOINT_URL": "https://s3.hcm.example.vn",
    "TRIENLAM_S3_CUSTOM_DOMAIN": "cdn.trienlam.example.gov.vn",
}


def test_local_storage_adds_nothing() -> None:
    assert config.storages({}) == {}
    assert config.storages({"TRIENLAM_STORAGE": "local"}) == {}


def test_s3_storage_options() -> None:
    export = config.storages(S3)["export"]
    assert export["BACKEND"] == "trienlam.operations.objectstore.ExportStorage"
    options = export["OPTIONS"]
    assert options["bucket_name"] == "trienlam-export"
    assert options["endpoint_url"] == "https://s3.hcm.example.vn"
    assert options["custom_domain"] == "cdn.trienlam.example.gov.vn"
    assert options["querystring_auth"] is False


def test_s3_storage_is_built_by_django_storages_without_network(settings) -> None:
    from django.core.files.storage import storages

    settings.STORAGES = {**settings.STORAGES, **config.storages(S3)}
    store = storages["export"]
    assert store.bucket_name == "trienlam-export"
    # a CDN address, no signature in it
    assert store.url("index.html") == "https://cdn.trienlam.example.gov.vn/index.html"
    params = store.get_object_parameters("trien-lam/x/index.html")
    assert params["CacheControl"] == SHORT
    assert params["ContentType"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"TRIENLAM_STORAGE": "ftp"}, "TRIENLAM_STORAGE='ftp' is not one of"),
        ({"TRIENLAM_S3_BUCKET": ""}, "TRIENLAM_STORAGE=s3 needs TRIENLAM_S3_BUCKET"),
        ({"TRIENLAM_S3_ENDPOINT_URL": "s3.hcm.vn"}, "TRIENLAM_S3_ENDPOINT_URL='s3.hcm.vn'"),
        ({"TRIENLAM_S3_CUSTOM_DOMAIN": "https://cdn.vn/x"}, "TRIENLAM_S3_CUSTOM_DOMAIN="),
    ],
)
def test_s3_storage_errors(change: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config.storages({**S3, **change})


def test_object_headers_follow_the_nginx_rules() -> None:
    assert cache_control("index.html") == SHORT
    assert cache_control("media/iiif/ab/0,0,512,512/512,/0/default.jpg") == (
        "public, max-age=2592000"
    )
    assert cache_control("media/iiif/ab/info.json") == "public, max-age=3600"
    assert cache_control("static/trienlam/site.0123456789ab.css") == LONG
    assert cache_control("static/trienlam/site.css") == "public, max-age=86400"
    assert cache_control("pagefind/index/en_abc.pf_index") == LONG
    assert cache_control("sitemap.xml") == SHORT
    gz = object_parameters("trien-lam/x/index.html.gz")
    assert gz["ContentEncoding"] == "gzip" and gz["ContentType"].startswith("text/html")


def test_upload_plan_uploads_changes_only_pages_last(tmp_path) -> None:
    from trienlam.operations.objectstore import upload_plan

    (tmp_path / "media/iiif/ab").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "media/iiif/ab/tile.jpg").write_bytes(b"jpg")
    (tmp_path / "a.html").write_text("a")
    first = upload_plan(tmp_path, {})
    assert first.upload == ["media/iiif/ab/tile.jpg", "a.html", "index.html"]  # pages last
    (tmp_path / "a.html").write_text("changed")
    second = upload_plan(tmp_path, first.checksums)
    assert second.upload == ["a.html"] and second.unchanged == 2


# --- cache ---------------------------------------------------------------------------------


def test_cache_urls(tmp_path) -> None:
    assert config.cache_settings("", tmp_path)["default"]["BACKEND"].endswith("LocMemCache")
    files = config.cache_settings("file:///var/cache/trienlam", tmp_path)["default"]
    assert files["BACKEND"].endswith("FileBasedCache")
    assert files["LOCATION"] == "/var/cache/trienlam"
    assert config.cache_settings("off://", tmp_path)["default"]["BACKEND"].endswith("DummyCache")
    with pytest.raises(ConfigError, match="TRIENLAM_CACHE_URL='redis://x'"):
        config.cache_settings("redis://x", tmp_path)


def test_upload_export_needs_object_storage_and_an_export(settings, tmp_path) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="TRIENLAM_STORAGE=s3"):
        call_command("upload_export", str(tmp_path))
    settings.STORAGES = {**settings.STORAGES, **config.storages(S3)}
    with pytest.raises(CommandError, match="is not a static export"):
        call_command("upload_export", str(tmp_path))
