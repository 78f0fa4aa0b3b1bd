"""The project's URLs plus the IIIF app's, for tests run before the project includes it."""

from __future__ import annotations

from django.urls import include, path

from trienlam.urls import urlpatterns as base

urlpatterns = [path("iiif/", include("trienlam.iiif.urls")), *base]
