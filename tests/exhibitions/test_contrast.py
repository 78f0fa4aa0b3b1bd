"""Text colours of the public stylesheet meet WCAG AA contrast (4.5:1 for body text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "src/trienlam/static/trienlam/site.css").read_text()


def variables() -> dict[str, str]:
    root = re.search(r":root\{([^}]*)\}", CSS).group(1)
    return dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{3,6})", root))


def luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def rule_colour(selector: str, prop: str) -> str:
    block = re.search(re.escape(selector) + r"\{([^}]*)\}", CSS).group(1)
    return re.search(rf"(?:^|;){prop}:(#[0-9a-fA-F]{{3,6}})", block).group(1)


def pair(text_rule: str, background_rule: str) -> tuple[str, str]:
    return rule_colour(text_rule, "color"), rule_colour(background_rule, "background")


V = variables()


@pytest.mark.parametrize(
    ("name", "foreground", "background"),
    [
        ("body text", V["ink"], V["paper"]),
        ("secondary text", V["muted"], V["paper"]),
        ("links", V["accent"], V["paper"]),
        ("links on cards", V["accent"], "#ffffff"),
        ("header and buttons", V["accent-ink"], V["accent"]),
        ("demo notice", *pair(".demo-notice", ".demo-notice")),
        ("footer text", *pair(".site-footer", ".site-footer")),
        ("footer links", *pair(".site-footer a", ".site-footer")),
        ("source line", V["ink"], rule_colour(".source", "background")),
        ("IIIF link", rule_colour(".iiif-badge", "color"), V["paper"]),
        ("viewer help", *pair(".viewer-help", ".viewer-help")),
    ],
)
def test_text_meets_wcag_aa(name: str, foreground: str, background: str) -> None:
    assert contrast(foreground, background) >= 4.5, name
