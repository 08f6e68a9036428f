"""The event page: every statement made at one meeting side by side, who spoke, and their positions."""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from .quotes import STRENGTH
from .highlight import sentence_anchor
from .queries import one as _one
from .queries import rows as _rows

# Positions and quotes per statement on the page; a General Debate session has up to ~190 speeches.
OBJECTS_PER_STATEMENT = 4
QUOTES_PER_STATEMENT = 2
STATEMENTS_SHOWN = 250


def event(conn: sqlite3.Connection, event_id: str) -> dict | None:
    ev = _one(conn, """select e.*, b.name as body_name, s.name as series_name from events e
                       left join entities b on b.entity_id = e.body_id left join entities s on s.entity_id = e.series_id
                       where e.event_id = ?""", (event_id,))
    if ev is None:
        return None
    docs = _rows(conn, """
        select d.document_id, d.title, d.date_published, d.language, d.genre, d.holder_id, h.name as holder, d.n_sentences,
               (select group_concat(coalesce(e.name, s.name) || coalesce(' (' || s.role || ')', ''), '; ')
                from document_speakers s left join entities e on e.entity_id = s.entity_id where s.document_id = d.document_id) as speakers
        from documents d left join entities h on h.entity_id = d.holder_id
        where d.event_id = ? order by h.name, d.language, d.document_id limit ?""", (event_id, STATEMENTS_SHOWN))
    ids = {d["document_id"]: d for d in docs}
    if ids:
        marks = ", ".join("?" * len(ids))
        objects = _rows(conn, f"""
            select t.document_id, coalesce(i.label, e.name) as label, t.issue_id, t.object_entity_id, t.polarity, count(*) as n
            from stances t left join issues i on i.issue_id = t.issue_id left join entities e on e.entity_id = t.object_entity_id
            where t.document_id in ({marks}) and (t.issue_id is not null or t.object_entity_id is not null)
            group by 1, 2, 3, 4, 5""", tuple(ids))
        chosen = _rows(conn, f"""
            select * from (select t.document_id, t.sentence_id, t.polarity, t.quote, h.name as holder,
                                  row_number() over (partition by t.document_id order by {STRENGTH} desc, t.stance_id) as k
                           from stances t left join entities h on h.entity_id = t.holder_id
                           where t.document_id in ({marks}))
            where k <= {QUOTES_PER_STATEMENT}""", tuple(ids))
        polarities = _rows(conn, f"""select document_id, polarity, count(*) as n from stances where document_id in ({marks})
                                     group by 1, 2""", tuple(ids))
    else:
        objects = chosen = polarities = []
    per_doc: dict[str, dict] = defaultdict(dict)
    for o in objects:
        key = o["issue_id"] or o["object_entity_id"]
        item = per_doc[o["document_id"]].setdefault(key, {"label": o["label"], "issue_id": o["issue_id"],
                                                          "entity_id": o["object_entity_id"], "support": 0, "oppose": 0})
        if o["polarity"] in ("support", "oppose"):
            item[o["polarity"]] += o["n"]
    for d in docs:
        d["objects"] = sorted(per_doc[d["document_id"]].values(), key=lambda o: (-(o["support"] + o["oppose"]), o["label"]))[:OBJECTS_PER_STATEMENT]
        d["quotes"] = [q for q in chosen if q["document_id"] == d["document_id"]]
        d["support"] = sum(p["n"] for p in polarities if p["document_id"] == d["document_id"] and p["polarity"] == "support")
        d["oppose"] = sum(p["n"] for p in polarities if p["document_id"] == d["document_id"] and p["polarity"] == "oppose")
        for q in d["quotes"]:
            q["anchor"] = sentence_anchor(q["sentence_id"], q["document_id"])
    issues = _issue_matrix(objects, ids)
    total = conn.execute("select count(*) from documents where event_id = ?", (event_id,)).fetchone()[0]
    return {"event": ev, "statements": docs, "total": total, "issues": issues}


def _issue_matrix(objects: list[dict], docs: dict[str, dict]) -> list[dict]:
    """The issues raised at the meeting: for each, who supported and who opposed it."""
    issues: dict[str, dict] = {}
    for o in objects:
        if not o["issue_id"] or o["polarity"] not in ("support", "oppose"):
            continue
        item = issues.setdefault(o["issue_id"], {"issue_id": o["issue_id"], "label": o["label"], "support": {}, "oppose": {}})
        holder = docs[o["document_id"]]
        item[o["polarity"]][holder["holder_id"]] = holder["holder"]
    return sorted(issues.values(), key=lambda i: i["label"])
