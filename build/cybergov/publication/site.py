"""`cybergov serve`: Datasette over dist/cybergov.db, read-only, described by the package.

The Datasette metadata is generated from datapackage.json and the Table Schemas (titles,
descriptions, licence, sources, column descriptions) plus datasette/queries.yaml and the
presentation choices below, so that nothing about a column is written twice. The reading
room (statement, entity and search pages, the overview on the home page) is the plugin in
datasette/plugins/ with the templates and static files beside it; see pages/.
"""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from ..paths import DATABASE, Paths
from ..processes import die_with_parent
from ..sources.yamlio import load_yaml
from .aggregates import OVERVIEW
from .aggregates import TABLES as AGGREGATES
from .database import FTS, VIEWS

# URL prefix of datasette/static/ (`--static assets:datasette/static`).
STATIC = "assets"
# How tables are shown: which column names a row when another table links to it, and facets.
LABELS = {"documents": "title", "events": "name", "entities": "name", "themes": "label"}
FACETS = {
    "documents": ["publisher_id", "genre", "language", "speech_mode"],
    "entities": ["kind"],
    "paragraphs": ["kind"],
    "sentence_themes": ["theme_id", "method"],
    "mentions": ["entity_id", "method"],
    "stances": ["polarity", "frame", "issue_id", "holder_id", "method"],
    "quantities": ["kind"],
    "entity_aliases": ["language"],
    "statements": ["year", "publisher", "genre", "language"],
}
# Default facets are computed on every request of a table page, over the whole table: above
# this many rows (mentions, stances, sentence_themes at a few thousand statements) they cost
# more than the page, so big tables get none; ?_facet= still works, and is cheap once the
# table is filtered (say by document_id), as the reading room's links are.
FACET_MAX_ROWS = 20_000
# Rows per page of tables whose rows are long (a documents row is a whole statement in 22 columns):
# Datasette renders every cell of a page in Python, about 0.3 ms a documents row at 10,000 statements.
PAGE_SIZES = {"documents": 20}
# Views (database.VIEWS): their title, and the columns that are not a documents column of
# the same name (whose descriptions come from the documents Table Schema).
VIEW_META = {
    "statements": {
        "title": "Statements by year",
        "description": "One row per statement with its year and publisher name, for faceting; the text is in documents.",
        "sort": "date_published",
        "columns": {"year": "Year of publication, from date_published.",
                    "publisher": "Name of the publisher (the entity publisher_id names)."},
    },
}
SETTINGS = {"sql_time_limit_ms": 1000, "max_csv_mb": 0, "suggest_facets": False, "default_page_size": 50,
            "allow_download": True, "default_facet_size": 20, "facet_time_limit_ms": 200,
            # Whole statement texts in table cells make pages unreadable; the reading room shows them.
            "truncate_cells_html": 400}
# Memory for the rendered pages the reading-room plugin keeps (datasette/plugins/reading_room.py);
# 0 turns that cache off. A metadata file's plugins.reading_room.page_cache_mb overrides it.
PAGE_CACHE_MB = 64
# FTS5 makes these shadow tables beside each <table>_fts.
_FTS_SHADOWS = ("", "_data", "_idx", "_docsize", "_config")


def _document_columns(sql: str) -> list[str]:
    """Columns a view takes from documents (aliased `d`) under their own name."""
    return list(dict.fromkeys(re.findall(r"\bd\.(\w+)\b(?!\s+as\s)", sql)))


def _row_counts(database: Path) -> dict[str, int]:
    """Rows per table, from the inspect file `cybergov db` writes beside the database (empty if there is none)."""
    inspect = database.with_suffix(".inspect.json")
    if not inspect.is_file():
        return {}
    data = json.loads(inspect.read_text(encoding="utf-8"))
    return {name: t["count"] for db in data.values() for name, t in db.get("tables", {}).items() if "count" in t}


def metadata(paths: Paths, database: Path | None = None) -> dict:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    counts = _row_counts(Path(database or paths.database))
    lic = package["licenses"][0]
    src = package["sources"][0] if package.get("sources") else {}
    tables = {}
    for res in package["resources"]:
        schema = json.loads((paths.root / res["schema"]).read_text(encoding="utf-8"))
        name = res["name"]
        fields = schema["fields"]
        table = {
            "title": schema["title"],
            "description": schema["description"],
            "columns": {f["name"]: f["description"] for f in fields},
            "sortable_columns": [f["name"] for f in fields if f["type"] in ("integer", "number", "date", "boolean")
                                 or f["name"] in schema["primaryKey"] or f["name"] in (LABELS.get(name),)],
        }
        if name in LABELS:
            table["label_column"] = LABELS[name]
        if name in PAGE_SIZES:
            table["size"] = PAGE_SIZES[name]
        if name in FACETS and counts.get(name, 0) <= FACET_MAX_ROWS:
            table["facets"] = FACETS[name]
        tables[name] = table
    documents = {f["name"]: f["description"] for f in json.loads((paths.table_schemas / "documents.json").read_text(encoding="utf-8"))["fields"]}
    for name, view in VIEW_META.items():
        tables[name] = {"title": view["title"], "description": view["description"], "sort": view["sort"],
                        "columns": {**{c: documents[c] for c in _document_columns(VIEWS[name]) if c in documents}, **view["columns"]},
                        "facets": FACETS[name], "sortable_columns": ["date_published", "year", "n_sentences", "title"]}
    for name, agg in AGGREGATES.items():
        tables[name] = {"title": agg["title"], "description": agg["description"], "columns": agg["columns"],
                        "sortable_columns": agg["sortable"]}
    tables[OVERVIEW] = {"hidden": True}
    for name in FTS:
        for suffix in _FTS_SHADOWS:
            tables[f"{name}_fts{suffix}"] = {"hidden": True}
    queries = load_yaml(paths.root / "datasette" / "queries.yaml")
    return {
        "title": package["title"],
        "description": package["description"],
        "license": lic["name"],
        "license_url": lic["path"],
        "source": "; ".join(s["title"] for s in package.get("sources", [])),
        "source_url": src.get("path"),
        "extra_css_urls": [f"/{STATIC}/reading-room.css"],
        "databases": {DATABASE: {"tables": tables, "queries": {k: dict(v) for k, v in queries.items()}}},
    }


def write_metadata(paths: Paths) -> Path:
    out = paths.dist / "metadata.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(metadata(paths), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def datasette_app(paths: Paths, database: Path | None = None):
    """A Datasette configured as `cybergov serve` configures it, for tests and scripts."""
    from datasette.app import Datasette

    folder = paths.root / "datasette"
    db = Path(database or paths.database)
    inspect = db.with_suffix(".inspect.json")
    return Datasette(
        immutables=[str(db)], metadata=metadata(paths, db), settings=SETTINGS,
        inspect_data=json.loads(inspect.read_text(encoding="utf-8")) if inspect.is_file() else None,
        template_dir=str(folder / "templates") if (folder / "templates").is_dir() else None,
        plugins_dir=str(folder / "plugins") if (folder / "plugins").is_dir() else None,
        static_mounts=[(STATIC, str(folder / "static"))] if (folder / "static").is_dir() else None,
    )


def _worker(root: str, host: str, port: int) -> None:
    """One server process: its own listening socket on the shared port (SO_REUSEPORT), so that
    the kernel spreads new connections over the processes instead of the quickest taking all."""
    import uvicorn

    die_with_parent()
    app = datasette_app(Paths.at(root)).app()
    uvicorn.Server(uvicorn.Config(app, log_level="info")).run(sockets=[listening(host, port)])


def listening(host: str, port: int):
    """A socket bound to the port with SO_REUSEPORT, one per server process."""
    import socket

    # Made as TCP by name: asyncio sets TCP_NODELAY only on sockets whose protocol says so, and
    # without it a keep-alive response waits 40 ms for the client's delayed acknowledgement.
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _port_is_free(host: str, port: int) -> bool:
    """Bound without SO_REUSEPORT: a server already there (another `serve`, say) makes it fail,
    where the workers' sockets would quietly share the port with it."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8001, workers: int | None = None) -> None:
    """Serve the site with `workers` processes (default: one per core) until SIGTERM or Ctrl-C.

    Datasette renders a page in one Python thread; one process per core renders that many
    pages at once. Each has its own page cache and reads the same immutable file.
    """
    import multiprocessing
    import signal

    if not paths.database.is_file():
        raise SystemExit(f"{paths.rel(paths.database)} is missing: run `cybergov db` first")
    if not _port_is_free(host, port):
        raise SystemExit(f"{host}:{port} is in use (a server started before?): stop it, or choose another with --port")
    write_metadata(paths)  # what the site is configured with, for whoever reads it
    spawn = multiprocessing.get_context("spawn")
    procs = [spawn.Process(target=_worker, args=(str(paths.root), host, port), daemon=True) for _ in range(workers or os.cpu_count() or 1)]
    for proc in procs:
        proc.start()
    print(f"serving http://{host}:{port} from {len(procs)} processes; stop with Ctrl-C or `kill {os.getpid()}`", flush=True)

    def stop(code: int = 0, *_) -> None:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(10)
        raise SystemExit(code)
    signal.signal(signal.SIGTERM, lambda *_: stop(0))
    try:
        while all(proc.is_alive() for proc in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        stop(0)
    stop(1)  # a server process ended on its own (its log above says why): the others go too
