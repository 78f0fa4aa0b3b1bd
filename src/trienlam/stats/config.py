"""Settings of the visit statistics, checked when the settings load (no Django imports)."""

from __future__ import annotations

from urllib.parse import urlsplit

from trienlam.lib.env import ConfigError


def counter_url(value: str) -> str:
    """TRIENLAM_COUNTER_URL: the live site's address ("https://trienlam.example.gov.vn"), which
    pages of the static export call to be counted; "" turns counting off in the export."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"TRIENLAM_COUNTER_URL={value!r} must be an absolute http:// or https:// address "
            "of the live site, such as https://trienlam.example.gov.vn"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigError(
            f"TRIENLAM_COUNTER_URL={value!r} must be a plain address, without a query, "
            "fragment or user name"
        )
    return value


def flood_limit(value: int) -> int:
    if value < 0:
        raise ConfigError(f"TRIENLAM_COUNTER_FLOOD_LIMIT={value} must be 0 (no cap) or more")
    return value
