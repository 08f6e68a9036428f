"""The home page: the latest statements, how many there are, and the charts stored by `cybergov db`."""
from __future__ import annotations

import json
import sqlite3
from typing import Callable

from jinja2.utils import htmlsafe_json_dumps

from .queries import rows as _rows

# Statements the home page lists: the latest ones.
HOME_STATEMENTS = 50


def _latest_statements(conn: sqlite3.Connection, n: int) -> list[dict]:
    """The latest `n` statements, newest first (index documents(date_published, document_id))."""
    return _rows(conn, """
        select d.document_id, d.title, d.date_published, d.genre, d.language, d.n_sentences, p.name as publisher,
               (select group_concat(e.name, '; ') from document_speakers s join entities e on e.entity_id = s.entity_id
                where s.document_id = d.document_id) as speakers
        from documents d join entities p on p.entity_id = d.publisher_id
        order by d.date_published desc, d.document_id desc limit ?""", (n,))


def overview(conn: sqlite3.Connection, link: Callable[[str], str]) -> dict:
    """The home page: the latest statements, how many there are, and the charts `cybergov db` stored (as JSON)."""
    docs = _latest_statements(conn, HOME_STATEMENTS)
    for d in docs:
        d["href"] = link(f"/statements/{d['document_id']}")
    charts, summaries = {}, {}
    for name, spec in conn.execute("select name, spec from overview_charts"):
        spec = json.loads(spec)
        summaries[name] = _summary(name, spec.get("data", {}).get("values", []))
        for value in spec.get("data", {}).get("values", []):
            if "href" in value:
                value["href"] = link(value["href"])
        # Serialised once here, as Jinja's |tojson would, rather than on every request.
        charts[name] = htmlsafe_json_dumps(spec)
    return {"statements": docs, "total": conn.execute("select count(*) from documents").fetchone()[0], **charts,
            "summaries": summaries}


def _summary(name: str, values: list[dict]) -> str:
    """What a chart shows, in one or two sentences (its text alternative)."""
    if not values:
        return "Nothing to show."
    if name == "timeline":
        by_publisher: dict[str, int] = {}
        for v in values:
            by_publisher[v["publisher"]] = by_publisher.get(v["publisher"], 0) + v["statements"]
        years = sorted(v["year"] for v in values)
        busiest = max(values, key=lambda v: v["statements"])
        parts = "; ".join(f"{n} by {p}" for p, n in sorted(by_publisher.items(), key=lambda kv: -kv[1]))
        return (f"{sum(by_publisher.values())} statements from {years[0]} to {years[-1]}: {parts}. "
                f"Most in one year: {busiest['statements']} ({busiest['publisher']}, {busiest['year']}).")
    top = sorted(values, key=lambda v: -v["statements"])[:3]
    return ("Statements coded with each theme, sub-themes under their parent. Most often: "
            + "; ".join(f"{v['label']} ({v['statements']} statements)" for v in top) + ".")
