from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from trienlam.search.views import search_page

urlpatterns: list[URLPattern | URLResolver] = [
    path("tim-kiem/", search_page, name="search"),
]
