"""The home page's charts as Vega-Lite specs, computed once when the database is built."""
from __future__ import annotations

import sqlite3
from urllib.parse import quote

from ..paths import DATABASE
from .pages.queries import rows as _rows


def overview_specs(conn: sqlite3.Connection) -> dict[str, dict]:
    """Vega-Lite specs of the home page's charts, computed once by `cybergov db` (aggregates.py).

    Both count rather than list, so that they stay readable (and small) however many
    statements there are: statements per month and publisher, and sentences coded with
    each theme per year (from theme_document_counts). Links are paths of the site
    (`/cybergov/...`): overview() turns them into URLs when serving.
    """
    import altair as alt

    months = _rows(conn, """
        select substr(d.date_published, 1, 7) || '-01' as month, d.publisher_id, p.name as publisher,
               count(*) as statements, sum(d.n_sentences) as sentences
        from documents d join entities p on p.entity_id = d.publisher_id
        group by 1, 2 order by 1, 2""")
    for m in months:
        m["href"] = (f"/{DATABASE}/statements?publisher_id={quote(m['publisher_id'], safe='')}"
                     f"&date_published__startswith={m['month'][:7]}")
    cells = _rows(conn, """
        select c.theme_id, th.label as theme, substr(c.date_published, 1, 4) as year,
               sum(c.sentences) as sentences, count(*) as statements
        from theme_document_counts c join themes th on th.theme_id = c.theme_id
        group by 1, 3 order by 1, 3""")
    for c in cells:
        c["href"] = (f"/{DATABASE}/theme_document_counts?theme_id={quote(c['theme_id'], safe='')}"
                     f"&date_published__startswith={c['year']}&_sort_desc=sentences")
    utc_month = dict(timeUnit="utcyearmonth")
    timeline = alt.Chart(alt.Data(values=months), title="Statements per month").mark_circle(opacity=0.8).encode(
        x=alt.X("month:T", **utc_month, title="Published", scale=alt.Scale(padding=24)),
        y=alt.Y("publisher:N", title=None, axis=alt.Axis(labelLimit=260)),
        size=alt.Size("statements:Q", title="Statements", scale=alt.Scale(zero=False, range=[60, 700])),
        href="href:N",
        tooltip=[alt.Tooltip("month:T", **utc_month, format="%B %Y", title="Month"),
                 alt.Tooltip("publisher:N", title="Publisher"), alt.Tooltip("statements:Q", title="Statements"),
                 alt.Tooltip("sentences:Q", title="Sentences")],
    ).properties(width="container", height=max(120, 40 * len({m["publisher"] for m in months})),  # room for the legend
                 autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
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
