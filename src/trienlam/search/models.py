"""The search index: one row per public item, fed folded text (see trienlam.lib.folding).

The rows are derived data, kept by :mod:`trienlam.search.index`; nothing else writes them.
On SQLite an FTS5 table (``search_fts``, external content over ``search_text``) indexes the
four text columns; on PostgreSQL two generated ``tsvector`` columns of ``search_text`` with
GIN indexes do. Both
are created by the migration, outside the ORM.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """What the search engine needs of one public item: its texts and its facet values."""

    item_id = models.IntegerField(primary_key=True)
    kind = models.CharField(max_length=16)
    province_id = models.IntegerField(null=True)
    institution_id = models.IntegerField()
    decade = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    # "|<exhibition slug>/<part slug>|...|": the public exhibition parts the item is placed in
    parts = models.TextField(default="|")
    ident = models.CharField(max_length=40, db_index=True)  # identifier, lower case
    docnum = models.CharField(max_length=100, db_index=True)  # folded, no spaces
    sort_date = models.DateField(null=True)
    sort_key = models.CharField(max_length=40)  # identifier, for stable ordering
    # The static order of large result sets (see trienlam.search.index.rank_key)
    rank_key = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_entry"
        indexes = [models.Index(fields=["sort_date", "sort_key"])]

    def __str__(self) -> str:
        return f"search entry {self.item_id}"


class SearchText(models.Model):
    """The texts of one entry, apart from the facet values so that counting facets over
    many matches reads small rows."""

    item_id = models.IntegerField(primary_key=True)
    head = models.TextField()  # folded tokens: title, identifier, document number, creator
    body = models.TextField()  # folded tokens: everything else
    ahead = models.TextField()  # accent-keeping tokens of head
    abody = models.TextField()  # accent-keeping tokens of body
    facets = models.TextField(default="")  # facet tokens, for filtering inside FTS5
    # The entry's rank_key again: the rowid of the SQLite head index (search_hfts), ordered
    # by it; on PostgreSQL, the order of large result sets (indexed).
    rank_key = models.BigIntegerField(default=0, db_index=True)

    class Meta:
        db_table = "search_text"

    def __str__(self) -> str:
        return f"search text {self.item_id}"


class DirtyItem(models.Model):
    """An item whose entry must be rebuilt; database triggers add rows on every change to
    items, placements, sections, exhibitions, institutions and provinces."""

    item_id = models.IntegerField(primary_key=True)

    class Meta:
        db_table = "search_dirty"

    def __str__(self) -> str:
        return f"queued item {self.item_id}"
