"""lib/prepared.py: a queryset compiled once gives what the queryset itself gives."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import builders as b
from trienlam.catalogue.models import Item
from trienlam.exhibitions.views import _ITEM_MEDIA, _PUBLIC_ITEM, item_queryset
from trienlam.lib.prepared import PreparedQuery, attach_prefetched

pytestmark = pytest.mark.django_db

# The item page's own prepared queries, compared below with `item_queryset`.
ITEM, MEDIA = _PUBLIC_ITEM, _ITEM_MEDIA


def _fields(obj: object) -> dict[str, object]:
    return {k: v for k, v in vars(obj).items() if k not in ("_state", "_prefetched_objects_cache")}


def test_same_instances_as_the_queryset_and_one_query_each(  # type: ignore[no-untyped-def]
    tmp_path, django_capture_on_commit_callbacks
) -> None:
    lang_son = b.institution()
    other = b.institution("Trung tâm Lưu trữ quốc gia III", short_name="TTLTQG III")
    with django_capture_on_commit_callbacks(execute=True):
        item = b.with_pages(b.item(lang_son, repository=other, title="Công văn số 1"), tmp_path, 2)
    b.item(lang_son, identifier="TL-DRAFT", status=Item.Status.DRAFT)

    with CaptureQueriesContext(connection) as queries:
        found = ITEM.first(item.identifier)
        assert found is not None
        pages = MEDIA.fetch(found.pk)
        attach_prefetched(found, "media", pages)
        # Everything the item page reads, with no further query.
        assert found.institution.name == lang_son.name
        assert found.repository.short_name == "TTLTQG III"
        assert found.province.name == "Lạng Sơn"
        assert [m.alt for m in found.media.all()] == [found.title, found.title]
        assert found.media.all()[0].item is found
        assert len(found.media.all()) == 2
    assert len(queries) == 2

    expected = item_queryset(Item.objects.public()).get(identifier=item.identifier)
    assert _fields(found) == _fields(expected)
    assert _fields(found.institution) == _fields(expected.institution)
    assert _fields(found.repository) == _fields(expected.repository)
    assert _fields(found.province) == _fields(expected.province)
    # Converted like the ORM converts them: UUIDs, JSON sizes, datetimes.
    assert [(m.pk, m.uid, m.sizes, m.created_at) for m in found.media.all()] == [
        (m.pk, m.uid, m.sizes, m.created_at) for m in expected.media.all()
    ]
    assert found._state.adding is False and found._state.db == "default"


def test_new_values_every_call_and_the_public_rule_kept() -> None:
    lang_son = b.institution()
    first = b.item(lang_son, identifier="TL-1", title="Một")
    second = b.item(lang_son, identifier="TL-2", title="Hai")
    b.item(lang_son, identifier="TL-3", status=Item.Status.WITHDRAWN)
    assert ITEM.first("TL-1").title == "Một"  # type: ignore[union-attr]
    assert ITEM.first("TL-2").title == "Hai"  # type: ignore[union-attr]
    assert ITEM.first("TL-3") is None  # withdrawn: not public
    assert ITEM.first("NOPE") is None
    assert MEDIA.fetch(first.pk) == [] and MEDIA.fetch(second.pk) == []
    # A change is read at once: nothing but the SQL text is kept.
    Item.objects.filter(pk=first.pk).update(title="Đã đổi")
    assert ITEM.first("TL-1").title == "Đã đổi"  # type: ignore[union-attr]


def test_a_stand_in_used_twice_and_no_parameters() -> None:
    lang_son = b.institution()
    b.item(lang_son, identifier="TL-1", title="Một")
    b.item(lang_son, identifier="TL-2", title="Hai")
    twice = PreparedQuery(
        lambda text: (
            Item.objects.filter(identifier=text.text) | Item.objects.filter(title=text.text)
        )
    )
    assert [i.identifier for i in twice.fetch("TL-2")] == ["TL-2"]
    assert [i.identifier for i in twice.fetch("Một")] == ["TL-1"]
    every = PreparedQuery(lambda: Item.objects.public().order_by("identifier"), params=0)
    assert [i.identifier for i in every.fetch()] == ["TL-1", "TL-2"]


def test_refuses_what_it_cannot_run() -> None:
    with pytest.raises(TypeError, match="expected 1 parameter"):
        ITEM.fetch()
    unused = PreparedQuery(lambda identifier: Item.objects.filter(identifier="TL-1"))
    with pytest.raises(ValueError, match="parameter 1 is not among"):
        unused.fetch("TL-1")
    prefetching = PreparedQuery(
        lambda i: Item.objects.filter(identifier=i.text).prefetch_related("media")
    )
    with pytest.raises(ValueError, match="prefetch_related"):
        prefetching.fetch("TL-1")
    values = PreparedQuery(lambda i: Item.objects.filter(identifier=i.text).values("title"))
    with pytest.raises(ValueError, match="model instances"):
        values.fetch("TL-1")


@pytest.mark.django_db(transaction=True)
def test_another_thread_uses_its_own_connection() -> None:
    """Compiled in one thread, run in another (a threaded server): the SQL and converters
    are shared, the connection is the running thread's own."""
    import threading

    from django.db import connections

    lang_son = b.institution()
    b.item(lang_son, identifier="TL-1", title="Một")
    here = ITEM.first("TL-1")
    assert here is not None
    found: list[object] = []

    def run() -> None:
        try:
            item = ITEM.first("TL-1")
            found.append((item.title, item.created_at, item.institution.name))  # type: ignore[union-attr]
        except Exception as error:  # reported below
            found.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert found == [(here.title, here.created_at, lang_son.name)]
