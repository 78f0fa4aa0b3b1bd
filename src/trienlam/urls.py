from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from trienlam.catalogue import views as media_views
from trienlam.exhibitions import preview, views

admin.site.site_header = "Trienlam"
admin.site.site_title = "Trienlam"  # the browser tab: "… | Trienlam", not "Trang web admin Django"

urlpatterns = [
    path("", views.home, name="home"),
    # The pages most visitors open come first: Django tries the patterns in order, and each
    # app's include below is walked pattern by pattern (an item page was resolved after
    # ~30 of them: 50 µs of its request, now ~10).
    path("tu-lieu/<str:identifier>/", views.item_detail, name="item"),
    path("trien-lam/<slug:slug>/", views.exhibition_detail, name="exhibition"),
    path(
        "trien-lam/<slug:slug>/tu-lieu/<str:identifier>/",
        views.exhibition_item,
        name="exhibition_item",
    ),
    path("trien-lam/<slug:slug>/<slug:part>/", views.part_detail, name="part"),
    # Each app's own paths (search: tim-kiem/; browse: tinh/, thoi-gian/, don-vi/;
    # outreach: quang-ba/ and the short links l/; stats: thong-ke/ and the counter;
    # publishing and operations: their admin pages and the health check).
    path("", include("trienlam.search.urls")),
    path("", include("trienlam.browse.urls")),
    path("", include("trienlam.outreach.urls")),
    path("", include("trienlam.stats.urls")),
    path("", include("trienlam.publishing.urls")),
    path("", include("trienlam.operations.urls")),
    path("chinh-sach-bao-mat/", views.privacy, name="privacy"),
    path("iiif/", include("trienlam.iiif.urls")),
    path("xem-truoc/tu-lieu/<str:identifier>/", preview.preview_item, name="preview_item"),
    path(
        "xem-truoc/trien-lam/<slug:slug>/", preview.preview_exhibition, name="preview_exhibition"
    ),
    path(
        "xem-truoc/trien-lam/<slug:slug>/<slug:part>/", preview.preview_part, name="preview_part"
    ),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}iiif/(?P<uid>[0-9a-f]{{32}})/(?P<path>.+)$",
            media_views.rendition,
            name="media_rendition",
        ),
        re_path(
            rf"^{media_prefix}av/(?P<uid>[0-9a-f]{{32}})/[^/]+$",
            media_views.recording,
            name="media_recording",
        ),
        re_path(rf"^{media_prefix}originals/(?P<path>.+)$", media_views.original),
    ]
