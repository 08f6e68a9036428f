"""Table Schemas are the single source of truth for columns; this module writes rows to match."""
from __future__ import annotations

import csv
import io
import json
import sys
from operator import itemgetter
from functools import lru_cache
from pathlib import Path

from .paths import Paths

# Order of resources in datapackage.json: parents before children.
TABLES = (
    "documents", "events", "entities", "entity_aliases", "document_speakers", "paragraphs", "sentences",
    "themes", "sentence_themes", "mentions", "stances", "proposals", "quantities", "errata",
)
# Tables made from the codebook alone; the others come from statements, one document at a time.
CODEBOOK_TABLES = ("events", "entities", "entity_aliases", "themes")
DOCUMENT_TABLES = tuple(t for t in TABLES if t not in CODEBOOK_TABLES)

# A statement's text can be far longer than the csv module's default field limit (128 KiB).
csv.field_size_limit(sys.maxsize)

DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True}


@lru_cache(maxsize=None)
def load_schema(schema_dir: Path, table: str) -> dict:
    return json.loads((schema_dir / f"{table}.json").read_text(encoding="utf-8"))


def columns(paths: Paths, table: str) -> list[str]:
    return [f["name"] for f in load_schema(paths.table_schemas, table)["fields"]]


def _cell(value):
    """What the csv module would not write as the package declares: booleans and whole floats."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def csv_rows(cols: list[str], rows: list[dict], header: bool = False) -> bytes:
    """Rows as CSV bytes in the declared dialect (None is written as an empty cell).

    A row with a missing or extra key is a bug and stops the build.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(cols)
    want = set(cols)
    for row in rows:
        if row.keys() != want:
            raise ValueError(f"row keys {sorted(set(row) ^ want)} do not match the schema columns")
    values = itemgetter(*cols)  # every table has several columns, so this returns a tuple
    writer.writerows([_cell(v) for v in values(row)] for row in rows)
    return buf.getvalue().encode("utf-8")


def read_csv(path: Path):
    """Rows of a package CSV as dicts of strings (empty string for null)."""
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)
