"""`cybergov db`: the SQLite database Datasette publishes, built from the package alone.

Column types, primary keys, NOT NULL and foreign keys come from the Table Schemas; every
foreign-key column gets an index; full-text search (FTS5) is built last. Two processes
load the tables, each about half into a database of the same tables (the second also the
aggregates, aggregates.py); the second's tables are then copied into the first whole. The
database is a disposable artefact: written to a temporary file and moved into place when
complete.
"""
from __future__ import annotations

import csv
import json
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import sqlite_utils

from ..package import tables  # noqa: F401 - raises the csv field size limit
from ..paths import Paths
from .aggregates import TABLES, aggregate_rows, create_aggregate_tables, create_page_indexes, finish_aggregates, insert_aggregates
from .downloads import write_manifest, write_package_info
from .search_index import TOKENIZE, create_search_tables

SQL_TYPES = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}
FTS = {"sentences": ["text"], "paragraphs": ["text"], "documents": ["title", "text"], "entities": ["name", "description"]}
# Views for browsing. `statements` gives each statement its year and publisher name, so that
# Datasette can facet on them (documents has no year column).
VIEWS = {
    "statements": """select d.document_id, d.title, d.date_published, cast(substr(d.date_published, 1, 4) as integer) as year,
       d.publisher_id, p.name as publisher, d.holder_id, d.genre, d.language, d.event_id, d.n_sentences
from documents d join entities p on p.entity_id = d.publisher_id""",
}


def _insert(db: sqlite_utils.Database, name: str, schema: dict, path: Path) -> None:
    """Load one CSV in a single statement loop, values converted by SQLite rather than Python.

    Empty cells become NULL (nullif) and "true"/"false" 1/0; the INTEGER and REAL column
    affinities turn numeric text into numbers. sqlite-utils' row-by-row conversion is ~5x
    slower at 10,000 statements, so it only creates the tables.
    """
    exprs = []
    for i, f in enumerate(schema["fields"], start=1):
        exprs.append(f"CASE ?{i} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END" if f["type"] == "boolean" else f"nullif(?{i}, '')")
    sql = f"INSERT INTO [{name}] VALUES ({', '.join(exprs)})"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header != [f["name"] for f in schema["fields"]]:
            raise ValueError(f"{path}: the header does not match the schema; run `cybergov validate`")
        db.conn.executemany(sql, reader)


def _index_foreign_keys(db: sqlite_utils.Database) -> None:
    """An index on each foreign-key column that does not already lead one (a composite key's first
    column, or a page index, serves the same lookups)."""
    for table in db.tables:
        leading = {index.columns[0] for index in table.indexes if index.columns}
        for fk in table.foreign_keys:
            if fk.column not in leading:
                table.create_index([fk.column], find_unique_name=True)
                leading.add(fk.column)


def _open(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    # A throw-away file until it is complete: no journal, no fsync.
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


def _create_tables(db: sqlite_utils.Database, schemas: dict[str, dict]) -> None:
    for name, schema in schemas.items():
        db[name].create(
            {f["name"]: SQL_TYPES[f["type"]] for f in schema["fields"]},
            pk=schema["primaryKey"][0] if len(schema["primaryKey"]) == 1 else tuple(schema["primaryKey"]),
            not_null={f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")},
        )
    # Foreign keys once every table exists (tables refer to each other and to themselves).
    db.add_foreign_keys([(name, fk["fields"][0], fk["reference"]["resource"] or name, fk["reference"]["fields"][0])
                         for name, schema in schemas.items() for fk in schema.get("foreignKeys", [])])
    create_aggregate_tables(db)


def _load(root: str, path: str, names: list[str], aggregates: bool) -> None:
    """Load some of the package's tables (and the aggregates) into a database of the same tables."""
    paths = Paths.at(root)
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    schemas = {r["name"]: json.loads((paths.root / r["schema"]).read_text(encoding="utf-8")) for r in package["resources"]}
    Path(path).unlink(missing_ok=True)
    db = _open(Path(path))
    _create_tables(db, schemas)
    db.conn.execute("BEGIN")
    for res in package["resources"]:
        if res["name"] in names:
            _insert(db, res["name"], schemas[res["name"]], paths.root / res["path"])
    if aggregates:
        insert_aggregates(db, aggregate_rows(paths))
    db.conn.commit()
    db.close()


# The share of the work the aggregates add to the process that computes them (measured at 10,000 statements).
AGGREGATES_SHARE = 0.3


def _halves(paths: Paths, package: dict) -> tuple[list[str], list[str]]:
    """The tables in two groups of about the same work: the second also computes the aggregates; by
    size on disk, largest first, each table goes to the lighter group."""
    resources = sorted(package["resources"], key=lambda r: -(paths.root / r["path"]).stat().st_size)
    groups: tuple[list[str], list[str]] = ([], [])
    size = [0, AGGREGATES_SHARE * sum((paths.root / r["path"]).stat().st_size for r in resources)]
    for res in resources:
        i = size.index(min(size))
        groups[i].append(res["name"])
        size[i] += (paths.root / res["path"]).stat().st_size
    return groups


def build_database(paths: Paths, target: Path | None = None) -> Path:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    target = Path(target or paths.database)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp, side = target.with_suffix(".db.tmp"), target.with_suffix(".side.tmp")
    mine, theirs = _halves(paths, package)
    try:
        # SQLite writes on one core: a second process loads half the tables and the aggregates
        # into a database of the same tables, which are then copied in whole (SQLite's transfer
        # of identical tables copies records without decoding them).
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            other = pool.submit(_load, str(paths.root), str(side), theirs, True)
            _load(str(paths.root), str(tmp), mine, False)
            other.result()
        db = _open(tmp)
        db.execute("ATTACH DATABASE ? AS side", [str(side)])
        with db.conn:
            for name in [*theirs, *TABLES]:
                db.execute(f"INSERT INTO main.[{name}] SELECT * FROM side.[{name}]")
        db.execute("DETACH DATABASE side")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        side.unlink(missing_ok=True)
    create_page_indexes(db)
    _index_foreign_keys(db)
    for table, columns in FTS.items():
        db[table].enable_fts(columns, fts_version="FTS5", create_triggers=False, tokenize=TOKENIZE)
    create_search_tables(db.conn, paths.root / "datasette" / "spelling.yaml")
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    finish_aggregates(db)
    write_package_info(db.conn, paths)
    db.execute("PRAGMA analysis_limit = 1000")  # sampled statistics: enough for the planner, seconds faster
    db.execute("ANALYZE")
    db.conn.commit()
    db.close()
    os.replace(tmp, target)
    # Row counts precomputed for immutable mode, so pages need not count on every request.
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(target), "--inspect-file", str(target.with_suffix(".inspect.json"))],
                   check=True, capture_output=True)
    if target == paths.database:
        write_manifest(paths)
    return target
