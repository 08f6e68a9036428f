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
    General Debate are dated to the year only), and sentences coded with
    each theme per year (from theme_document_counts). Links are paths of the site
    (`/cybergov/...`): overview() turns them into URLs when serving.
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
    cells = _rows(conn, """
        select c.theme_id, th.label as theme, substr(c.date_published, 1, 4) as year,
               sum(c.sentences) as sentences, count(*) as statements
        from theme_document_counts c join themes th on th.theme_id = c.theme_id
        group by 1, 3 order by 1, 3""")
    for c in cells:
        c["href"] = (f"/{DATABASE}/theme_document_counts?theme_id={quote(c['theme_id'], safe='')}"
                     f"&date_published__startswith={c['year']}&_sort_desc=sentences")
    counts = alt.Axis(format="d", tickMinStep=1, title="Statements")  # whole statements, never "1.000000"
    timeline = alt.Chart(alt.Data(values=years), title="Statements per year").mark_bar().encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("statements:Q", stack="zero", axis=counts),
        color=alt.Color("publisher:N", title="Publisher", legend=alt.Legend(orient="bottom", columns=1, labelLimit=320)),
        href="href:N",
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("publisher:N", title="Publisher"),
                 alt.Tooltip("statements:Q", title="Statements"), alt.Tooltip("sentences:Q", title="Sentences")],
    ).properties(width="container", height=220, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    heatmap = alt.Chart(alt.Data(values=cells), title="Themes by year (sentences coded)").mark_rect().encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("theme:N", sort=alt.EncodingSortField("sentences", op="sum", order="descending"), title=None,
                axis=alt.Axis(labelLimit=260)),
        color=alt.Color("sentences:Q", title="Sentences", scale=alt.Scale(scheme="blues")),
        href="href:N",
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("sentences:Q", title="Sentences"), alt.Tooltip("statements:Q", title="Statements")],
    ).properties(width=alt.Step(70), height=alt.Step(16))
    return {"timeline": timeline.to_dict(), "heatmap": heatmap.to_dict()}
