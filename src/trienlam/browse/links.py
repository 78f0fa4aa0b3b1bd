"""Links from the browse pages to the search page, filtered.

The search page (trienlam.search, url name "search", at /tim-kiem/) reads these GET
parameters: tinh (province slug), don-vi (institution slug), thap-nien (first year of a
decade), nam (a year), loai (kind), phan ("<exhibition>/<part>"), q.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

SEARCH_PATH = "/tim-kiem/"


def search_path() -> str:
    try:
        return reverse("search")
    except NoReverseMatch:  # the search app not wired yet: its agreed address
        return SEARCH_PATH


def search_url(**params: object) -> str:
    """`search_url(tinh="lang-son")` -> "/tim-kiem/?tinh=lang-son"; names with a hyphen are
    passed as `**{"don-vi": slug}`."""
    query = urlencode({key: str(value) for key, value in params.items()})
    return f"{search_path()}?{query}" if query else search_path()
