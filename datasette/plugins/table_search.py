"""Full-text search on Datasette's table pages (/cybergov/sentences?_search=...) with a bounded cost.

Datasette counts every row a search matches and orders them by primary key before it shows
the first page: for a common word, tens of thousands of rows of sentences (about 90 ms). So a
table page that only searches (no column filter) is asked for without Datasette's count
(its own `_nocount` parameter), and the page says instead how many rows match, counted in
the full-text index up to SEARCH_COUNT_CAP ("more than" past it). The order of the rows is
Datasette's (by primary key).
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from cybergov.paths import DATABASE
from cybergov.publication.database import FTS
from datasette.utils import escape_fts, sqlite_timelimit

from datasette import hookimpl

SEARCH_COUNT_CAP = 10_000
_PAGE = re.compile(rf"^/{DATABASE}/(?P<table>{'|'.join(map(re.escape, FTS))})$")


def only_search(args: list[tuple[str, str]]) -> bool:
    """Whether the arguments search with ?_search= and filter by nothing else (so the index alone counts the rows)."""
    names = {k for k, _ in args} - {"_nocount"}  # the page's own links carry it on
    if "_search" not in names:
        return False
    return not any(not k.startswith("_") or "__" in k or k.startswith(("_where", "_filter", "_search_", "_fts"))
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


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    if template != "table.html" or database != DATABASE or table not in FTS or request is None:
        return None
    if not only_search([(k, v) for k in request.args for v in request.args.getlist(k)]):
        return None
    raw = request.args.get("_searchmode") == "raw" or (
        datasette.table_metadata(database, table).get("searchmode") == "raw" and request.args.get("_searchmode") != "escaped")
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
