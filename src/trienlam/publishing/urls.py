from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from trienlam.publishing import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/xuat-ban/", views.publish_page, name="publishing_admin"),
]
