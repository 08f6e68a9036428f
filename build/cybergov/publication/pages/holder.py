"""The state page: what one state or organisation said, and the positions it holds.

Its statements are the documents it is the holder of (documents.holder_id); its positions
the stances it holds (stances.holder_id, its own words and positions other statements
report). Counts come from the aggregates (holder_positions, holder_mentions); lists are
bounded, with links to the complete tables.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Callable
from urllib.parse import quote as _q

from ...paths import DATABASE
from .figures import counts_chart, positions_chart, positions_summary, spec_json
from .queries import one as _one
from .queries import rows as _rows
from .quotes import by_year, quotes, totals

STATEMENTS_SHOWN = 20
OBJECTS_SHOWN = 15
QUOTES_PER_OBJECT = 2
MEETINGS_SHOWN = 50
FORMULATIONS_SHOWN = 30


def _statements(conn: sqlite3.Connection, holder_id: str, link: Callable[[str], str]) -> dict:
    by_source = _rows(conn, """
        select substr(d.date_published, 1, 4) as year, p.name || ' (' || d.language || ')' as source, count(*) as statements
        from documents d join entities p on p.entity_id = d.publisher_id
        where d.holder_id = ? group by 1, 2 order by 1, 2""", (holder_id,))
    latest = _rows(conn, """
        select d.document_id, d.title, d.date_published, d.language, d.genre, e.name as event, d.event_id
        from documents d left join events e on e.event_id = d.event_id
        where d.holder_id = ? order by d.date_published desc, d.document_id desc limit ?""", (holder_id, STATEMENTS_SHOWN))
    return {"by_source": by_source, "latest": latest, "total": sum(r["statements"] for r in by_source),
            "spec": spec_json(counts_chart(by_source, "year", "statements", "source", "Statements by year, source and language",
                                           "Statements")),
            "summary": _statements_summary(by_source)}


def _statements_summary(rows: list[dict]) -> str:
    if not rows:
        return "No statement of its own is in the data."
    sources: dict[str, int] = defaultdict(int)
    for r in rows:
        sources[r["source"]] += r["statements"]
    years = sorted({r["year"] for r in rows})
    parts = "; ".join(f"{n} from {s}" for s, n in sorted(sources.items(), key=lambda kv: -kv[1]))
    return f"{sum(sources.values())} statements from {years[0]} to {years[-1]}: {parts}."


def _objects(conn: sqlite3.Connection, holder_id: str, kind: str, link: Callable[[str], str]) -> list[dict]:
    """The holder's positions on each issue or entity, most stances first, with their years and strongest quotes."""
    name = "i.label" if kind == "issue" else "e.name"
    table = "issues i on i.issue_id = p.object_id" if kind == "issue" else "entities e on e.entity_id = p.object_id"
    rows = _rows(conn, f"""select p.object_id, {name} as label, p.year, p.support, p.oppose, p.statements
                           from holder_positions p join {table}
                           where p.holder_id = ? and p.object_kind = ?""", (holder_id, kind))
    objects = totals(rows, "object_id", "label")[:OBJECTS_SHOWN]
    column = "issue_id" if kind == "issue" else "object_entity_id"
    for o in objects:
        o["href"] = link(f"/issues/{o['object_id']}" if kind == "issue" else f"/entities/{o['object_id']}")
        o["years"] = by_year([r for r in rows if r["object_id"] == o["object_id"]])
        o["changed"] = [y["year"] for y in o["years"] if y["changed"]]
        o["quotes"] = {pol: quotes(conn, f"t.holder_id = :h and t.{column} = :o and t.polarity = :p",
                                   {"h": holder_id, "o": o["object_id"], "p": pol}, QUOTES_PER_OBJECT)
                       for pol in ("support", "oppose") if o[pol]}
    return objects


def holder(conn: sqlite3.Connection, entity_id: str, link: Callable[[str], str] = lambda p: p) -> dict | None:
    """Everything the state page shows, or None when the entity holds no statement and no position."""
    ent = _one(conn, "select * from entities where entity_id = ?", (entity_id,))
    counts = _one(conn, "select held, held_statements from entity_counts where entity_id = ?", (entity_id,)) or {}
    if ent is None:
        return None
    statements = _statements(conn, entity_id, link)
    if not statements["total"] and not counts.get("held"):
        return None
    issues = _objects(conn, entity_id, "issue", link)
    entities = _objects(conn, entity_id, "entity", link)
    chart_rows = [{"object": o["label"], "support": o["support"], "oppose": o["oppose"], "href": o["href"]} for o in issues + entities]
    meetings = _rows(conn, """
        select e.event_id, e.name, e.date, count(*) as statements from documents d join events e on e.event_id = d.event_id
        where d.holder_id = ? group by e.event_id order by e.date desc, e.event_id desc limit ?""", (entity_id, MEETINGS_SHOWN))
    formulations = _rows(conn, """
        select m.entity_id, e.name, m.mentions, m.statements, m.first_date, m.last_date
        from holder_mentions m join entities e on e.entity_id = m.entity_id
        where m.holder_id = ? and e.kind = 'formulation' order by m.mentions desc, e.name limit ?""", (entity_id, FORMULATIONS_SHOWN))
    return {
        "entity": ent, "statements": statements, "issues": issues, "entities": entities,
        "positions_spec": spec_json(positions_chart(chart_rows, "object", "Its positions on issues and entities", None)),
        "positions_summary": positions_summary(chart_rows, "object", "issues and entities it took positions on"),
        "meetings": meetings,
        "n_meetings": conn.execute("select count(distinct event_id) from documents where holder_id = ?", (entity_id,)).fetchone()[0],
        "formulations": formulations,
        "counts": {"statements": statements["total"], "held": counts.get("held", 0), "held_statements": counts.get("held_statements", 0)},
        "stances_url": link(f"/{DATABASE}/stances?holder_id={_q(entity_id)}"),
    }


def holders_index(conn: sqlite3.Connection) -> list[dict]:
    """Every state and organisation that holds statements or positions, with its counts."""
    return _rows(conn, """
        select c.entity_id, c.name, c.kind, coalesce(d.n, 0) as statements, c.held, d.first, d.last
        from entity_counts c
        left join (select holder_id, count(*) as n, min(date_published) as first, max(date_published) as last
                   from documents group by holder_id) d on d.holder_id = c.entity_id
        where c.held > 0 or d.n > 0 order by c.name""")
