"""Values kept per content version (operations/memo.py) and the version stamp itself."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests import builders as b
from trienlam.operations import memo, pagecache


@pytest.fixture
def fresh() -> None:
    memo.clear()
    pagecache.bump()


def _counter() -> tuple[list[int], object]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return calls, compute


@pytest.mark.django_db(transaction=True)
def test_a_value_is_kept_until_content_changes(fresh: None) -> None:
    calls, compute = _counter()
    assert memo.shared("x", compute) == 1
    assert memo.shared("x", compute) == 1
    assert len(calls) == 1
    b.institution()  # any save of public content starts a new version
    assert memo.shared("x", compute) == 2
    assert memo.shared("x", compute) == 2


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_inside_a_transaction(fresh: None) -> None:
    calls, compute = _counter()
    with transaction.atomic():
        assert not memo.available()
        memo.shared("x", compute)
        memo.shared("x", compute)
    assert len(calls) == 2
    assert "x" not in memo._store


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_when_switched_off_or_without_a_version(fresh: None, settings) -> None:  # type: ignore[no-untyped-def]
    calls, compute = _counter()
    settings.TRIENLAM_CONTENT_MEMO = False
    memo.shared("x", compute)
    memo.shared("x", compute)
    settings.TRIENLAM_CONTENT_MEMO = True
    pagecache.stamp_path().unlink()
    memo.shared("x", compute)
    memo.shared("x", compute)
    assert len(calls) == 4


def test_every_bump_gives_a_new_version(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Quick successive bumps reuse freed inodes within one tick of the file system clock:
    # the version must still never repeat (a repeat would bring back stale data).
    seen = set()
    for _ in range(300):
        pagecache.bump()
        seen.add(pagecache.current_version())
    assert len(seen) == 300
