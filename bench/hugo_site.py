"""The Hugo side of bench/export.py: the export's exhibition pages as a Hugo site.

The same pages from the same data: home, the exhibition, its parts, every placed item inside
the exhibition and every item's own page, written as Hugo content files whose front matter
holds what our views give the templates (taken from the views themselves, by calling them
with `render` intercepted), and Hugo templates that write the same markup as ours.

Item pages (all but a handful of the pages) carry the same text, links and attributes as the
export's (`signature()`; the smoke test compares them). Their Hugo templates have the same
layout, includes and conditions as ours; what our templates compute with Django's filters
(words truncated, translated labels, the source line) comes ready in the front matter, as a
Hugo site would get it from its data files. The synthetic catalogue has no images, so the
templates leave out what our item pages show only for items with images (the page images,
the viewer, the IIIF links). The home, exhibition and part pages (5 of 1,720 at 1,000
items) stay minimal: a title and the cards' title, kind and date.
"""

# ruff: noqa: E501 - the Hugo templates keep the lines of the templates they copy
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.utils.text import normalize_newlines

HUGO_TEMPLATES = {
    "_default/baseof.html": """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
{{ block "meta" . }}{{ end }}
{{ with .Params.share }}<meta property="og:type" content="{{ .type }}">
<meta property="og:site_name" content="{{ $.Site.Title }}">
<meta property="og:locale" content="vi_VN">
<meta property="og:title" content="{{ .title }}">
<meta property="og:description" content="{{ .description }}">
<meta property="og:url" content="{{ .url }}">
<meta property="og:image" content="{{ .image }}">
<meta property="og:image:type" content="image/jpeg">
<meta property="og:image:width" content="{{ .width }}">
<meta property="og:image:height" content="{{ .height }}">
<meta property="og:image:alt" content="{{ .image_alt }}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{{ .title }}">
<meta name="twitter:description" content="{{ .description }}">
<meta name="twitter:image" content="{{ .image }}">
<meta name="twitter:image:alt" content="{{ .image_alt }}">
{{ end }}<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{ .Site.Params.css }}">
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="site-header">
  <div class="wrap">
    <a class="site-name" href="/">{{ .Site.Title }}</a>
    {{ partial "site_nav.html" . }}
  </div>
</header>
{{ block "breadcrumbs" . }}{{ end }}
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    {{ with .Site.Params.profile }}<section aria-labelledby="footer-agency">
      <h2 id="footer-agency" class="footer-heading">Cơ quan chủ quản</h2>
      <p><strong>{{ .agency }}</strong><br>
      Địa chỉ: {{ .address }}<br>
      Người chịu trách nhiệm: {{ .person }}{{ if or .phone .email }}<br>
      Liên hệ:{{ with .phone }} {{ . }}{{ end }}{{ if and .phone .email }} ·{{ end }}{{ with .email }} <a href="mailto:{{ . }}">{{ . }}</a>{{ end }}{{ end }}
      {{ with .licence }}<br>{{ . }}{{ end }}</p>
    </section>
    <section aria-labelledby="footer-privacy">
      <h2 id="footer-privacy" class="footer-heading">Bảo vệ dữ liệu cá nhân</h2>
      <p>{{ .privacy }} <a href="/chinh-sach-bao-mat/">Chính sách bảo vệ dữ liệu cá nhân</a></p>
    </section>{{ end }}
    <p class="powered">Xây dựng bằng Trienlam, phần mềm tự do cho triển lãm tài liệu lưu trữ trực tuyến.</p>
  </div>
</footer>
</body>
</html>
""",
    "partials/site_nav.html": (
        '<nav class="site-nav" aria-label="Duyệt tư liệu"><a href="/tinh/">Tỉnh</a>'
        '<a href="/thoi-gian/">Thời gian</a><a href="/don-vi/">Đơn vị</a></nav>\n'
        '<form class="site-search" method="get" action="/tim-kiem/" role="search"><label '
        'for="site-search-q" class="visually-hidden">Tìm trong các tư liệu</label><input '
        'id="site-search-q" type="search" name="q" maxlength="300" placeholder="Tìm kiếm…">'
        '<button type="submit">Tìm kiếm</button></form>'
    ),
    "_default/single.html": """{{ define "meta" }}<meta name="description" content="{{ .Params.description }}">{{ with .Params.canonical }}<link rel="canonical" href="{{ . }}">{{ end }}{{ end }}
{{ define "breadcrumbs" }}<nav class="breadcrumbs wrap" aria-label="Đường dẫn"><ol>
<li><a href="/">Trang chủ</a></li>
{{ range .Params.crumbs }}<li><a href="{{ .url }}">{{ .title }}</a></li>
{{ end }}<li aria-current="page">{{ .Params.current }}</li>
</ol></nav>{{ end }}
{{ define "main" }}<article class="item item-{{ .Params.kind }}">
<header>
<p class="eyebrow"><span class="kind kind-{{ .Params.kind }}">{{ .Params.kind_label }}</span>{{ with .Params.position }} · {{ . }}{{ end }}</p>
<h1>{{ .Params.heading }}</h1>
</header>
{{ with .Params.quotation }}<figure class="quotation">
<blockquote><p>{{ range $i, $line := .lines }}{{ if $i }}<br>{{ end }}{{ $line }}{{ end }}</p></blockquote>
<figcaption>— {{ with .creator }}<span class="speaker">{{ . }}</span>{{ end }}{{ with .date }}, {{ . }}{{ end }}{{ with .occasion }}, {{ . }}{{ end }}</figcaption>
</figure>{{ end }}
{{ with .Params.caption }}<section class="caption" aria-labelledby="caption-h"><h2 id="caption-h" class="visually-hidden">Chú thích</h2><p>{{ range $i, $line := . }}{{ if $i }}<br>{{ end }}{{ $line }}{{ end }}</p></section>{{ end }}
<p class="source">{{ .Params.source }}</p>
{{ with .Params.label_link }}<p class="label-link">Đường dẫn ngắn: <a href="{{ .short_url }}">{{ .short_url }}</a> · <a href="{{ .label }}">Mã QR để in nhãn</a></p>{{ end }}
<section aria-labelledby="details-h">
<h2 id="details-h">Thông tin tư liệu</h2>
<dl class="details">
{{ range .Params.details }}<dt>{{ .dt }}</dt><dd>{{ with .href }}<a href="{{ . }}">{{ end }}{{ .dd }}{{ if .href }}</a>{{ end }}</dd>
{{ end }}</dl>
</section>
{{ with .Params.transcription }}<section class="transcription" aria-labelledby="transcription-h">
<h2 id="transcription-h">Bản chép lại</h2>
<div lang="{{ $.Params.lang }}">{{ range . }}<p>{{ range $i, $line := . }}{{ if $i }}<br>{{ end }}{{ $line }}{{ end }}</p>{{ end }}</div>
</section>{{ end }}
{{ with .Params.appears_in }}<section aria-labelledby="appears-h"><h2 id="appears-h">Được trưng bày trong</h2><ul>
{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}
</ul></section>{{ end }}
</article>
{{ if .Params.pager }}<nav class="pager" aria-label="Tư liệu trước và sau">
{{ with .Params.previous }}<a rel="prev" href="{{ .url }}"><span>← Trước</span> {{ .title }}</a>{{ end }}
{{ with .Params.next }}<a rel="next" href="{{ .url }}"><span>Tiếp →</span> {{ .title }}</a>{{ end }}
</nav>{{ end }}
{{ end }}
""",
    "_default/part.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul class="cards">'
        '{{ range .Params.cards }}<li class="card"><a href="{{ .url }}">'
        '<span class="card-title">{{ .title }}</span></a><span class="card-meta">'
        "{{ .kind }} · {{ .date }}</span></li>{{ end }}</ul>{{ end }}"
    ),
}
HUGO_TEMPLATES["index.html"] = HUGO_TEMPLATES["_default/part.html"]


def _front_matter(values: dict[str, Any]) -> str:
    return "---\n" + json.dumps(values, ensure_ascii=False, indent=0) + "\n---\n"


def _lines(text: str) -> list[str]:
    return normalize_newlines(text).split("\n")


def _paragraphs(text: str) -> list[list[str]]:
    """Django's `linebreaks`: paragraphs at blank lines, line breaks within them."""
    return [p.split("\n") for p in re.split(r"\n{2,}", normalize_newlines(text))]


def _item_values(context: dict[str, Any]) -> dict[str, Any]:
    """What item.html shows, from the context our view gave it, as plain front matter."""
    from django.template.defaultfilters import capfirst, truncatewords
    from django.urls import reverse
    from django.utils.translation import gettext

    item = context["item"]
    exhibition = context.get("exhibition")
    caption = context.get("caption") or ""
    share, label = context.get("share"), context.get("label_link")
    crumbs = []
    values: dict[str, Any] = {
        "title": f"{item.title} · {exhibition.title}" if exhibition else item.title,
        "heading": item.title,
        "description": truncatewords(caption or item.title, 30),
        "kind": item.kind,
        "kind_label": capfirst(item.get_kind_display()),
        "current": truncatewords(item.title, 8),
        "caption": _lines(caption) if caption else None,
        "source": item.source_line,
        "lang": (item.language_list() or ["vi"])[0],
        "transcription": _paragraphs(item.transcription) if item.transcription else None,
    }
    if share:
        values["share"] = {
            "type": share.type,
            "title": share.title,
            "description": share.description,
            "url": share.url,
            "image": share.image,
            "width": share.width,
            "height": share.height,
            "image_alt": share.image_alt,
        }
    if label:
        values["label_link"] = {"short_url": label.short_url, "label": label.label}
    if exhibition:
        part, section = context["part"], context.get("section")
        values["canonical"] = reverse("exhibition_item", args=[exhibition.slug, item.identifier])
        part_url = reverse("part", args=[exhibition.slug, part.slug])
        crumbs.append(
            {"url": reverse("exhibition", args=[exhibition.slug]), "title": exhibition.title}
        )
        crumbs.append({"url": part_url, "title": str(part)})
        if section:
            crumbs.append({"url": f"{part_url}#{section.slug}", "title": section.title})
        values["position"] = gettext("%(position)s of %(total)s") % {
            "position": context["position"],
            "total": context["total"],
        }
        values["pager"] = True
        for key in ("previous", "next"):
            stop = context.get(key)
            if stop:
                values[key] = {
                    "url": reverse("exhibition_item", args=[exhibition.slug, stop.identifier]),
                    "title": truncatewords(stop.title, 10),
                }
    values["crumbs"] = crumbs
    if item.kind == "quotation":
        values["quotation"] = {
            "lines": _lines(item.quote_text),
            "creator": item.creator,
            "date": item.date_text,
            "occasion": item.occasion,
        }
    values["details"] = _details(item, caption)
    appears = context.get("appears_in") or []
    values["appears_in"] = [{"url": a.url, "title": a.title} for a in appears] or None
    return values


def _details(item: Any, caption: str) -> list[dict[str, str]]:
    from django.template.defaultfilters import capfirst
    from django.urls import reverse
    from django.utils.translation import get_language_info, gettext

    rows = [{"dt": gettext("Kind"), "dd": capfirst(item.get_kind_display())}]
    if item.doc_number:
        rows.append({"dt": gettext("Number and symbol"), "dd": item.doc_number})
    if item.date_text:
        rows.append({"dt": gettext("Date"), "dd": item.date_text})
    if item.creator:
        label = "Speaker or author" if item.kind == "quotation" else "Issuing body or author"
        rows.append({"dt": gettext(label), "dd": item.creator})
    if item.occasion:
        rows.append({"dt": gettext("Occasion"), "dd": item.occasion})
    if item.summary and item.summary != caption:
        rows.append({"dt": gettext("Summary"), "dd": item.summary})
    rows.append(
        {
            "dt": gettext("Contributing institution"),
            "dd": item.institution.name,
            "href": reverse("institution", args=[item.institution.slug]),
        }
    )
    if item.province:
        rows.append({"dt": gettext("Province"), "dd": item.province.name})
    languages = item.language_list()
    if languages:
        names = ", ".join(str(get_language_info(code)["name_translated"]) for code in languages)
        rows.append({"dt": gettext("Language"), "dd": names})
    if item.rights:
        rows.append({"dt": gettext("Rights"), "dd": item.rights})
    rows.append({"dt": gettext("Identifier"), "dd": item.identifier})
    return rows


def _view_contexts(paths: list[str], base_url: str) -> dict[str, dict[str, Any]]:
    """The context each item page's view gives its template, through the export's renderer
    (its request and settings; the caller sets the language), with `render` intercepted."""
    from trienlam.exhibitions import views
    from trienlam.publishing.exporter import _export_settings
    from trienlam.publishing.render import PageRenderer

    contexts: dict[str, dict[str, Any]] = {}
    original = views.render

    def capture(
        request: Any, name: str, context: dict[str, Any] | None = None, *a: Any, **k: Any
    ) -> Any:
        contexts[request.path] = context or {}
        return original(request, name, context, *a, **k)

    views.render = capture  # type: ignore[assignment]
    try:
        with _export_settings(base_url):
            renderer = PageRenderer(base_url)
            for path in paths:
                renderer.get_ok(path)
    finally:
        views.render = original  # type: ignore[assignment]
    return contexts


def write_hugo_site(folder: Path, base_url: str) -> int:
    """The same pages as Hugo content (front matter from our views); the page count."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.template.defaultfilters import linebreaks_filter, striptags, truncatewords
    from django.urls import reverse
    from django.utils import translation

    from trienlam.catalogue.models import Item
    from trienlam.exhibitions.models import Exhibition, Section, SiteProfile
    from trienlam.exhibitions.ordering import ordered_placements

    if folder.exists():
        shutil.rmtree(folder)
    (folder / "content").mkdir(parents=True)
    for name, text in HUGO_TEMPLATES.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text)
    profile = SiteProfile.objects.first()
    assert profile is not None
    try:
        css = staticfiles_storage.url("trienlam/site.css")
    except ValueError:  # no manifest (static files not collected): the plain name
        css = "/static/trienlam/site.css"
    (folder / "config.json").write_text(
        json.dumps(
            {
                "baseURL": base_url + "/",
                "title": profile.site_name,
                "languageCode": "vi",
                "disableKinds": [
                    "section",
                    "taxonomy",
                    "term",
                    "RSS",
                    "sitemap",
                    "robotsTXT",
                    "404",
                ],
                "params": {
                    "css": css,
                    "profile": {
                        "agency": profile.agency,
                        "address": profile.address,
                        "person": profile.person_in_charge,
                        "phone": profile.phone,
                        "email": profile.email,
                        "licence": profile.licence_note,
                        "privacy": truncatewords(
                            striptags(linebreaks_filter(profile.privacy_note)), 40
                        ),
                    },
                },
            },
            ensure_ascii=False,
        )
    )
    pages = 0

    # Every page a flat content file with its address in `url`: as folders with index.md
    # the exhibition's page would be a leaf bundle, and Hugo would render none of the pages
    # under it (its parts and items).
    (folder / "content" / "p").mkdir()

    def page(path: str, values: dict[str, Any]) -> None:
        nonlocal pages
        values["url"] = path
        (folder / "content" / "p" / f"{pages:06d}.md").write_text(_front_matter(values))
        pages += 1

    (folder / "content" / "_index.md").write_text(
        _front_matter({"title": "Trang chủ", "cards": []})
    )
    pages += 1
    item_paths: list[str] = []
    for exhibition in Exhibition.objects.public():
        sections = list(Section.objects.filter(exhibition=exhibition))
        placements = ordered_placements(exhibition, sections)
        base = reverse("exhibition", args=[exhibition.slug])
        page(base, {"title": exhibition.title, "layout": "part", "cards": []})
        for part in [s for s in sections if s.parent_id is None]:
            own = {part.pk} | {s.pk for s in sections if s.parent_id == part.pk}
            cards = [
                {
                    "url": reverse("exhibition_item", args=[exhibition.slug, p.item.identifier]),
                    "title": p.item.title,
                    "kind": str(p.item.get_kind_display()),
                    "date": p.item.date_text,
                }
                for p in placements
                if p.section_id in own
            ]
            page(
                reverse("part", args=[exhibition.slug, part.slug]),
                {"title": part.title, "layout": "part", "cards": cards},
            )
        item_paths += [
            reverse("exhibition_item", args=[exhibition.slug, p.item.identifier])
            for p in placements
        ]
    identifiers = Item.objects.public().values_list("identifier", flat=True)
    item_paths += [reverse("item", args=[identifier]) for identifier in identifiers]
    with translation.override(settings.LANGUAGE_CODE):
        for path, context in _view_contexts(item_paths, base_url).items():
            page(path, _item_values(context))
    return pages


# --- comparing pages ------------------------------------------------------------------------

#: Attributes whose values a visitor or a crawler reads.
_ATTRIBUTES = {"href", "src", "content", "alt", "aria-label", "placeholder", "lang", "title", "rel"}


class _Signature(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.text: list[str] = []

    def _flush(self) -> None:
        text = " ".join(" ".join(self.text).split())
        if text:
            self.items.append(text)
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        shown = sorted((k, " ".join((v or "").split())) for k, v in attrs if k in _ATTRIBUTES)
        self.items.append(f"<{tag} {shown}>")

    def handle_endtag(self, tag: str) -> None:
        self._flush()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def signature(html: str) -> list[str]:
    """A page's elements in order with their text and visible attributes (whitespace and
    escaping aside): two pages with the same signature show and link the same."""
    parser = _Signature()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.items
