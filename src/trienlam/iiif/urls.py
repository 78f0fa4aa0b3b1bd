"""Included under `iiif/` by the project's urls."""

from __future__ import annotations

from django.urls import path

from trienlam.iiif import views

urlpatterns = [
    path("collection/<slug:slug>.json", views.collection, name="iiif_collection"),
    path("<str:identifier>/manifest.json", views.manifest, name="iiif_manifest"),
]
