"""Counting one page view: validate the hit, drop bots, prefetches and floods, add one.

Privacy: the client's address and browser name are used only in memory, for the flood cap,
through a keyed hash whose key is random, kept in memory only and replaced every hour; they
are never written to the database, a log or a file.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.db import OperationalError, connection
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils import timezone

from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.lib.security import client_ip
from trienlam.outreach.models import Agency
from trienlam.stats.models import UNKNOWN, DailyVisit, Page

logger = logging.getLogger(__name__)

MAX_PATH = 300
MAX_REF = 64  # longer input is "unknown" without looking further
MAX_HOST = 100
COUNTED_URL_NAMES = frozenset({"exhibition", "part", "exhibition_item", "item"})

# Obvious robots, by their user-agent. Most never load the counting pixel anyway (they do not
# fetch images or run scripts); this catches the ones that do: crawlers, link previewers,
# monitoring, headless browsers and HTTP libraries.
BOT_PATTERN = re.compile(
    r"(?<!cu)bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|facebot|zalo.*(preview|crawl)|"
    r"embedly|preview|lighthouse|pagespeed|headless|phantomjs|puppeteer|playwright|selenium|"
    r"python|curl|wget|httpx|okhttp|go-http|java/|libwww|scrapy|axios|node-fetch|monitor|"
    r"uptime|pingdom|check_http|feed",
    re.IGNORECASE,
)

REF_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,31}$")
HOST_PATTERN = re.compile(
    r"^(?=.{1,100}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class BadHit(ValueError):
    """The hit names no countable page or carries fields it should not (HTTP 400)."""


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or BOT_PATTERN.search(user_agent) is not None


def is_prefetch(request: HttpRequest) -> bool:
    """Prefetches and prerenders (a visitor has not seen the page, and may never)."""
    for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ"):
        value = request.META.get(header, "").lower()
        if "prefetch" in value or "preview" in value or "prerender" in value:
            return True
    return False


# --- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    kind: str
    exhibition_id: int | None = None
    part_id: int | None = None
    item_id: int | None = None


def describe_page(path: str) -> PageInfo | None:
    """What a path shows, if it is a public exhibition, part or item page; else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name not in COUNTED_URL_NAMES:
        return None
    kwargs = match.kwargs
    if match.url_name == "item":
        item = Item.objects.public().filter(identifier=kwargs["identifier"]).first()
        return PageInfo(Page.Kind.ITEM, item_id=item.pk) if item else None
    exhibition = Exhibition.objects.public().filter(slug=kwargs["slug"]).first()
    if exhibition is None:
        return None
    if match.url_name == "exhibition":
        return PageInfo(Page.Kind.EXHIBITION, exhibition_id=exhibition.pk)
    if match.url_name == "part":
        part = Section.objects.filter(
            exhibition=exhibition, parent__isnull=True, slug=kwargs["part"]
        ).first()
        return PageInfo(Page.Kind.PART, exhibition.pk, part_id=part.pk) if part else None
    placement = (
        Placement.objects.filter(
            exhibition=exhibition,
            item__in=Item.objects.public(),
            item__identifier=kwargs["identifier"],
        )
        .select_related("section")
        .first()
    )
    if placement is None:
        return None
    section = placement.section
    return PageInfo(
        Page.Kind.ITEM,
        exhibition.pk,
        part_id=section.parent_id or section.pk,
        item_id=placement.item_id,
    )


class _TTLCache:
    """A small per-process cache, so a hit usually costs one database statement."""

    def __init__(self, seconds: float, size: int) -> None:
        self.seconds, self.size = seconds, size
        self._data: dict[object, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: object) -> object | None:
        with self._lock:
            entry = self._data.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, key: object, value: object) -> None:
        with self._lock:
            if len(self._data) >= self.size:
                self._data.clear()
            self._data[key] = (time.monotonic() + self.seconds, value)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


# A withdrawn page stops being counted within a minute.
_pages = _TTLCache(60, 5000)
_codes = _TTLCache(60, 1)


def page_id_for(path: str) -> int | None:
    cached = _pages.get(path)
    if cached is not None:
        return int(cached)  # type: ignore[call-overload]
    info = describe_page(path)
    if info is None:
        return None
    fields = {
        "kind": info.kind,
        "exhibition_id": info.exhibition_id,
        "part_id": info.part_id,
        "item_id": info.item_id,
    }
    page = Page.objects.filter(path=path).first()
    if page is None:
        # Two first hits at once: the second insert is ignored, both read the same row.
        Page.objects.bulk_create([Page(path=path, **fields)], ignore_conflicts=True)
        page = Page.objects.get(path=path)
    elif any(getattr(page, name) != value for name, value in fields.items()):
        Page.objects.filter(pk=page.pk).update(**fields)  # the item moved to another part
    _pages.put(path, page.pk)
    return page.pk


def clear_caches() -> None:
    _pages.clear()
    _codes.clear()


# --- the fields --------------------------------------------------------------------------------


def clean_path(raw: str) -> str:
    if not raw:
        raise BadHit("u: the path of the page is missing")
    if len(raw) > MAX_PATH:
        raise BadHit(f"u: the path is longer than {MAX_PATH} characters")
    if not raw.startswith("/") or raw.startswith("//") or "?" in raw or "#" in raw:
        raise BadHit("u: not a path on this site (it must start with a single /)")
    return raw


def agency_codes() -> frozenset[str]:
    codes = _codes.get("codes")
    if codes is None:
        codes = frozenset(Agency.objects.values_list("code", flat=True))
        _codes.put("codes", codes)
    return codes  # type: ignore[return-value]


def clean_ref(raw: str) -> str:
    """An agency's referral code, "" when there is none, UNKNOWN when it matches no agency."""
    raw = raw.strip()
    if not raw:
        return ""
    if len(raw) > MAX_REF:
        return UNKNOWN
    code = raw.lower()
    if REF_PATTERN.match(code) and code in agency_codes():
        return code
    return UNKNOWN


def own_hosts(request: HttpRequest) -> set[str]:
    hosts = {request.get_host().rsplit(":", 1)[0].lower()}
    for url in (settings.PUBLIC_BASE_URL, settings.TRIENLAM_COUNTER_URL):
        if url:
            hosts.add((urlsplit(url).hostname or "").lower())
    return hosts


def clean_host(raw: str, request: HttpRequest) -> str:
    """The referring site's host name, lower-case, without port; "" for none or this site,
    UNKNOWN for anything that is not a host name."""
    host = raw.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if not host:
        return ""
    if len(host) > MAX_HOST:
        return UNKNOWN
    try:
        host = str(ipaddress.ip_address(host))
    except ValueError:
        if not HOST_PATTERN.match(host):
            return UNKNOWN
    return "" if host in own_hosts(request) else host


def ref_from_referer(request: HttpRequest) -> str:
    """The ?ref= of the page, read from the pixel request's Referer (same-site pages only)."""
    referer = request.META.get("HTTP_REFERER", "")[:2000]
    if not referer:
        return ""
    parts = urlsplit(referer)
    if (parts.hostname or "").lower() not in own_hosts(request):
        return ""
    values = parse_qs(parts.query).get("ref")
    return values[0] if values else ""


# --- flood cap -------------------------------------------------------------------------------


class FloodGate:
    """At most `limit` counted hits per client per `window` seconds, in this process's memory.

    A client is a keyed hash (BLAKE2b) of its address and user-agent; the key is random, never
    leaves memory and is replaced every hour, when all windows start afresh. With several
    server processes each keeps its own windows, so one client can get up to `limit` times
    the number of processes through.
    """

    MAX_CLIENTS = 100_000

    def __init__(self, window: float = 10.0) -> None:
        self.window = window
        self._lock = threading.Lock()
        self._hour = -1
        self._key = b""
        self._seen: dict[bytes, tuple[int, int]] = {}

    def allow(self, ip: str, user_agent: str, limit: int, now: float | None = None) -> bool:
        if limit <= 0:
            return True
        now = time.time() if now is None else now
        slot = int(now // self.window)
        with self._lock:
            hour = int(now // 3600)
            if hour != self._hour:
                self._hour, self._key, self._seen = hour, secrets.token_bytes(32), {}
            client = hashlib.blake2b(
                f"{ip}\0{user_agent[:300]}".encode(), key=self._key, digest_size=16
            ).digest()
            seen_slot, count = self._seen.get(client, (slot, 0))
            if seen_slot != slot:
                count = 0
            if count >= limit:
                return False
            if len(self._seen) >= self.MAX_CLIENTS:
                self._seen = {k: v for k, v in self._seen.items() if v[0] == slot}
                if len(self._seen) >= self.MAX_CLIENTS:
                    self._seen.clear()
            self._seen[client] = (slot, count + 1)
            return True


flood_gate = FloodGate()


# --- adding one --------------------------------------------------------------------------------

UPSERT = (
    "INSERT INTO stats_dailyvisit (day, page_id, ref, host, count) VALUES (%s, %s, %s, %s, 1) "
    "ON CONFLICT (day, page_id, ref, host) DO UPDATE SET count = stats_dailyvisit.count + 1"
)
RETRIES = 8


def add_visit(page_id: int, ref: str, host: str, day: object | None = None) -> None:
    """Add one view, atomically (one INSERT … ON CONFLICT DO UPDATE statement, on SQLite and
    PostgreSQL alike). SQLite waits for a busy database (its busy timeout, 5 s by default);
    should it still report "database is locked", nothing was written and the statement is
    tried again after a short pause."""
    day = day or timezone.localdate()
    assert DailyVisit._meta.db_table == "stats_dailyvisit"
    for attempt in range(RETRIES):
        try:
            with connection.cursor() as cursor:
                cursor.execute(UPSERT, [day, page_id, ref, host])
            return
        except OperationalError as exc:
            message = str(exc).lower()
            if ("locked" not in message and "busy" not in message) or attempt == RETRIES - 1:
                raise
            time.sleep(0.01 * 2**attempt)


@dataclass(frozen=True)
class Outcome:
    counted: bool
    reason: str  # "counted", "bot", "prefetch", "flood", "head"


def count_hit(request: HttpRequest) -> Outcome:
    """Count the hit in `request` (GET /dem/?u=…&r=…&h=…). Raises BadHit for bad fields."""
    allowed = {"u", "r", "h"}
    extra = sorted(set(request.GET) - allowed)
    if extra:
        raise BadHit(f"{extra[0][:40]}: unexpected field (only u, r and h are accepted)")
    for name in allowed:
        if len(request.GET.getlist(name)) > 1:
            raise BadHit(f"{name}: given more than once")
    path = clean_path(request.GET.get("u", ""))
    page_id = page_id_for(path)
    if page_id is None:
        raise BadHit("u: not a public exhibition, part or item page")
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if request.method != "GET":
        return Outcome(False, "head")
    if is_prefetch(request):
        return Outcome(False, "prefetch")
    if is_bot(user_agent):
        return Outcome(False, "bot")
    if not flood_gate.allow(
        client_ip(request) or "", user_agent, settings.TRIENLAM_COUNTER_FLOOD_LIMIT
    ):
        return Outcome(False, "flood")
    raw_ref = request.GET["r"] if "r" in request.GET else ref_from_referer(request)
    ref = clean_ref(raw_ref)
    host = clean_host(request.GET.get("h", "")[: MAX_HOST * 3], request)
    add_visit(page_id, ref, host)
    return Outcome(True, "counted")
