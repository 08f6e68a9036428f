"""How SQLite should find one page of a table's full-text search, in primary-key order.

Datasette's search condition, `rowid in (select rowid from <table>_fts where ... match ...)`,
makes SQLite look up every matching row and sort them all by primary key before it shows the
first page: for "security" in the sentences of the whole General Debate corpus, 74,000 rows
and about 40 ms. Two other ways give the same rows in the same order:

- walk: step through the primary-key index in order, keeping the rows whose rowid is in the
  list of matches, which SQLite first builds whole (the condition written `+rowid in (...)`,
  which SQLite cannot look rows up by);
- probe: step through the index in order and ask the full-text index about each row
  (`exists (... match ... and rowid = <table>.rowid)`), building no list.

Both stop at the page's last row. Which is cheapest depends on how many rows match (m) and
how far into the table the page's last match lies (r entries of the index), which two quick
questions to the full-text index tell; row ids stand in for positions in key order (the
tables are written nearly in key order; where they are not, only the estimate is off, never
the rows). Costs per row in microseconds, measured on the whole General Debate corpus:
"""
from __future__ import annotations

import sqlite3

LOOKUP = 0.55  # look up one matching row and sort it
LIST = 0.07  # put one match in the walk's list
STEP = 0.06  # step over one index entry and check it against the list
PROBE = 3.0  # step over one index entry and ask the full-text index about it


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def cheapest(conn: sqlite3.Connection, table: str, pk: str, search: str, rows: int, after: str | None = None) -> str:
    """"lookup" (Datasette's way), "walk" or "probe": the cheapest way to the `rows` rows of
    `table` that match `search` (an FTS5 query), in `pk` order after the row whose key is `after`."""
    fts = _quote(f"{table}_fts")
    start = 0
    if after is not None:
        start = (conn.execute(f"select rowid from {_quote(table)} where {_quote(pk)} = ?", (after,)).fetchone() or (0,))[0]
    last = conn.execute(f"select rowid from {fts} where {fts} match ? and rowid > ? order by rowid limit 1 offset ?",
                        (search, start, rows - 1)).fetchone()
    if last is None:  # fewer matches than the page holds: a walk goes to the end of the table
        last = conn.execute(f"select max(rowid) from {_quote(table)}").fetchone()
    r = max(1, (last[0] or 0) - start)
    # The matches are counted only as far as the choice needs: from `bound` matches on, a
    # probe costs less than a walk, and a walk less than the lookups.
    bound = int(r * (PROBE - STEP) / LIST) + 1
    m = conn.execute(f"select count(*) from (select rowid from {fts} where {fts} match ? limit ?)", (search, bound)).fetchone()[0]
    if m >= bound:
        return "probe"
    costs = {"lookup": LOOKUP * m, "walk": LIST * m + STEP * r, "probe": PROBE * r}
    return min(costs, key=costs.get)


def rewritten(condition: str, plan: str, table: str) -> str:
    """Datasette's `rowid in (select rowid from <fts> where <fts> match <q>)` written for `plan`."""
    if plan == "walk":
        return "+" + condition
    if plan == "probe":
        inner = condition[len("rowid in (select rowid from "):-1]
        return f"exists (select 1 from {inner} and rowid = {_quote(table)}.rowid)"
    return condition
