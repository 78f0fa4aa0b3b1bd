from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from trienlam.browse import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("tinh/", views.provinces, name="browse_provinces"),
    path("thoi-gian/", views.time, name="browse_time"),
    path("don-vi/", views.institutions, name="institutions"),
    path("don-vi/<slug:slug>/", views.institution, name="institution"),
]
