"""`cybergov validate --fast`: the package checks as SQL in DuckDB, for large corpora.

Two parts, each mirroring a slower authority:
- what frictionless checks, with its error types and row numbers (row 1 is the header), for
  what this package's Table Schemas use: byte count and hash; header labels; missing and
  extra cells; types (string with uri format, integer, number, boolean, ISO date); the
  required, pattern, enum, minimum and unique constraints; primary and foreign keys;
- the evidence checks of validate.evidence_check (offsets, containment, tiling).
Frictionless stays the authority: CI validates the real package with it, and tests seed
defects into a small package and check that both paths report the same ones.
"""
from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from pathlib import Path

import duckdb

from .paths import Paths
from . import tables  # noqa: F401 - raises the csv field size limit

_INTEGER = r"^[+-]?[0-9]+$"
_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_URI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$"
_BOOLEAN = ("true", "True", "TRUE", "1", "false", "False", "FALSE", "0")
# What Python's str.strip() removes, for "is this gap only whitespace".
_SPACE = r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]*"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _v(table: str) -> str:
    """The view of a loaded table with its frictionless row number, __row."""
    return _q("v_" + table)


# --- loading ----------------------------------------------------------------------
def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh), [])


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


def _file_checks(res: dict, path: Path, header: list[str], fields: list[str], report) -> None:
    name = res["name"]
    size = path.stat().st_size
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            h.update(chunk)
    if "bytes" in res and res["bytes"] != size:
        report.add("fast", name, None, None, f"byte-count: expected {res['bytes']}, actual {size}", "byte-count")
    if "hash" in res and res["hash"].split(":", 1)[-1] != h.hexdigest():
        report.add("fast", name, None, None, f"hash-count: expected {res['hash']}, actual sha256:{h.hexdigest()}", "hash-count")
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
        "boolean": f"{col} IN ({', '.join(map(_lit, _BOOLEAN))})",
    }.get(field["type"], f"regexp_full_match({col}, {_lit(_URI)})" if field.get("format") == "uri" else "TRUE")


def _pk_alone(schema: dict, present: set[str]) -> bool:
    """A single-field primary key that is also `unique`: both its checks are made in one pass."""
    pk = schema.get("primaryKey", [])
    if len(pk) != 1 or pk[0] not in present:
        return False
    return bool(next(f for f in schema["fields"] if f["name"] == pk[0]).get("constraints", {}).get("unique"))


def _cell_checks(table: str, field: dict, pk_alone: bool = False) -> list[str]:
    """SQL selecting (row, field, code, message) for the type and constraint errors of one column."""
    col, src, kind = _q(field["name"]), _v(table), field["type"]
    present = f"({col} IS NOT NULL AND {col} <> '')"
    typed = _typed(field, col)
    value = {"integer": f"TRY_CAST({col} AS HUGEINT)", "number": f"TRY_CAST({col} AS DOUBLE)"}.get(kind, col)
    name = _lit(field["name"])
    ok = f"{present} AND {typed}"
    parts = [f"SELECT __row, {name}, 'type-error', {_lit('type is ' + kind)} FROM {src} WHERE {present} AND NOT {typed}"]
    c = field.get("constraints", {})
    if c.get("required"):
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"required\"' FROM {src} WHERE NOT {present}")
    if "pattern" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"pattern\"' FROM {src} "
                     f"WHERE {ok} AND NOT regexp_full_match({col}, {_lit(c['pattern'])})")
    if "enum" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"enum\"' FROM {src} "
                     f"WHERE {ok} AND {col} NOT IN ({', '.join(map(_lit, c['enum']))})")
    if "minimum" in c:
        parts.append(f"SELECT __row, {name}, 'constraint-error', 'constraint \"minimum\"' FROM {src} WHERE {ok} AND {value} < {c['minimum']}")
    if c.get("unique") and not pk_alone:
        parts.append(f"SELECT __row, {name}, 'unique-error', 'the same value as an earlier row' FROM "
                     f"(SELECT __row, row_number() OVER (PARTITION BY {col} ORDER BY __row) AS n FROM {src} WHERE {ok}) WHERE n > 1")
    return parts


def _key_checks(name: str, schema: dict, present: set[str], loaded: set[str]) -> list[str]:
    parts = []
    pk = [k for k in schema.get("primaryKey", []) if k in present]
    if _pk_alone(schema, present):
        # One pass finds both: frictionless reports a repeated single-field key as unique-error
        # (on the field, where the value is valid) and as primary-key.
        field = next(f for f in schema["fields"] if f["name"] == pk[0])
        col = _q(pk[0])
        ok = f"({col} IS NOT NULL AND {col} <> '') AND {_typed(field, col)}"
        parts.append(f"SELECT __row, field, code, message FROM (SELECT __row, {ok} AS ok, "
                     f"row_number() OVER (PARTITION BY {col} ORDER BY __row) AS n, "
                     f"row_number() OVER (PARTITION BY {col}, {ok} ORDER BY __row) AS n_ok FROM {_v(name)}) x, "
                     f"(VALUES ({_lit(pk[0])}, 'unique-error', 'the same value as an earlier row'), "
                     f"(NULL, 'primary-key', 'the same primary key as an earlier row')) AS k(field, code, message) "
                     f"WHERE (code = 'primary-key' AND n > 1) OR (code = 'unique-error' AND ok AND n_ok > 1)")
    elif pk:
        cols = ", ".join(map(_q, pk))
        parts.append(f"SELECT __row, NULL, 'primary-key', 'the same primary key as an earlier row' FROM "
                     f"(SELECT __row, row_number() OVER (PARTITION BY {cols} ORDER BY __row) AS n FROM {_v(name)}) WHERE n > 1")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]["resource"] or name
        col, key = fk["fields"][0], fk["reference"]["fields"][0]
        if col in present and ref in loaded:
            parts.append(f"SELECT c.__row, NULL, 'foreign-key', 'value of ' || {_lit(col)} || ' not found in ' || {_lit(ref)} "
                         f"FROM {_v(name)} c WHERE c.{_q(col)} IS NOT NULL AND c.{_q(col)} <> '' "
                         f"AND NOT EXISTS (SELECT 1 FROM {_q(ref)} p WHERE p.{_q(key)} = c.{_q(col)})")
    return parts


# --- what validate.evidence_check checks ------------------------------------------------
def _evidence_table(con, table: str, column: str, extra: list[tuple[str, str, str]]) -> list[str]:
    """Materialise ev_<table> (spans, their text, and the text they point at) and return its checks.

    A row's text is compared with its parent's text where the parent is itself right and
    contains the span, else with the document's: the same verdict, without scanning a
    4 KB document from the start for each of two million short spans.
    """
    spans = [("char_start", "char_end", column), *extra]
    own_key = {"paragraphs": "paragraph_id", "sentences": "sentence_id"}.get(table)
    parent = {"paragraphs": None, "sentences": ("paragraph_id", "paragraphs")}.get(table, ("sentence_id", "sentences"))
    made = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
    if parent and f"ev_{parent[1]}" not in made:
        parent = None  # the parent table could not be checked: compare with the document only
    select, join = [], ""
    if parent:
        join = f"LEFT JOIN ev_{parent[1]} p ON p.k = t.{_q(parent[0])}"
    for i, (a, b, c) in enumerate(spans):
        si, ei = f"TRY_CAST(t.{_q(a)} AS BIGINT)", f"TRY_CAST(t.{_q(b)} AS BIGINT)"
        valid = f"({si} IS NOT NULL AND {ei} IS NOT NULL AND 0 <= {si} AND {si} < {ei} AND {ei} <= d.n)"
        from_doc = f"substring(d.text, {si} + 1, {ei} - {si})"
        ref = (f"CASE WHEN p.ok AND p.s <= {si} AND {ei} <= p.e THEN substring(p.text, {si} - p.s + 1, {ei} - {si}) ELSE {from_doc} END"
               if parent else from_doc)
        select += [f"{si} AS s{i}", f"{ei} AS e{i}", f"coalesce(t.{_q(c)}, '') AS v{i}", f"{valid} AS valid{i}",
                   f"CASE WHEN {valid} THEN {ref} END AS ref{i}"]
    keep = f", t.{_q(own_key)} AS k" if own_key else ""
    con.execute(f"CREATE OR REPLACE TEMP TABLE ev_{table} AS SELECT t.__row, t.document_id, d.document_id IS NOT NULL AS has_doc{keep}, "
                f"{', '.join(select)} FROM {_v(table)} t LEFT JOIN ev_documents d ON d.document_id = t.document_id {join}")
    if own_key:  # what children compare against
        con.execute(f"CREATE OR REPLACE TEMP TABLE ev_{table} AS SELECT *, s0 AS s, e0 AS e, v0 AS text, "
                    f"(has_doc AND valid0 AND ref0 = v0) AS ok FROM ev_{table}")
    parts = [f"SELECT __row, 'document_id', 'no document ' || document_id FROM ev_{table} WHERE NOT has_doc"]
    for i, (a, _, c) in enumerate(spans):
        parts.append(f"SELECT __row, {_lit(a)}, 'span is not inside the document text' FROM ev_{table} WHERE has_doc AND NOT valid{i}")
        parts.append(f"SELECT __row, {_lit(c)}, 'the text at the span differs' FROM ev_{table} WHERE has_doc AND valid{i} AND ref{i} <> v{i}")
    return parts


def _parent_checks(table: str) -> list[str]:
    """Each row inside its parent (paragraph for sentences, sentence for annotations)."""
    parent, key = ("paragraphs", "paragraph_id") if table == "sentences" else ("sentences", "sentence_id")
    own = f"(SELECT __row, {_q(key)} AS k, TRY_CAST(char_start AS BIGINT) AS s, TRY_CAST(char_end AS BIGINT) AS e FROM {_v(table)})"
    par = (f"(SELECT {_q(key)} AS k, TRY_CAST(char_start AS BIGINT) AS s, TRY_CAST(char_end AS BIGINT) AS e FROM {_q(parent)} "
           "WHERE TRY_CAST(char_start AS BIGINT) IS NOT NULL AND TRY_CAST(char_end AS BIGINT) IS NOT NULL)")
    what = "paragraph" if parent == "paragraphs" else "sentence"
    return [f"SELECT o.__row, CASE WHEN p.k IS NULL THEN {_lit(key)} ELSE 'char_start' END, "
            f"CASE WHEN p.k IS NULL THEN 'no {what} ' || o.k ELSE 'outside its {what}' END "
            f"FROM {own} o LEFT JOIN {par} p ON p.k = o.k WHERE o.s IS NOT NULL AND o.e IS NOT NULL "
            f"AND (p.k IS NULL OR NOT (p.s <= o.s AND o.e <= p.e))"]


def _tiling_checks(table: str) -> list[str]:
    """No overlaps within a parent; for sentences, no text of the paragraph outside them."""
    group = "document_id" if table == "paragraphs" else "paragraph_id"
    ordered = (f"(SELECT __row, {_q(group)} AS g, document_id, TRY_CAST(char_start AS BIGINT) AS s, TRY_CAST(char_end AS BIGINT) AS e, "
               f"lag(TRY_CAST(char_end AS BIGINT)) OVER w AS prev_e, "
               f"max(TRY_CAST(char_end AS BIGINT)) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach "
               f"FROM {_v(table)} WHERE TRY_CAST(char_start AS BIGINT) IS NOT NULL AND TRY_CAST(char_end AS BIGINT) IS NOT NULL "
               f"WINDOW w AS (PARTITION BY {_q(group)} ORDER BY TRY_CAST(char_start AS BIGINT), TRY_CAST(char_end AS BIGINT), __row))")
    parts = [f"SELECT __row, 'char_start', 'overlaps the span before it' FROM {ordered} WHERE prev_e IS NOT NULL AND s < prev_e"]
    if table == "sentences":
        para = ("(SELECT paragraph_id AS g, TRY_CAST(char_start AS BIGINT) AS ps, TRY_CAST(char_end AS BIGINT) AS pe FROM paragraphs "
                "WHERE TRY_CAST(char_start AS BIGINT) IS NOT NULL AND TRY_CAST(char_end AS BIGINT) IS NOT NULL)")
        # The gap before a sentence, read from its paragraph's text where that is right, else from the document's.
        joined = (f"(SELECT o.*, p.ps, p.pe, greatest(p.ps, coalesce(o.reach, p.ps)) AS gs, ep.ok AS pok, ep.text AS ptext, d.text AS dtext "
                  f"FROM {ordered} o JOIN {para} p USING (g) JOIN ev_documents d USING (document_id) LEFT JOIN ev_paragraphs ep ON ep.k = o.g)")
        gap = "CASE WHEN pok AND s <= pe THEN substring(ptext, gs - ps + 1, s - gs) ELSE substring(dtext, gs + 1, s - gs) END"
        parts.append(f"SELECT __row, 'char_start', 'text of the paragraph is in no sentence' FROM {joined} "
                     f"WHERE gs < s AND NOT regexp_full_match({gap}, {_lit(_SPACE)})")
        last = f"(SELECT g, max(e) AS reach FROM {ordered} GROUP BY g)"
        tail = ("CASE WHEN ep.ok THEN substring(ep.text, greatest(p.ps, l.reach) - p.ps + 1, p.pe - greatest(p.ps, l.reach)) "
                "ELSE substring(d.text, greatest(p.ps, l.reach) + 1, p.pe - greatest(p.ps, l.reach)) END")
        parts.append(f"SELECT NULL, NULL, 'text at the end of ' || p.g || ' is in no sentence' FROM {para} p JOIN {last} l USING (g) "
                     f"JOIN paragraphs pp ON pp.paragraph_id = p.g JOIN ev_documents d ON d.document_id = pp.document_id "
                     f"LEFT JOIN ev_paragraphs ep ON ep.k = p.g "
                     f"WHERE greatest(p.ps, l.reach) < p.pe AND NOT regexp_full_match({tail}, {_lit(_SPACE)})")
    return parts


def evidence_sql(con, loaded: dict[str, list[dict]], report) -> int:
    from .validate import EXTRA_SPANS, SPAN_TEXT

    if "documents" not in loaded:
        return 0
    # Each document's length is computed once (length() scans UTF-8), not once per span.
    con.execute("CREATE OR REPLACE TEMP TABLE ev_documents AS SELECT document_id, text, length(text) AS n FROM documents")
    checked = 0
    for table, column in SPAN_TEXT.items():
        present = {f["name"] for f in loaded.get(table, [])}
        if not {"document_id", "char_start", "char_end", column} <= present:
            report.add("evidence", table, None, None, "file is missing or lacks its span columns")
            continue
        parts = _evidence_table(con, table, column, EXTRA_SPANS.get(table, []))
        if table != "paragraphs":
            parts += _parent_checks(table)
        if table in ("paragraphs", "sentences"):
            parts += _tiling_checks(table)
        sql = " UNION ALL ".join(f"({p})" for p in parts) + " ORDER BY 1 NULLS LAST, 2, 3"
        for row, field, message in con.execute(sql).fetchall():
            report.add("evidence", table, row, field, message)
        checked += con.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()[0]
    return checked


# --- entry point ------------------------------------------------------------------------
def fast_check(paths: Paths, report, evidence: bool = True) -> None:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET memory_limit = '512MB'")  # spills to disk beyond this: the 10,000-statement budget is 1 GB
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        con.execute(f"SET temp_directory = {_lit(str(tmp / 'spill'))}")
        schemas, loaded = {}, {}
        for res in package["resources"]:
            name, path = res["name"], paths.root / res["path"]
            schema = json.loads((paths.root / res["schema"]).read_text(encoding="utf-8"))
            header = _header(path)
            _file_checks(res, path, header, [f["name"] for f in schema["fields"]], report)
            _load(con, name, path, header, tmp, report)
            schemas[name] = schema
            loaded[name] = [f for f in schema["fields"] if f["name"] in header]
        rows = 0
        for res in package["resources"]:
            name = res["name"]
            present = {f["name"] for f in loaded[name]}
            alone = _pk_alone(schemas[name], present)
            pk = schemas[name].get("primaryKey", [None])[0]
            parts = [q for f in loaded[name] for q in _cell_checks(name, f, alone and f["name"] == pk)]
            parts += _key_checks(name, schemas[name], present, set(loaded))
            rows += con.execute(f"SELECT count(*) FROM {_q(name)}").fetchone()[0]
            if parts:
                sql = " UNION ALL ".join(f"({p})" for p in parts) + " ORDER BY 1, 2, 3"
                for row, field, code, message in con.execute(sql).fetchall():
                    report.add("fast", name, row, field, f"{code}: {message}", code)
        report.checked["fast rows"] = rows
        if evidence:
            report.checked["evidence rows"] = evidence_sql(con, loaded, report)
    con.close()
