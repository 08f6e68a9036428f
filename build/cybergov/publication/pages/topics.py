"""Issue and theme pages: who supports and who opposes, over time, with quotes; and their lists."""
from __future__ import annotations

import sqlite3
from typing import Callable

from .figures import counts_chart, positions_chart, positions_summary, spec_json
from .queries import one as _one
from .queries import rows as _rows
from .quotes import by_year, quotes, totals

QUOTES_SHOWN = 12
# Columns of the charts' CSVs: the rows of each chart, as drawn.
HOLDER_COLUMNS = ["holder_id", "holder", "support", "oppose", "statements"]
YEAR_COLUMNS = ["year", "support", "oppose", "statements"]


def _holder_rows(rows: list[dict], link: Callable[[str], str]) -> list[dict]:
    out = totals(rows, "holder_id", "holder")
    for r in out:
        r["href"] = link(f"/states/{r['holder_id']}")
    return out


def _charts(holders: list[dict], years: list[dict], what: str) -> dict:
    year_rows = [{k: y[k] for k in YEAR_COLUMNS} for y in years]
    return {
        "holders_spec": spec_json(positions_chart(holders, "holder", f"Who supports and who opposes {what}", "State or organisation")),
        "years_spec": spec_json(positions_chart(year_rows, "year", f"Positions on {what} by year", "Year")),
        "holders_summary": positions_summary(holders, "holder", "states and organisations took positions"),
        "years_summary": positions_summary(year_rows, "year", "years have positions"),
    }


def issue_positions(conn: sqlite3.Connection, issue_id: str) -> list[dict]:
    return _rows(conn, """
        select p.holder_id, e.name as holder, p.year, p.support, p.oppose, p.statements
        from holder_positions p join entities e on e.entity_id = p.holder_id
        where p.object_kind = 'issue' and p.object_id = ?""", (issue_id,))


def theme_positions(conn: sqlite3.Connection, theme_id: str) -> list[dict]:
    return _rows(conn, """
        select p.holder_id, e.name as holder, p.year, p.support, p.oppose, p.statements
        from theme_positions p join entities e on e.entity_id = p.holder_id where p.theme_id = ?""", (theme_id,))


def issue(conn: sqlite3.Connection, issue_id: str, link: Callable[[str], str] = lambda p: p) -> dict | None:
    found = _one(conn, "select * from issues where issue_id = ?", (issue_id,))
    if found is None:
        return None
    rows = issue_positions(conn, issue_id)
    holders = _holder_rows(rows, link)
    years = by_year(rows)
    return {
        "issue": found, "holders": holders, "years": years, **_charts(holders, years, found["label"]),
        "quotes": quotes(conn, "t.issue_id = :id", {"id": issue_id}, QUOTES_SHOWN),
        "counts": {"support": sum(h["support"] for h in holders), "oppose": sum(h["oppose"] for h in holders),
                   "holders": len(holders)},
    }


def theme(conn: sqlite3.Connection, theme_id: str, link: Callable[[str], str] = lambda p: p) -> dict | None:
    found = _one(conn, """select th.*, p.label as parent_label from themes th left join themes p on p.theme_id = th.parent_id
                          where th.theme_id = ?""", (theme_id,))
    if found is None:
        return None
    children = _rows(conn, """select th.theme_id, th.label, c.statements, c.sentences from themes th
                              left join theme_counts c on c.theme_id = th.theme_id where th.parent_id = ? order by th.label""", (theme_id,))
    rows = theme_positions(conn, theme_id)
    holders = _holder_rows(rows, link)
    years = by_year(rows)
    coded = _rows(conn, """select substr(date_published, 1, 4) as year, count(*) as statements, sum(sentences) as sentences
                           from theme_document_counts where theme_id = ? group by 1 order by 1""", (theme_id,))
    ids = [theme_id, *(c["theme_id"] for c in children)]
    marks = ", ".join(f":t{i}" for i in range(len(ids)))
    return {
        "theme": found, "children": children, "holders": holders, "years": years, **_charts(holders, years, found["label"]),
        "coded": coded, "coded_spec": spec_json(counts_chart(coded, "year", "sentences", None, "Sentences coded with the theme, by year",
                                                             "Sentences")),
        "counts": {"support": sum(h["support"] for h in holders), "oppose": sum(h["oppose"] for h in holders),
                   "holders": len(holders), **(_one(conn, "select statements, sentences from theme_counts where theme_id = ?", (theme_id,))
                                                or {"statements": 0, "sentences": 0})},
        "quotes": quotes(conn, f"st.theme_id in ({marks})", {f"t{i}": t for i, t in enumerate(ids)}, QUOTES_SHOWN,
                         join="join sentence_themes st on st.sentence_id = t.sentence_id"),
    }


def issues_index(conn: sqlite3.Connection) -> list[dict]:
    return _rows(conn, """
        select i.issue_id, i.label, i.definition, coalesce(sum(p.support), 0) as support, coalesce(sum(p.oppose), 0) as oppose,
               count(distinct p.holder_id) as holders
        from issues i left join holder_positions p on p.object_kind = 'issue' and p.object_id = i.issue_id
        group by i.issue_id order by i.label""")


def themes_index(conn: sqlite3.Connection) -> list[dict]:
    """Top-level themes, each with its sub-themes, and their counts."""
    themes = _rows(conn, """select th.theme_id, th.parent_id, th.label, coalesce(c.statements, 0) as statements,
                                   coalesce(c.sentences, 0) as sentences
                            from themes th left join theme_counts c on c.theme_id = th.theme_id order by th.label""")
    tops = [t for t in themes if not t["parent_id"]]
    for t in tops:
        t["children"] = [c for c in themes if c["parent_id"] == t["theme_id"]]
    return tops
