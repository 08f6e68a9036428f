"""`cybergov db`: the SQLite database Datasette publishes, built from the package alone.

Column types, primary keys, NOT NULL and foreign keys come from the Table Schemas; every
foreign-key column gets an index; full-text search (FTS5) has the tables as external content.
Two processes share the work: each loads about half of the tables into a database of the same
tables, indexes them and fills their FTS indexes (the first also the search tables, the second
the aggregates, aggregates.py); the second's tables and indexes are then copied into the first
whole, while the second process writes the Parquet copies. The database is a disposable
artefact: written to a temporary file and moved into place when complete, with the inspect
file Datasette reads and the downloads list.
"""
from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import sqlite_utils

from ..package import tables  # noqa: F401 - raises the csv field size limit
from ..package.commit import put_in_place
from ..paths import Paths
from .aggregates import (
    TABLES,
    aggregate_rows,
    create_aggregate_tables,
    create_page_indexes,
    finish_aggregates,
    insert_aggregates,
)
from .downloads import (
    FileHashes,
    manifest_entries,
    write_manifest,
    write_package_info,
    write_parquet,
)
from .search_index import FTS_SHADOWS, SEARCH_SOURCES, create_fts, create_search_tables

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


def _load(root: str, path: str, names: list[str], aggregates: bool, search: bool) -> None:
    """Load some of the package's tables (and the aggregates) into a database of every table, then
    index them and fill their FTS tables (and the search tables, whose sources must be among them)."""
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
    # Every process creates every index and FTS table (instant on an empty table), so that
    # both databases have the same tables and indexes and the copy can take them whole.
    create_page_indexes(db)
    _index_foreign_keys(db)
    for table, columns in FTS.items():
        create_fts(db.conn, table, columns, fill=table in names)
    if search:
        create_search_tables(db.conn, paths.root / "datasette" / "spelling.yaml")
    db.conn.commit()
    db.close()


# The share of the work the aggregates add to the process that computes them, and the search
# tables to the one that loads their sources (measured on the General Debate corpus).
AGGREGATES_SHARE = 0.3
SEARCH_SHARE = 0.1


def _halves(paths: Paths, package: dict) -> tuple[list[str], list[str]]:
    """The tables in two groups of about the same work: the first has the search tables' sources and
    computes those, the second computes the aggregates. The work of a table is its size on disk,
    twice that with an FTS index; largest first, each table goes to the lighter group."""
    work = {r["name"]: (paths.root / r["path"]).stat().st_size * (2 if r["name"] in FTS else 1) for r in package["resources"]}
    total = sum(work.values())
    groups: tuple[list[str], list[str]] = ([], [])
    load = [SEARCH_SHARE * total, AGGREGATES_SHARE * total]
    for name in sorted(work, key=lambda n: (n not in SEARCH_SOURCES, -work[n])):
        i = 0 if name in SEARCH_SOURCES else load.index(min(load))
        groups[i].append(name)
        load[i] += work[name]
    return groups


def _merge(tmp: Path, side: Path, theirs: list[str]) -> sqlite_utils.Database:
    """The second process's tables, aggregates and FTS indexes copied into the first's database
    (SQLite's transfer of identical tables copies records, and their indexes, without decoding them)."""
    db = _open(tmp)
    db.execute("ATTACH DATABASE ? AS side", [str(side)])
    shadows = [f"{table}_fts_{shadow}" for table in FTS if table in theirs for shadow in FTS_SHADOWS]
    with db.conn:
        for name in [*theirs, *TABLES, *shadows]:
            db.execute(f"DELETE FROM main.[{name}]")  # an empty FTS index has a few records of its own
            db.execute(f"INSERT INTO main.[{name}] SELECT * FROM side.[{name}]")
    db.execute("DETACH DATABASE side")
    return db


def _finish(db: sqlite_utils.Database, paths: Paths) -> None:
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    finish_aggregates(db)
    write_package_info(db.conn, paths)
    db.execute("PRAGMA analysis_limit = 1000")  # sampled statistics: enough for the planner, seconds faster
    db.execute("ANALYZE")
    db.conn.commit()
    db.close()


def _write_inspect(target: Path, hashes: FileHashes) -> None:
    """What `datasette inspect` writes (the file's hash and size, the rows of every table), so that
    pages need not count in immutable mode; written here rather than by starting Datasette, which
    would hash the file a second time."""
    hashes.start([target])
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        names = [name for name, in conn.execute("select name from sqlite_master where type='table'")]
        tables = {name: {"count": conn.execute(f"select count(*) from [{name}]").fetchone()[0]} for name in names}
    finally:
        conn.close()
    data = {target.stem: {"hash": hashes.sha256(target), "size": target.stat().st_size, "file": str(target), "tables": tables}}
    inspect, tmp = target.with_suffix(".inspect.json"), target.with_suffix(".inspect.tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.replace(tmp, inspect)  # a new file, never the old one rewritten in place


def build_database(paths: Paths, target: Path | None = None) -> Path:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    target = Path(target or paths.database)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp, side = target.with_suffix(".db.tmp"), target.with_suffix(".side.tmp")
    mine, theirs = _halves(paths, package)
    publish = target == paths.database
    hashes = FileHashes()
    try:
        # SQLite writes on one core: a second process loads the other half of the tables into a
        # database of the same tables, then writes the Parquet copies while this one finishes.
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            other = pool.submit(_load, str(paths.root), str(side), theirs, True, False)
            if publish:
                parquet = pool.submit(write_parquet, str(paths.root))
                hashes.start(path for _, _, path in manifest_entries(paths) if path.suffix not in (".db", ".parquet"))
            _load(str(paths.root), str(tmp), mine, False, True)
            other.result()
            _finish(_merge(tmp, side, theirs), paths)
            put_in_place(tmp, target)
            _write_inspect(target, hashes)
            if publish:
                parquet.result()
                write_manifest(paths, hashes)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        side.unlink(missing_ok=True)
        hashes.close()
    return target
