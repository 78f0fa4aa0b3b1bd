"""`trienlam publish`: the whole public site as static files, atomic and incremental.

Declarative, like `django.contrib.sitemaps`: every installed trienlam app may have a
`published` module with

- ``pages()``: the HTML pages it serves (site paths such as ``/trien-lam/x/``), written as
  ``trien-lam/x/index.html``;
- ``files()``: other files its views serve (banners, QR codes, manifests), written under
  their own path;
- ``fingerprint()`` (optional): a string that changes when something every page shows
  changes (for example a table a shared template reads).

Each path may come as ``(path, key)``: a checksum of the data the page shows (see
`trienlam.publishing.keys`); a page whose key is unchanged since the previous export is
reused without rendering. Paths without a key are rendered every time.

Everything is rendered through the same URLs, views and templates as the live site, in
export mode (`static_export` in templates). The exporter adds the 404 page, the static
search page with its Pagefind index, static files, IIIF tiles and `info.json` of public
media, recordings, `sitemap.xml` and `robots.txt`.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command
from django.http.request import validate_host
from django.template.loader import render_to_string
from django.test.utils import override_settings
from django.utils import translation

from trienlam.catalogue.models import Media
from trienlam.iiif.presentation import absolute
from trienlam.operations import memo
from trienlam.publishing import pagefind_canon, parallel, searchindex
from trienlam.publishing.keys import digest, site_key
from trienlam.publishing.output import (
    Counts,
    ExportError,
    VersionedOutput,
    page_file,
    safe_relative,
)
from trienlam.publishing.render import PageRenderer, Rendered

#: A path no app serves, rendered to make `404.html`.
MISSING_PATH = "/__trienlam-export-missing__/"
SEARCH_PATH = "/tim-kiem/"
#: Static files the public site never uses (the admin's own).
STATIC_EXCLUDED = ("admin/",)

Entry = str | tuple[str, str]


@dataclass(frozen=True)
class _Job:
    path: str
    name: str
    html: bool
    app: str
    full_key: str | None


@dataclass
class Report:
    out: str
    base_url: str
    pages: int = 0
    files: int = 0
    media: int = 0
    records: int = 0
    #: render worker processes (1: rendered in the exporting process)
    workers: int = 1
    warnings: list[str] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    seconds: dict[str, float] = field(default_factory=dict)
    #: app → [pages and files rendered, seconds rendering and writing them, CPU seconds]
    by_app: dict[str, list[float]] = field(default_factory=dict)

    def summary(self) -> str:
        c = self.counts
        return (
            f"Exported {self.pages} pages, {self.files} other files, {self.media} images "
            f"and {self.records} search records to {self.out} (base URL {self.base_url}): "
            f"{c.written} files written, {c.unchanged} unchanged, {c.removed} removed; "
            f"{c.rendered} pages rendered, {c.skipped} reused unchanged; "
            f"{c.tiles_copied} image files copied, {c.tiles_linked} reused."
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "out": self.out,
            "base_url": self.base_url,
            "pages": self.pages,
            "files": self.files,
            "media": self.media,
            "records": self.records,
            "workers": self.workers,
            "warnings": self.warnings,
            "counts": self.counts.as_dict(),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "by_app": {
                k: [int(n), round(t, 3), round(c, 3)]
                for k, (n, t, c) in sorted(self.by_app.items())
            },
        }


def check_base_url(base_url: str) -> str:
    if not base_url:
        raise ExportError(
            "no base URL: pass --base-url https://your.site or set TRIENLAM_PUBLIC_BASE_URL "
            "(IIIF ids and the sitemap need the address the export will be served at)"
        )
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportError(f"base URL {base_url!r} must look like https://host or http://host:port")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ExportError(
            f"base URL {base_url!r} has a path: the export must be served at the root of its "
            "host (use a host name of its own, such as https://trienlam.example.gov.vn)"
        )
    return f"{parts.scheme}://{parts.netloc}"


@contextmanager
def _export_settings(base_url: str) -> Iterator[None]:
    """Only what rendering for *base_url* needs, and only when needed (settings are global
    to the process: the admin runs an export inside a live server): the production error
    pages rather than debug ones, and the target host accepted."""
    changes: dict[str, object] = {}
    if settings.DEBUG:
        changes["DEBUG"] = False
    host = urlsplit(base_url).hostname or ""
    if not validate_host(host, settings.ALLOWED_HOSTS):
        changes["ALLOWED_HOSTS"] = [*settings.ALLOWED_HOSTS, host]
    if not changes:
        yield
        return
    with override_settings(**changes):
        yield


def published_modules() -> list[ModuleType]:
    """The `published` module of every installed trienlam app that has one."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("trienlam."):
            continue
        name = f"{config.name}.published"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


def _entries(modules: list[ModuleType], function: str) -> list[tuple[str, str | None, str]]:
    """Sorted (path, key or None, app) of every module's *function*; first app wins."""
    seen: dict[str, tuple[str | None, str]] = {}
    for module in modules:
        provider: Callable[[], Iterable[Entry]] | None = getattr(module, function, None)
        if provider is None:
            continue
        for entry in provider():
            path, key = (entry, None) if isinstance(entry, str) else entry
            if not path.startswith("/"):
                raise ExportError(f"{module.__name__}.{function}() gave {path!r}: not a site path")
            seen.setdefault(path, (key, module.__name__.removesuffix(".published")))
    return [(path, key, app) for path, (key, app) in sorted(seen.items())]


class Exporter:
    def __init__(
        self, out: Path, base_url: str, log: Callable[[str], None], workers: int = 1
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.workers = workers
        self.output = VersionedOutput(out)
        self.report = Report(out=str(self.output.out), base_url=self.base_url)
        self.log = log
        self.renderer: PageRenderer | None = None
        self.site_key = ""

    def _timed(self, name: str, started: float) -> None:
        self.report.seconds[name] = (
            self.report.seconds.get(name, 0.0) + time.perf_counter() - started
        )

    def run(self) -> Report:
        output = self.output
        output.begin()
        try:
            with _export_settings(self.base_url), translation.override(settings.LANGUAGE_CODE):
                with memo.run_cache():
                    self._export()
            output.finish()
        except BaseException:
            output.release()
            if output.version_dir is not None and not output.swapped:
                shutil.rmtree(output.version_dir, ignore_errors=True)
            raise
        self.report.counts = output.counts
        return self.report

    def _export(self) -> None:
        started = time.perf_counter()
        collect_static_if_needed(self.log)
        self._timed("collectstatic", started)
        started = time.perf_counter()
        modules = published_modules()
        fingerprints = [str(getattr(m, "fingerprint", lambda: "")()) for m in modules]
        self.site_key = site_key(self.base_url, fingerprints)
        self.renderer = PageRenderer(self.base_url)
        pages = _entries(modules, "pages")
        files = _entries(modules, "files")
        self._timed("listing", started)
        self.log(f"{len(pages)} pages and {len(files)} files to export")

        # Pagefind's binary indexes the search records in its own process while this one
        # renders the pages and copies the files.
        started = time.perf_counter()
        indexing = self._start_search_index()
        self._timed("search index", started)
        try:
            self._pages_and_files(pages, files)
        except BaseException:
            indexing.stop()
            raise
        started = time.perf_counter()
        self._finish_search_index(indexing)
        self._timed("search index", started)
        self._sitemap([p for p, _, _ in pages])
        self.report.seconds["compression"] = self.output.compress.seconds

    def _pages_and_files(
        self, pages: list[tuple[str, str | None, str]], files: list[tuple[str, str | None, str]]
    ) -> None:
        started = time.perf_counter()
        jobs = [self._job(path, key, page_file(path), True, app) for path, key, app in pages]
        jobs += [self._job(path, key, safe_relative(path), False, app) for path, key, app in files]
        self._render_jobs([job for job in jobs if job is not None])
        self._not_found_page()
        self._search_page()
        self.report.pages = len(pages) + 2
        self.report.files = len(files)
        self._timed("pages", started)
        self.report.seconds["pages compression"] = self.output.compress.seconds

        started = time.perf_counter()
        self._static_files()
        self._timed("static", started)
        started = time.perf_counter()
        self._media()
        self._timed("media", started)

    # --- pages -----------------------------------------------------------------------------

    def _job(self, path: str, key: str | None, name: str, html: bool, app: str) -> _Job | None:
        """The page to render, or None when the previous export's copy is reused."""
        output = self.output
        full_key = digest(self.site_key, path, key) if key is not None else None
        if full_key is not None and output.previous.page_keys.get(path) == full_key:
            if output.keep(name):
                output.state.page_keys[path] = full_key
                output.counts.skipped += 1
                return None
        return _Job(path, name, html, app, full_key)

    def _render_jobs(self, jobs: list[_Job]) -> None:
        """Render *jobs*, app by app (each app's time is reported), in worker processes when
        there are enough of them and forking is safe; written in the listed order."""
        workers = self.workers
        if workers <= 1 or len(jobs) < parallel.MIN_PARALLEL_PAGES or not parallel.can_fork():
            for job in jobs:
                self._render_one(job)
            return
        by_app: dict[str, list[_Job]] = {}
        for job in jobs:
            by_app.setdefault(job.app, []).append(job)
        assert self.renderer is not None
        self.output.wait_for_cleaner()
        pool = parallel.Pool(self.renderer, workers)
        self.report.workers = workers
        try:
            for app, app_jobs in sorted(by_app.items()):
                started, compressing = time.perf_counter(), self.output.compress.seconds
                totals = self.report.by_app.setdefault(app, [0, 0.0, 0.0])
                work = [(job.path, job.name, True) for job in app_jobs]
                for job, done in zip(app_jobs, pool.render(work), strict=True):
                    self.output.compress.seconds += done.compress_seconds
                    self.output.compress.cpu_seconds += done.compress_cpu
                    self._store(job, done.rendered, done.variants)
                    totals[0] += 1
                    totals[2] += done.cpu  # the workers' CPU time
                # Wall time: elapsed while the workers rendered this app's pages, less their
                # compressing (done in parallel: its sum over the workers, divided by them).
                spent = time.perf_counter() - started
                totals[1] += spent - (self.output.compress.seconds - compressing) / workers
        except BaseException:
            pool.terminate()  # an error or an interruption: the queued pages are not needed
            raise
        pool.close()

    def _render_one(self, job: _Job) -> None:
        assert self.renderer is not None
        output = self.output
        started, compressing = time.perf_counter(), output.compress.seconds
        cpu, compressing_cpu = time.process_time(), output.compress.cpu_seconds
        self._store(job, self.renderer.get_ok(job.path), None)
        # Rendering and writing, without compression, per app (for the benchmark): wall
        # time and this process's CPU time.
        spent = time.perf_counter() - started - (output.compress.seconds - compressing)
        spent_cpu = time.process_time() - cpu - (output.compress.cpu_seconds - compressing_cpu)
        totals = self.report.by_app.setdefault(job.app, [0, 0.0, 0.0])
        totals[0] += 1
        totals[1] += spent
        totals[2] += spent_cpu

    def _store(
        self, job: _Job, rendered: Rendered, variants: list[tuple[str, bytes]] | None
    ) -> None:
        output = self.output
        path = job.path
        if job.html and not rendered.content_type.startswith("text/html"):
            raise ExportError(f"{path} is listed as a page but answered {rendered.content_type}")
        if job.html and b"csrfmiddlewaretoken" in rendered.body:
            self.report.warnings.append(
                f"{path} has a form that posts to the server: it cannot work in a static export"
            )
        output.write(job.name, rendered.body, variants=variants)
        output.counts.rendered += 1
        if job.full_key is not None:
            output.state.page_keys[path] = job.full_key

    def _not_found_page(self) -> None:
        assert self.renderer is not None
        rendered = self.renderer.get(MISSING_PATH)
        if rendered.status != 404:
            raise ExportError(f"the 404 page answered {rendered.status}")
        self.output.write("404.html", rendered.body)
        self.output.counts.rendered += 1

    def _search_page(self) -> None:
        assert self.renderer is not None
        request = self.renderer.request(SEARCH_PATH)
        body = render_to_string("publishing/search.html", {}, request=request)
        self.output.write(page_file(SEARCH_PATH), body.encode("utf-8"))
        self.output.counts.rendered += 1

    # --- static files, media, search ------------------------------------------------------

    def _static_files(self) -> None:
        static_prefix = settings.STATIC_URL
        if not static_prefix.startswith("/"):
            raise ExportError(f"STATIC_URL must be a site path, not {static_prefix!r}")
        done: set[str] = set()
        for finder in finders.get_finders():
            for path, storage in finder.list(["CVS", ".*", "*~"]):
                prefix = getattr(storage, "prefix", None)
                name = f"{prefix}/{path}" if prefix else path
                if name in done or name.startswith(STATIC_EXCLUDED):
                    continue
                done.add(name)
                try:
                    url = staticfiles_storage.url(name)
                except ValueError as exc:
                    raise ExportError(
                        f"static file {name} is not collected: run `trienlam collectstatic` first"
                    ) from exc
                source = Path(storage.path(path))
                served = url.split("?")[0]
                if served != f"{static_prefix}{name}":
                    # Hashed by the manifest storage: the name carries a hash of the content,
                    # so a name the previous export has is the same file — keep it unread.
                    if self.output.keep(safe_relative(served)):
                        continue
                    # Otherwise take the collected (rewritten) copy.
                    source = Path(staticfiles_storage.path(served.removeprefix(static_prefix)))
                self.output.write(safe_relative(served), source.read_bytes())

    def _media(self) -> None:
        output = self.output
        root = Path(settings.MEDIA_ROOT)
        for media in Media.objects.public().order_by("pk"):
            uid = media.uid.hex
            if media.is_audio or media.is_video:
                name = safe_relative(media.recording_url)
                key = media.sha256
                same = output.previous.media_keys.get(uid) == key
                if not (same and output.keep(name)):
                    with media.file.open("rb") as source:
                        output.write_stream(name, source)
                output.state.media_keys[uid] = key
                self.report.media += 1
                continue
            if not media.sizes:
                continue
            folder = root / media.rendition_base
            info_path = folder / "info.json"
            if not info_path.is_file():
                continue
            key = digest(media.built_from, media.sizes)
            same = output.previous.media_keys.get(uid) == key
            names = []
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames.sort()
                for filename in sorted(filenames):
                    source = Path(dirpath) / filename
                    relative = source.relative_to(folder).as_posix()
                    if relative == "info.json":
                        continue
                    name = safe_relative(f"{media.iiif_base_url}/{relative}")
                    output.copy_tree_file(name, source, link_previous=same)
                    names.append(name)
            info = json.loads(info_path.read_text())
            info["id"] = absolute(self.base_url, media.iiif_base_url)
            body = json.dumps(info, ensure_ascii=False, separators=(",", ":"))
            output.write(safe_relative(f"{media.iiif_base_url}/info.json"), body.encode())
            output.state.media_keys[uid] = key
            self.report.media += 1

    def _start_search_index(self) -> searchindex.Indexing:
        """Write the search records (here: they come from the database) and start Pagefind
        on them; :meth:`_finish_search_index` collects its bundle."""
        assert self.output.version_dir is not None
        folder = self.output.version_dir / "pagefind-build"
        work = self.output.versions / "search-records"  # kept: updated in place
        return searchindex.Indexing(work, folder, searchindex.write_records(work, self.site_key))

    def _finish_search_index(self, indexing: searchindex.Indexing) -> None:
        folder = indexing.folder
        self.report.records = indexing.finish()
        try:
            pagefind_canon.canonicalize(folder)
        except pagefind_canon.CanonError as exc:
            raise ExportError(f"unexpected Pagefind output ({exc}): check its version") from exc
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = f"pagefind/{path.relative_to(folder).as_posix()}"
                self.output.write(name, path.read_bytes())
        shutil.rmtree(folder)

    def _sitemap(self, pages: list[str]) -> None:
        if "sitemap.xml" not in self.output.state.files:
            urls = "".join(
                f"<url><loc>{escape(absolute(self.base_url, p))}</loc></url>\n"
                for p in sorted(pages)
            )
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{urls}</urlset>\n"
            )
            self.output.write("sitemap.xml", body.encode())
        if "robots.txt" not in self.output.state.files:
            robots = f"User-agent: *\nAllow: /\nSitemap: {self.base_url}/sitemap.xml\n"
            self.output.write("robots.txt", robots.encode())


def collect_static_if_needed(log: Callable[[str], None]) -> None:
    """With hashed static file names (production), pages need `collectstatic` to have run
    since the last change of a static file: run it when it has not."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    newest = 0.0
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            newest = max(newest, os.stat(storage.path(path)).st_mtime)
    if manifest.is_file() and manifest.stat().st_mtime >= newest:
        return
    log("collecting static files first (collectstatic)")
    call_command("collectstatic", interactive=False, verbosity=0)
    loaded = staticfiles_storage.load_manifest()
    staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = loaded


def publish(
    out: Path | str,
    base_url: str | None = None,
    log: Callable[[str], None] = lambda _: None,
    *,
    workers: int | None = None,
) -> Report:
    """Export the public site into *out* (see the module's documentation), rendering in
    *workers* processes (default TRIENLAM_EXPORT_WORKERS, else one per usable core)."""
    count = parallel.default_workers() if workers is None else workers
    return Exporter(Path(out), base_url or settings.PUBLIC_BASE_URL, log, count).run()
