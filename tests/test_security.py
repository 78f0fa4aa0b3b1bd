"""Security of the admin and the public pages: login throttling (django-axes), password rules,
production cookie and HTTPS settings, Content-Security-Policy and related headers."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from tests import builders as b
from trienlam.lib.security import CONTENT_SECURITY_POLICY, client_ip

LOGIN = "/admin/login/"
PASSWORD = "mat-khau-dung-1945"
WRONG = "mat-khau-sai"
CURATOR_IP = "203.0.113.10"


@pytest.fixture
def curators(db):  # type: ignore[no-untyped-def]
    for name in ("canbo-langson", "canbo-caobang"):
        User.objects.create_user(name, f"{name}@trienlam.example", PASSWORD, is_staff=True)


def attempt(client: Client, username: str, password: str, ip: str = CURATOR_IP):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def signed_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response["Location"] == "/admin/"


def lockout_heading() -> str:
    from django.conf import settings

    with translation.override("vi"):
        return str(settings.AXES_COOLOFF_MESSAGE)


# --- login throttling ---------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(curators) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(4):
        response = attempt(client, "canbo-langson", WRONG)
        assert response.status_code == 200  # the form again, with its error
    fifth = attempt(client, "canbo-langson", WRONG)
    assert fifth.status_code == 429

    sixth = attempt(client, "canbo-langson", PASSWORD)
    assert sixth.status_code == 429
    assert "_auth_user_id" not in client.session
    text = html.unescape(sixth.content.decode())
    assert lockout_heading() in text
    assert "30" in text  # minutes of the cool-off
    assert sixth["Retry-After"] == str(30 * 60)
    # Not under the public CSP (admin path), but never framed either.
    assert sixth["X-Frame-Options"] == "DENY"


def test_a_lockout_is_for_that_username_from_that_address_only(curators) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(5):
        attempt(client, "canbo-langson", WRONG)
    assert attempt(client, "canbo-langson", PASSWORD).status_code == 429
    # Another curator in the same office (same address) still signs in ...
    assert signed_in(attempt(Client(), "canbo-caobang", PASSWORD))
    # ... and so does the locked curator from another address.
    assert signed_in(attempt(Client(), "canbo-langson", PASSWORD, ip="198.51.100.7"))


def test_the_lockout_ends_after_the_cool_off(curators, settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)
    client = Client()
    for _ in range(5):
        attempt(client, "canbo-langson", WRONG)
    assert attempt(client, "canbo-langson", PASSWORD).status_code == 429
    # Attempts during the lockout do not extend it: still five recorded failures.
    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == 5

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=29))
    assert attempt(client, "canbo-langson", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert signed_in(attempt(client, "canbo-langson", PASSWORD))
    # Expired records are deleted, not kept.
    assert not AccessAttempt.objects.exists()


def test_a_successful_sign_in_resets_the_count(curators) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        attempt(Client(), "canbo-langson", WRONG)
    assert signed_in(attempt(Client(), "canbo-langson", PASSWORD))
    assert not AccessAttempt.objects.exists()
    for _ in range(4):
        attempt(Client(), "canbo-langson", WRONG)
    assert signed_in(attempt(Client(), "canbo-langson", PASSWORD))


def test_an_administrator_can_lift_a_lockout(curators) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    for _ in range(5):
        attempt(Client(), "canbo-langson", WRONG)
    assert attempt(Client(), "canbo-langson", PASSWORD).status_code == 429
    call_command("axes_reset_username", "canbo-langson", verbosity=0)
    assert signed_in(attempt(Client(), "canbo-langson", PASSWORD))


def test_only_what_the_lockout_needs_is_stored(curators, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level("INFO"):
        attempt(Client(), "canbo-langson", WRONG)
    # The log says that a sign-in failed, without the username or the address.
    assert "login failure" in caplog.text
    assert CURATOR_IP not in caplog.text
    assert "canbo-langson" not in caplog.text
    assert signed_in(attempt(Client(), "canbo-caobang", PASSWORD))
    record = AccessAttempt.objects.get()
    assert (record.username, record.ip_address) == ("canbo-langson", CURATOR_IP)
    # Neither the password nor the username is copied into the stored form data.
    assert WRONG not in record.post_data
    assert "canbo-langson" not in record.post_data
    # No log of successful sign-ins, no permanent failure log.
    assert not AccessLog.objects.exists()
    assert not AccessFailureLog.objects.exists()


def test_signing_in_without_a_request_still_works(curators) -> None:  # type: ignore[no-untyped-def]
    """Shell, management commands and the test client authenticate without a request."""
    from django.contrib.auth import authenticate

    assert authenticate(username="canbo-langson", password=PASSWORD) is not None
    assert Client().login(username="canbo-langson", password=PASSWORD)


def test_the_failure_limit_and_cool_off_follow_the_settings(curators, settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 2
    settings.TRIENLAM_LOGIN_COOLOFF_MINUTES = 10
    settings.AXES_COOLOFF_TIME = timedelta(minutes=10)
    assert attempt(Client(), "canbo-langson", WRONG).status_code == 200
    locked = attempt(Client(), "canbo-langson", WRONG)
    assert locked.status_code == 429
    assert locked["Retry-After"] == "600"


# --- the client address behind reverse proxies --------------------------------------------


def _request(remote: str = "10.0.0.1", forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(LOGIN, **extra)


def test_forwarded_addresses_are_ignored_without_trusted_proxies(settings) -> None:
    settings.TRIENLAM_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("10.0.0.1", "203.0.113.5")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        # A client-written entry on the left is never believed.
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        # Fewer entries than proxies, missing or garbage: the connection's address.
        (2, "203.0.113.5", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, count, forwarded, expected) -> None:
    settings.TRIENLAM_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request("10.0.0.1", forwarded)) == expected


def test_the_lockout_follows_the_forwarded_address_behind_a_proxy(curators, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRIENLAM_TRUSTED_PROXY_COUNT = 1

    def via_proxy(client_address: str, password: str):  # type: ignore[no-untyped-def]
        return Client().post(
            LOGIN,
            {"username": "canbo-langson", "password": password, "next": "/admin/"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for _ in range(5):
        via_proxy("203.0.113.5", WRONG)
    assert via_proxy("203.0.113.5", PASSWORD).status_code == 429
    # Everybody reaches us from the proxy's 127.0.0.1, yet others are not locked out.
    assert signed_in(via_proxy("198.51.100.7", PASSWORD))
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


# --- passwords ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Ng4n-qua",  # too short (fewer than 10 characters)
        "password1234",  # common
        "qwertyuiop",  # common
        "19450902123456",  # numeric only
        "canbo-langson-1",  # too like the username
    ],
)
def test_weak_passwords_are_refused(db, password) -> None:  # type: ignore[no-untyped-def]
    user = User(username="canbo-langson", email="canbo-langson@trienlam.example")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_a_long_passphrase_is_accepted(db) -> None:  # type: ignore[no-untyped-def]
    user = User(username="canbo-langson")
    validate_password("mùa thu tháng Tám năm 1945", user=user)


# --- headers ------------------------------------------------------------------------------


def _directives(policy: str) -> dict[str, list[str]]:
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


def test_public_pages_get_a_strict_content_security_policy(client, db) -> None:  # type: ignore[no-untyped-def]
    b.site_profile()
    response = client.get(reverse("home"))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = _directives(policy)
    assert directives["script-src"] == ["'self'"]
    assert not any("unsafe" in value for values in directives.values() for value in values)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_error_pages_get_it_too(client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/trien-lam/khong-co/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_admin_keeps_djangos_own_headers(client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


TEMPLATE_ROOT = Path(__file__).resolve().parents[1] / "src" / "trienlam"
INLINE = [
    (
        re.compile(
            r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
        ),
        "inline <script>",
    ),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_public_templates_need_no_unsafe_inline() -> None:
    """The CSP refuses inline scripts and styles: public templates must not rely on them."""
    found = []
    for path in sorted(TEMPLATE_ROOT.rglob("templates/**/*.html")):
        if "admin" in path.relative_to(TEMPLATE_ROOT).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            found += [f"{path.relative_to(TEMPLATE_ROOT)}: {what}" for _ in pattern.finditer(text)]
    assert found == []


# --- settings from the environment (fresh interpreter) ------------------------------------

SHOW = """
import json
from django.conf import settings
names = [
    "DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER",
    "TRIENLAM_TRUSTED_PROXY_COUNT", "AXES_FAILURE_LIMIT", "AXES_LOCKOUT_PARAMETERS",
    "AXES_RESET_ON_SUCCESS", "AUTHENTICATION_BACKENDS", "MIDDLEWARE", "X_FRAME_OPTIONS",
    "AXES_ENABLE_ACCESS_FAILURE_LOG", "AXES_DISABLE_ACCESS_LOG",
]
values = {name: getattr(settings, name, None) for name in names}
values["AXES_COOLOFF_MINUTES"] = settings.AXES_COOLOFF_TIME.total_seconds() / 60
print(json.dumps(values))
"""


def run_settings(tmp_path, code: str = SHOW, **variables: str) -> subprocess.CompletedProcess:
    # Not DJANGO_ALLOW_ASYNC_UNSAFE either: the browser tests set it for their own process.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TRIENLAM_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(TRIENLAM_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="trienlam.settings")
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def show(tmp_path, **variables: str) -> dict:
    result = run_settings(tmp_path, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_suit_the_embedded_setup(tmp_path) -> None:
    values = show(tmp_path)
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["TRIENLAM_TRUSTED_PROXY_COUNT"] == 0
    # The same wherever it runs:
    assert values["SESSION_COOKIE_HTTPONLY"] is values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["AXES_FAILURE_LIMIT"] == 5
    assert values["AXES_COOLOFF_MINUTES"] == 30
    assert values["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
    assert values["AXES_RESET_ON_SUCCESS"] is True
    assert values["AXES_ENABLE_ACCESS_FAILURE_LOG"] is False
    assert values["AXES_DISABLE_ACCESS_LOG"] is True
    assert values["AUTHENTICATION_BACKENDS"][0] == "trienlam.lib.security.LoginThrottleBackend"
    assert values["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    assert "trienlam.lib.security.ContentSecurityPolicyMiddleware" in values["MIDDLEWARE"]


def test_https_behind_a_proxy(tmp_path) -> None:
    values = show(
        tmp_path,
        TRIENLAM_HTTPS="1",
        TRIENLAM_TRUSTED_PROXY_COUNT="1",
        TRIENLAM_HSTS_SECONDS="31536000",
        TRIENLAM_LOGIN_FAILURE_LIMIT="8",
        TRIENLAM_LOGIN_COOLOFF_MINUTES="15",
    )
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["TRIENLAM_TRUSTED_PROXY_COUNT"] == 1
    assert values["AXES_FAILURE_LIMIT"] == 8
    assert values["AXES_COOLOFF_MINUTES"] == 15


def test_https_without_a_proxy_trusts_no_forwarded_header(tmp_path) -> None:
    values = show(tmp_path, TRIENLAM_HTTPS="1")
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_secure_cookies_alone_still_work(tmp_path) -> None:
    values = show(tmp_path, TRIENLAM_SECURE_COOKIES="1")
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is False


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"TRIENLAM_HTTPS": "ja"}, "TRIENLAM_HTTPS"),
        ({"TRIENLAM_TRUSTED_PROXY_COUNT": "one"}, "TRIENLAM_TRUSTED_PROXY_COUNT"),
        ({"TRIENLAM_TRUSTED_PROXY_COUNT": "-1"}, "TRIENLAM_TRUSTED_PROXY_COUNT"),
        ({"TRIENLAM_HTTPS": "1", "TRIENLAM_HSTS_SECONDS": "1y"}, "TRIENLAM_HSTS_SECONDS"),
        ({"TRIENLAM_HTTPS": "1", "TRIENLAM_HSTS_SECONDS": "-5"}, "TRIENLAM_HSTS_SECONDS"),
        ({"TRIENLAM_HSTS_SECONDS": "3600"}, "TRIENLAM_HSTS_SECONDS"),  # HSTS without HTTPS
        ({"TRIENLAM_HTTPS": "1", "TRIENLAM_SECURE_COOKIES": "0"}, "TRIENLAM_SECURE_COOKIES"),
        ({"TRIENLAM_LOGIN_FAILURE_LIMIT": "0"}, "TRIENLAM_LOGIN_FAILURE_LIMIT"),
        ({"TRIENLAM_LOGIN_FAILURE_LIMIT": "five"}, "TRIENLAM_LOGIN_FAILURE_LIMIT"),
        ({"TRIENLAM_LOGIN_COOLOFF_MINUTES": "0"}, "TRIENLAM_LOGIN_COOLOFF_MINUTES"),
        ({"TRIENLAM_LOGIN_COOLOFF_MINUTES": "30m"}, "TRIENLAM_LOGIN_COOLOFF_MINUTES"),
    ],
)
def test_bad_security_values_stop_start_up_naming_the_variable(tmp_path, variables, named) -> None:
    result = run_settings(tmp_path, "import trienlam.settings", **variables)
    assert result.returncode != 0
    assert "ConfigError" in result.stderr
    assert named in result.stderr


def test_the_deploy_check_passes_with_the_documented_production_settings(tmp_path) -> None:
    """`trienlam check --deploy` with docs/configuration.md's production settings: only the two
    HSTS warnings that are deliberate (no includeSubDomains, no preload) remain."""
    result = run_settings(
        tmp_path,
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='ERROR')",
        TRIENLAM_SECRET_KEY="k" * 20 + "9fQ2-xZ7_pL4mR8vT1wY6bN3cH5jK0sD",
        TRIENLAM_ALLOWED_HOSTS="trienlam.example",
        TRIENLAM_HTTPS="1",
        TRIENLAM_TRUSTED_PROXY_COUNT="1",
        TRIENLAM_HSTS_SECONDS="31536000",
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    warnings = set(re.findall(r"\((\w+\.[WE]\d+)\)", output))
    assert warnings <= {"security.W005", "security.W021"}, output
