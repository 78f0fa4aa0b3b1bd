"""Trienlam settings: one file, driven by environment variables.

Every variable is documented in docs/configuration.md. Bad values stop the
process at start with a message naming the variable.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from trienlam.lib.env import ConfigError, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TRIENLAM_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("TRIENLAM_DEBUG", False)


def _secret_key() -> str:
    key = env_str("TRIENLAM_SECRET_KEY")
    if key:
        if len(key) < 32:
            raise ConfigError("TRIENLAM_SECRET_KEY must be at least 32 characters long")
        return key
    # Embedded mode: keep a generated key beside the database so sessions survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("TRIENLAM_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("TRIENLAM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "trienlam.catalogue",
    "trienlam.exhibitions",
    "trienlam.iiif",
    "trienlam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "trienlam.urls"
WSGI_APPLICATION = "trienlam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trienlam.exhibitions.context_processors.site_profile",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("TRIENLAM_DATABASE_URL", f"sqlite:///{DATA_DIR / 'trienlam.sqlite3'}")
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("TRIENLAM_DB_CONN_MAX_AGE", 0))
    except ValueError as exc:
        raise ConfigError(f"TRIENLAM_DATABASE_URL is not a database URL: {exc}") from exc
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # WAL lets readers go on while the importer or the pipeline writes;
            # IMMEDIATE transactions avoid "database is locked" on lock upgrades.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    elif engine != "django.db.backends.postgresql":
        raise ConfigError(
            f"TRIENLAM_DATABASE_URL uses {engine}; Trienlam supports SQLite and PostgreSQL"
        )
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese for everyone, whatever the browser's language: many phones here are set to
# English, and a half-English page around Vietnamese documents helps nobody. The English
# catalogue (the msgids) stays available for an explicit language switch.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TRIENLAM_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS: list = [PACKAGE_DIR / "static"]
# The deep-zoom viewer comes from the npm registry (package.json), installed by ./run.
NODE_MODULES = Path(env_str("TRIENLAM_NODE_MODULES", str(PACKAGE_DIR.parents[1] / "node_modules")))
OPENSEADRAGON_DIR = NODE_MODULES / "openseadragon" / "build" / "openseadragon"
if OPENSEADRAGON_DIR.is_dir():
    STATICFILES_DIRS.append(("vendor/openseadragon", OPENSEADRAGON_DIR))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("TRIENLAM_MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
# The embedded server serves uploaded media itself; in production nginx or the
# object store does (docs/configuration.md).
SERVE_MEDIA = env_bool("TRIENLAM_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
TRIENLAM_MAX_UPLOAD_BYTES = env_int("TRIENLAM_MAX_UPLOAD_MB", 500) * 1024 * 1024
TRIENLAM_MAX_IMAGE_PIXELS = env_int("TRIENLAM_MAX_IMAGE_MEGAPIXELS", 300) * 1_000_000
TRIENLAM_MAX_MEDIA_SECONDS = env_int("TRIENLAM_MAX_MEDIA_MINUTES", 360) * 60

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("TRIENLAM_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TRIENLAM_LOG_LEVEL", "INFO")},
    # libvips reports every operation at INFO.
    "loggers": {"pyvips": {"level": "WARNING"}},
}
