from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from trienlam.stats import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("dem/", views.hit, name="stats_hit"),
    path("dem/luot-truy-cap.svg", views.counter_image, name="stats_counter_image"),
    path("thong-ke/", views.dashboard, name="stats_dashboard"),
    path("thong-ke/xuat.csv", views.export_csv, name="stats_export_csv"),
    path("thong-ke/xuat.xlsx", views.export_xlsx, name="stats_export_xlsx"),
]
