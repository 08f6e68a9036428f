"""`cybergov db`: the SQLite database Datasette publishes, built from the package alone.

Column types, primary keys, NOT NULL and foreign keys come from the Table Schemas; every
foreign-key column gets an index; full-text search (FTS5) is built last. The database is
a disposable artefact: written to a temporary file and moved into place when complete.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import sqlite_utils

from .aggregates import create_aggregates
from .paths import Paths
from . import tables  # noqa: F401 - raises the csv field size limit

SQL_TYPES = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}
FTS = {"sentences": ["text"], "paragraphs": ["text"], "documents": ["title", "text"], "entities": ["name", "description"]}
# Views for browsing. `statements` gives each statement its year and publisher name, so that
# Datasette can facet on them (documents has no year column).
VIEWS = {
    "statements": """select d.document_id, d.title, d.date_published, cast(substr(d.date_published, 1, 4) as integer) as year,
       d.publisher_id, p.name as publisher, d.genre, d.language, d.event_id, d.n_sentences
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


def build_database(paths: Paths, target: Path | None = None) -> Path:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    target = Path(target or paths.database)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".db.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    # A throw-away file until it is complete: no journal, no fsync.
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    schemas = {r["name"]: json.loads((paths.root / r["schema"]).read_text(encoding="utf-8")) for r in package["resources"]}
    for name, schema in schemas.items():
        db[name].create(
            {f["name"]: SQL_TYPES[f["type"]] for f in schema["fields"]},
            pk=schema["primaryKey"][0] if len(schema["primaryKey"]) == 1 else tuple(schema["primaryKey"]),
            not_null={f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")},
        )
    # Foreign keys once every table exists (tables refer to each other and to themselves).
    db.add_foreign_keys([(name, fk["fields"][0], fk["reference"]["resource"] or name, fk["reference"]["fields"][0])
                         for name, schema in schemas.items() for fk in schema.get("foreignKeys", [])])
    db.conn.execute("BEGIN")
    for res in package["resources"]:
        _insert(db, res["name"], schemas[res["name"]], paths.root / res["path"])
    db.conn.commit()
    db.index_foreign_keys()
    for table, columns in FTS.items():
        db[table].enable_fts(columns, fts_version="FTS5", create_triggers=False, tokenize="unicode61")
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    create_aggregates(db)
    db.execute("PRAGMA analysis_limit = 1000")  # sampled statistics: enough for the planner, seconds faster
    db.execute("ANALYZE")
    db.conn.commit()
    db.close()
    os.replace(tmp, target)
    # Row counts precomputed for immutable mode, so pages need not count on every request.
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(target), "--inspect-file", str(target.with_suffix(".inspect.json"))],
                   check=True, capture_output=True)
    return target
