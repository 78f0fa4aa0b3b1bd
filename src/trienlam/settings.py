"""Trienlam settings: one file, driven by environment variables.

Every variable is documented in docs/configuration.md. Bad values stop the
process at start with a message naming the variable.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy

from trienlam.lib.env import ConfigError, env_bool, env_int, env_list, env_str
from trienlam.operations import config as operations_config
from trienlam.stats import config as stats_config

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TRIENLAM_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("TRIENLAM_DEBUG", False)
# TRIENLAM_ENV=production: the secret key, hosts, public address and database must be set,
# or nothing starts (docs/deployment.md); every missing value is named at once.
TRIENLAM_ENV = operations_config.environment(os.environ)
if TRIENLAM_ENV == "production":
    operations_config.check_production(os.environ)


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
# The site's public address ("https://trienlam.example.gov.vn"), for absolute links in
# banners, QR codes, share previews, sitemaps and the static export. Empty: taken from
# each request (embedded mode).
PUBLIC_BASE_URL = env_str("TRIENLAM_PUBLIC_BASE_URL", "").rstrip("/")
# Where `trienlam publish` and the admin's "Publish the static site" write the export
# (a link swapped atomically to each new version; docs/configuration.md, "Static export").
TRIENLAM_EXPORT_DIR = Path(env_str("TRIENLAM_EXPORT_DIR", str(DATA_DIR / "export"))).resolve()
# Visit statistics (docs/configuration.md): the live site the static export's pages count
# against ("" = no counting in the export), and the most views one client may add per 10 s.
TRIENLAM_COUNTER_URL = stats_config.counter_url(env_str("TRIENLAM_COUNTER_URL", ""))
TRIENLAM_COUNTER_FLOOD_LIMIT = stats_config.flood_limit(
    env_int("TRIENLAM_COUNTER_FLOOD_LIMIT", 10)
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "trienlam.axes_app.AxesConfig",  # django-axes, with a Vietnamese section name
    "trienlam.catalogue",
    "trienlam.exhibitions",
    "trienlam.iiif",
    "trienlam.search",
    "trienlam.browse",
    "trienlam.outreach",
    "trienlam.stats",
    "trienlam.publishing",
    "trienlam.operations",
    "trienlam.demo",
]

MIDDLEWARE = [
    # Outermost: one log line per request (id, path, status, duration), then the page cache
    # for anonymous visitors, which stores finished responses (all headers included).
    "trienlam.operations.middleware.RequestLogMiddleware",
    "trienlam.operations.middleware.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files need no CSP; every page, error page and redirect gets it.
    "trienlam.lib.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trienlam.urls"
WSGI_APPLICATION = "trienlam.wsgi.application"

TEMPLATES = [
    # The public pages (and the static export): Jinja2, in jinja2/ and <app>/jinja2/
    # (lib/jinja.py). The admin and editors' pages: the Django template language, in
    # templates/. No template name is in both.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "trienlam.lib.jinja.environment",
            "context_processors": [
                "trienlam.exhibitions.context_processors.site_profile",
                "trienlam.exhibitions.context_processors.static_export",
            ],
        },
    },
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
                "trienlam.exhibitions.context_processors.static_export",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("TRIENLAM_DATABASE_URL", f"sqlite:///{DATA_DIR / 'trienlam.sqlite3'}")
    try:
        # Connections are reused for a minute (checked before reuse): opening one per request
        # made the visit counter 2× (SQLite) to 5× (PostgreSQL) slower (bench/counting.py).
        config = dj_database_url.parse(
            url,
            conn_max_age=env_int("TRIENLAM_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
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
# TRIENLAM_STORAGE=s3 adds the "export" storage (the static export on object storage);
# originals and derivatives stay on local disk (docs/deployment.md explains why).
STORAGES.update(operations_config.storages(os.environ))
WHITENOISE_USE_FINDERS = DEBUG

# Cache of finished public pages for anonymous visitors (trienlam/operations/pagecache.py),
# dropped whenever content changes; browsers and CDNs may keep a page TRIENLAM_PAGE_MAX_AGE s.
CACHES = operations_config.cache_settings(env_str("TRIENLAM_CACHE_URL"), DATA_DIR)
TRIENLAM_PAGE_CACHE_SECONDS = env_int("TRIENLAM_PAGE_CACHE_SECONDS", 600)
TRIENLAM_PAGE_MAX_AGE = env_int("TRIENLAM_PAGE_MAX_AGE", 60)
# Data every public page shares (site profile, reading orders...) kept per content version
# in each process (trienlam/operations/memo.py); 0 computes it for every request.
TRIENLAM_CONTENT_MEMO = env_bool("TRIENLAM_CONTENT_MEMO", True)
# Processes rendering the static export's pages (`trienlam publish`); 0: one per usable core.
TRIENLAM_EXPORT_WORKERS = env_int("TRIENLAM_EXPORT_WORKERS", 0)
# The worker's queue is "stuck" for the health check when its oldest waiting file is older.
TRIENLAM_HEALTH_QUEUE_MINUTES = env_int("TRIENLAM_HEALTH_QUEUE_MINUTES", 30)

# E-mail (password resets, notices): TRIENLAM_EMAIL_URL, e.g. smtp://user:pass@host:587.
globals().update(
    operations_config.email_settings(
        env_str("TRIENLAM_EMAIL_URL"), env_str("TRIENLAM_EMAIL_FROM", "trienlam@localhost")
    )
)

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
TRIENLAM_MAX_UPLOAD_BYTES = env_int("TRIENLAM_MAX_UPLOAD_MB", 500) * 1024 * 1024
TRIENLAM_MAX_IMAGE_PIXELS = env_int("TRIENLAM_MAX_IMAGE_MEGAPIXELS", 300) * 1_000_000
TRIENLAM_MAX_MEDIA_SECONDS = env_int("TRIENLAM_MAX_MEDIA_MINUTES", 360) * 60
# One multi-page TIFF or PDF: each page is a media row (and a field group of the item's admin
# form, whose DATA_UPLOAD_MAX_NUMBER_FIELDS above ~1,100 pages would exceed) and a tile set.
TRIENLAM_MAX_PAGES_PER_FILE = env_int("TRIENLAM_MAX_PAGES_PER_FILE", 500)
TRIENLAM_MAX_FILE_PIXELS = env_int("TRIENLAM_MAX_FILE_MEGAPIXELS", 3000) * 1_000_000

# --- Security (docs/configuration.md, "Security settings an operator must set") ----------------


def _non_negative(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 0:
        raise ConfigError(f"{name}={value} must be 0 or more")
    return value


def _positive(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ConfigError(f"{name}={value} must be 1 or more")
    return value


# How many reverse proxies (nginx, a load balancer) stand in front of the application and
# append to X-Forwarded-For. 0: the connection's address is the client's, and forwarded
# headers (X-Forwarded-For, X-Forwarded-Proto) are ignored because any client can forge them.
TRIENLAM_TRUSTED_PROXY_COUNT = _non_negative("TRIENLAM_TRUSTED_PROXY_COUNT", 0)
# The site is served over HTTPS: redirect plain HTTP, secure cookies, HSTS.
TRIENLAM_HTTPS = env_bool("TRIENLAM_HTTPS", False)

SESSION_COOKIE_SECURE = env_bool("TRIENLAM_SECURE_COOKIES", TRIENLAM_HTTPS)
if TRIENLAM_HTTPS and not SESSION_COOKIE_SECURE:
    raise ConfigError(
        "TRIENLAM_SECURE_COOKIES=0 contradicts TRIENLAM_HTTPS=1: over HTTPS the session and "
        "CSRF cookies must be sent over HTTPS only (unset TRIENLAM_SECURE_COOKIES)"
    )
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie (forms carry the token), so keep it from scripts
# everywhere, in development too, so that nothing comes to depend on reading it.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

SECURE_SSL_REDIRECT = TRIENLAM_HTTPS
if TRIENLAM_HTTPS and TRIENLAM_TRUSTED_PROXY_COUNT > 0:
    # TLS ends at the proxy; it tells us the original scheme. The proxy must set (not
    # append to) X-Forwarded-Proto, or every request looks like plain HTTP and redirects loop.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = _non_negative("TRIENLAM_HSTS_SECONDS", 0)
if SECURE_HSTS_SECONDS and not TRIENLAM_HTTPS:
    raise ConfigError("TRIENLAM_HSTS_SECONDS needs TRIENLAM_HTTPS=1")
# Other sites under the same parent domain (e.g. *.langson.gov.vn) are not ours to force.
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False

# Clickjacking: no page may be framed (the CSP's frame-ancestors says the same on public
# pages; lib/security.py also sends the CSP and a Permissions-Policy).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Login throttling (django-axes): after TRIENLAM_LOGIN_FAILURE_LIMIT failed sign-ins, the
# same username from the same address is refused for TRIENLAM_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out attempt is refused before any password is checked.
    "trienlam.lib.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
TRIENLAM_LOGIN_FAILURE_LIMIT = _positive("TRIENLAM_LOGIN_FAILURE_LIMIT", 5)
TRIENLAM_LOGIN_COOLOFF_MINUTES = _positive("TRIENLAM_LOGIN_COOLOFF_MINUTES", 30)
AXES_FAILURE_LIMIT = TRIENLAM_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=TRIENLAM_LOGIN_COOLOFF_MINUTES)
# Lock the combination of username and address, not either alone. By username alone,
# anyone anywhere could lock every curator out by typing wrong passwords for their (often
# guessable) usernames; by address alone, one bad actor behind a shared address (a
# provincial office's NAT, a mobile carrier) would lock out everybody behind it. The
# combination still limits each attacker to FAILURE_LIMIT guesses per username per cool-off.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout are refused unchecked and do not extend it, so the lockout
# page's "N minutes" is true; guesses per cool-off stay capped either way.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "trienlam.lib.security.client_ip"
AXES_LOCKOUT_CALLABLE = "trienlam.lib.security.lockout_response"
AXES_COOLOFF_MESSAGE = gettext_lazy("Sign-in is temporarily locked after too many failed attempts.")
AXES_PERMALOCK_MESSAGE = AXES_COOLOFF_MESSAGE
# Privacy: keep only what the lockout needs. Failed attempts (username, address, browser
# name) are deleted once their cool-off is over; no log of successful sign-ins and no
# permanent failure log is kept (docs/configuration.md).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_VERBOSE = False  # no start-up banner on every command

TRIENLAM_LOG_FORMAT = env_str("TRIENLAM_LOG_FORMAT", "text").strip().lower() or "text"
if TRIENLAM_LOG_FORMAT not in {"text", "json"}:
    raise ConfigError(f"TRIENLAM_LOG_FORMAT={TRIENLAM_LOG_FORMAT!r} is not one of: text, json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # To standard error (standard output stays clean for commands such as dumpdata);
    # TRIENLAM_LOG_FORMAT=json writes one JSON object per line.
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "trienlam.operations.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": TRIENLAM_LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("TRIENLAM_LOG_LEVEL", "INFO")},
    # libvips reports every operation at INFO; django-axes every login step (failures and
    # lockouts come as warnings, with username and address masked).
    "loggers": {"pyvips": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
