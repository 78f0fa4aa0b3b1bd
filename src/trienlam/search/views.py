"""The search page: ``/tim-kiem/?q=…&loai=…&phan=…&tinh=…&don-vi=…&thap-nien=…&nam=…&trang=…``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from trienlam.search.api import PARAMS, search


def search_page(request: HttpRequest) -> HttpResponse:
    base = reverse("search")  # once, not once per facet value's link

    def _url(params: list[tuple[str, str]]) -> str:
        return f"{base}?{urlencode(params)}" if params else base

    raw_q = request.GET.get("q", "")
    filters = {name: request.GET.getlist(name) for name in PARAMS}
    results = search(raw_q, filters, request.GET.get("trang", "1"))
    q = results.query.text
    kept: list[tuple[str, str]] = [("q", q)] if q else []
    for name in PARAMS:
        kept += [(name, value) for value in results.selected[name]]

    def without(name: str, value: str) -> str:
        return _url([p for p in kept if p != (name, value)])

    def toggle(name: str, value: str, selected: bool) -> str:
        return without(name, value) if selected else _url([*kept, (name, value)])

    facets: list[dict[str, Any]] = [
        {
            "param": facet.param,
            "title": facet.title,
            "values": [
                {
                    "value": v,
                    "url": toggle(facet.param, v.value, v.selected),
                }
                for v in facet.values
            ],
        }
        for facet in results.facets
        if facet.values
    ]
    chosen = [
        {"label": results.labels[(n, v)], "url": without(n, v)}
        for n in PARAMS
        for v in results.selected[n]
    ]
    pages = None
    if results.pages > 1:
        pages = {
            "previous": _url([*kept, ("trang", str(results.page - 1))])
            if results.page > 1
            else None,
            "next": _url([*kept, ("trang", str(results.page + 1))])
            if results.page < results.pages
            else None,
        }
    context = {
        "results": results,
        "q": q,
        "facets": facets,
        "chosen": chosen,
        "pages": pages,
        "first": (results.page - 1) * results.per_page + 1,
        "last": (results.page - 1) * results.per_page + len(results.hits),
        "without_query": _url([p for p in kept if p[0] != "q"]),
        "filter_inputs": [p for p in kept if p[0] != "q"],
    }
    return render(request, "search/results.html", context)
