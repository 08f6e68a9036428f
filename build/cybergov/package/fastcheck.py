"""`cybergov validate --fast`: the package checks as SQL in DuckDB, for large corpora.

Two parts, each mirroring a slower authority:
- what frictionless checks, with its error types and row numbers (row 1 is the header), for
  what this package's Table Schemas use: byte count and hash; header labels; missing and
  extra cells; types (string with uri format, integer, number, boolean, ISO date); the
  required, pattern, enum, minimum and unique constraints; primary and foreign keys;
- the evidence checks of validate.evidence_check (offsets, containment, tiling).
Frictionless stays the authority: CI validates the real package with it, and tests seed
defects into a small package and check that both paths report the same ones.

Tables are checked one at a time, referenced tables first, and dropped as soon as no table
still to come refers to them, so that memory holds the parents and one table of annotations.
"""
from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from ..paths import Paths
from .fastevidence import PARENT, calendar
from .fastevidence import evidence as _evidence
from .fastsql import _lit, _q, _v
from .tables import CALENDAR, EXTRA_SPANS, SPAN_TEXT  # importing tables also raises the csv field size limit

_INTEGER = r"^[+-]?[0-9]+$"
_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_URI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$"
_TRUE, _FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")
# --- loading ----------------------------------------------------------------------
def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh), [])


def _digest(path: Path) -> tuple[int, str]:
    with path.open("rb") as fh:
        return path.stat().st_size, hashlib.file_digest(fh, "sha256").hexdigest()


def _structure(path: Path, resource: str, report) -> int:
    """Missing and extra cells of a ragged file, as frictionless reports them; returns the header width."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        for row_number, row in enumerate(reader, start=2):
            for i in range(len(row), len(header)):
                report.add("fast", resource, row_number, header[i], "missing-cell: a cell is missing", "missing-cell")
            for _ in range(len(header), len(row)):
                report.add("fast", resource, row_number, None, "extra-cell: a row has more cells than the header", "extra-cell")
    return len(header)


def _regularised(path: Path, width: int, tmp: Path) -> Path:
    """A copy of a ragged CSV with every row padded or cut to the header's width, for loading."""
    out = tmp / path.name
    with path.open(encoding="utf-8", newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        for row in csv.reader(src):
            writer.writerow((row + [""] * width)[:width])
    return out


def _file_checks(res: dict, digest: tuple[int, str], header: list[str], fields: list[str], report) -> None:
    name, (size, sha) = res["name"], digest
    if "bytes" in res and res["bytes"] != size:
        report.add("fast", name, None, None, f"byte-count: expected {res['bytes']}, actual {size}", "byte-count")
    if "hash" in res and res["hash"].split(":", 1)[-1] != sha:
        report.add("fast", name, None, None, f"hash-count: expected {res['hash']}, actual sha256:{sha}", "hash-count")
    for i, label in enumerate(header):
        if i >= len(fields):
            report.add("fast", name, None, None, f"extra-label: column {label!r} is not in the schema", "extra-label")
        elif label != fields[i]:
            report.add("fast", name, None, fields[i], f"incorrect-label: {label!r} where the schema has {fields[i]!r}", "incorrect-label")
    for missing in fields[len(header):]:
        report.add("fast", name, None, missing, f"missing-label: column {missing!r} is missing", "missing-label")


def _load(con, name: str, path: Path, header: list[str], tmp: Path, report) -> None:
    columns = ", ".join(f"{_lit(h)}: 'VARCHAR'" for h in header)
    read = "read_csv({}, header=true, columns={{" + columns + "}}, quote='\"', escape='\"', delim=',', strict_mode=true)"
    try:
        con.execute(f"CREATE TABLE {_q(name)} AS SELECT * FROM {read.format(_lit(str(path)))}")
    except duckdb.Error:
        # A ragged file: report its rows as frictionless does, then load a regular copy.
        con.execute(f"DROP TABLE IF EXISTS {_q(name)}")
        regular = _regularised(path, _structure(path, name, report), tmp)
        con.execute(f"CREATE TABLE {_q(name)} AS SELECT * FROM {read.format(_lit(str(regular)))}")
    # Insertion order is file order, so rowid + 2 is frictionless' row number.
    con.execute(f"CREATE VIEW {_v(name)} AS SELECT rowid + 2 AS __row, * FROM {_q(name)}")


# --- what frictionless checks ---------------------------------------------------------
def _typed(field: dict, col: str) -> str:
    """SQL true when a present cell has the field's type."""
    return {
        "integer": f"regexp_full_match({col}, {_lit(_INTEGER)})",
        "number": f"regexp_full_match({col}, {_lit(_NUMBER)})",
        "date": f"(regexp_full_match({col}, {_lit(_DATE)}) AND TRY_CAST({col} AS DATE) IS NOT NULL)",
        "boolean": f"{col} IN ({', '.join(map(_lit, _TRUE + _FALSE))})",
    }.get(field["type"], f"regexp_full_match({col}, {_lit(_URI)})" if field.get("format") == "uri" else "TRUE")


def _present(col: str) -> str:
    return f"({col} IS NOT NULL AND {col} <> '')"


def _value(field: dict, col: str) -> str:
    """The cell as frictionless reads it: its typed value, or NULL where it is missing or of the wrong type."""
    value = {"integer": f"TRY_CAST({col} AS HUGEINT)", "number": f"TRY_CAST({col} AS DOUBLE)",
             "date": f"TRY_CAST({col} AS DATE)", "boolean": f"({col} IN ({', '.join(map(_lit, _TRUE))}))"}.get(field["type"], col)
    return f"CASE WHEN {_present(col)} AND {_typed(field, col)} THEN {value} END"


def _cell_checks(table: str, field: dict) -> list[str]:
    """SQL selecting (row, field, code, message) for the type and constraint errors of one column."""
    col, src, kind = _q(field["name"]), _v(table), field["type"]
    present, typed = _present(col), _typed(field, col)
    value = {"integer": f"TRY_CAST({col} AS HUGEINT)", "number": f"TRY_CAST({col} AS DOUBLE)"}.get(kind, col)
    name = _lit(field["name"])
    ok = f"{present} AND {typed}"
    parts = [] if typed == "TRUE" else [f"SELECT __row, {name}, 'type-error', {_lit('type is ' + kind)} FROM {src} WHERE {present} AND NOT {typed}"]
    c = field.get("constraints", {})
    if c.get("required"):
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"required\"' FROM {src} WHERE NOT {present}")
    if "pattern" in c and c.get("unique"):
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"pattern\"' FROM {src} "
                     f"WHERE {ok} AND NOT regexp_full_match({col}, {_lit(c['pattern'])})")
    elif "pattern" in c:
        # A repeated column (a document_id on every annotation) is matched once per distinct value.
        bad = (f"WITH d AS MATERIALIZED (SELECT DISTINCT {col} AS v FROM {src} WHERE {ok}) "
               f"SELECT v FROM d WHERE NOT regexp_full_match(v, {_lit(c['pattern'])})")
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"pattern\"' FROM {src} WHERE {col} IN ({bad})")
    if "enum" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"enum\"' FROM {src} "
                     f"WHERE {ok} AND {col} NOT IN ({', '.join(map(_lit, c['enum']))})")
    if "minimum" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"minimum\"' FROM {src} WHERE {ok} AND {value} < {c['minimum']}")
    return parts


def _repeats(table: str, values: list[str]) -> str:
    """SQL selecting (__row, all_null) for rows whose values are all NULL or repeat an earlier row's.

    Rows are first grouped by a hash of their key, which is cheaper than grouping strings; only
    rows whose hash repeats are then ordered and compared on the key itself.
    """
    keys = ", ".join(f"{v} AS k{i}" for i, v in enumerate(values))
    cols = ", ".join(f"k{i}" for i in range(len(values)))
    all_null = " AND ".join(f"k{i} IS NULL" for i in range(len(values)))
    return (f"WITH keyed AS MATERIALIZED (SELECT __row, {cols}, hash({cols}) AS h FROM (SELECT __row, {keys} FROM {_v(table)})), "
            f"dup AS (SELECT h FROM keyed WHERE NOT ({all_null}) GROUP BY h HAVING count(*) > 1) "
            f"SELECT __row, true AS all_null FROM keyed WHERE {all_null} UNION ALL "
            f"SELECT __row, false FROM (SELECT __row, row_number() OVER (PARTITION BY {cols} ORDER BY __row) AS n "
            f"FROM keyed WHERE NOT ({all_null}) AND h IN (SELECT h FROM dup)) WHERE n > 1")


def _key_checks(name: str, schema: dict, loaded: dict[str, list[dict]]) -> list[str]:
    fields = {f["name"]: f for f in loaded[name]}
    pk = schema.get("primaryKey", [])
    parts = []
    # Frictionless skips the primary key when a column of it is missing (a missing-label is reported).
    has_pk = bool(pk) and all(k in fields for k in pk)
    if has_pk:
        rep = _repeats(name, [_value(fields[k], _q(k)) for k in pk])
        if len(pk) == 1 and fields[pk[0]].get("constraints", {}).get("unique"):
            # A unique single-field key: its repeats are the primary key's, without the empty cells.
            parts.append(f"SELECT __row, field, code, message FROM ({rep}), (VALUES (NULL, 'primary-key', 'the same primary key as "
                         f"an earlier row'), ({_lit(pk[0])}, 'unique-error', 'the same value as an earlier row')) AS m(field, code, message) "
                         "WHERE code = 'primary-key' OR NOT all_null")
        else:
            parts.append(f"SELECT __row, NULL, 'primary-key', 'the same primary key as an earlier row' FROM ({rep})")
    for f in fields.values():
        if f.get("constraints", {}).get("unique") and not (has_pk and pk == [f["name"]]):
            parts.append(f"SELECT __row, {_lit(f['name'])}, 'unique-error', 'the same value as an earlier row' "
                         f"FROM ({_repeats(name, [_value(f, _q(f['name']))])}) WHERE NOT all_null")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]["resource"] or name
        col, key = fk["fields"][0], fk["reference"]["fields"][0]
        if col in fields and ref in loaded:
            parts.append(f"SELECT c.__row, NULL, 'foreign-key', 'value of ' || {_lit(col)} || ' not found in ' || {_lit(ref)} "
                         f"FROM {_v(name)} c WHERE c.{_q(col)} IS NOT NULL AND c.{_q(col)} <> '' "
                         f"AND NOT EXISTS (SELECT 1 FROM {_q(ref)} p WHERE p.{_q(key)} = c.{_q(col)})")
    return parts


def _frictionless_checks(con, name: str, schema: dict, loaded: dict[str, list[dict]], report) -> None:
    parts = [q for f in loaded[name] for q in _cell_checks(name, f)] + _key_checks(name, schema, loaded)
    if parts:
        sql = " UNION ALL ".join(f"({p})" for p in parts) + " ORDER BY 1, 2, 3"
        for row, field, code, message in con.execute(sql).fetchall():
            report.add("fast", name, row, field, f"{code}: {message}", code)


def _order(resources: list[dict], schemas: dict[str, dict]) -> tuple[list[dict], dict[str, int]]:
    """Resources with every referenced table before its referrers, and the position after which
    each table is no longer needed."""

    names = [r["name"] for r in resources]
    needs = {}
    for name in names:
        refs = {fk["reference"]["resource"] for fk in schemas[name].get("foreignKeys", [])}
        if name in SPAN_TEXT:
            parent = PARENT.get(name, ("sentence_id", "sentences"))
            refs |= {"documents"} | ({parent[1]} if parent else set())
        needs[name] = [r for r in refs if r and r != name and r in names]
    ordered, done = [], set()

    def visit(name, path=()):
        if name in done or name in path:
            return
        for ref in sorted(needs[name], key=names.index):
            visit(ref, path + (name,))
        done.add(name)
        ordered.append(name)

    for name in names:
        visit(name)
    last = {name: i for i, name in enumerate(ordered)}
    for i, name in enumerate(ordered):
        for ref in needs[name]:
            last[ref] = max(last[ref], i)
    by_name = {r["name"]: r for r in resources}
    return [by_name[n] for n in ordered], last


def fast_check(paths: Paths, report, evidence: bool = True) -> None:

    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    schemas = {res["name"]: json.loads((paths.root / res["schema"]).read_text(encoding="utf-8")) for res in package["resources"]}
    resources, last = _order(package["resources"], schemas)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    # Spills to disk beyond this where it can; 512 MB ran out on 1,000 General Debate speeches
    # (documents of 18,000 characters), whose text the evidence joins hold in their hash tables.
    # On the whole corpus 1 GB spilled for 3 of 15 seconds; 1.5 GB does not, and keeps the
    # process under 2 GB.
    con.execute("SET memory_limit = '1.5GB'")
    with tempfile.TemporaryDirectory() as tmpdir, ThreadPoolExecutor(max_workers=1) as hasher:
        tmp = Path(tmpdir)
        con.execute(f"SET temp_directory = {_lit(str(tmp / 'spill'))}")
        # Hashing releases the GIL: the files are hashed while DuckDB reads and checks them.
        digests = {res["name"]: hasher.submit(_digest, paths.root / res["path"]) for res in resources}
        loaded, rows, checked = {}, 0, 0
        for i, res in enumerate(resources):
            name, path, schema = res["name"], paths.root / res["path"], schemas[res["name"]]
            header = _header(path)
            _file_checks(res, digests[name].result(), header, [f["name"] for f in schema["fields"]], report)
            _load(con, name, path, header, tmp, report)
            loaded[name] = [f for f in schema["fields"] if f["name"] in header]
            _frictionless_checks(con, name, schema, loaded, report)
            count = con.execute(f"SELECT count(*) FROM {_q(name)}").fetchone()[0]
            rows += count
            if evidence and name in SPAN_TEXT:
                if {"document_id", "char_start", "char_end", SPAN_TEXT[name]} <= set(header):
                    # Its findings are sorted before they are reported: the joins need not keep row order,
                    # which saves them holding their whole output in memory.
                    con.execute("SET preserve_insertion_order = false")
                    _evidence(con, name, SPAN_TEXT[name], EXTRA_SPANS.get(name, []), report)
                    con.execute("SET preserve_insertion_order = true")
                    checked += count
                else:
                    report.add("evidence", name, None, None, "file is missing or lacks its span columns")
            if evidence and name in CALENDAR and CALENDAR[name] in header:
                calendar(con, name, CALENDAR[name], report)
            if evidence and name == "documents":
                # Each document's length is computed once (length() scans UTF-8), not once per span.
                con.execute("CREATE TEMP TABLE ev_documents AS SELECT document_id, text, length(text) AS n FROM documents")
            for done in [n for n in loaded if last[n] <= i]:
                con.execute(f"DROP VIEW IF EXISTS {_v(done)}")
                con.execute(f"DROP TABLE IF EXISTS {_q(done)}")
                con.execute(f"DROP TABLE IF EXISTS ev_{done}")
        report.checked["fast rows"] = rows
        if evidence:
            for table in SPAN_TEXT:
                if table not in loaded:
                    report.add("evidence", table, None, None, "file is missing or lacks its span columns")
            report.checked["evidence rows"] = checked
    con.close()
