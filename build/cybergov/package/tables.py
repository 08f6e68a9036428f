"""Table Schemas are the single source of truth for columns; this module writes rows to match."""
from __future__ import annotations

import csv
import io
import json
import sys
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from ..paths import Paths

# Order of resources in datapackage.json: parents before children.
TABLES = (
    "documents", "events", "entities", "entity_aliases", "corpora", "document_speakers", "paragraphs", "sentences",
    "translations", "paragraph_alignments", "themes", "issues", "sentence_themes", "mentions", "stances", "proposals", "quantities", "errata",
)
# Tables made from the codebook alone; tables made once every statement is known (pairs of
# statements); the others come from statements, one document at a time.
CODEBOOK_TABLES = ("events", "entities", "entity_aliases", "themes", "issues", "corpora")
CROSS_TABLES = ("translations", "paragraph_alignments")
DOCUMENT_TABLES = tuple(t for t in TABLES if t not in CODEBOOK_TABLES + CROSS_TABLES)

# Table -> the column that must equal the span [char_start, char_end) of documents.text.
SPAN_TEXT = {"paragraphs": "text", "sentences": "text", "proposals": "text", "sentence_themes": "surface",
             "mentions": "surface", "stances": "quote", "quantities": "surface", "errata": "surface"}
EXTRA_SPANS = {"stances": [("cue_start", "cue_end", "cue"), ("object_start", "object_end", "object")]}
# Dates with the precision their source states (YYYY, YYYY-MM or YYYY-MM-DD): a pattern in the Table
# Schema, and a real calendar date where the day is given (checked by validate, as a pattern cannot).
REDUCED_DATE = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
CALENDAR = {"documents": "date_published", "events": "date"}


# A statement's text can be far longer than the csv module's default field limit (128 KiB).
csv.field_size_limit(sys.maxsize)

DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True}


@lru_cache(maxsize=None)
def load_schema(schema_dir: Path, table: str) -> dict:
    return json.loads((schema_dir / f"{table}.json").read_text(encoding="utf-8"))


def _cell(value):
    """What the csv module would not write as the package declares: booleans and whole floats."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@lru_cache(maxsize=None)
def _layout(schema_dir: Path, table: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A table's columns, and the positions of those whose Python values need _cell (booleans, numbers)."""
    fields = load_schema(schema_dir, table)["fields"]
    return tuple(f["name"] for f in fields), tuple(i for i, f in enumerate(fields) if f["type"] in ("boolean", "number"))


def columns(paths: Paths, table: str) -> list[str]:
    return list(_layout(paths.table_schemas, table)[0])


def csv_rows(paths: Paths, table: str, rows: list[dict], header: bool = False) -> bytes:
    """Rows as CSV bytes in the declared dialect (None is written as an empty cell).

    A row with a missing or extra key is a bug and stops the build.
    """
    cols, special = _layout(paths.table_schemas, table)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(cols)
    want = set(cols)
    for row in rows:
        if row.keys() != want:
            raise ValueError(f"row keys {sorted(set(row) ^ want)} do not match the schema columns")
    values = itemgetter(*cols)  # every table has several columns, so this returns a tuple
    if not special:  # strings, integers and None are written as they are
        writer.writerows(map(values, rows))
    else:
        for row in rows:
            cells = list(values(row))
            for i in special:
                cells[i] = _cell(cells[i])
            writer.writerow(cells)
    return buf.getvalue().encode("utf-8")


def read_csv(path: Path):
    """Rows of a package CSV as dicts of strings (empty string for null)."""
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)
