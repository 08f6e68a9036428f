"""The checks frictionless makes, as SQL in DuckDB: the same defects, found much faster.

`cybergov validate --fast` uses this instead of frictionless for large corpora. It mirrors
frictionless' error types and row numbers (row 1 is the header) for what this package's
Table Schemas use: byte count and hash; header labels; missing and extra cells; types
(string with uri format, integer, number, boolean, ISO date); the required, pattern, enum,
minimum and unique constraints; primary and foreign keys. Frictionless stays the authority:
CI validates the real package with it, and a test seeds one defect of each kind into a
small package and checks that both report exactly the same ones.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import duckdb

from .paths import Paths

csv.field_size_limit(sys.maxsize)

_INTEGER = r"^[+-]?[0-9]+$"
_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_URI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$"
_BOOLEAN = ("true", "True", "TRUE", "1", "false", "False", "FALSE", "0")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _structure(path: Path, width: int, resource: str, report) -> bool:
    """Header labels, missing and extra cells. Returns True when every row has `width` cells."""
    regular = True
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        for row_number, row in enumerate(reader, start=2):
            if len(row) != len(header):
                regular = False
                if len(row) < len(header):
                    for i in range(len(row), len(header)):
                        report.add("fast", resource, row_number, header[i], "missing-cell: a cell is missing", "missing-cell")
                else:
                    for i in range(len(header), len(row)):
                        report.add("fast", resource, row_number, None, "extra-cell: a row has more cells than the header", "extra-cell")
    return regular


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh), [])


def _regularised(path: Path, width: int, tmp: Path) -> Path:
    """A copy of a ragged CSV with every row padded or cut to the header's width, for loading."""
    out = tmp / path.name
    with path.open(encoding="utf-8", newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        for row in csv.reader(src):
            writer.writerow((row + [""] * width)[:width])
    return out


def _cell_checks(table: str, field: dict, column: str) -> list[str]:
    """SQL selecting (row, field, code, message) for the type and constraint errors of one column."""
    col = _q(column)
    present = f"({col} IS NOT NULL AND {col} <> '')"
    kind = field["type"]
    if kind == "integer":
        typed = f"regexp_full_match({col}, {_lit(_INTEGER)})"
        value = f"TRY_CAST({col} AS HUGEINT)"
    elif kind == "number":
        typed = f"regexp_full_match({col}, {_lit(_NUMBER)})"
        value = f"TRY_CAST({col} AS DOUBLE)"
    elif kind == "date":
        typed = f"(regexp_full_match({col}, {_lit(_DATE)}) AND TRY_CAST({col} AS DATE) IS NOT NULL)"
        value = col
    elif kind == "boolean":
        typed = f"{col} IN ({', '.join(map(_lit, _BOOLEAN))})"
        value = col
    elif field.get("format") == "uri":
        typed = f"regexp_full_match({col}, {_lit(_URI)})"
        value = col
    else:
        typed, value = "TRUE", col
    name = _lit(field["name"])
    parts = [f"SELECT __row, {name}, 'type-error', {_lit('type is ' + kind)} FROM {_q(table)} WHERE {present} AND NOT {typed}"]
    c = field.get("constraints", {})
    ok = f"{present} AND {typed}"
    if c.get("required"):
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"required\"' FROM {_q(table)} WHERE NOT {present}")
    if "pattern" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"pattern\"' FROM {_q(table)} "
                     f"WHERE {ok} AND NOT regexp_full_match({col}, {_lit(c['pattern'])})")
    if "enum" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"enum\"' FROM {_q(table)} "
                     f"WHERE {ok} AND {col} NOT IN ({', '.join(map(_lit, c['enum']))})")
    if "minimum" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"minimum\"' FROM {_q(table)} "
                     f"WHERE {ok} AND {value} < {c['minimum']}")
    if c.get("unique"):
        parts.append(f"SELECT __row, {name}, 'unique-error', 'the same value as an earlier row' FROM "
                     f"(SELECT __row, row_number() OVER (PARTITION BY {col} ORDER BY __row) AS n FROM {_q(table)} WHERE {ok}) WHERE n > 1")
    return parts


def fast_check(paths: Paths, report) -> None:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    rows_checked = 0
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        con.execute(f"SET temp_directory = {_lit(str(tmp / 'spill'))}")
        schemas, loaded = {}, {}
        for res in package["resources"]:
            name, path = res["name"], paths.root / res["path"]
            schema = json.loads((paths.root / res["schema"]).read_text(encoding="utf-8"))
            schemas[name] = schema
            raw_size = path.stat().st_size
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if "bytes" in res and res["bytes"] != raw_size:
                report.add("fast", name, None, None, f"byte-count: expected {res['bytes']}, actual {raw_size}", "byte-count")
            if "hash" in res and res["hash"].split(":", 1)[-1] != digest:
                report.add("fast", name, None, None, f"hash-count: expected {res['hash']}, actual sha256:{digest}", "hash-count")
            header = _header(path)
            fields = [f["name"] for f in schema["fields"]]
            for i, label in enumerate(header):
                if i >= len(fields):
                    report.add("fast", name, None, None, f"extra-label: column {label!r} is not in the schema", "extra-label")
                elif label != fields[i]:
                    report.add("fast", name, None, fields[i], f"incorrect-label: {label!r} where the schema has {fields[i]!r}", "incorrect-label")
            for missing in fields[len(header):]:
                report.add("fast", name, None, missing, f"missing-label: column {missing!r} is missing", "missing-label")
            source = path if _structure(path, len(header), name, report) else _regularised(path, len(header), tmp)
            columns = ", ".join(f"{_lit(h)}: 'VARCHAR'" for h in header)
            con.execute(f"CREATE TABLE {_q(name)} AS SELECT * FROM read_csv({_lit(str(source))}, header=true, "
                        f"columns={{{columns}}}, quote='\"', escape='\"', delim=',', new_line='\\n', parallel=false)")
            con.execute(f"CREATE TABLE {_q('__' + name)} AS SELECT rowid + 2 AS __row, * FROM {_q(name)}")
            con.execute(f"DROP TABLE {_q(name)}")
            con.execute(f"ALTER TABLE {_q('__' + name)} RENAME TO {_q(name)}")
            loaded[name] = [f for f in schema["fields"] if f["name"] in header]
            rows_checked += con.execute(f"SELECT count(*) FROM {_q(name)}").fetchone()[0]
        for res in package["resources"]:
            name, schema = res["name"], schemas[res["name"]]
            parts = [q for f in loaded[name] for q in _cell_checks(name, f, f["name"])]
            pk = [k for k in schema.get("primaryKey", []) if any(f["name"] == k for f in loaded[name])]
            if pk:
                cols = ", ".join(_q(k) for k in pk)
                parts.append(f"SELECT __row, NULL, 'primary-key', 'the same primary key as an earlier row' FROM "
                             f"(SELECT __row, row_number() OVER (PARTITION BY {cols} ORDER BY __row) AS n FROM {_q(name)}) WHERE n > 1")
            for fk in schema.get("foreignKeys", []):
                ref = fk["reference"]["resource"] or name
                col, key = fk["fields"][0], fk["reference"]["fields"][0]
                if not any(f["name"] == col for f in loaded[name]) or ref not in loaded:
                    continue
                parts.append(f"SELECT c.__row, NULL, 'foreign-key', 'for ' || {_lit(col)} || ': value ' || c.{_q(col)} || ' not found in ' || {_lit(ref)} "
                             f"FROM {_q(name)} c WHERE c.{_q(col)} IS NOT NULL AND c.{_q(col)} <> '' "
                             f"AND NOT EXISTS (SELECT 1 FROM {_q(ref)} p WHERE p.{_q(key)} = c.{_q(col)})")
            if not parts:
                continue
            sql = " UNION ALL ".join(f"({p})" for p in parts) + " ORDER BY 1, 2, 3"
            for row, field, code, message in con.execute(sql).fetchall():
                report.add("fast", name, row, field, f"{code}: {message}", code)
    report.checked["fast rows"] = rows_checked
