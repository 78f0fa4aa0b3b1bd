from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from trienlam.operations import health

urlpatterns: list[URLPattern | URLResolver] = [
    path("suc-khoe/", health.health, name="health"),
]
