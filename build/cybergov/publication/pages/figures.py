"""Charts of the reading room's pages, as Vega-Lite specs drawn by vega-embed (served locally).

Every chart is bars with a whole-number axis, fits the width it is given (400 pixels
included), and draws from rows that are also the chart's CSV: the rows in `data.values`
are exactly what the CSV link gives, and a fold turns them into bars. Support and oppose
differ by side (oppose to the left of zero, support to the right) and by a sign in the
legend, not only by colour; each chart has a text summary beside it (`summary`).
"""
from __future__ import annotations

import csv
import io

from jinja2.utils import htmlsafe_json_dumps

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
# Colours of support and oppose, with at least 4.5:1 contrast on white.
SUPPORT, OPPOSE = "#047857", "#b91c1c"
COLUMNS = ("support", "oppose", "statements")


def _counts_axis(title: str) -> dict:
    return {"format": "d", "tickMinStep": 1, "title": title, "labelExpr": "abs(datum.value)"}


def positions_chart(rows: list[dict], label: str, title: str, label_title: str | None = None) -> dict:
    """Bars of support (right) and oppose (left) per row of `rows` (keys: label, support, oppose, href)."""
    order = [r[label] for r in rows]
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start"},
        "data": {"values": rows},
        "transform": [
            {"fold": ["support", "oppose"], "as": ["polarity", "count"]},
            {"calculate": "datum.polarity == 'oppose' ? -datum.count : datum.count", "as": "value"},
            {"calculate": "datum.polarity == 'oppose' ? '\u2212 oppose' : '+ support'", "as": "side"},
        ],
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": label, "type": "nominal", "sort": order, "title": label_title, "axis": {"labelLimit": 150}},
            "x": {"field": "value", "type": "quantitative", "stack": "zero", "axis": _counts_axis("Stances: \u2212 oppose | + support")},
            "color": {"field": "side", "type": "nominal", "title": None,
                      "scale": {"domain": ["+ support", "\u2212 oppose"], "range": [SUPPORT, OPPOSE]},
                      "legend": {"orient": "bottom"}},
            "href": {"field": "href", "type": "nominal"},
            "tooltip": [{"field": label, "type": "nominal", "title": label_title or "Of"},
                        {"field": "polarity", "type": "nominal", "title": "Position"},
                        {"field": "count", "type": "quantitative", "title": "Stances"}],
        },
        "width": "container",
        "height": {"step": 20},
        "autosize": {"type": "fit-x", "contains": "padding"},
    }


def counts_chart(rows: list[dict], x: str, y: str, colour: str | None, title: str, y_title: str) -> dict:
    """Stacked bars of a count (`y`) per value of `x`, coloured by `colour`."""
    encoding = {
        "x": {"field": x, "type": "ordinal", "title": None},
        "y": {"field": y, "type": "quantitative", "stack": "zero", "axis": {"format": "d", "tickMinStep": 1, "title": y_title}},
        "tooltip": [{"field": x, "type": "ordinal"}, {"field": y, "type": "quantitative", "title": y_title}],
    }
    if colour:
        encoding["color"] = {"field": colour, "type": "nominal", "title": None, "legend": {"orient": "bottom", "columns": 1, "labelLimit": 300}}
        encoding["tooltip"].insert(1, {"field": colour, "type": "nominal"})
    if rows and "href" in rows[0]:
        encoding["href"] = {"field": "href", "type": "nominal"}
    return {"$schema": SCHEMA, "title": {"text": title, "anchor": "start"}, "data": {"values": rows}, "mark": {"type": "bar"},
            "encoding": encoding, "width": "container", "height": 180, "autosize": {"type": "fit-x", "contains": "padding"}}


def spec_json(spec: dict) -> str:
    """The spec as JSON safe inside <script type="application/json">."""
    return htmlsafe_json_dumps(spec)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    return out.getvalue()


def positions_summary(rows: list[dict], label: str, what: str) -> str:
    """One sentence a reader (or a screen reader) gets instead of the chart."""
    if not rows:
        return f"No {what} took a position."
    support = sum(r["support"] for r in rows)
    oppose = sum(r["oppose"] for r in rows)
    top = max(rows, key=lambda r: (r["support"] + r["oppose"], r[label]))
    against = [r[label] for r in rows if r["oppose"] > 0]
    text = (f"{len(rows)} {what}: {support} stance{'s' if support != 1 else ''} in support and {oppose} opposing. "
            f"Most: {top[label]} ({top['support']} support, {top['oppose']} oppose).")
    if against:
        text += f" Opposing at least once: {', '.join(against[:8])}{' and others' if len(against) > 8 else ''}."
    return text
