"""The home page's charts as Vega-Lite specs, computed once when the database is built."""
from __future__ import annotations

import sqlite3
from urllib.parse import quote

from ..paths import DATABASE
from .pages.queries import rows as _rows


def overview_specs(conn: sqlite3.Connection) -> dict[str, dict]:
    """Vega-Lite specs of the home page's charts, computed once by `cybergov db` (aggregates.py).

    Both count rather than list, so that they stay readable (and small) however many
    statements there are: statements per year and publisher (a year, because speeches of the
    General Debate are dated to the year only), and statements coded with each theme, the
    sub-themes under their parent (from theme_document_counts). Both are bars on a
    whole-number axis that fit the page's width. Links are paths of the site: overview()
    turns them into URLs when serving.
    """
    import altair as alt

    years = _rows(conn, """
        select substr(d.date_published, 1, 4) as year, d.publisher_id, p.name as publisher,
               count(*) as statements, sum(d.n_sentences) as sentences
        from documents d join entities p on p.entity_id = d.publisher_id
        group by 1, 2 order by 1, 2""")
    for m in years:
        m["href"] = (f"/{DATABASE}/statements?publisher_id={quote(m['publisher_id'], safe='')}"
                     f"&date_published__startswith={m['year']}")
    themes = _rows(conn, """
        select th.theme_id, th.parent_id, th.label, coalesce(p.label, th.label) as top,
               count(c.document_id) as statements, coalesce(sum(c.sentences), 0) as sentences
        from themes th left join themes p on p.theme_id = th.parent_id
        left join theme_document_counts c on c.theme_id = th.theme_id
        group by th.theme_id order by top, th.parent_id is not null, th.label""")
    for t in themes:
        # Sub-themes sit under their parent, indented, in the parent's colour.
        t["theme"] = ("\u2003\u2013 " if t["parent_id"] else "") + t["label"]
        t["href"] = f"/themes/{quote(t['theme_id'], safe='')}"
    counts = alt.Axis(format="d", tickMinStep=1, title="Statements")  # whole statements, never "1.000000"
    timeline = alt.Chart(alt.Data(values=years), title="Statements per year").mark_bar().encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelOverlap="greedy")),
        y=alt.Y("statements:Q", stack="zero", axis=counts),
        color=alt.Color("publisher:N", title="Publisher", legend=alt.Legend(orient="bottom", columns=1, labelLimit=320)),
        href="href:N",
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("publisher:N", title="Publisher"),
                 alt.Tooltip("statements:Q", title="Statements"), alt.Tooltip("sentences:Q", title="Sentences")],
    ).properties(width="container", height=220, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    bars = alt.Chart(alt.Data(values=themes), title="Statements coded with each theme").mark_bar().encode(
        y=alt.Y("theme:N", sort=[t["theme"] for t in themes], title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("statements:Q", axis=counts),
        color=alt.Color("top:N", title="Theme group", legend=None),
        href="href:N",
        tooltip=[alt.Tooltip("label:N", title="Theme"), alt.Tooltip("top:N", title="Under"),
                 alt.Tooltip("statements:Q", title="Statements"), alt.Tooltip("sentences:Q", title="Sentences")],
    ).properties(width="container", height=alt.Step(16), autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return {"timeline": timeline.to_dict(), "themes": bars.to_dict()}
