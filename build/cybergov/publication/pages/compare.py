"""Compare two to five states on one issue or theme: their positions side by side, with quotes and the CSV."""
from __future__ import annotations

import sqlite3
from typing import Callable

from .figures import positions_chart, positions_summary, spec_json
from .queries import one as _one
from .queries import rows as _rows
from .quotes import by_year, quotes
from .topics import issue_positions, theme_positions

MIN_STATES, MAX_STATES = 2, 5
QUOTES_PER_STATE = 3
COLUMNS = ["holder_id", "holder", "support", "oppose", "statements"]


def choices(conn: sqlite3.Connection) -> dict:
    """What the form offers: the holders of positions, the issues, the themes (grouped under their parents)."""
    return {
        "states": _rows(conn, "select entity_id, name from entity_counts where held > 0 order by name"),
        "issues": _rows(conn, "select issue_id, label from issues order by label"),
        "themes": _rows(conn, """select th.theme_id, th.label, p.label as parent from themes th left join themes p on p.theme_id = th.parent_id
                                 order by coalesce(p.label, th.label), th.parent_id is not null, th.label"""),
    }


def compare(conn: sqlite3.Connection, states: list[str], issue_id: str | None, theme_id: str | None,
            link: Callable[[str], str] = lambda p: p) -> dict:
    """The comparison, or {"error": ...} saying what the request lacks."""
    states = list(dict.fromkeys(s for s in states if s))
    if not (MIN_STATES <= len(states) <= MAX_STATES):
        return {"error": f"Choose between {MIN_STATES} and {MAX_STATES} states."}
    if bool(issue_id) == bool(theme_id):
        return {"error": "Choose one issue or one theme."}
    if issue_id:
        what = _one(conn, "select issue_id as id, label from issues where issue_id = ?", (issue_id,))
        rows = issue_positions(conn, issue_id) if what else []
    else:
        what = _one(conn, "select theme_id as id, label from themes where theme_id = ?", (theme_id,))
        rows = theme_positions(conn, theme_id) if what else []
    if what is None:
        return {"error": "There is no such issue or theme."}
    names = {r["entity_id"]: r["name"] for r in _rows(
        conn, f"select entity_id, name from entities where entity_id in ({', '.join('?' * len(states))})", tuple(states))}
    unknown = [s for s in states if s not in names]
    if unknown:
        return {"error": f"Unknown state: {', '.join(unknown)}."}
    columns = []
    for s in states:
        mine = [r for r in rows if r["holder_id"] == s]
        where = "t.holder_id = :h and " + ("t.issue_id = :o" if issue_id else "st.theme_id = :o")
        join = "" if issue_id else "join sentence_themes st on st.sentence_id = t.sentence_id"
        columns.append({
            "holder_id": s, "holder": names[s], "href": link(f"/states/{s}"),
            "support": sum(r["support"] for r in mine), "oppose": sum(r["oppose"] for r in mine),
            "statements": sum(r["statements"] for r in mine), "years": by_year(mine),
            "quotes": quotes(conn, where, {"h": s, "o": what["id"]}, QUOTES_PER_STATE, join=join),
        })
    chart_rows = [{"holder_id": c["holder_id"], "holder": c["holder"], "support": c["support"], "oppose": c["oppose"], "statements": c["statements"],
                   "href": c["href"]} for c in columns]
    return {"what": what, "kind": "issue" if issue_id else "theme", "columns": columns, "rows": chart_rows,
            "spec": spec_json(positions_chart(chart_rows, "holder", f"Positions on {what['label']}", None)),
            "summary": positions_summary([r for r in chart_rows if r["support"] or r["oppose"]], "holder", "of the states compared took positions")}
