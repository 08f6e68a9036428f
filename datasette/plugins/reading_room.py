"""The reading room, as a Datasette plugin: statement, entity and search pages, the home
page overview, links from table cells to those pages, robots.txt, and error pages that
tell clients nothing about the server's insides.

What the pages show is computed in cybergov.reading; the HTML is in datasette/templates/.
Every route here only reads: the database is opened immutable.
"""
from __future__ import annotations

import re
import sqlite3
import sys
import traceback
import weakref

from datasette import hookimpl
from datasette.utils import escape_fts, sqlite_timelimit
from datasette.utils.asgi import Base400, NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from cybergov import reading
from cybergov.publish import DATABASE

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
    data = await _read(datasette, reading.statement, document_id) if _SLUG.match(document_id) else None
    if data is None:
        raise NotFound("There is no statement with that id.")
    return await _page(datasette, request, "statement.html", data)


async def entity_page(datasette, request):
    entity_id = request.url_vars["entity_id"]
    data = await _read(datasette, reading.entity, entity_id) if _SLUG.match(entity_id) else None
    if data is None:
        raise NotFound("There is no entity with that id.")
    return await _page(datasette, request, "entity.html", data)


async def search_page(datasette, request):
    q = (request.args.get("q") or "").strip()[:200]
    results, error = [], None
    if q:
        try:
            results = await _read(datasette, reading.search, escape_fts(q))
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


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html" or DATABASE not in datasette.databases:
        return None

    async def inner():
        if datasette not in _overviews:
            _overviews[datasette] = await _read(datasette, reading.overview, datasette.urls.path)
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
        return _link(path(f"/statements/{m['doc']}#{reading.sentence_anchor(value, m['doc'])}"), value)
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
