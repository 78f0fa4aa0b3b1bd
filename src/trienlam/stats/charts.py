"""Charts as inline SVG, drawn on the server: no script, no external library.

Each chart is an image with a title and a text summary for screen readers (role="img",
aria-labelledby); the page always shows the same numbers in a table next to it. Every text
comes from the database or the request, so everything is escaped here.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from trienlam.stats.report import Row, grouped

WIDTH = 720
LABEL_CHARS = 42


def _n(value: int) -> str:
    return grouped(value)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _open(uid: str, width: int, height: int, title: str, summary: str) -> str:
    return format_html(
        '<svg class="stats-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{u}-t {u}-d" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{u}-t">{t}</title><desc id="{u}-d">{s}</desc>',
        w=width,
        h=height,
        u=uid,
        t=title,
        s=summary,
    )


def columns(uid: str, title: str, summary: str, rows: list[Row]) -> SafeString:
    """A column per day (labels are ISO dates), with the first, middle and last day named."""
    height, top, bottom, left = 220, 16, 28, 48
    plot_w, plot_h = WIDTH - left - 8, height - top - bottom
    peak = max((r.visits for r in rows), default=0) or 1
    step = plot_w / max(len(rows), 1)
    bar = max(step * 0.8, 1.0)
    parts = [
        _open(uid, WIDTH, height, title, summary),
        format_html(
            '<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="#6b6358"/>'
            '<text x="{tx}" y="{ty}" text-anchor="end" font-size="12">{peak}</text>'
            '<text x="{tx}" y="{y}" text-anchor="end" font-size="12">0</text>',
            x=left,
            x2=WIDTH - 8,
            y=top + plot_h,
            tx=left - 6,
            ty=top + 10,
            peak=_n(peak),
        ),
    ]
    for index, row in enumerate(rows):
        h = round(plot_h * row.visits / peak, 1)
        parts.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#8a2c1c">'
                "<title>{label}: {n}</title></rect>",
                x=round(left + index * step + (step - bar) / 2, 1),
                y=round(top + plot_h - h, 1),
                w=round(bar, 1),
                h=h,
                label=row.label,
                n=_n(row.visits),
            )
        )
    marks = sorted({0, len(rows) // 2, len(rows) - 1}) if rows else []
    for index in marks:
        anchor = "start" if index == 0 else ("end" if index == len(rows) - 1 else "middle")
        x = left if anchor == "start" else (WIDTH - 8 if anchor == "end" else left + index * step)
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="{a}" font-size="12">{label}</text>',
                x=round(x, 1),
                y=height - 8,
                a=anchor,
                label=rows[index].label,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above went through format_html


def bars(uid: str, title: str, summary: str, rows: list[Row]) -> SafeString:
    """One horizontal bar per row: label, bar, number."""
    line, label_w, number_w = 24, 300, 70
    height = line * len(rows) + 8
    peak = max((r.visits for r in rows), default=0) or 1
    plot_w = WIDTH - label_w - number_w
    parts = [_open(uid, WIDTH, height, title, summary)]
    for index, row in enumerate(rows):
        y = 4 + index * line
        w = round(plot_w * row.visits / peak, 1)
        parts.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" font-size="13">{label}</text>'
                '<rect x="{bx}" y="{by}" width="{w}" height="{bh}" fill="#8a2c1c"/>'
                '<text x="{nx}" y="{ty}" font-size="13">{n}</text>',
                lx=label_w - 8,
                ty=y + 16,
                label=_short(row.label),
                bx=label_w,
                by=y + 4,
                w=w,
                bh=line - 8,
                nx=label_w + w + 6,
                n=_n(row.visits),
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above went through format_html
