"""The evidence checks of validate (offsets, containment, tiling, calendar dates) as SQL in DuckDB, for --fast."""
from __future__ import annotations

from .fastsql import _int, _lit, _q, _v

# What Python's str.strip() removes, for "is this gap only whitespace".
_SPACE = r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]*"
# Where a span table's rows must lie: (column naming the parent, parent table); and the key
# by which a table is itself a parent.
PARENT = {"paragraphs": None, "sentences": ("paragraph_id", "paragraphs")}
_OWN_KEY = {"paragraphs": "paragraph_id", "sentences": "sentence_id"}
_TILED_BY = {"paragraphs": "document_id", "sentences": "paragraph_id"}



def evidence(con, table: str, column: str, extra: list[tuple[str, str, str]], report) -> None:
    """The span checks of one table, read against its parent's text where the parent is right.

    Comparing a sentence's text with its (checked) paragraph's, and an annotation's with its
    sentence's, gives the same verdict as comparing with the document's, without scanning a
    4 KB document from its start for each of two million short spans. Paragraphs and sentences
    are kept as ev_<table> (key, span, text, whether right) for what lies inside them.
    """
    spans = [("char_start", "char_end", column), *extra]
    parent = PARENT.get(table, ("sentence_id", "sentences"))
    if parent and not _exists(con, f"ev_{parent[1]}"):
        con.execute(f"CREATE TEMP TABLE ev_{parent[1]} (k VARCHAR, document_id VARCHAR, s BIGINT, e BIGINT, known BOOLEAN, ok BOOLEAN, text VARCHAR)")
    select = []
    for i, (a, b, c) in enumerate(spans):
        si, ei = _int(f"t.{_q(a)}"), _int(f"t.{_q(b)}")
        valid = f"({si} IS NOT NULL AND {ei} IS NOT NULL AND 0 <= {si} AND {si} < {ei} AND {ei} <= d.n)"
        ref = f"substring(d.text, {si} + 1, {ei} - {si})"
        if parent:
            # Read in the parent's text only: the document's stays out of this join's hash table
            # (hundreds of MB on a real corpus); the rare span outside a right parent is read in
            # its document afterwards (_recheck).
            via = f"coalesce(p.ok AND p.s <= {si} AND {ei} <= p.e, false)"
            ref = f"CASE WHEN {via} THEN substring(p.text, {si} - p.s + 1, {ei} - {si}) END"
            select.append(f"{via} AS via{i}")
        select += [f"{si} AS s{i}", f"{ei} AS e{i}", f"{valid} AS valid{i}", f"coalesce({valid} AND {ref} = coalesce(t.{_q(c)}, ''), false) AS same{i}"]
    if parent:
        # Python's check looks for the parent only where the span is a pair of integers.
        # Expressions, not the aliases s0 and e0, which a parent's own columns would shadow.
        s0, e0 = _int("t.char_start"), _int("t.char_end")
        select += ["p.k IS NOT NULL AS has_parent", f"coalesce(p.s <= {s0} AND {e0} <= p.e, true) AS inside", f"t.{_q(parent[0])} AS parent_key"]
        join = f"LEFT JOIN ev_{parent[1]} p ON p.k = t.{_q(parent[0])} AND p.known"
    else:
        select += ["true AS has_parent", "true AS inside", "NULL AS parent_key"]
        join = ""
    if table in _OWN_KEY:
        select += [f"t.{_q(_OWN_KEY[table])} AS k", f"t.{_q(column)} AS text", f"t.{_q(_TILED_BY[table])} AS g"]
    rows = (f"SELECT t.__row, t.document_id, d.document_id IS NOT NULL AS has_doc, {', '.join(select)} "
            f"FROM {_v(table)} t LEFT JOIN ev_documents d ON d.document_id = t.document_id {join}")
    flags = ["has_doc", "has_parent", "inside"] + [f"valid{i}" for i in range(len(spans))] + [f"same{i}" for i in range(len(spans))]
    wanted = ["__row", "document_id", "parent_key", "s0 IS NOT NULL AND e0 IS NOT NULL"] + flags
    if table in _OWN_KEY:
        con.execute(f"CREATE OR REPLACE TEMP TABLE ev_{table} AS SELECT *, s0 AS s, e0 AS e, has_doc AND s0 IS NOT NULL AND e0 IS NOT NULL AS known, has_doc AND valid0 AND same0 AS ok FROM ({rows})")
        rows = f"ev_{table}"
    if parent:
        wanted += [f"via{i}" for i in range(len(spans))]
    failing = f"SELECT {', '.join(wanted)} FROM ({rows}) WHERE NOT ({' AND '.join(flags)})"
    what = parent[1][:-1] if parent else None
    found = []
    failed = con.execute(failing).fetchall()
    if parent:
        failed = _recheck(con, table, spans, failed)
    for row, document_id, parent_key, ints, has_doc, has_parent, inside, *rest in failed:
        if not has_doc:
            found.append((row, "document_id", f"no document {document_id}"))
            continue
        valid, same = rest[:len(spans)], rest[len(spans):]
        for (a, _, c), ok_span, ok_text in zip(spans, valid, same):
            if not ok_span:
                found.append((row, a, "span is not inside the document text"))
            elif not ok_text:
                found.append((row, c, "the text at the span differs"))
        if ints and not has_parent:
            found.append((row, parent[0], f"no {what} {parent_key}"))
        elif ints and not inside:
            found.append((row, "char_start", f"outside its {what}"))
    found += _tiling(con, table) if table in _TILED_BY else []
    for row, field, message in sorted(found, key=lambda f: (f[0] is None, f[0] or 0, f[1] or "", f[2])):
        report.add("evidence", table, row, field, message)


def _recheck(con, table: str, spans: list, failed: list[tuple]) -> list[tuple]:
    """The failing rows, once each span that lies outside a right parent is read in its document's text.

    A row is (__row, document_id, parent_key, ints, has_doc, has_parent, inside, valid..., same...,
    via...); a span read in its document that matches is `same` after all, and a parent table's
    row that is then right is marked so in ev_<table> for its children.
    """
    n = len(spans)
    todo = [(r[0], i) for r in failed for i in range(n) if r[7 + i] and not r[7 + n + i] and not r[7 + 2 * n + i]]
    if not todo:
        return [r[:7 + 2 * n] for r in failed]
    matched = set()
    for i, (a, b, c) in enumerate(spans):
        rows = [r for r, j in todo if j == i]
        if not rows:
            continue
        con.execute("CREATE OR REPLACE TEMP TABLE recheck AS SELECT unnest(?::BIGINT[]) AS r", [rows])
        si, ei = _int(f"t.{_q(a)}"), _int(f"t.{_q(b)}")
        sql = (f"SELECT t.__row FROM recheck x JOIN {_v(table)} t ON t.__row = x.r JOIN ev_documents d ON d.document_id = t.document_id "
               f"WHERE substring(d.text, {si} + 1, {ei} - {si}) = coalesce(t.{_q(c)}, '')")
        matched |= {(row, i) for (row,) in con.execute(sql).fetchall()}
    out = []
    for r in failed:
        same = [r[7 + n + i] or (r[0], i) in matched for i in range(n)]
        out.append((*r[:7 + n], *same))
    right = [r[0] for r in out if r[4] and all(r[7:7 + 2 * n])]
    if table in _OWN_KEY and right:
        con.execute(f"UPDATE ev_{table} SET same0 = true, ok = true WHERE __row IN (SELECT unnest(?::BIGINT[]))", [right])
    # A row that is right in every check is no longer failing.
    return [r for r in out if not (r[4] and r[5] and r[6] and all(r[7:7 + 2 * n]))]


def calendar(con, table: str, column: str, report) -> None:
    """What validate.calendar_check checks: a date given to the day is a day of the calendar."""
    col = _q(column)
    sql = (f"SELECT __row, {col} FROM {_v(table)} WHERE length({col}) = 10 AND try_strptime({col}, '%Y-%m-%d') IS NULL "
           "ORDER BY __row")
    for row, value in con.execute(sql).fetchall():
        report.add("evidence", table, row, column, f"{value!r} is not a calendar date")


def _tiling(con, table: str) -> list[tuple]:
    """No overlaps within a parent; for sentences, no text of the paragraph outside them."""
    # Spans in order within their parent, each with the furthest end reached before it.
    con.execute(f"CREATE OR REPLACE TEMP TABLE ordered AS SELECT __row, g, document_id, s, e, lag(e) OVER w AS prev_e, "
                f"max(e) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach "
                f"FROM ev_{table} WHERE has_doc AND s IS NOT NULL AND e IS NOT NULL WINDOW w AS (PARTITION BY g ORDER BY s, e, __row)")
    found = con.execute("SELECT __row, 'char_start', 'overlaps the span before it' FROM ordered WHERE s < prev_e").fetchall()
    if table == "sentences":
        # The gap before each sentence, and after the last: read in the paragraph's text where that
        # is right and holds the gap, else in the document's.
        gaps = ("SELECT o.__row, o.s AS gap_end, greatest(p.s, coalesce(o.reach, p.s)) AS gap_start, p.k AS g FROM ordered o "
                "JOIN ev_paragraphs p ON p.k = o.g AND p.known "
                "UNION ALL SELECT NULL, p.e, greatest(p.s, l.reach), p.k FROM ev_paragraphs p "
                "JOIN (SELECT g, max(e) AS reach FROM ordered GROUP BY g) l ON l.g = p.k WHERE p.known")
        con.execute(f"CREATE OR REPLACE TEMP TABLE gaps AS SELECT x.*, p.ok AND x.gap_end <= p.e AS in_paragraph, "
                    f"CASE WHEN p.ok AND x.gap_end <= p.e THEN NOT regexp_full_match(substring(p.text, x.gap_start - p.s + 1, "
                    f"x.gap_end - x.gap_start), {_lit(_SPACE)}) END AS filled, p.document_id "
                    f"FROM ({gaps}) x JOIN ev_paragraphs p ON p.k = x.g AND p.known WHERE x.gap_start < x.gap_end")
        filled = ("SELECT __row, g FROM gaps WHERE filled UNION ALL SELECT x.__row, x.g FROM gaps x "
                  "JOIN ev_documents d ON d.document_id = x.document_id WHERE NOT x.in_paragraph "
                  f"AND NOT regexp_full_match(substring(d.text, x.gap_start + 1, x.gap_end - x.gap_start), {_lit(_SPACE)})")
        for row, g in con.execute(filled).fetchall():
            found.append((row, "char_start", "text of the paragraph is in no sentence") if row is not None
                         else (None, None, f"text at the end of {g} is in no sentence"))
    return found


def _exists(con, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0])


# --- entry point ------------------------------------------------------------------------
