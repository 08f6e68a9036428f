"""The reading room's pages, as Datasette routes: statements (with their translation, source
file, JSON and cite block), entities, states, issues, themes, events, comparison, search and
downloads. What each page shows is computed in cybergov.publication.pages; the HTML is in
datasette/templates/. Every route only reads: the database is opened immutable.
"""
from __future__ import annotations

import json
import re
import sqlite3
import weakref
from pathlib import Path
from urllib.parse import urlencode

from cybergov.paths import DATABASE
from cybergov.publication.downloads import MANIFEST
from cybergov.publication.pages import (compare, entity, event, holder, provenance, search, statement, topics,
                                        translation)
from cybergov.publication.pages.figures import to_csv
from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import AsgiFileDownload, NotFound, Response

from datasette import hookimpl

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# An anchor of the statement page that ?at= may name: a paragraph (p03) or a sentence (s-p03-s02).
_ANCHOR = re.compile(r"^(s-)?p[0-9]+(-s[0-9]+)?$")
# The choices of the search filters: the database is immutable, so they are read once per Datasette.
_filter_options: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
LANGS = {"en": "English", "zh-Hans": "Chinese (simplified)", "zh-Hant": "Chinese (traditional)"}


async def _read(datasette, fn, *args):
    def call(conn):
        with sqlite_timelimit(conn, datasette.setting("sql_time_limit_ms")):
            return fn(conn, *args)

    return await datasette.get_database(DATABASE).execute_fn(call)


async def _page(datasette, request, template: str, context: dict) -> Response:
    return Response.html(await datasette.render_template(template, {**context, "langs": LANGS}, request=request))


def _slug(request, name: str) -> str:
    value = request.url_vars[name]
    if not _SLUG.match(value):
        raise NotFound("There is no such page.")
    return value


def _found(data, what: str):
    if data is None:
        raise NotFound(f"There is no {what} with that id.")
    return data


def _dist(datasette) -> Path:
    return Path(datasette.get_database(DATABASE).path).parent


def _csv(text: str, name: str) -> Response:
    return Response(text, content_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})


# --- statements ------------------------------------------------------------------------
async def statement_page(datasette, request):
    document_id = _slug(request, "document_id")
    link = datasette.urls.path
    url = datasette.absolute_url(request, link(f"/statements/{document_id}"))

    try:
        part = int(request.args.get("part") or 1)
    except ValueError:
        part = 1
    at = request.args.get("at") or None
    at = at if at and _ANCHOR.match(at) else None

    def read(conn):
        data = statement.statement(conn, document_id, link, part, at)
        if data is not None:
            data["translation"] = translation.translation_of(conn, document_id)
            data["cite"] = provenance.cite(data["doc"], provenance.package_info(conn), url)
            data["has_source"] = provenance.source_file(_root(datasette), data["doc"]) is not None
        return data

    return await _page(datasette, request, "statement.html", _found(await _read(datasette, read), "statement"))


def _root(datasette) -> Path:
    """The project folder: the database is dist/cybergov.db in it."""
    return _dist(datasette).parent


async def statement_json(datasette, request):
    document_id = _slug(request, "document_id")
    data = _found(await _read(datasette, provenance.statement_json, document_id), "statement")
    return Response.json(data, headers={"content-disposition": f'inline; filename="{document_id}.json"'})


async def statement_source(datasette, request):
    document_id = _slug(request, "document_id")
    doc = _found(await _read(datasette, lambda c: c.execute(
        "select document_id, source_file, sha256 from documents where document_id = ?", (document_id,)).fetchone()), "statement")
    path = provenance.source_file(_root(datasette), {"document_id": doc[0], "source_file": doc[1], "sha256": doc[2]})
    if path is None:
        raise NotFound("The saved page of this statement is not on this server.")
    # As an attachment, never shown as a page of this site: a saved page is someone else's HTML.
    return AsgiFileDownload(path, filename=f"{document_id}-{path.name}", content_type="application/octet-stream",
                            headers={"x-content-type-options": "nosniff"})


async def translation_page(datasette, request):
    document_id = _slug(request, "document_id")
    data = _found(await _read(datasette, translation.side_by_side, document_id), "translation of a statement")
    return await _page(datasette, request, "translation.html", data)


# --- entities, states, issues, themes, events ------------------------------------------
async def entity_page(datasette, request):
    entity_id = _slug(request, "entity_id")

    def read(conn):
        data = entity.entity(conn, entity_id, entity.ENTITY_STATEMENTS, datasette.urls.path)
        if data is not None:
            data["is_holder"] = bool(conn.execute(
                "select 1 from documents where holder_id = ? union select 1 from entity_counts where entity_id = ? and held > 0",
                (entity_id, entity_id)).fetchone())
        return data

    return await _page(datasette, request, "entity.html", _found(await _read(datasette, read), "entity"))


async def state_page(datasette, request):
    entity_id = _slug(request, "entity_id")
    data = _found(await _read(datasette, holder.holder, entity_id, datasette.urls.path), "state or organisation holding positions")
    return await _page(datasette, request, "state.html", data)


async def states_page(datasette, request):
    return await _page(datasette, request, "states.html", {"holders": await _read(datasette, holder.holders_index)})


async def issue_page(datasette, request):
    issue_id = _slug(request, "issue_id")
    data = _found(await _read(datasette, topics.issue, issue_id, datasette.urls.path), "issue")
    if request.url_vars.get("csv"):
        return _chart_csv(request, data, issue_id)
    return await _page(datasette, request, "issue.html", data)


async def theme_page(datasette, request):
    theme_id = _slug(request, "theme_id")
    data = _found(await _read(datasette, topics.theme, theme_id, datasette.urls.path), "theme")
    if request.url_vars.get("csv"):
        return _chart_csv(request, data, theme_id)
    return await _page(datasette, request, "theme.html", data)


def _chart_csv(request, data: dict, name: str) -> Response:
    """The rows one chart of an issue or theme page draws (?chart=holders or years)."""
    chart = request.args.get("chart", "holders")
    if chart == "years":
        return _csv(to_csv(data["years"], topics.YEAR_COLUMNS), f"{name}-by-year")
    return _csv(to_csv(data["holders"], topics.HOLDER_COLUMNS), f"{name}-by-holder")


async def issues_page(datasette, request):
    return await _page(datasette, request, "issues.html", {"issues": await _read(datasette, topics.issues_index)})


async def themes_page(datasette, request):
    return await _page(datasette, request, "themes.html", {"themes": await _read(datasette, topics.themes_index)})


async def event_page(datasette, request):
    event_id = _slug(request, "event_id")
    return await _page(datasette, request, "event.html", _found(await _read(datasette, event.event, event_id), "meeting"))


async def compare_page(datasette, request):
    states = request.args.getlist("state")[:10]
    issue_id, theme_id = request.args.get("issue") or None, request.args.get("theme") or None

    def read(conn):
        out = {"choices": compare.choices(conn), "chosen": {"states": states, "issue": issue_id, "theme": theme_id}}
        if states or issue_id or theme_id:
            out["result"] = compare.compare(conn, states, issue_id, theme_id, datasette.urls.path)
        return out

    data = await _read(datasette, read)
    if request.url_vars.get("csv"):
        result = data.get("result") or {"error": "Choose states and an issue or a theme."}
        if "error" in result:
            return Response.text(result["error"], status=400)
        return _csv(to_csv(result["rows"], compare.COLUMNS), f"compare-{result['what']['id']}")
    return await _page(datasette, request, "compare.html", data)


# --- search and downloads --------------------------------------------------------------
async def search_page(datasette, request):
    q = (request.args.get("q") or "").strip()[:200]
    filters = {k: (request.args.get(k) or "").strip()[:80] for k in search.FILTERS}
    try:
        page = max(1, min(int(request.args.get("page") or 1), 1000))
    except ValueError:
        page = 1
    result = None
    if q:
        try:
            result = await _read(datasette, search.search, q, filters, page)
        except sqlite3.OperationalError:
            # Past the time limit, or a query the index cannot run after all.
            result = {"error": "That search could not be run. Try fewer or simpler words."}
    if datasette not in _filter_options:
        _filter_options[datasette] = search.option_html(await _read(datasette, search.filter_options), LANGS)
    options = search.options_for(_filter_options[datasette], filters)
    if result and "pages" in result:
        keep = [(k, v) for k, v in [("q", q), *filters.items()] if v]
        for name, n in (("prev_url", result["page"] - 1), ("next_url", result["page"] + 1)):
            if 1 <= n <= result["pages"]:
                result[name] = datasette.urls.path("/search") + "?" + urlencode([*keep, ("page", n)])
    return await _page(datasette, request, "search.html", {"q": q, "filters": filters, "options": options, "result": result})


def _manifest(datasette) -> dict:
    path = _dist(datasette) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"files": []}


async def downloads_page(datasette, request):
    manifest = _manifest(datasette)
    citation = _dist(datasette).parent / "CITATION.cff"
    package = await _read(datasette, provenance.package_info)
    return await _page(datasette, request, "downloads.html", {
        "manifest": manifest, "package": package,
        "citation_cff": citation.read_text(encoding="utf-8") if citation.is_file() else None})


async def download_file(datasette, request):
    wanted = request.url_vars["path"]
    entry = next((f for f in _manifest(datasette)["files"] if f["path"] == wanted), None)
    if entry is None:
        raise NotFound("There is no such download.")
    path = _dist(datasette).parent / entry["path"]
    if not path.is_file():
        raise NotFound("That file is not on this server.")
    return AsgiFileDownload(path, filename=Path(entry["path"]).name, content_type=entry["type"],
                            headers={"x-content-type-options": "nosniff"})


@hookimpl
def register_routes():
    return [
        (r"^/statements/(?P<document_id>[^/.]+)$", statement_page),
        (r"^/statements/(?P<document_id>[^/.]+)\.json$", statement_json),
        (r"^/statements/(?P<document_id>[^/.]+)/source$", statement_source),
        (r"^/statements/(?P<document_id>[^/.]+)/translation$", translation_page),
        (r"^/entities/(?P<entity_id>[^/]+)$", entity_page),
        (r"^/states$", states_page),
        (r"^/states/(?P<entity_id>[^/]+)$", state_page),
        (r"^/issues$", issues_page),
        (r"^/issues/(?P<issue_id>[^/.]+)(?P<csv>\.csv)?$", issue_page),
        (r"^/themes$", themes_page),
        (r"^/themes/(?P<theme_id>[^/.]+)(?P<csv>\.csv)?$", theme_page),
        (r"^/events/(?P<event_id>[^/]+)$", event_page),
        (r"^/compare(?P<csv>\.csv)?$", compare_page),
        (r"^/search$", search_page),
        (r"^/downloads$", downloads_page),
        (r"^/downloads/(?P<path>[A-Za-z0-9._/-]+)$", download_file),
    ]
