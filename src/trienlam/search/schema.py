"""The parts of the search index the ORM does not make: the engine and the change triggers.

Created by the migration and re-ensured after every ``migrate`` (``post_migrate``), because
SQLite drops a table's triggers when a later migration rebuilds that table. Every statement is
idempotent.

The triggers are what keeps the index correct whatever path a change takes — ``save()``, the
admin, bulk import, ``bulk_create``, ``QuerySet.update()``, raw SQL, another process: a change
that can hide an item deletes its entry at once (in the same transaction); a change that can
alter an entry's text queues the item in ``search_dirty``, and :func:`trienlam.search.index.
refresh` (run before every search, and by ``trienlam reindex``) rebuilds the queued entries
from the database, folding the text in Python.
"""

# Fixed DDL assembled from constants (no outside value ever reaches it).
# ruff: noqa: S608

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

# What search_text's triggers do to the three FTS5 tables: add a row's entries, remove them
# (external-content and contentless FTS5 tables are told the old values to remove).
_ADD_NEW = """
    INSERT INTO search_fts(rowid, head, body, facets)
    VALUES (NEW.item_id, NEW.head, NEW.body, NEW.facets);
    INSERT INTO search_afts(rowid, ahead, abody)
    VALUES (NEW.item_id, NEW.ahead, NEW.abody);
    INSERT INTO search_hfts(rowid, head, ahead, facets)
    VALUES (NEW.rank_key, NEW.head, NEW.ahead, NEW.facets);"""
_REMOVE_OLD = """
    INSERT INTO search_fts(search_fts, rowid, head, body, facets)
    VALUES ('delete', OLD.item_id, OLD.head, OLD.body, OLD.facets);
    INSERT INTO search_afts(search_afts, rowid, ahead, abody)
    VALUES ('delete', OLD.item_id, OLD.ahead, OLD.abody);
    INSERT INTO search_hfts(search_hfts, rowid, head, ahead, facets)
    VALUES ('delete', OLD.rank_key, OLD.head, OLD.ahead, OLD.facets);"""

SQLITE = [
    # External-content FTS5 over search_text: the index only, the text is not stored twice.
    # The folded columns and the accent-keeping ones are two tables, so that the common
    # (folded) search never reads the accent-keeping postings of the same unaccented words.
    # `facets` holds one token per facet value (see index.facet_tokens): a facet filter is
    # then part of the MATCH, and ranking never joins another table.
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        head, body, facets, content='search_text', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_afts USING fts5(
        ahead, abody, content='search_text', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0')""",
    # The heads alone (folded and accent-keeping) and the facet tokens, contentless, whose
    # rowid is the entry's rank_key (trienlam.search.index.rank_key): the matches of a huge
    # result set come out in their static order, so its first page reads a few rows.
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_hfts USING fts5(
        head, ahead, facets, content='', tokenize='unicode61 remove_diacritics 0')""",
    # ORDER BY rank: a match in the title, identifier, number or creator weighs 4 times more;
    # facet tokens weigh nothing.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.0)')",
    # A new random value whenever entries are (re)built or hidden: each process checks it
    # before trusting its facet cache (trienlam.search.facetcache).
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY, generation INTEGER)",
    "INSERT OR IGNORE INTO search_state (id, generation) VALUES (1, 0)",
    # Every trigger of search_text is made again (DROP + CREATE): a database made before a
    # table was added here gets the new bodies.
    "DROP TRIGGER IF EXISTS search_text_ai",
    "DROP TRIGGER IF EXISTS search_text_ad",
    "DROP TRIGGER IF EXISTS search_text_au",
    f"CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN {_ADD_NEW} END",
    f"CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN {_REMOVE_OLD} END",
    f"CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN {_REMOVE_OLD} {_ADD_NEW} END",
    # Items: hide at once when no longer published; queue when published.
    """CREATE TRIGGER IF NOT EXISTS search_item_ai AFTER INSERT ON catalogue_item
        WHEN NEW.status = 'published' BEGIN
        INSERT OR IGNORE INTO search_dirty(item_id) VALUES (NEW.id); END""",
    """CREATE TRIGGER IF NOT EXISTS search_item_au AFTER UPDATE ON catalogue_item BEGIN
        UPDATE search_state SET generation = abs(random()) WHERE id = 1
            AND OLD.status = 'published' AND (NEW.status <> 'published' OR NEW.id <> OLD.id);
        DELETE FROM search_entry WHERE item_id = OLD.id
            AND (NEW.status <> 'published' OR NEW.id <> OLD.id);
        DELETE FROM search_text WHERE item_id = OLD.id
            AND (NEW.status <> 'published' OR NEW.id <> OLD.id);
        INSERT OR IGNORE INTO search_dirty(item_id)
            SELECT NEW.id WHERE NEW.status = 'published'; END""",
    """CREATE TRIGGER IF NOT EXISTS search_item_ad AFTER DELETE ON catalogue_item BEGIN
        UPDATE search_state SET generation = abs(random())
            WHERE id = 1 AND OLD.status = 'published';
        DELETE FROM search_entry WHERE item_id = OLD.id;
        DELETE FROM search_text WHERE item_id = OLD.id;
        DELETE FROM search_dirty WHERE item_id = OLD.id; END""",
    # Placements (captions, parts): queue the items on both sides of the change.
    """CREATE TRIGGER IF NOT EXISTS search_placement_ai AFTER INSERT ON exhibitions_placement
        BEGIN INSERT OR IGNORE INTO search_dirty(item_id) VALUES (NEW.item_id); END""",
    """CREATE TRIGGER IF NOT EXISTS search_placement_au AFTER UPDATE ON exhibitions_placement
        BEGIN INSERT OR IGNORE INTO search_dirty(item_id) VALUES (NEW.item_id);
        INSERT OR IGNORE INTO search_dirty(item_id) VALUES (OLD.item_id); END""",
    """CREATE TRIGGER IF NOT EXISTS search_placement_ad AFTER DELETE ON exhibitions_placement
        BEGIN INSERT OR IGNORE INTO search_dirty(item_id) VALUES (OLD.item_id); END""",
    # Sections, exhibitions, institutions, provinces: only when an indexed value changes.
    """CREATE TRIGGER IF NOT EXISTS search_section_au AFTER UPDATE ON exhibitions_section
        WHEN OLD.title IS NOT NEW.title OR OLD.label IS NOT NEW.label
          OR OLD.slug IS NOT NEW.slug OR OLD.parent_id IS NOT NEW.parent_id
          OR OLD.exhibition_id IS NOT NEW.exhibition_id BEGIN
        INSERT OR IGNORE INTO search_dirty(item_id) SELECT item_id FROM exhibitions_placement
        WHERE section_id = NEW.id OR section_id IN
            (SELECT id FROM exhibitions_section WHERE parent_id = NEW.id); END""",
    """CREATE TRIGGER IF NOT EXISTS search_exhibition_au AFTER UPDATE ON exhibitions_exhibition
        WHEN OLD.status IS NOT NEW.status OR OLD.title IS NOT NEW.title
          OR OLD.slug IS NOT NEW.slug BEGIN
        INSERT OR IGNORE INTO search_dirty(item_id) SELECT item_id FROM exhibitions_placement
        WHERE exhibition_id = NEW.id; END""",
    """CREATE TRIGGER IF NOT EXISTS search_institution_au AFTER UPDATE ON catalogue_institution
        WHEN OLD.name IS NOT NEW.name OR OLD.short_name IS NOT NEW.short_name BEGIN
        INSERT OR IGNORE INTO search_dirty(item_id) SELECT id FROM catalogue_item
        WHERE (institution_id = NEW.id OR repository_id = NEW.id)
          AND status = 'published'; END""",
    """CREATE TRIGGER IF NOT EXISTS search_province_au AFTER UPDATE ON catalogue_province
        WHEN OLD.name IS NOT NEW.name BEGIN
        INSERT OR IGNORE INTO search_dirty(item_id) SELECT id FROM catalogue_item
        WHERE province_id = NEW.id AND status = 'published'; END""",
]

_PG_QUEUE = "INSERT INTO search_dirty(item_id) {rows} ON CONFLICT DO NOTHING"

POSTGRESQL = [
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY, generation BIGINT)",
    "INSERT INTO search_state (id, generation) VALUES (1, 0) ON CONFLICT DO NOTHING",
    # The text is folded in Python; 'simple' only lowercases and splits on spaces.
    """ALTER TABLE search_text ADD COLUMN IF NOT EXISTS doc tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', head), 'A')
        || setweight(to_tsvector('simple', body), 'D')) STORED""",
    """ALTER TABLE search_text ADD COLUMN IF NOT EXISTS acc tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', ahead), 'A')
        || setweight(to_tsvector('simple', abody), 'D')) STORED""",
    # The heads alone, small vectors (no TOAST): the first page of a huge result set is the
    # head matches in rank_key order (trienlam.search.engine.static_ranked).
    """ALTER TABLE search_text ADD COLUMN IF NOT EXISTS hdoc tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', head)) STORED""",
    """ALTER TABLE search_text ADD COLUMN IF NOT EXISTS ahdoc tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', ahead)) STORED""",
    "CREATE INDEX IF NOT EXISTS search_text_hdoc_gin ON search_text USING gin (hdoc)",
    "CREATE INDEX IF NOT EXISTS search_text_ahdoc_gin ON search_text USING gin (ahdoc)",
    "CREATE INDEX IF NOT EXISTS search_text_doc_gin ON search_text USING gin (doc)",
    "CREATE INDEX IF NOT EXISTS search_text_acc_gin ON search_text USING gin (acc)",
    f"""CREATE OR REPLACE FUNCTION search_item_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF OLD.status = 'published' THEN
                UPDATE search_state SET generation = floor(random() * 1e15) WHERE id = 1;
            END IF;
            DELETE FROM search_entry WHERE item_id = OLD.id;
            DELETE FROM search_text WHERE item_id = OLD.id;
            DELETE FROM search_dirty WHERE item_id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.status <> 'published' OR NEW.id <> OLD.id) THEN
            IF OLD.status = 'published' THEN
                UPDATE search_state SET generation = floor(random() * 1e15) WHERE id = 1;
            END IF;
            DELETE FROM search_entry WHERE item_id = OLD.id;
            DELETE FROM search_text WHERE item_id = OLD.id;
        END IF;
        IF NEW.status = 'published' THEN
            {_PG_QUEUE.format(rows="VALUES (NEW.id)")};
        END IF;
        RETURN NEW;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION search_placement_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'DELETE' THEN {_PG_QUEUE.format(rows="VALUES (NEW.item_id)")}; END IF;
        IF TG_OP <> 'INSERT' THEN {_PG_QUEUE.format(rows="VALUES (OLD.item_id)")}; END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION search_section_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.title IS DISTINCT FROM NEW.title OR OLD.label IS DISTINCT FROM NEW.label
           OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
           OR OLD.exhibition_id IS DISTINCT FROM NEW.exhibition_id THEN
            {
        _PG_QUEUE.format(
            rows='''SELECT item_id FROM exhibitions_placement
                WHERE section_id = NEW.id OR section_id IN
                (SELECT id FROM exhibitions_section WHERE parent_id = NEW.id)'''
        )
    };
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION search_exhibition_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status IS DISTINCT FROM NEW.status OR OLD.title IS DISTINCT FROM NEW.title
           OR OLD.slug IS DISTINCT FROM NEW.slug THEN
            {
        _PG_QUEUE.format(
            rows='''SELECT item_id FROM exhibitions_placement
                WHERE exhibition_id = NEW.id'''
        )
    };
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION search_institution_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.name IS DISTINCT FROM NEW.name
           OR OLD.short_name IS DISTINCT FROM NEW.short_name THEN
            {
        _PG_QUEUE.format(
            rows='''SELECT id FROM catalogue_item
                WHERE (institution_id = NEW.id OR repository_id = NEW.id)
                AND status = 'published' '''
        )
    };
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION search_province_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.name IS DISTINCT FROM NEW.name THEN
            {
        _PG_QUEUE.format(
            rows='''SELECT id FROM catalogue_item
                WHERE province_id = NEW.id AND status = 'published' '''
        )
    };
        END IF;
        RETURN NULL;
    END $$""",
]
for _table, _events, _function in (
    ("catalogue_item", "INSERT OR UPDATE OR DELETE", "search_item_changed"),
    ("exhibitions_placement", "INSERT OR UPDATE OR DELETE", "search_placement_changed"),
    ("exhibitions_section", "UPDATE", "search_section_changed"),
    ("exhibitions_exhibition", "UPDATE", "search_exhibition_changed"),
    ("catalogue_institution", "UPDATE", "search_institution_changed"),
    ("catalogue_province", "UPDATE", "search_province_changed"),
):
    POSTGRESQL += [
        f"DROP TRIGGER IF EXISTS {_function} ON {_table}",
        f"""CREATE TRIGGER {_function} AFTER {_events} ON {_table}
            FOR EACH ROW EXECUTE FUNCTION {_function}()""",
    ]


def ensure(connection: BaseDatabaseWrapper) -> None:
    """Create the engine tables and the triggers on *connection* if they are missing."""
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor)
    if statements is None:
        raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}")
    tables = set(connection.introspection.table_names())
    if "search_text" not in tables or "catalogue_item" not in tables:
        return  # not migrated this far yet
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
