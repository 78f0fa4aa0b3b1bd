"""The public promotion kit: banners, embed snippets, QR codes, a ZIP, short links and
share images. No sign-in; only published exhibitions and public items."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition
from trienlam.lib.folding import fold
from trienlam.outreach import kit, links, qr
from trienlam.outreach.models import Agency, AgencyGroup

FILE_MAX_AGE = 86400  # banner addresses are stable (pasted on other sites): revalidate daily
CONTENT_TYPES = {
    "png": "image/png",
    "webp": "image/webp",
    "svg": "image/svg+xml",
    "jpg": "image/jpeg",
    "zip": "application/zip",
}


def _exhibition(slug: str) -> Exhibition:
    return get_object_or_404(Exhibition.objects.public().select_related("cover"), slug=slug)


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.select_related("group", "province"), code=code)


def _file_response(
    request: HttpRequest, path: Path, fmt: str, etag: str, download: str | None = None
) -> HttpResponse:
    tag = quote_etag(etag)
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponse(status=304)
    else:
        response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[fmt])
        if download:
            response["Content-Disposition"] = f'attachment; filename="{download}"'
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={FILE_MAX_AGE}"
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    # Other agencies' pages load the banner images from here.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _bytes_response(
    request: HttpRequest, data: bytes, fmt: str, download: str | None = None
) -> HttpResponse:
    etag = hashlib.sha256(data).hexdigest()[:32]
    tag = quote_etag(etag)
    response = (
        HttpResponse(status=304)
        if request.headers.get("If-None-Match") == tag
        else (HttpResponse(data, content_type=CONTENT_TYPES[fmt]))
    )
    if download and response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{download}"'
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={FILE_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


# --- what a kit page shows -------------------------------------------------------------------


@dataclass
class BannerView:
    size: kit.BannerSize
    png: str
    png_2x: str
    webp: str
    webp_2x: str
    snippet: str


def kit_context(request: HttpRequest | None, exhibition: Exhibition, agency: Agency | None) -> dict:
    code = agency.code if agency else None
    address = kit.exhibition_address(request, exhibition)
    link = links.with_ref(address, code)
    alt = exhibition.title
    banners = []
    for size in kit.sizes(exhibition):
        paths = {
            (scale, fmt): kit.banner_path(exhibition, size, scale, fmt)
            for scale in kit.SCALES
            for fmt in kit.FORMATS
        }
        banners.append(
            BannerView(
                size=size,
                png=paths[1, "png"],
                png_2x=paths[2, "png"],
                webp=paths[1, "webp"],
                webp_2x=paths[2, "webp"],
                snippet=links.snippet(
                    href=link,
                    src=links.absolute(request, paths[1, "png"]),
                    srcset_2x=links.absolute(request, paths[2, "png"]),
                    width=size.width,
                    height=size.height,
                    alt=alt,
                ),
            )
        )
    scope = {"slug": exhibition.slug, **({"code": code} if code else {})}
    return {
        "exhibition": exhibition,
        "agency": agency,
        "link": link,
        "banners": banners,
        "qr_svg": reverse(
            "outreach:qr_agency" if code else "outreach:qr", kwargs={**scope, "fmt": "svg"}
        ),
        "qr_png": reverse(
            "outreach:qr_agency" if code else "outreach:qr", kwargs={**scope, "fmt": "png"}
        ),
        "qr_side": qr.side(link),
        "zip": reverse("outreach:zip_agency" if code else "outreach:zip", kwargs=scope),
    }


def _agency_groups(query: str) -> list[tuple[AgencyGroup | None, list[Agency]]]:
    agencies = list(
        Agency.objects.select_related("group", "province").order_by(
            "group__position", "group__name", "province__position", "name"
        )
    )
    if query:
        words = fold(query).split()
        agencies = [
            a
            for a in agencies
            if all(
                w in fold(f"{a.name} {a.code} {a.province or ''} {a.group or ''}") for w in words
            )
        ]
    grouped: dict[int | None, tuple[AgencyGroup | None, list[Agency]]] = {}
    for agency in agencies:
        grouped.setdefault(agency.group_id, (agency.group, []))[1].append(agency)
    return list(grouped.values())


@require_safe
def kit_page(request: HttpRequest, slug: str) -> HttpResponse:
    exhibition = _exhibition(slug)
    query = " ".join(request.GET.get("q", "").split())[:100]
    context = kit_context(request, exhibition, None)
    context.update(
        {"query": query, "groups": _agency_groups(query), "agency_count": Agency.objects.count()}
    )
    return render(request, "outreach/kit.html", context)


@require_safe
def kit_agency_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    exhibition = _exhibition(slug)
    agency = _agency(code)
    context = kit_context(request, exhibition, agency)
    return render(request, "outreach/kit.html", context)


@require_safe
def banner(request: HttpRequest, slug: str, kind: str, x2: str, fmt: str) -> HttpResponse:
    exhibition = _exhibition(slug)
    size = kit.size_by_slug(exhibition, kind)
    if size is None:
        raise Http404
    path, key = kit.banner_file(request, exhibition, size, 2 if x2 else 1, fmt)
    return _file_response(request, path, fmt, f"{key}-{path.name}")


def _qr_link(request: HttpRequest, exhibition: Exhibition, code: str | None) -> str:
    return links.with_ref(kit.exhibition_address(request, exhibition), code)


@require_safe
def qr_code(request: HttpRequest, slug: str, fmt: str, code: str | None = None) -> HttpResponse:
    exhibition = _exhibition(slug)
    if code is not None:
        _agency(code)
    url = _qr_link(request, exhibition, code)
    data = qr.svg(url, exhibition.title) if fmt == "svg" else qr.png(url)
    return _bytes_response(request, data, fmt)


@require_safe
def kit_zip(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    exhibition = _exhibition(slug)
    agency = _agency(code) if code is not None else None
    context = kit_context(request, exhibition, agency)
    buffer = io.BytesIO()
    stamp = (2024, 1, 1, 0, 0, 0)  # fixed: the same kit gives the same bytes
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        for view in context["banners"]:
            for scale in kit.SCALES:
                for fmt in kit.FORMATS:
                    path, _key = kit.banner_file(request, exhibition, view.size, scale, fmt)
                    add(view.size.file_name(scale, fmt), path.read_bytes())
        url = context["link"]
        add("qr.svg", qr.svg(url, exhibition.title))
        add("qr.png", qr.png(url))
        add(
            "ma-nhung.html",
            render_to_string("outreach/snippets.html", context, request=request).encode(),
        )
        add(
            "doc-truoc.txt",
            render_to_string("outreach/readme.txt", context, request=request)
            .replace("\n", "\r\n")
            .encode(),
        )
    name = f"quang-ba-{exhibition.slug}{'-' + code if code else ''}.zip"
    return _bytes_response(request, buffer.getvalue(), "zip", download=name)


# --- share images ----------------------------------------------------------------------------


@require_safe
def share_exhibition(request: HttpRequest, slug: str) -> HttpResponse:
    path, key = kit.share_file(request, exhibition=_exhibition(slug))
    return _file_response(request, path, "jpg", key)


@require_safe
def share_part(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    exhibition = _exhibition(slug)
    section = get_object_or_404(exhibition.sections, slug=part, parent__isnull=True)
    path, key = kit.share_file(request, exhibition=exhibition, part=section)
    return _file_response(request, path, "jpg", key)


@require_safe
def share_item(request: HttpRequest, identifier: str) -> HttpResponse:
    item = get_object_or_404(Item.objects.public(), identifier=identifier)
    path, key = kit.share_file(request, item=item)
    return _file_response(request, path, "jpg", key)


# --- short links and printed labels ----------------------------------------------------------


def _short_target(code: str) -> links.ShortTarget:
    target = links.resolve_short(code)
    if target is None:
        raise Http404(_("This link leads to nothing public any more."))
    return target


@require_safe
def short(request: HttpRequest, code: str) -> HttpResponse:
    target = _short_target(code)
    if request.META.get("TRIENLAM_EXPORT") == "1":
        # A static file cannot answer with a redirect: a page that moves on at once.
        return render(request, "outreach/redirect.html", {"target": target.path})
    return HttpResponseRedirect(target.path)


@require_safe
def short_qr(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    _short_target(code)
    url = links.absolute(request, links.short_path(code))
    data = qr.svg(url) if fmt == "svg" else qr.png(url)
    return _bytes_response(request, data, fmt)


@require_safe
def label(request: HttpRequest, code: str) -> HttpResponse:
    """A printable label for the physical exhibition: title, QR code and short link."""
    target = _short_target(code)
    url = links.absolute(request, links.short_path(code))
    context = {
        "target": target,
        "exhibition": target.exhibition,
        "short_url": url,
        "qr_svg": reverse("outreach:short_qr", kwargs={"code": code, "fmt": "svg"}),
        "qr_png": reverse("outreach:short_qr", kwargs={"code": code, "fmt": "png"}),
    }
    return render(request, "outreach/label.html", context)
