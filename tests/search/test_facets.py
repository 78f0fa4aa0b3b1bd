"""Facets: counts, combinations (AND across facets, OR within one), the URL contract."""

from __future__ import annotations

from django.test import Client

from tests.search.conftest import found
from trienlam.search.api import search


def counts(results, param: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    facet = next(f for f in results.facets if f.param == param)
    return {v.value: v.count for v in facet.values}


def test_facet_counts_without_a_query(catalogue) -> None:
    results = search("")
    assert results.total == 4  # public items only
    assert counts(results, "loai") == {"document": 3, "photo": 1}
    assert counts(results, "tinh") == {"lang-son": 2, "dien-bien": 2}
    assert counts(results, "don-vi") == {"ttlt-lang-son": 2, "ttlt-dien-bien": 2}
    assert counts(results, "phan") == {"cum-7-tinh/phan-1": 1, "cum-7-tinh/phan-2": 1}
    assert counts(results, "thap-nien") == {"1940": 1, "1950": 2}


def test_filters_combine_and_each_facet_counts_without_its_own_selection(catalogue) -> None:
    results = search("", {"tinh": ["dien-bien"], "loai": ["photo"]})
    assert [h.item.identifier for h in results.hits] == ["TL-0100"]
    assert results.total == 1
    # Kind counts ignore the kind selection but apply the province one, and vice versa.
    assert counts(results, "loai") == {"document": 1, "photo": 1}
    assert counts(results, "tinh") == {"dien-bien": 1}
    selected = {v.value for f in results.facets for v in f.values if v.selected}
    assert selected == {"photo", "dien-bien"}


def test_values_of_one_facet_are_or_ed(catalogue) -> None:
    assert set(found("", loai=["photo", "document"], tinh="dien-bien")) == {"TL-0097", "TL-0100"}
    assert set(found("", thap_nien=["1940", "1950"])) == {"TL-0001", "TL-0097", "TL-0100"}
    assert found("", thap_nien="1950", nam="1954") == ["TL-0100"]
    assert found("", nam="1958") == ["TL-0001"]


def test_text_and_facets(catalogue) -> None:
    assert set(found("dien bien")) == {"TL-0097", "TL-0100"}
    assert found("dien bien", loai="photo") == ["TL-0100"]
    assert found("dien bien", phan="cum-7-tinh/phan-1") == ["TL-0097"]
    assert found("dien bien", don_vi="ttlt-lang-son") == []
    results = search("dien bien", {"don-vi": ["ttlt-lang-son"]})
    assert results.total == 0 and counts(results, "don-vi")["ttlt-dien-bien"] == 2


def test_invalid_values_are_ignored_and_reported(catalogue) -> None:
    results = search(
        "",
        {
            "loai": ["nope"],
            "tinh": ["atlantis"],
            "thap-nien": ["1955", "x"],
            "nam": ["abc"],
            "phan": ["cum-7-tinh/khong-co"],
        },
    )
    assert results.total == 4 and not results.filtered
    assert len(results.ignored) == 6


def test_the_page_uses_the_shared_url_contract(catalogue) -> None:
    client = Client()
    page = client.get("/tim-kiem/", {"q": "dien bien", "loai": "photo"})
    html = page.content.decode()
    assert page.status_code == 200
    hits = html.split('class="hits"')[1].split("</ol>")[0]
    assert "TL-0100" in hits and "TL-0097" not in hits
    # The selected value links to its removal; the others add to the current query.
    assert 'href="/tim-kiem/?q=dien+bien"' in html
    assert "/tim-kiem/?q=dien+bien&amp;loai=photo&amp;tinh=dien-bien" in html
    combined = client.get("/tim-kiem/?q=dien+bien&loai=photo&loai=document&tinh=dien-bien")
    hits = combined.content.decode().split('class="hits"')[1].split("</ol>")[0]
    assert "TL-0097" in hits and "TL-0100" in hits
    timeline = client.get("/tim-kiem/?nam=1958")
    assert "TL-0001" in timeline.content.decode()
    paged = client.get("/tim-kiem/?q=thi+dua&trang=999")
    assert paged.status_code == 200


def test_counts_follow_changes_after_the_facet_cache_was_read(catalogue) -> None:
    from trienlam.catalogue.models import Item

    assert counts(search(""), "loai") == {"document": 3, "photo": 1}
    assert counts(search("dien bien"), "loai") == {"document": 1, "photo": 1}
    Item.objects.filter(identifier="TL-0100").update(status=Item.Status.WITHDRAWN)
    assert counts(search(""), "loai") == {"document": 3}
    assert counts(search("dien bien"), "loai") == {"document": 1}
    item = Item.objects.get(identifier="TL-0097")
    item.kind = Item.Kind.QUOTATION
    item.quote_text = "Thi đua là yêu nước"
    item.save()
    assert counts(search(""), "loai") == {"document": 2, "quotation": 1}
    assert counts(search("dien bien"), "loai") == {"quotation": 1}
    Item.objects.filter(identifier="TL-0100").update(status=Item.Status.PUBLISHED)
    assert counts(search("dien bien"), "loai") == {"quotation": 1, "photo": 1}
