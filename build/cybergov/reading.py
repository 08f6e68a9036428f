"""The reading room: what the statement, entity, search and overview pages show.

Plain functions over a SQLite connection to the published database (Datasette calls them
through `execute_fn`), so they can be tested without a server. Offsets are Unicode code
points into documents.text, i.e. Python str indices, and the highlighted HTML is built
here from them: every piece of text goes through markupsafe, and the tags come only from
this module.
"""
from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

# Kinds of highlight, outermost first: where two spans cover the same words, a stance holds
# a theme cue, which holds a mention, which holds an erratum.
KINDS = ("stance", "theme", "mention", "erratum")
_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    key: str  # the annotation the span shows; several spans may share it once split
    title: str
    css: str = ""


def local_id(row_id: str, document_id: str) -> str:
    """`doc/p03/s02/m01` -> `p03-s02-m01`: unique within the statement page, usable as an HTML id."""
    return row_id.removeprefix(document_id + "/").replace("/", "-")


def sentence_anchor(sentence_id: str, document_id: str) -> str:
    return "s-" + local_id(sentence_id, document_id)


def render(text: str, spans: list[Span], offset: int = 0) -> Markup:
    """HTML of `text` (which starts at `offset` in the document) with the spans highlighted.

    Spans that overlap without nesting are split: the later one is closed where the earlier
    one ends and opened again just after, so the elements always nest and every piece keeps
    the annotation's key. Spans are clipped to the text; empty ones are dropped.
    """
    lo, hi = offset, offset + len(text)
    spans = [s for s in spans if max(s.start, lo) < min(s.end, hi)]
    order = lambda s: (-min(s.end, hi), _RANK.get(s.kind, len(KINDS)), s.key)  # noqa: E731
    starts: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starts[max(s.start, lo)].append(s)
    bounds = sorted({lo, hi, *starts, *(min(s.end, hi) for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    for i, pos in enumerate(bounds):
        reopen: list[Span] = []
        ending = [j for j, s in enumerate(stack) if min(s.end, hi) == pos]
        if ending:
            # Close down to the outermost span that ends here; the ones above it that go on are reopened.
            j = ending[0]
            reopen = [s for s in stack[j:] if min(s.end, hi) != pos]
            out.extend("</mark>" for _ in stack[j:])
            del stack[j:]
        for s in sorted(reopen + starts.get(pos, []), key=order):
            out.append(_open(s, continued=s.key in opened))
            opened.add(s.key)
            stack.append(s)
        if i + 1 < len(bounds):
            out.append(str(escape(text[pos - lo:bounds[i + 1] - lo])))
    return Markup("".join(out))


def _open(s: Span, continued: bool) -> str:
    css = " ".join(c for c in ("hl", f"hl-{s.kind}", s.css, "hl-cont" if continued else "") if c)
    return str(Markup('<mark class="{}" data-ann="{}" tabindex="0" title="{}">').format(css, s.key, s.title))


def marked(snippet: str, open_mark: str, close_mark: str) -> Markup:
    """An FTS snippet with its match markers turned into <mark>, everything else escaped.

    Pairs markers itself, so stray marker characters in the text cannot unbalance the tags.
    """
    parts = snippet.split(open_mark)
    out = [escape(parts[0].replace(close_mark, ""))]
    for part in parts[1:]:
        inner, _, rest = part.partition(close_mark)
        out.append(Markup("<mark>{}</mark>").format(inner))
        out.append(escape(rest.replace(close_mark, "")))
    return Markup("").join(out)


# --- queries -------------------------------------------------------------------------
def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _one(conn: sqlite3.Connection, sql: str, params=()) -> dict | None:
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


def _quote(words: str) -> str:
    return f"\u201c{words}\u201d"


def _mention_span(m: dict) -> Span:
    title = f"Mention: {m['entity_name']} ({m['entity_kind']}), code {m['entity_id']}; method {m['method']}; cue {_quote(m['surface'])}"
    return Span(m["char_start"], m["char_end"], "mention", m["key"], title)


def _stance_span(t: dict) -> Span:
    target = t["target_name"] or t["target"]
    title = (f"Stance: {t['polarity']} {target}, code {t['polarity']}/{t['frame']}; "
             f"method {t['method']}; cue {_quote(t['cue'])}")
    return Span(t["char_start"], t["char_end"], "stance", t["key"], title, f"hl-{t['polarity']}")


def _theme_span(st: dict) -> Span:
    title = f"Theme: {st['theme_label']}, code {st['theme_id']}; method {st['method']}; cue {_quote(st['cue'])}"
    return Span(st["char_start"], st["char_end"], "theme", st["key"], title)


def _erratum_span(e: dict) -> Span:
    title = f"Erratum: {_quote(e['surface'])} stands for {_quote(e['correction'])}; method {e['method']}"
    return Span(e["char_start"], e["char_end"], "erratum", e["key"], title)


def statement(conn: sqlite3.Connection, document_id: str) -> dict | None:
    """Everything the statement page shows, or None when there is no such statement."""
    doc = _one(conn, """
        select d.*, p.name as publisher_name, h.name as holder_name,
               e.name as event_name, e.date as event_date, e.city as event_city, e.country_code as event_country
        from documents d
        left join entities p on p.entity_id = d.publisher_id
        left join entities h on h.entity_id = d.holder_id
        left join events e on e.event_id = d.event_id
        where d.document_id = ?""", (document_id,))
    if doc is None:
        return None
    p = (document_id,)
    speakers = _rows(conn, """
        select s.entity_id, e.name, s.role from document_speakers s join entities e on e.entity_id = s.entity_id
        where s.document_id = ? order by s.ordinal""", p)
    paragraphs = _rows(conn, "select * from paragraphs where document_id = ? order by ordinal", p)
    sentences = _rows(conn, "select * from sentences where document_id = ? order by char_start", p)
    mentions = _rows(conn, """
        select m.*, e.name as entity_name, e.kind as entity_kind from mentions m join entities e on e.entity_id = m.entity_id
        where m.document_id = ? order by m.char_start, m.mention_id""", p)
    stances = _rows(conn, """
        select t.*, coalesce(e.name, th.label) as target_name, h.name as holder_name
        from stances t left join entities e on e.entity_id = t.target_entity_id
        left join themes th on th.theme_id = t.target_theme_id left join entities h on h.entity_id = t.holder_id
        where t.document_id = ? order by t.char_start, t.stance_id""", p)
    themes = _rows(conn, """
        select st.*, th.label as theme_label from sentence_themes st join themes th on th.theme_id = st.theme_id
        where st.document_id = ? order by st.char_start, st.theme_id""", p)
    errata = _rows(conn, "select * from errata where document_id = ? order by char_start", p)
    proposals = _rows(conn, "select * from proposals where document_id = ? order by ordinal", p)

    for m in mentions:
        m["key"] = "m-" + local_id(m["mention_id"], document_id)
    for t in stances:
        t["key"] = "t-" + local_id(t["stance_id"], document_id)
    for st in themes:
        st["key"] = "c-" + local_id(st["sentence_id"], document_id) + "-" + st["theme_id"]
    for e in errata:
        e["key"] = "e-" + local_id(e["erratum_id"], document_id)
    for pr in proposals:
        pr["anchor"] = sentence_anchor(pr["sentence_id"], document_id)

    by_sentence: dict[str, list[Span]] = defaultdict(list)
    cards: dict[str, list[dict]] = defaultdict(list)  # per paragraph, in reading order
    para_of = {s["sentence_id"]: s["paragraph_id"] for s in sentences}
    for kind, rows, make in (("mention", mentions, _mention_span), ("stance", stances, _stance_span),
                             ("theme", themes, _theme_span), ("erratum", errata, _erratum_span)):
        for r in rows:
            span = make(r)
            by_sentence[r["sentence_id"]].append(span)
            cards[para_of[r["sentence_id"]]].append({"kind": kind, "title": span.title, **r})
    text = doc["text"]
    sents_of: dict[str, list[dict]] = defaultdict(list)
    for s in sentences:
        sents_of[s["paragraph_id"]].append({
            "sentence_id": s["sentence_id"],
            "anchor": sentence_anchor(s["sentence_id"], document_id),
            "html": render(text[s["char_start"]:s["char_end"]], by_sentence[s["sentence_id"]], s["char_start"]),
        })
    errata_of: dict[str, list[dict]] = defaultdict(list)
    for e in errata:
        errata_of[para_of[e["sentence_id"]]].append(e)
    order = {k: i for i, k in enumerate(KINDS)}
    paras = [{
        "paragraph_id": para["paragraph_id"],
        "anchor": local_id(para["paragraph_id"], document_id),
        "ordinal": para["ordinal"],
        "kind": para["kind"],
        "sentences": sents_of[para["paragraph_id"]],
        "errata": errata_of[para["paragraph_id"]],
        "cards": sorted(cards[para["paragraph_id"]], key=lambda c: (c["char_start"], order[c["kind"]])),
    } for para in paragraphs]
    theme_counts = Counter((st["theme_id"], st["theme_label"]) for st in themes)
    return {
        "doc": doc,
        "speakers": speakers,
        "paragraphs": paras,
        "proposals": proposals,
        "themes": [{"theme_id": t, "label": label, "count": n}
                   for (t, label), n in sorted(theme_counts.items(), key=lambda kv: (-kv[1], kv[0][1]))],
        "counts": {"mention": len(mentions), "stance": len(stances), "theme": len(themes), "erratum": len(errata)},
        "polarities": Counter(t["polarity"] for t in stances),
    }


def entity(conn: sqlite3.Connection, entity_id: str) -> dict | None:
    """Everything said about one entity across statements, oldest statement first."""
    ent = _one(conn, """
        select e.*, p.name as parent_name from entities e left join entities p on p.entity_id = e.parent_id
        where e.entity_id = ?""", (entity_id,))
    if ent is None:
        return None
    p = (entity_id,)
    aliases = _rows(conn, "select alias, language from entity_aliases where entity_id = ? order by language, alias", p)
    children = _rows(conn, "select entity_id, name, kind from entities where parent_id = ? order by name", p)
    mentions = _rows(conn, """
        select m.*, s.text as sentence_text, s.char_start as sentence_start
        from mentions m join sentences s on s.sentence_id = m.sentence_id
        where m.entity_id = ? order by m.document_id, m.char_start""", p)
    stances = _rows(conn, """
        select t.*, s.text as sentence_text, s.char_start as sentence_start
        from stances t join sentences s on s.sentence_id = t.sentence_id
        where t.target_entity_id = ? order by t.document_id, t.char_start""", p)
    held = _one(conn, "select count(*) as n, count(distinct document_id) as docs from stances where holder_id = ?", p)
    docs = {d["document_id"]: d for d in _rows(conn, """
        select document_id, title, date_published, publisher_id from documents
        where document_id in (select document_id from mentions where entity_id = ?1
                              union select document_id from stances where target_entity_id = ?1)""", p)}

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
    statements = [{**docs[d], "items": by_doc[d]}
                  for d in sorted(by_doc, key=lambda d: (docs[d]["date_published"], d))]
    dates = [s["date_published"] for s in statements]
    return {
        "entity": ent, "aliases": aliases, "children": children, "statements": statements,
        "counts": {"mention": len(mentions), "stance": len(stances), "statement": len(statements),
                   "held": held["n"], "held_statements": held["docs"]},
        "first": min(dates) if dates else None, "last": max(dates) if dates else None,
        "polarities": Counter(t["polarity"] for t in stances),
    }


# --- search --------------------------------------------------------------------------
_OPEN, _CLOSE = "\x02", "\x03"
# What one search box looks through: each FTS table, the column its snippet is cut from, and
# how a hit is labelled. The FTS tables are made by database.py from the same tables.
SEARCHED = (
    ("documents", "text", "Statements"),
    ("sentences", "text", "Sentences"),
    ("paragraphs", "text", "Paragraphs"),
    ("entities", "description", "Entities"),
)


def search(conn: sqlite3.Connection, fts_query: str, limit: int = 20) -> list[dict]:
    """Hits per searchable table, best first, with highlighted snippets. `fts_query` is already escaped."""
    if not fts_query:
        return []
    selects = {
        "documents": """select d.document_id, d.title, d.date_published, {snip} as snip
                        from documents_fts f join documents d on d.rowid = f.rowid""",
        "sentences": """select s.sentence_id, s.document_id, d.title, d.date_published, {snip} as snip
                        from sentences_fts f join sentences s on s.rowid = f.rowid join documents d on d.document_id = s.document_id""",
        "paragraphs": """select p.paragraph_id, p.document_id, d.title, d.date_published, {snip} as snip
                         from paragraphs_fts f join paragraphs p on p.rowid = f.rowid join documents d on d.document_id = p.document_id""",
        "entities": """select e.entity_id, e.name, e.kind, {snip} as snip
                       from entities_fts f join entities e on e.rowid = f.rowid""",
    }
    results = []
    for table, column, label in SEARCHED:
        fts = f"{table}_fts"
        names = [d[0] for d in conn.execute(f"select * from {fts} limit 0").description]
        snip = f"snippet({fts}, {names.index(column)}, :o, :c, '\u2026', 24)"
        where = f" where {fts} match :q"
        total = conn.execute(f"select count(*) from {fts}{where}", {"q": fts_query}).fetchone()[0]
        hits = _rows(conn, selects[table].format(snip=snip) + where + " order by f.rank limit :n",
                     {"q": fts_query, "o": _OPEN, "c": _CLOSE, "n": limit})
        for h in hits:
            h["snippet"] = marked(h.pop("snip") or "", _OPEN, _CLOSE)
            if "paragraph_id" in h:
                h["anchor"] = local_id(h["paragraph_id"], h["document_id"])
            elif "sentence_id" in h:
                h["anchor"] = sentence_anchor(h["sentence_id"], h["document_id"])
        results.append({"table": table, "label": label, "total": total, "hits": hits})
    return results


# --- overview ------------------------------------------------------------------------
def overview(conn: sqlite3.Connection, link: Callable[[str], str]) -> dict:
    """The statements, and the Vega-Lite specs of the home page's timeline and theme heatmap."""
    import altair as alt

    docs = _rows(conn, """
        select d.document_id, d.title, d.date_published, d.genre, d.n_sentences, p.name as publisher,
               (select group_concat(e.name, '; ') from document_speakers s join entities e on e.entity_id = s.entity_id
                where s.document_id = d.document_id) as speakers
        from documents d join entities p on p.entity_id = d.publisher_id
        order by d.date_published, d.document_id""")
    cells = _rows(conn, """
        select st.theme_id, th.label as theme, st.document_id, count(distinct st.sentence_id) as sentences
        from sentence_themes st join themes th on th.theme_id = st.theme_id
        group by st.theme_id, st.document_id""")
    by_id = {d["document_id"]: d for d in docs}
    for d in docs:
        d["href"] = link(f"/statements/{d['document_id']}")
        # Axis label: the date keeps statements apart and in order; titles are too long for an axis.
        d["statement"] = f"{d['date_published']} {d['document_id'].removeprefix(d['date_published'] + '-')}"
    for c in cells:
        d = by_id[c["document_id"]]
        c.update(statement=d["statement"], title=d["title"], date=d["date_published"],
                 href=link(f"/cybergov/sentence_themes?document_id={c['document_id']}&theme_id={c['theme_id']}"))
    order = [d["statement"] for d in docs]
    timeline = alt.Chart(alt.Data(values=docs), title="Statements over time").mark_circle(opacity=0.8).encode(
        x=alt.X("date_published:T", title="Published", scale=alt.Scale(padding=24)),
        y=alt.Y("publisher:N", title=None, axis=alt.Axis(labelLimit=260)),
        size=alt.Size("n_sentences:Q", title="Sentences", scale=alt.Scale(zero=False, range=[150, 700])),
        color=alt.Color("genre:N", title="Genre"),
        href="href:N",
        tooltip=[alt.Tooltip("title:N", title="Title"), alt.Tooltip("date_published:T", title="Published"),
                 alt.Tooltip("speakers:N", title="Speakers"), alt.Tooltip("n_sentences:Q", title="Sentences")],
    ).properties(width="container", height=max(120, 40 * len({d["publisher"] for d in docs})),  # room for the legends
                 autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    heatmap = alt.Chart(alt.Data(values=cells), title="Themes by statement (sentences coded)").mark_rect().encode(
        x=alt.X("statement:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=220)),
        y=alt.Y("theme:N", sort=alt.EncodingSortField("sentences", op="sum", order="descending"), title=None,
                axis=alt.Axis(labelLimit=260)),
        color=alt.Color("sentences:Q", title="Sentences", scale=alt.Scale(scheme="blues")),
        href="href:N",
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("title:N", title="Statement"),
                 alt.Tooltip("date:T", title="Published"), alt.Tooltip("sentences:Q", title="Sentences")],
    ).properties(width=alt.Step(70), height=alt.Step(16))
    return {"statements": docs, "timeline": timeline.to_dict(), "heatmap": heatmap.to_dict()}
