"""The static search index: Pagefind records built from the catalogue, in folded text.

Pagefind does not fold "đ" to "d" (nor reliably remove Vietnamese marks), so each record's
text is passed through the live search's own `fold`, and the search page folds the query
with the same rules before handing it to Pagefind. Titles and summaries are kept with their
accents as metadata, for display. Filters give the facets: kind, province, institution,
part and decade (named in the site's language, as Pagefind's UI shows the names).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from trienlam.catalogue.models import Item, Media
from trienlam.exhibitions.models import Exhibition, Placement
from trienlam.lib.folding import fold
from trienlam.publishing.keys import digest, item_digests

RECORDS_MANIFEST = "records.json"
RECORDS_BY_ID = 500


@dataclass
class Record:
    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)


def _parts_of_items() -> dict[int, set[str]]:
    parts: dict[int, set[str]] = defaultdict(set)
    rows = Placement.objects.filter(
        exhibition__in=Exhibition.objects.public(), item__in=Item.objects.public()
    ).values_list("item_id", "section__title", "section__parent__title")
    for item_id, section_title, part_title in rows:
        parts[item_id].add(part_title or section_title)
    return parts


def records(
    ids: Collection[int] | None, parts: dict[int, set[str]]
) -> Iterator[tuple[int, Record]]:
    """(item id, record) for every public item (or those of *ids*), pointing at its own page;
    *parts*: each item's exhibition parts (`_parts_of_items`).

    A few ids are read by id; many (a first export) by reading every public item and
    skipping the others, as an IN list is capped by the database (SQLite: 32,766 values,
    PostgreSQL: 65,535)."""
    queryset = (
        Item.objects.public()
        .select_related("institution", "province")
        .prefetch_related(Prefetch("media", queryset=Media.objects.order_by("position", "id")))
        .order_by("identifier")
    )
    if ids is not None and len(ids) <= RECORDS_BY_ID:
        queryset = queryset.filter(pk__in=sorted(ids))
    for item in queryset:
        if ids is not None and item.pk not in ids:
            continue
        words = [
            item.title,
            item.summary,
            item.creator,
            item.doc_number,
            item.date_text,
            item.occasion,
            item.quote_text,
            item.transcription,
            item.identifier,
            item.institution.name,
            item.province.name if item.province else "",
        ]
        meta = {"title": item.title, "summary": item.summary[:300]}
        image = next((m for m in item.media.all() if m.sizes), None)
        if image is not None:
            smallest = image.renditions()[0]
            meta["image"] = smallest.url
            meta["image_alt"] = image.alt
        # Pagefind's UI shows filter names as they are: give them in the site's language.
        filters: dict[str, list[str]] = {
            _("Kind"): [str(item.get_kind_display()).capitalize()],
            _("Institution"): [item.institution.short_name or item.institution.name],
        }
        if item.province:
            filters[_("Province")] = [item.province.name]
        if item.date_start:
            decade = item.date_start.year // 10 * 10
            filters[_("Decade")] = [f"{decade}–{decade + 9}"]
        if parts.get(item.pk):
            filters[_("Part")] = sorted(parts[item.pk])
        yield (
            item.pk,
            Record(
                url=reverse("item", kwargs={"identifier": item.identifier}),
                content=fold(" ".join(w for w in words if w)),
                meta=meta,
                filters=filters,
            ),
        )


def _record_page(record: Record) -> str:
    """A tiny HTML page for Pagefind: the folded text as the body, the accented title and
    summary as metadata, the facets as filters (in an element Pagefind reads for metadata
    and filters but does not index as text)."""
    meta = "".join(
        f'<span data-pagefind-meta="{escape(key)}">{escape(value)}</span>'
        for key, value in sorted(record.meta.items())
        if key not in ("image", "image_alt")
    )
    if "image" in record.meta:
        image, alt = escape(record.meta["image"]), escape(record.meta.get("image_alt", ""))
        meta += f'<img data-pagefind-meta="image[src], image_alt[alt]" src="{image}" alt="{alt}">'
    filters = "".join(
        f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
        for name, values in sorted(record.filters.items())
        for value in values
    )
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title></head>'
        f"<body><main data-pagefind-body><div data-pagefind-ignore>{meta}{filters}</div>"
        f"<p>{escape(record.content)}</p></main></body></html>"
    )


async def _build(source: Path, folder: Path) -> int:
    from pagefind.index import PagefindIndex

    # One request for the whole folder: the Python service reads one answer per 0.1 s, so a
    # request per record (add_custom_record) would take 100 ms per item.
    index = await PagefindIndex(config={"force_language": "vi"})._start()
    try:
        result = await index.add_directory(str(source))
        await index.write_files(output_path=str(folder))
    finally:
        assert index._service is not None
        await index._service.close()
    return int(result["page_count"])


def write_records(work: Path, site_key: str) -> int:
    """Bring the record pages Pagefind indexes in *work* up to date; how many records there
    are.

    *work* is kept from one export to the next. Its manifest (`records.json`) holds, per
    item, a key of what its record is made of (the item's page digest, which covers its row,
    institution, province and media, and the parts it is shown in) under the export's
    *site_key* (code, templates, translations): only the records whose key changed are built
    again from the database, a page is rewritten only when its bytes change, and pages (or
    anything else) no longer wanted are removed. Reads the database: call it from the
    exporting thread (a test's transaction, or the export's own, is only visible there)."""
    parts = _parts_of_items()
    keys = {pk: digest(d, sorted(parts.get(pk, ()))) for pk, d in item_digests().items()}
    try:
        manifest = json.loads((work / RECORDS_MANIFEST).read_text(encoding="utf-8"))
        known = manifest["records"] if manifest.get("site") == site_key else {}
    except (OSError, ValueError, KeyError, AttributeError):
        known = {}
    kept: dict[str, list[str]] = {}
    for pk, key in keys.items():
        entry = known.get(str(pk))
        if entry and entry[0] == key and os.path.isfile(os.path.join(work, entry[1])):
            kept[str(pk)] = entry
    missing = {pk for pk in keys if str(pk) not in kept}
    for pk, record in records(missing, parts):
        name = os.path.join(record.url.strip("/"), "index.html")
        _put(work, name, _record_page(record).encode("utf-8"))
        kept[str(pk)] = [keys[pk], name]
    wanted = {name for _key, name in kept.values()}
    count = len(wanted)
    if not count:
        # Pagefind's service needs a page to write an (empty) bundle.
        _put(work, "index.html", b'<html lang="vi"><body></body></html>')
        wanted.add("index.html")
    # The manifest last: if the export stops before, the next one checks every page again.
    _remove_unwanted(work, wanted | {RECORDS_MANIFEST})
    body = json.dumps({"site": site_key, "records": kept}, sort_keys=True)
    _put(work, RECORDS_MANIFEST, body.encode("utf-8"))
    return count


def _put(work: Path, name: str, data: bytes) -> None:
    path = os.path.join(work, name)
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, path)


def _remove_unwanted(work: Path, wanted: set[str]) -> None:
    """Remove every file of *work* not in *wanted* (records of items no longer public, a
    write cut short), and the folders left empty."""
    for folder, _dirs, files in os.walk(work, topdown=False):
        relative = os.path.relpath(folder, work)
        for name in files:
            path = name if relative == "." else os.path.join(relative, name)
            if path not in wanted:
                os.unlink(os.path.join(folder, name))
        if relative != "." and not os.listdir(folder):
            os.rmdir(folder)


class Indexing:
    """Pagefind indexing the record pages of :func:`write_records`: its binary, started at
    once in a process of its own (the export goes on meanwhile, and may fork its render
    workers: no thread of ours is involved); :meth:`finish` waits for its bundle (index,
    pagefind.js, the UI) in *folder*."""

    def __init__(self, work: Path, folder: Path, count: int) -> None:
        self.work, self.folder, self.count = work, folder, count
        self.process: subprocess.Popen[bytes] | None = None
        if count:
            from pagefind_bin import get_executable

            self.log = tempfile.TemporaryFile()
            command = [os.fspath(get_executable()), "--site", os.fspath(work)]
            command += ["--output-path", os.fspath(folder), "--force-language", "vi"]
            self.process = subprocess.Popen(
                command, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )

    def finish(self) -> int:
        """Wait for the bundle; the number of records indexed."""
        if self.process is None:
            # Pagefind's binary refuses a site without pages; its service writes an empty
            # bundle (a search that finds nothing).
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(asyncio.run, _build(self.work, self.folder)).result()
            return 0
        status = self.process.wait()
        self.log.seek(0)
        said = self.log.read().decode("utf-8", errors="replace")
        self.log.close()
        if status != 0:
            raise RuntimeError(f"Pagefind failed (exit status {status}): {said[-2000:]}")
        entry = json.loads((self.folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed = sum(int(language["page_count"]) for language in entry["languages"].values())
        if indexed < self.count:
            raise RuntimeError(f"Pagefind indexed {indexed} of {self.count} records")
        return self.count

    def stop(self) -> None:
        """The export failed: end the indexing at once."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            self.log.close()
