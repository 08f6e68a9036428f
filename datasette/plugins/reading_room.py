"""The reading room, as a Datasette plugin: the home page overview, links from table cells to
the reading room's pages, robots.txt and the cache of rendered pages. The pages' routes are in
reading_room_pages.py; error pages, headers and the bounds on requests in guard.py.

What the pages show is computed in cybergov.publication.pages; the HTML is in datasette/templates/.
Every route here only reads: the database is opened immutable.
"""
from __future__ import annotations

import atexit
import gc
import re
import weakref
from collections import OrderedDict

from cybergov.paths import DATABASE
from cybergov.publication.pages import overview
from cybergov.publication.pages.highlight import sentence_anchor
from cybergov.publication.site import PAGE_CACHE_MB
from datasette.utils import sqlite_timelimit, to_css_class
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from datasette import hookimpl

# Crawlers may read the statements and entities; the table, row and query pages are endless
# combinations of filters and facets, and /search is a query too.
ROBOTS = """User-agent: *
Disallow: /cybergov
Disallow: /search
Disallow: /-/
Allow: /statements/
Allow: /entities/
Allow: /states/
Allow: /issues/
Allow: /themes/
Allow: /events/
Disallow: /compare
Disallow: /downloads/
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


async def robots_txt():
    return Response.text(ROBOTS)


@hookimpl
def register_routes():
    return [
        (r"^/robots\.txt$", robots_txt),
    ]


@hookimpl
def startup(datasette):
    """Take the objects of the started server out of the garbage collector's reach.

    Python's full collection walks every object: with Datasette, its plugins and their modules
    loaded (about 125,000 objects) one took 50-120 ms, and under load it came every few dozen
    requests, adding that much to every request in flight. Those objects live as long as the
    server, so they are frozen (gc.freeze) once it has started, after a collection; a full
    collection then walks only what requests made since (about 1 ms). They are unfrozen at exit,
    so that the interpreter's last collection still frees them.
    """
    gc.collect()
    gc.freeze()
    if not _frozen:
        _frozen.append(True)
        atexit.register(gc.unfreeze)


_frozen: list = []


# Read the database through a memory map rather than read() calls: the pages of an immutable
# file can be shared by every connection, and a query that touches thousands of rows (the
# count of a full-text search, say) spends a third less time.
MMAP_BYTES = 2**31


@hookimpl
def prepare_connection(conn, database):
    if database == DATABASE:
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


class PageCache:
    """Rendered responses by URL, least recently used first out, up to `max_bytes` (bodies,
    headers and keys counted) and `max_entries` entries.

    The bound on entries and on the length of a key holds against many distinct URLs of small
    pages (`/robots.txt?p=<12,000 characters>`), whose keys would outweigh their bodies.
    """

    # A response bigger than this (a CSV export, say) is passed on but not kept.
    MAX_ENTRY = 2 * 1024 * 1024
    MAX_ENTRIES = 4096
    # URLs longer than this (path and query string) are served but not kept.
    MAX_KEY = 2048

    def __init__(self, max_bytes: int, max_entries: int = MAX_ENTRIES):
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.size = 0
        self.entries: OrderedDict[tuple, tuple[int, list, bytes, int]] = OrderedDict()

    @staticmethod
    def key_size(key) -> int:
        return sum(len(part) for part in key) if isinstance(key, tuple) else 0

    @classmethod
    def keeps(cls, key) -> bool:
        return cls.key_size(key) <= cls.MAX_KEY

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.entries.move_to_end(key)
        return entry[:3]

    def put(self, key, status: int, headers: list, body: bytes) -> None:
        cost = len(body) + sum(len(k) + len(v) for k, v in headers) + self.key_size(key)
        if cost > min(self.MAX_ENTRY, self.max_bytes) or key in self.entries or not self.keeps(key):
            return
        self.entries[key] = (status, headers, body, cost)
        self.size += cost
        while self.size > self.max_bytes or len(self.entries) > self.max_entries:
            _, (_, _, _, old) = self.entries.popitem(last=False)
            self.size -= old


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
            key = (scope.get("scheme", "http").encode(), host, scope.get("raw_path") or scope["path"].encode(),
                   scope.get("query_string", b""))
            if not PageCache.keeps(key):
                return await app(scope, receive, send)
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


def table_body(display_rows) -> Markup:
    """The rows of a table page as Datasette's _table.html writes them (HTML), in one pass of Python."""
    css: dict[str, str] = {}
    out = []
    for row in display_rows:
        out.append("<tr>")
        for cell in row:
            column = cell["column"]
            if column not in css:
                css[column] = str(escape(to_css_class(column)))
            out.append(f'<td class="col-{css[column]} type-{escape(cell["value_type"])}">{escape(cell["value"])}</td>')
        out.append("</tr>\n")
    return Markup("".join(out))


def query_body(columns, display_rows) -> Markup:
    """The rows of a query page as Datasette's query.html writes them (HTML)."""
    css = [str(escape(to_css_class(c))) for c in columns]
    return Markup("".join("<tr>" + "".join(f'<td class="col-{c}">{escape(td)}</td>' for c, td in zip(css, row)) + "</tr>\n"
                          for row in display_rows))


@hookimpl
def prepare_jinja2_environment(env):
    env.globals["rr_table_body"] = table_body
    env.globals["rr_query_body"] = query_body


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html" or DATABASE not in datasette.databases:
        return None

    async def inner():
        if datasette not in _overviews:
            _overviews[datasette] = await _read(datasette, overview.overview, datasette.urls.path)
        return {"overview": _overviews[datasette]}

    return inner


def _link(href: str, text, lang: str | None = None) -> Markup:
    # f-strings and escape(): Markup.format is several times slower, and a page of rows has hundreds of links.
    if lang:
        return Markup(f'<a href="{escape(href)}" lang="{escape(lang)}">{escape(text)}</a>')
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


# The columns render_cell may link; every other cell is left to Datasette at once.
_LINKED = frozenset({"title", "name", "document_id", "entity_id", "sentence_id"})


def _get(row, column: str):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Link statements and entities to their reading-room pages wherever tables show them."""
    if column not in _LINKED or database != DATABASE or not isinstance(value, str) or not value:
        return None
    path = datasette.urls.path
    try:
        if table in ("documents", "statements") and column == "title":
            lang = _get(row, "language")
            return _link(path(f"/statements/{row['document_id']}"), value, lang)
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
        anchor = sentence_anchor(value, m["doc"])
        return _link(path(f"/statements/{m['doc']}?at={anchor}#{anchor}"), value)
    return None
