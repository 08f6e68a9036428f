"""The reading room: what the statement, entity, search and overview pages show.

Plain functions over a SQLite connection to the published database (Datasette calls them
through `execute_fn`), so they can be tested without a server. Offsets are Unicode code
points into documents.text, i.e. Python str indices, and the highlighted HTML is built
here from them: every piece of text goes through markupsafe, and the tags come only from
this module.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from .publish import DATABASE

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
    # f-string and escape(): Markup.format is several times slower, and a long statement has thousands of these.
    return f'<mark class="{escape(css)}" data-ann="{escape(s.key)}" tabindex="0" title="{escape(s.title)}">'


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


def _card(c: dict, link: Callable[[str], str]) -> str:
    """One annotation as a card (HTML): listed under its paragraph, and copied into the popover by reading-room.js.

    Built here rather than by a template include per card: a statement has hundreds of
    cards, and Jinja's async rendering of an include costs more than the rest of the page.
    Every value goes through escape(); f-strings, as Markup.format is several times slower.
    """
    e = escape
    q = lambda words: f"&ldquo;{e(words)}&rdquo;"  # noqa: E731
    a = lambda href, text: f'<a href="{e(href)}">{e(text)}</a>'  # noqa: E731
    dl = lambda *pairs: "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in pairs if v is not None) + "</dl>"  # noqa: E731
    kind = c["kind"]
    if kind == "mention":
        body = (f'<span class="rr-kind">Mention</span> {a(link("/entities/" + c["entity_id"]), c["entity_name"])} '
                f'<span class="rr-muted">({e(c["entity_kind"])})</span>'
                + dl(("Code", f"<code>{e(c['entity_id'])}</code>"), ("Method", e(c["method"])), ("Cue", q(c["surface"]))))
    elif kind == "stance":
        if c["target_entity_id"]:
            target = a(link("/entities/" + c["target_entity_id"]), c["target_name"])
        elif c["target_theme_id"]:
            target = a(link(f"/{DATABASE}/themes/{quote(c['target_theme_id'], safe='')}"), c["target_name"])
        else:
            target = q(c["target"])
        body = (f'<span class="rr-kind">Stance</span> <span class="rr-{e(c["polarity"])}">{e(c["polarity"])}</span> {target}'
                + dl(("Code", f"<code>{e(c['polarity'])}/{e(c['frame'])}</code>"), ("Method", e(c["method"])),
                     ("Cue", q(c["cue"])), ("Holder", e(c["holder_name"] or "")), ("Quote", q(c["quote"]))))
    elif kind == "theme":
        href = f'{link(f"/{DATABASE}/sentence_themes")}?theme_id={quote(c["theme_id"], safe="")}'
        body = (f'<span class="rr-kind">Theme</span> {a(href, c["theme_label"])}'
                + dl(("Code", f"<code>{e(c['theme_id'])}</code>"), ("Method", e(c["method"])), ("Cue", q(c["cue"])),
                     ("Words", q(c["surface"]))))
    else:
        body = (f'<span class="rr-kind">Erratum</span> {q(c["surface"])} stands for {q(c["correction"])}'
                + dl(("Method", e(c["method"])), ("Note", e(c["note"]) if c.get("note") else None)))
    return f'<li class="rr-card rr-card-{e(kind)}" id="ann-{e(c["key"])}">{body}</li>'


def statement(conn: sqlite3.Connection, document_id: str, link: Callable[[str], str] = lambda path: path) -> dict | None:
    """Everything the statement page shows, or None when there is no such statement.

    `link` turns a path of the site (/entities/...) into a URL (Datasette's urls.path).
    """
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
    sents_of: dict[str, list[str]] = defaultdict(list)
    for s in sentences:
        html = render(text[s["char_start"]:s["char_end"]], by_sentence[s["sentence_id"]], s["char_start"])
        sents_of[s["paragraph_id"]].append(
            f'<span class="rr-sentence" id="{escape(sentence_anchor(s["sentence_id"], document_id))}">{html}</span>')
    errata_of: dict[str, list[dict]] = defaultdict(list)
    for e in errata:
        errata_of[para_of[e["sentence_id"]]].append(e)
    order = {k: i for i, k in enumerate(KINDS)}
    paras = []
    for para in paragraphs:
        para_cards = sorted(cards[para["paragraph_id"]], key=lambda c: (c["char_start"], order[c["kind"]]))
        paras.append({
            "paragraph_id": para["paragraph_id"],
            "anchor": local_id(para["paragraph_id"], document_id),
            "ordinal": para["ordinal"],
            "kind": para["kind"],
            # The sentences, highlighted, and the cards, as HTML: see _card.
            "html": Markup(" ".join(sents_of[para["paragraph_id"]])),
            "errata": errata_of[para["paragraph_id"]],
            "n_cards": len(para_cards),
            "cards_html": Markup("".join(_card(c, link) for c in para_cards)),
        })
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


# Statements an entity page shows in full; the rest are counted and linked to the tables.
ENTITY_STATEMENTS = 20


def entity(conn: sqlite3.Connection, entity_id: str, limit: int = ENTITY_STATEMENTS) -> dict | None:
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
        select x.document_id, d.title, d.date_published, d.publisher_id
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
        where t.target_entity_id = ? and t.document_id in ({marks}) order by t.document_id, t.char_start""", (entity_id, *ids))

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
        "statements": [{**d, "items": by_doc[d["document_id"]]} for d in latest],
        "counts": {"mention": c.get("mentions", 0), "stance": c.get("stances", 0), "statement": c.get("statements", 0),
                   "held": c.get("held", 0), "held_statements": c.get("held_statements", 0), "shown": len(latest)},
        "first": c.get("first_date"), "last": c.get("last_date"),
        "polarities": {"support": c.get("support", 0), "oppose": c.get("oppose", 0)},
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
# Statements the home page lists: the latest ones.
HOME_STATEMENTS = 50


def _latest_statements(conn: sqlite3.Connection, n: int) -> list[dict]:
    """The latest `n` statements, newest first (index documents(date_published, document_id))."""
    return _rows(conn, """
        select d.document_id, d.title, d.date_published, d.genre, d.n_sentences, p.name as publisher,
               (select group_concat(e.name, '; ') from document_speakers s join entities e on e.entity_id = s.entity_id
                where s.document_id = d.document_id) as speakers
        from documents d join entities p on p.entity_id = d.publisher_id
        order by d.date_published desc, d.document_id desc limit ?""", (n,))


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


def overview(conn: sqlite3.Connection, link: Callable[[str], str]) -> dict:
    """The home page: the latest statements, how many there are, and the charts `cybergov db` stored (as JSON)."""
    docs = _latest_statements(conn, HOME_STATEMENTS)
    for d in docs:
        d["href"] = link(f"/statements/{d['document_id']}")
    charts = {}
    for name, spec in conn.execute("select name, spec from overview_charts"):
        spec = json.loads(spec)
        for value in spec.get("data", {}).get("values", []):
            if "href" in value:
                value["href"] = link(value["href"])
        # Serialised once here, as Jinja's |tojson would, rather than on every request.
        charts[name] = htmlsafe_json_dumps(spec)
    return {"statements": docs, "total": conn.execute("select count(*) from documents").fetchone()[0], **charts}
