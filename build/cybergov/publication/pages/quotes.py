"""Quotes of positions: the strongest stances first, each linked to its sentence, and counts by year."""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from .highlight import sentence_anchor
from .queries import rows as _rows

# How strongly a stance is put, for choosing which to quote: an intensifier in the cue ("firmly
# oppose", 坚决反对) first, then an explicit stance verb or criticism over a modal ("should"),
# then a stance whose object is an issue or entity; the latest first among equals.
STRENGTH = """(case when lower(t.cue) like '%firm%' or lower(t.cue) like '%resolute%' or lower(t.cue) like '%strong%'
                     or lower(t.cue) like '%categorical%' or t.cue like '%坚决%' or t.cue like '%强烈%' then 4 else 0 end
             + case when t.frame in ('stance-verb', 'zh-stance-verb', 'criticism', 'zh-criticism', 'modal-negated',
                                     'zh-modal-negated') then 2 else 0 end
             + case when t.issue_id is not null or t.object_entity_id is not null then 1 else 0 end)"""
# Stances read to choose the quotes of one holder and object: the choice stays bounded.
QUOTE_SCAN = 500


def quotes(conn: sqlite3.Connection, where: str, params: dict, n: int, join: str = "") -> list[dict]:
    """The `n` strongest stances that `where` selects (alias t for stances, d for documents), with their sentence."""
    found = _rows(conn, f"""
        select * from (
            select distinct t.stance_id, t.sentence_id, t.document_id, t.holder_id, t.polarity, t.cue, t.quote, t.object,
                   t.issue_id, t.object_entity_id, d.date_published, d.title, d.language, h.name as holder,
                   {STRENGTH} as strength
            from stances t {join} join documents d on d.document_id = t.document_id
            left join entities h on h.entity_id = t.holder_id
            where {where} limit {QUOTE_SCAN})
        order by strength desc, date_published desc, stance_id limit :n""", {**params, "n": n})
    for q in found:
        q["anchor"] = sentence_anchor(q["sentence_id"], q["document_id"])
    return found


def by_year(rows: list[dict]) -> list[dict]:
    """Support and oppose per year, and whether the balance turned: a year of more support after one of
    more opposition, or the other way round."""
    years: dict[str, dict] = defaultdict(lambda: {"support": 0, "oppose": 0, "statements": 0})
    for r in rows:
        y = years[r["year"]]
        for k in ("support", "oppose", "statements"):
            y[k] += r[k]
    out = [{"year": year, **counts} for year, counts in sorted(years.items())]
    leaning = None
    for y in out:
        lean = "support" if y["support"] > y["oppose"] else "oppose" if y["oppose"] > y["support"] else None
        y["changed"] = bool(lean and leaning and lean != leaning)
        leaning = lean or leaning
    return out


def totals(rows: list[dict], key: str, label: str) -> list[dict]:
    """Rows summed by `key` (support, oppose, statements), most stances first."""
    acc: dict[str, dict] = {}
    for r in rows:
        a = acc.setdefault(r[key], {key: r[key], label: r[label], "support": 0, "oppose": 0, "statements": 0})
        for k in ("support", "oppose", "statements"):
            a[k] += r[k]
    return sorted(acc.values(), key=lambda a: (-(a["support"] + a["oppose"]), a[label] or ""))
