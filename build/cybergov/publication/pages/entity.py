"""The entity page: what is said about one entity across statements."""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Callable

from markupsafe import Markup, escape

from .highlight import Span, local_id, render, sentence_anchor
from .queries import one as _one
from .queries import rows as _rows
from .statement import _quote

# Statements an entity page shows in full; the rest are counted and linked to the tables.
ENTITY_STATEMENTS = 20


def entity(conn: sqlite3.Connection, entity_id: str, limit: int = ENTITY_STATEMENTS,
           link: Callable[[str], str] = lambda path: path) -> dict | None:
    """What the entity page shows: its counts, and the evidence in its latest `limit` statements, newest first.

    The counts come from entity_counts and the statements from entity_documents (see
    aggregates.py): the most mentioned entities are in most statements, so nothing here
    may read all of their mentions.
    """
    ent = _one(conn, """
        select e.*, p.name as parent_name from entities e left join entities p on p.entity_id = e.parent_id
        where e.entity_id = ?""", (entity_id,))
    if ent is None:
        return None
    p = (entity_id,)
    aliases = _rows(conn, "select alias, language from entity_aliases where entity_id = ? order by language, alias", p)
    children = _rows(conn, "select entity_id, name, kind from entities where parent_id = ? order by name", p)
    counts = _one(conn, "select * from entity_counts where entity_id = ?", p)
    latest = _rows(conn, """
        select x.document_id, d.title, d.date_published, d.publisher_id, d.language
        from entity_documents x join documents d on d.document_id = x.document_id
        where x.entity_id = ? order by x.date_published desc, x.document_id desc limit ?""", (entity_id, limit))
    ids = [d["document_id"] for d in latest]
    marks = ", ".join("?" * len(ids))
    mentions = _rows(conn, f"""
        select m.*, s.text as sentence_text, s.char_start as sentence_start
        from mentions m join sentences s on s.sentence_id = m.sentence_id
        where m.entity_id = ? and m.document_id in ({marks}) order by m.document_id, m.char_start""", (entity_id, *ids))
    stances = _rows(conn, f"""
        select t.*, s.text as sentence_text, s.char_start as sentence_start
        from stances t join sentences s on s.sentence_id = t.sentence_id
        where t.object_entity_id = ? and t.document_id in ({marks}) order by t.document_id, t.char_start""", (entity_id, *ids))

    # One item per sentence: the sentence with this entity's mentions and the stances on it highlighted.
    items: dict[str, dict] = {}
    for kind, rows in (("mention", mentions), ("stance", stances)):
        for r in rows:
            item = items.setdefault(r["sentence_id"], {
                "sentence_id": r["sentence_id"], "document_id": r["document_id"],
                "anchor": sentence_anchor(r["sentence_id"], r["document_id"]),
                "text": r["sentence_text"], "start": r["sentence_start"], "spans": [], "mentions": [], "stances": [],
            })
            if kind == "mention":
                r["key"] = "m-" + local_id(r["mention_id"], r["document_id"])
                item["spans"].append(Span(r["char_start"], r["char_end"], "mention", r["key"],
                                          f"Mention of {ent['name']}; method {r['method']}; cue {_quote(r['surface'])}"))
                item["mentions"].append(r)
            else:
                r["key"] = "t-" + local_id(r["stance_id"], r["document_id"])
                item["spans"].append(Span(r["char_start"], r["char_end"], "stance", r["key"],
                                          f"Stance: {r['polarity']}; method {r['method']}; cue {_quote(r['cue'])}",
                                          f"hl-{r['polarity']}"))
                item["stances"].append(r)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for item in sorted(items.values(), key=lambda i: i["start"]):
        item["html"] = render(item["text"], item["spans"], item["start"])
        by_doc[item["document_id"]].append(item)
    c = counts or {}
    return {
        "entity": ent, "aliases": aliases, "children": children,
        "statements": [{**d, "items": by_doc[d["document_id"]],
                        "evidence_html": Markup("".join(_evidence(i, d["language"], link) for i in by_doc[d["document_id"]]))}
                       for d in latest],
        "counts": {"mention": c.get("mentions", 0), "stance": c.get("stances", 0), "statement": c.get("statements", 0),
                   "held": c.get("held", 0), "held_statements": c.get("held_statements", 0), "shown": len(latest)},
        "first": c.get("first_date"), "last": c.get("last_date"),
        "polarities": {"support": c.get("support", 0), "oppose": c.get("oppose", 0)},
    }


_SIGN = {"support": "+", "oppose": "&minus;"}


def _evidence(item: dict, language: str | None, link: Callable[[str], str]) -> str:
    """One sentence of evidence as the entity page lists it (HTML): the sentence highlighted, what was
    found in it, and a link to it in its statement. Written here rather than by the template for
    the reason statement._card is: a template loop with macros over a hundred sentences costs more
    than the rest of the page."""
    e = escape
    lang = f' lang="{e(language)}"' if language and language != "en" else ""
    meta = [f'<span class="rr-kind">Mention</span> &ldquo;<span{lang}>{e(m["surface"])}</span>&rdquo; '
            f'<span class="rr-muted">({e(m["method"])})</span>' for m in item["mentions"]]
    stances = [f'<span class="rr-kind">Stance</span> <span class="rr-pol rr-{e(t["polarity"])}"><span class="rr-sign" '
               f'aria-hidden="true">{_SIGN.get(t["polarity"], "&middot;")}</span>{e(t["polarity"])}</span> '
               f'&ldquo;<span{lang}>{e(t["quote"])}</span>&rdquo; <span class="rr-muted">({e(t["frame"])}, {e(t["method"])})</span>'
               for t in item["stances"]]
    found = " · ".join(meta) + (" · " if meta and stances else "") + " · ".join(stances)
    href = f'{link("/statements/" + item["document_id"])}?at={item["anchor"]}#{item["anchor"]}'
    return (f'\n    <li>\n      <blockquote{lang}>{item["html"]}</blockquote>\n      <p class="rr-evidence-meta">\n        {found}\n'
            f'        · <a class="rr-in-context" href="{e(href)}">read in context</a>\n      </p>\n    </li>')
