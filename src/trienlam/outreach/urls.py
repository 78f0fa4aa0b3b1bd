"""Promotion kit (quang-ba/) and short links (l/<code>)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path

from trienlam.outreach import views

app_name = "outreach"

CODE = r"(?P<code>[a-z0-9][a-z0-9-]{1,31})"
SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"
SHORT = r"(?P<code>[1-9][0-9]*-p?[1-9][0-9]*)"

urlpatterns: list[URLPattern | URLResolver] = [
    path("quang-ba/<slug:slug>/", views.kit_page, name="kit"),
    re_path(rf"^quang-ba/{SLUG}/co-quan/{CODE}/$", views.kit_agency_page, name="kit_agency"),
    re_path(
        rf"^quang-ba/{SLUG}/banner-(?P<kind>[a-z]+)(?P<x2>@2x|)\.(?P<fmt>png|webp)$",
        views.banner,
        name="banner",
    ),
    re_path(rf"^quang-ba/{SLUG}/qr\.(?P<fmt>svg|png)$", views.qr_code, name="qr"),
    re_path(
        rf"^quang-ba/{SLUG}/co-quan/{CODE}/qr\.(?P<fmt>svg|png)$",
        views.qr_code,
        name="qr_agency",
    ),
    re_path(rf"^quang-ba/{SLUG}/bo-quang-ba\.zip$", views.kit_zip, name="zip"),
    re_path(
        rf"^quang-ba/{SLUG}/co-quan/{CODE}/bo-quang-ba\.zip$", views.kit_zip, name="zip_agency"
    ),
    re_path(rf"^quang-ba/{SLUG}/chia-se\.jpg$", views.share_exhibition, name="share"),
    re_path(
        rf"^quang-ba/{SLUG}/chia-se/(?P<part>[-a-zA-Z0-9_]+)\.jpg$",
        views.share_part,
        name="share_part",
    ),
    re_path(
        r"^quang-ba/tu-lieu/(?P<identifier>[\w.-]+)\.jpg$", views.share_item, name="share_item"
    ),
    re_path(rf"^quang-ba/ma-qr/{SHORT}\.(?P<fmt>svg|png)$", views.short_qr, name="short_qr"),
    re_path(rf"^quang-ba/nhan/{SHORT}/$", views.label, name="label"),
    re_path(rf"^l/{SHORT}/?$", views.short, name="short"),
]
