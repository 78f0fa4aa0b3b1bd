"""Production configuration read from the environment (called by settings.py).

Pure functions over an environment mapping, so each rule is tested without restarting Django:
the production checks, the e-mail URL, object storage and the page cache. Every error names
the variable and what is wrong (docs/deployment.md lists them all).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from trienlam.lib.env import ConfigError

ENVIRONMENTS = ("development", "production")


def environment(env: Mapping[str, str]) -> str:
    value = env.get("TRIENLAM_ENV", "").strip().lower() or "development"
    if value not in ENVIRONMENTS:
        raise ConfigError(
            f"TRIENLAM_ENV={env.get('TRIENLAM_ENV')!r} is not one of: {', '.join(ENVIRONMENTS)}"
        )
    return value


def production_problems(env: Mapping[str, str]) -> list[str]:
    """What stops a production start: every missing or unsafe value, one line each."""
    problems = []
    for name, why in [
        ("TRIENLAM_SECRET_KEY", "a random value of 50 characters or more"),
        ("TRIENLAM_ALLOWED_HOSTS", "the public host names, e.g. trienlam.langson.gov.vn"),
        ("TRIENLAM_PUBLIC_BASE_URL", "the site's address, e.g. https://trienlam.langson.gov.vn"),
        ("TRIENLAM_DATABASE_URL", "postgres://user:password@host:5432/trienlam"),
    ]:
        if not env.get(name, "").strip():
            problems.append(f"{name} is required in production ({why})")
    if env.get("TRIENLAM_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
        problems.append("TRIENLAM_DEBUG must be off in production")
    base = env.get("TRIENLAM_PUBLIC_BASE_URL", "").strip()
    if base:
        parts = urlsplit(base)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            problems.append(f"TRIENLAM_PUBLIC_BASE_URL={base!r} is not an http(s):// address")
        elif parts.path.strip("/") or parts.query:
            problems.append(
                f"TRIENLAM_PUBLIC_BASE_URL={base!r} must be the site's root (no path or query)"
            )
    hosts = [h.strip() for h in env.get("TRIENLAM_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if "*" in hosts:
        problems.append("TRIENLAM_ALLOWED_HOSTS must list host names, not '*', in production")
    return problems


def check_production(env: Mapping[str, str]) -> None:
    problems = production_problems(env)
    if problems:
        raise ConfigError("TRIENLAM_ENV=production cannot start:\n  - " + "\n  - ".join(problems))


# --- e-mail --------------------------------------------------------------------------------


def email_settings(url: str, sender: str) -> dict[str, object]:
    """Django e-mail settings from TRIENLAM_EMAIL_URL.

    smtp://user:password@host:587 (STARTTLS), smtps://...:465 (TLS from the start),
    smtp+plain://host:25 (no encryption, for a relay on the same network), console://
    (print to the log; the default when unset).
    """
    name = "TRIENLAM_EMAIL_URL"
    out: dict[str, object] = {"DEFAULT_FROM_EMAIL": sender, "SERVER_EMAIL": sender}
    if not url:
        out["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
        return out
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        out["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
        return out
    if scheme not in {"smtp", "smtps", "smtp+plain"}:
        raise ConfigError(
            f"{name} uses {scheme or 'no'} scheme; use smtp://, smtps://, smtp+plain:// "
            "or console://"
        )
    if not parts.hostname:
        raise ConfigError(f"{name} has no host name (e.g. smtp://user:pass@mail.example:587)")
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"{name} has a port that is not a number") from exc
    query = parse_qs(parts.query)
    timeout = query.get("timeout", ["10"])[0]
    if not timeout.isdigit():
        raise ConfigError(f"{name}: timeout={timeout!r} is not a whole number of seconds")
    out.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or {"smtp": 587, "smtps": 465, "smtp+plain": 25}[scheme],
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=scheme == "smtp",
        EMAIL_USE_SSL=scheme == "smtps",
        EMAIL_TIMEOUT=int(timeout),
    )
    return out


# --- object storage ------------------------------------------------------------------------

EXPORT_STORAGE = "trienlam.operations.objectstore.ExportStorage"


def storages(env: Mapping[str, str]) -> dict[str, dict[str, object]]:
    """Extra STORAGES entries from TRIENLAM_STORAGE.

    Originals and their derivatives always live on a local disk or volume
    (TRIENLAM_MEDIA_ROOT): libvips tiles from a file path, `trienlam verify` re-reads every
    original, and the live site gates every media file by the item's state. Object storage
    takes what is public by construction: the static export (`trienlam upload_export`).
    """
    kind = env.get("TRIENLAM_STORAGE", "").strip().lower() or "local"
    if kind == "local":
        return {}
    if kind != "s3":
        raise ConfigError(f"TRIENLAM_STORAGE={kind!r} is not one of: local, s3")
    missing = [
        name
        for name in ("TRIENLAM_S3_BUCKET", "TRIENLAM_S3_ACCESS_KEY", "TRIENLAM_S3_SECRET_KEY")
        if not env.get(name, "").strip()
    ]
    if missing:
        raise ConfigError("TRIENLAM_STORAGE=s3 needs " + ", ".join(missing))
    endpoint = env.get("TRIENLAM_S3_ENDPOINT_URL", "").strip()
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ConfigError(f"TRIENLAM_S3_ENDPOINT_URL={endpoint!r} is not an http(s):// address")
    custom_domain = env.get("TRIENLAM_S3_CUSTOM_DOMAIN", "").strip()
    if "/" in custom_domain.split("//", 1)[-1] or custom_domain.startswith("http"):
        raise ConfigError(
            f"TRIENLAM_S3_CUSTOM_DOMAIN={custom_domain!r} must be a bare host name "
            "(e.g. cdn.trienlam.example.gov.vn)"
        )
    options: dict[str, object] = {
        "bucket_name": env["TRIENLAM_S3_BUCKET"].strip(),
        "access_key": env["TRIENLAM_S3_ACCESS_KEY"].strip(),
        "secret_key": env["TRIENLAM_S3_SECRET_KEY"].strip(),
        "location": env.get("TRIENLAM_S3_PREFIX", "").strip().strip("/"),
        # Public, stable URLs for a CDN; no signed query strings.
        "querystring_auth": False,
        "file_overwrite": True,
        "default_acl": None,
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if env.get("TRIENLAM_S3_REGION", "").strip():
        options["region_name"] = env["TRIENLAM_S3_REGION"].strip()
    if custom_domain:
        options["custom_domain"] = custom_domain
    return {"export": {"BACKEND": EXPORT_STORAGE, "OPTIONS": options}}


# --- cache ---------------------------------------------------------------------------------


def cache_settings(url: str, data_dir: Path) -> dict[str, dict[str, object]]:
    """Django CACHES from TRIENLAM_CACHE_URL: locmem:// (default), file:///path, off://."""
    name = "TRIENLAM_CACHE_URL"
    parts = urlsplit(url or "locmem://")
    scheme = parts.scheme.lower()
    if scheme == "locmem":
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "trienlam",
                "OPTIONS": {"MAX_ENTRIES": 2000},
            }
        }
    if scheme == "file":
        location = unquote(parts.path) or str(data_dir / "cache")
        if not location.startswith("/"):
            raise ConfigError(f"{name}={url!r}: give an absolute path (file:///var/cache/x)")
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": location,
                "OPTIONS": {"MAX_ENTRIES": 20000},
            }
        }
    if scheme in {"off", "dummy"}:
        return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    raise ConfigError(f"{name}={url!r}: use locmem://, file:///path or off://")
