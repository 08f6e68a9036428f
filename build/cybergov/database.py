"""`cybergov db`: the SQLite database Datasette publishes, built from the package alone.

Column types, primary keys, NOT NULL and foreign keys come from the Table Schemas; every
foreign-key column gets an index; full-text search (FTS5) is built last. The database is
a disposable artefact: written to a temporary file and moved into place when complete.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlite_utils

from .aggregates import create_aggregates
from .paths import Paths
from .tables import load_schema, read_csv

SQL_TYPES = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}
FTS = {"sentences": ["text"], "paragraphs": ["text"], "documents": ["title", "text"], "entities": ["name", "description"]}
# Views for browsing. `statements` gives each statement its year and publisher name, so that
# Datasette can facet on them (documents has no year column).
VIEWS = {
    "statements": """select d.document_id, d.title, d.date_published, cast(substr(d.date_published, 1, 4) as integer) as year,
       d.publisher_id, p.name as publisher, d.genre, d.language, d.event_id, d.n_sentences
from documents d join entities p on p.entity_id = d.publisher_id""",
}


def _converters(schema: dict):
    conv = {}
    for f in schema["fields"]:
        t = f["type"]
        if t == "integer":
            conv[f["name"]] = int
        elif t == "number":
            conv[f["name"]] = float
        elif t == "boolean":
            conv[f["name"]] = lambda v: 1 if v == "true" else 0
    return conv


def _rows(path: Path, schema: dict):
    conv = _converters(schema)
    for r in read_csv(path):
        yield {k: (None if v == "" else conv[k](v) if k in conv else v) for k, v in r.items()}


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
    schemas = {r["name"]: load_schema(paths.root, r["schema"].removesuffix(".json")) for r in package["resources"]}
    for name, schema in schemas.items():
        db[name].create(
            {f["name"]: SQL_TYPES[f["type"]] for f in schema["fields"]},
            pk=schema["primaryKey"][0] if len(schema["primaryKey"]) == 1 else tuple(schema["primaryKey"]),
            not_null={f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")},
        )
    # Foreign keys once every table exists (tables refer to each other and to themselves).
    db.add_foreign_keys([(name, fk["fields"][0], fk["reference"]["resource"] or name, fk["reference"]["fields"][0])
                         for name, schema in schemas.items() for fk in schema.get("foreignKeys", [])])
    for res in package["resources"]:
        db[res["name"]].insert_all(_rows(paths.root / res["path"], schemas[res["name"]]), batch_size=5000)
    db.index_foreign_keys()
    for table, columns in FTS.items():
        db[table].enable_fts(columns, fts_version="FTS5", create_triggers=False, tokenize="unicode61")
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    create_aggregates(db)
    db.execute("ANALYZE")
    db.conn.commit()
    db.vacuum()
    db.close()
    os.replace(tmp, target)
    # Row counts precomputed for immutable mode, so pages need not count on every request.
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(target), "--inspect-file", str(target.with_suffix(".inspect.json"))],
                   check=True, capture_output=True)
    return target
