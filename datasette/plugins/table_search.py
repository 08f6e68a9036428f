"""Full-text search on Datasette's table pages (/cybergov/sentences?_search=...) with a bounded cost.

Datasette counts every row a search matches and orders them by primary key before it shows
the first page: for a common word, tens of thousands of rows of sentences (about 90 ms). So a
table page that only searches (no column filter) is asked for without Datasette's count
(its own `_nocount` parameter), and the page says instead how many rows match, counted in
the full-text index up to SEARCH_COUNT_CAP ("more than" past it). The order of the rows is
Datasette's (by primary key).

How SQLite finds that page is chosen per page (cybergov.publication.search_plan): Datasette's
way looks up and sorts every matching row, which for a common word costs more than walking the
table in key order to the page's last match. The rows and their order are the same.
"""
from __future__ import annotations

import re
import sqlite3
from urllib.parse import parse_qsl, urlencode

from cybergov.paths import DATABASE
from cybergov.publication.database import FTS
from cybergov.publication.search_plan import cheapest, rewritten
from datasette.utils import await_me_maybe, escape_fts, escape_sqlite, sqlite_timelimit, urlsafe_components

from datasette import hookimpl

SEARCH_COUNT_CAP = 10_000
_PAGE = re.compile(rf"^/{DATABASE}/(?P<table>{'|'.join(map(re.escape, FTS))})$")


def only_search(args: list[tuple[str, str]]) -> bool:
    """Whether the arguments search with ?_search= and filter by nothing else (so the index alone counts the rows)."""
    names = {k for k, _ in args} - {"_nocount"}  # the page's own links carry it on
    if "_search" not in names:
        return False
    return not any(not k.startswith("_") or "__" in k or k.startswith(("_where", "_filter", "_search_", "_fts", "_through"))
                   for k in names)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def searched(scope, receive, send):
            if scope["type"] == "http" and _PAGE.match(scope.get("path", "")):
                args = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"), keep_blank_values=True)
                if only_search(args) and all(k != "_nocount" for k, _ in args):
                    query = urlencode([*args, ("_nocount", "1")]).encode()
                    scope = {**scope, "query_string": query}
            await app(scope, receive, send)

        return searched

    return wrap


def page_rows(request, datasette, table_metadata: dict) -> int | None:
    """Rows Datasette asks for on this page (its page size plus the one that says there is a next page)."""
    size = request.args.get("_size") or table_metadata.get("size")
    if size == "max":
        return datasette.max_returned_rows + 1
    try:
        return int(size) + 1 if size else datasette.page_size + 1
    except ValueError:
        return None  # Datasette refuses the page itself


@hookimpl(wrapper=True)
def filters_from_request(request, database, table, datasette):
    """Datasette's own search condition, written as search_plan finds cheapest for the page."""
    results = yield
    if database != DATABASE or table not in FTS:
        return results
    args = _args(request)
    metadata = datasette.table_metadata(database, table)
    names = {k for k, _ in args}
    # Datasette's count and facets read every matching row with the same condition, which a
    # walk or a probe would make a pass over the whole table: only a page that neither counts
    # (an empty _nocount counts, as Datasette reads it) nor facets is planned, such as the HTML
    # page, which asgi_wrapper asks not to count. A streamed CSV asks for its pages itself.
    counted = not request.args.get("_nocount") and request.args.get("_shape") not in ("array", "object")
    if (not only_search(args) or counted or any(k.startswith("_facet") for k in names) or metadata.get("facets")
            or names & {"_sort", "_sort_desc", "_fts_pk", "_fts_table", "_stream"}
            or metadata.keys() & {"sort", "sort_desc", "fts_pk", "fts_table"}):
        return results
    rows = page_rows(request, datasette, metadata)
    if rows is None or not 1 < rows <= datasette.max_returned_rows + 1:
        return results  # a page size Datasette refuses: it says so itself
    raw = _raw(request, metadata)
    fts = escape_sqlite(f"{table}_fts")
    theirs = f"rowid in (select rowid from {fts} where {fts} match {':search' if raw else 'escape_fts(:search)'})"

    async def planned(result):
        found = await await_me_maybe(result)
        if found is None or theirs not in found.where_clauses:
            return found
        db = datasette.get_database(database)
        pks = await db.primary_keys(table)
        if len(pks) != 1:
            return found  # a rowid table is ordered by rowid, which the lookups already follow
        search = request.args["_search"] if raw else escape_fts(request.args["_search"])
        after = urlsafe_components(request.args["_next"])[0] if request.args.get("_next") else None

        def plan(conn):
            with sqlite_timelimit(conn, datasette.setting("sql_time_limit_ms")):
                return cheapest(conn, table, pks[0], search, rows, after)

        try:
            chosen = await db.execute_fn(plan)
        except sqlite3.Error:  # a raw query the index refuses, or the time limit: Datasette's own query says so
            return found
        found.where_clauses[found.where_clauses.index(theirs)] = rewritten(theirs, chosen, table)
        return found

    return [planned(r) for r in results]


def _args(request) -> list[tuple[str, str]]:
    return [(k, v) for k in request.args for v in request.args.getlist(k)]


def _raw(request, metadata: dict) -> bool:
    return request.args.get("_searchmode") == "raw" or (
        metadata.get("searchmode") == "raw" and request.args.get("_searchmode") != "escaped")


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    if template != "table.html" or database != DATABASE or table not in FTS or request is None:
        return None
    if not only_search(_args(request)):
        return None
    raw = _raw(request, datasette.table_metadata(database, table))
    search = request.args.get("_search") or ""

    async def inner():
        def count(conn):
            with sqlite_timelimit(conn, datasette.setting("sql_time_limit_ms")):
                return conn.execute(f"select count(*) from (select rowid from [{table}_fts] where [{table}_fts] match ? limit ?)",
                                    (search if raw else escape_fts(search), SEARCH_COUNT_CAP + 1)).fetchone()[0]

        try:
            n = await datasette.get_database(DATABASE).execute_fn(count)
        except Exception:  # a raw query the index refuses: Datasette says so on the page
            return {"search_count": None}
        return {"search_count": {"n": min(n, SEARCH_COUNT_CAP), "more": n > SEARCH_COUNT_CAP}}

    return inner
