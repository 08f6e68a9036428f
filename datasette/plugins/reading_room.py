"""The reading room, as a Datasette plugin: statement, entity and search pages, the home
page overview, links from table cells to those pages, robots.txt, and error pages that
tell clients nothing about the server's insides.

What the pages show is computed in cybergov.publication.pages; the HTML is in datasette/templates/.
Every route here only reads: the database is opened immutable.
"""
from __future__ import annotations

import re
import sqlite3
import sys
import traceback
import weakref
from collections import OrderedDict

from cybergov.paths import DATABASE
from cybergov.publication.pages import entity, overview, search, statement
from cybergov.publication.pages.highlight import sentence_anchor
from cybergov.publication.site import PAGE_CACHE_MB
from datasette.utils import escape_fts, sqlite_timelimit
from datasette.utils.asgi import Base400, NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from datasette import hookimpl

# Crawlers may read the statements and entities; the table, row and query pages are endless
# combinations of filters and facets, and /search is a query too.
ROBOTS = """User-agent: *
Disallow: /cybergov
Disallow: /search
Disallow: /-/
Allow: /statements/
Allow: /entities/
Allow: /$
"""
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SENTENCE = re.compile(r"^(?P<doc>[a-z0-9]+(?:-[a-z0-9]+)*)/p[0-9]{2,}/s[0-9]{2,}$")
# The database is immutable, so the overview is computed once per Datasette.
_overviews: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


async def _read(datasette, fn, *args):
    def call(conn):
        with sqlite_timelimit(conn, datasette.setting("sql_time_limit_ms")):
            return fn(conn, *args)

    return await datasette.get_database(DATABASE).execute_fn(call)


async def _page(datasette, request, template: str, context: dict) -> Response:
    return Response.html(await datasette.render_template(template, context, request=request))


async def statement_page(datasette, request):
    document_id = request.url_vars["document_id"]
    data = await _read(datasette, statement.statement, document_id, datasette.urls.path) if _SLUG.match(document_id) else None
    if data is None:
        raise NotFound("There is no statement with that id.")
    return await _page(datasette, request, "statement.html", data)


async def entity_page(datasette, request):
    entity_id = request.url_vars["entity_id"]
    data = await _read(datasette, entity.entity, entity_id, entity.ENTITY_STATEMENTS) if _SLUG.match(entity_id) else None
    if data is None:
        raise NotFound("There is no entity with that id.")
    return await _page(datasette, request, "entity.html", data)


async def search_page(datasette, request):
    q = (request.args.get("q") or "").strip()[:200]
    results, error = [], None
    if q:
        try:
            results = await _read(datasette, search.search, escape_fts(q))
        except sqlite3.OperationalError:
            # A query FTS cannot parse, or one that ran past the time limit.
            error = "That search could not be run. Try fewer or simpler words."
    return await _page(datasette, request, "search.html", {"q": q, "results": results, "search_error": error})


async def robots_txt():
    return Response.text(ROBOTS)


@hookimpl
def register_routes():
    return [
        (r"^/statements/(?P<document_id>[^/]+)$", statement_page),
        (r"^/entities/(?P<entity_id>[^/]+)$", entity_page),
        (r"^/search$", search_page),
        (r"^/robots\.txt$", robots_txt),
    ]


# Read the database through a memory map rather than read() calls: the pages of an immutable
# file can be shared by every connection, and a query that touches thousands of rows (the
# count of a full-text search, say) spends a third less time.
MMAP_BYTES = 2**31


@hookimpl
def prepare_connection(conn, database):
    if database == DATABASE:
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


class PageCache:
    """Rendered responses by URL, least recently used first out, up to `max_bytes` of bodies."""

    # A response bigger than this (a CSV export, say) is passed on but not kept.
    MAX_ENTRY = 2 * 1024 * 1024

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key, status: int, headers: list, body: bytes) -> None:
        if len(body) > min(self.MAX_ENTRY, self.max_bytes) or key in self.entries:
            return
        self.entries[key] = (status, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, _, old) = self.entries.popitem(last=False)
            self.size -= len(old)


def _shared(headers) -> bool:
    """Whether a response may be given to anyone who asks for the same URL: Datasette marks
    the ones that depend on who asks (cookies, actor) private, and varies them on Cookie."""
    for key, value in headers:
        key, value = key.lower(), value.lower()
        if key == b"set-cookie":
            return False
        if key == b"cache-control" and any(w in value for w in (b"private", b"no-store", b"no-cache")):
            return False
        if key == b"vary" and {v.strip() for v in value.split(b",")} - {b"cookie", b"authorization"}:
            return False
    return True


@hookimpl
def asgi_wrapper(datasette):
    """Keep rendered pages: the database is immutable, so a page depends only on its URL.

    At 10,000 statements Datasette's own table and query pages cost 10-30 ms of CPU each
    however small their SQL (the facets, the templates, the permission checks), and the
    full-text search of a common word (tens of thousands of matches, counted and sorted by
    Datasette) around 100 ms: more than one request at a time on a small server queues
    behind that. A page asked for again is served from memory instead. Only GET requests
    without cookies or credentials, only 200 responses that Datasette does not mark
    private, never /-/ pages, and only while every database is immutable (`-i`).
    """
    max_bytes = int((datasette.plugin_config("reading_room") or {}).get("page_cache_mb", PAGE_CACHE_MB) * 2**20)

    def wrap(app):
        if max_bytes <= 0:
            return app
        cache = PageCache(max_bytes)

        def cacheable(scope) -> bool:
            if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(("/-/", "/_internal")):
                return False
            if any(k in (b"cookie", b"authorization") for k, _ in scope.get("headers", [])):
                return False
            return all(not db.is_mutable for name, db in datasette.databases.items() if name != "_internal")

        async def cached(scope, receive, send):
            if not cacheable(scope):
                return await app(scope, receive, send)
            # Datasette writes absolute URLs (the Link header, alternate links) from the Host header.
            host = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
            key = (scope.get("scheme", "http"), host, scope.get("raw_path") or scope["path"].encode(), scope.get("query_string", b""))
            hit = cache.get(key)
            if hit is not None:
                status, headers, body = hit
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            start: dict = {}
            chunks: list[bytes] = []
            keep, size = True, 0

            async def capture(message):
                nonlocal keep, size
                if message["type"] == "http.response.start":
                    start.update(message)
                    keep = message["status"] == 200 and _shared(message.get("headers", []))
                elif message["type"] == "http.response.body" and keep:
                    chunks.append(message.get("body", b""))
                    size += len(chunks[-1])
                    if size > PageCache.MAX_ENTRY:
                        keep = False
                        chunks.clear()
                    elif not message.get("more_body", False):
                        cache.put(key, start["status"], list(start.get("headers", [])), b"".join(chunks))
                await send(message)

            await app(scope, receive, capture)

        return cached

    return wrap


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html" or DATABASE not in datasette.databases:
        return None

    async def inner():
        if datasette not in _overviews:
            _overviews[datasette] = await _read(datasette, overview.overview, datasette.urls.path)
        return {"overview": _overviews[datasette]}

    return inner


def _link(href: str, text) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Link statements and entities to their reading-room pages wherever tables show them."""
    if database != DATABASE or not isinstance(value, str) or not value:
        return None
    path = datasette.urls.path
    try:
        if table in ("documents", "statements") and column == "title":
            return _link(path(f"/statements/{row['document_id']}"), value)
        if table == "entities" and column == "name":
            return _link(path(f"/entities/{row['entity_id']}"), value)
    except (IndexError, KeyError):  # the id column was left out with _col / _nocol
        return None
    # Row pages (documents, entities) and query results, where these columns are not foreign-key links.
    if column == "document_id" and table in ("documents", "statements", None) and _SLUG.match(value):
        return _link(path(f"/statements/{value}"), value)
    if column == "entity_id" and table in ("entities", None) and _SLUG.match(value):
        return _link(path(f"/entities/{value}"), value)
    if column == "sentence_id" and table is None and (m := _SENTENCE.match(value)):
        return _link(path(f"/statements/{m['doc']}#{sentence_anchor(value, m['doc'])}"), value)
    return None


@hookimpl
def handle_exception(datasette, request, exception):
    """Unexpected errors: the client gets a plain message, not the exception's text. Datasette's
    own handler still runs (and logs the traceback on the server); its errors that are meant
    for users (not found, bad SQL, time limit) are left to it."""
    if isinstance(exception, (Base400, DatasetteError)):
        return None

    async def inner():
        info = {"ok": False, "status": 500, "title": "Server error",
                "error": "Something went wrong on the server. The error has been logged."}
        if request.path.endswith(".json"):
            return Response.json(info, status=500)
        try:
            html = await datasette.render_template("error.html", info, request=request)
        except Exception:  # noqa: BLE001 (the error page itself failed: say no more than this)
            traceback.print_exc(file=sys.stderr)
            html = "<!DOCTYPE html><title>Server error</title><p>Something went wrong on the server.</p>"
        return Response.html(html, status=500)

    return inner
