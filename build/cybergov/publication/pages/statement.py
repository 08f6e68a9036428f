"""The statement page: a statement by paragraph, its annotations highlighted and listed as cards."""
from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from typing import Callable
from urllib.parse import quote

from markupsafe import Markup, escape

from .highlight import KINDS, Span, local_id, render, sentence_anchor
from .queries import one as _one
from .queries import rows as _rows


# Characters of text one statement page shows at most, in whole paragraphs: a longer statement is
# shown in passages, one page each, so that the cost of a page (its highlights and cards) has a
# ceiling however long the statement. Most statements are shorter, and shown whole.
PASSAGE_CHARS = 20_000


def _quote(words: str) -> str:
    return f"\u201c{words}\u201d"


def _mention_span(m: dict) -> Span:
    title = f"Mention: {m['entity_name']} ({m['entity_kind']}), code {m['entity_id']}; method {m['method']}; cue {_quote(m['surface'])}"
    return Span(m["char_start"], m["char_end"], "mention", m["key"], title)


def _stance_span(t: dict) -> Span:
    obj = t["object_name"] or t["object"]
    title = (f"Stance: {t['holder_name']} {t['polarity']}s {obj}, code {t['polarity']}/{t['frame']}; "
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
        if c["object_entity_id"]:
            obj = a(link("/entities/" + c["object_entity_id"]), c["object_name"]) + f" ({q(c['object'])})"
        elif c["issue_id"]:
            obj = a(link(f"/issues/{quote(c['issue_id'], safe='')}"), c["object_name"]) + f" ({q(c['object'])})"
        else:
            obj = q(c["object"])
        sign = {"support": "+", "oppose": "&minus;"}.get(c["polarity"], "&middot;")
        body = (f'<span class="rr-kind">Stance</span> <span class="rr-pol rr-{e(c["polarity"])}"><span class="rr-sign" '
                f'aria-hidden="true">{sign}</span>{e(c["polarity"])}</span> {obj}'
                + dl(("Code", f"<code>{e(c['polarity'])}/{e(c['frame'])}</code>"), ("Method", e(c["method"])),
                     ("Cue", q(c["cue"])), ("Holder", e(c["holder_name"] or "")), ("Quote", q(c["quote"]))))
    elif kind == "theme":
        href = link(f"/themes/{quote(c['theme_id'], safe='')}")
        body = (f'<span class="rr-kind">Theme</span> {a(href, c["theme_label"])}'
                + dl(("Code", f"<code>{e(c['theme_id'])}</code>"), ("Method", e(c["method"])), ("Cue", q(c["cue"])),
                     ("Words", q(c["surface"]))))
    else:
        body = (f'<span class="rr-kind">Erratum</span> {q(c["surface"])} stands for {q(c["correction"])}'
                + dl(("Method", e(c["method"])), ("Note", e(c["note"]) if c.get("note") else None)))
    return f'<li class="rr-card rr-card-{e(kind)}" id="ann-{e(c["key"])}">{body}</li>'


_SPAN_OF = {"mention": _mention_span, "stance": _stance_span, "theme": _theme_span, "erratum": _erratum_span}


def _annotations(conn: sqlite3.Connection, document_id: str, lo: int, hi: int) -> dict[str, list[dict]]:
    """The mentions, stances, theme codes and errata of the text from `lo` to `hi` (a passage), each with the key
    its highlight and card share."""
    p = (document_id, lo, hi)
    mentions = _rows(conn, """
        select m.*, e.name as entity_name, e.kind as entity_kind from mentions m join entities e on e.entity_id = m.entity_id
        where m.document_id = ? and m.char_start >= ? and m.char_start < ? order by m.char_start, m.mention_id""", p)
    stances = _rows(conn, """
        select t.*, coalesce(e.name, i.label) as object_name, h.name as holder_name
        from stances t left join entities e on e.entity_id = t.object_entity_id
        left join issues i on i.issue_id = t.issue_id left join entities h on h.entity_id = t.holder_id
        where t.document_id = ? and t.char_start >= ? and t.char_start < ? order by t.char_start, t.stance_id""", p)
    themes = _rows(conn, """
        select st.*, th.label as theme_label from sentence_themes st join themes th on th.theme_id = st.theme_id
        where st.document_id = ? and st.char_start >= ? and st.char_start < ? order by st.char_start, st.theme_id""", p)
    errata = _rows(conn, "select * from errata where document_id = ? and char_start >= ? and char_start < ? order by char_start", p)
    for m in mentions:
        m["key"] = "m-" + local_id(m["mention_id"], document_id)
    for t in stances:
        t["key"] = "t-" + local_id(t["stance_id"], document_id)
    for st in themes:
        st["key"] = "c-" + local_id(st["sentence_id"], document_id) + "-" + st["theme_id"]
    for e in errata:
        e["key"] = "e-" + local_id(e["erratum_id"], document_id)
    return {"mention": mentions, "stance": stances, "theme": themes, "erratum": errata}


def passages(paragraphs: list[dict], budget: int | None = None) -> list[dict]:
    """The statement's paragraphs in passages of about `budget` characters, in order: a passage
    ends before the paragraph that would take it past the budget, and a paragraph is never cut
    (one longer than the budget is a passage of its own). Each passage: its number (from 1),
    the index of its first and last paragraph, their ordinals, and the characters it spans."""
    budget = budget or PASSAGE_CHARS
    out: list[dict] = []
    for i, para in enumerate(paragraphs):
        size = para["char_end"] - para["char_start"]
        if not out or (out[-1]["chars"] and out[-1]["chars"] + size > budget):
            out.append({"number": len(out) + 1, "first": i, "first_ordinal": para["ordinal"], "chars": 0,
                        "char_start": para["char_start"]})
        cur = out[-1]
        cur.update(last=i, last_ordinal=para["ordinal"], char_end=para["char_end"])
        cur["chars"] += size
    return out


def _passage_of(parts: list[dict], paragraphs: list[dict], part: int | None, at: str | None) -> dict:
    """The passage asked for: by number, or the one that holds the paragraph or sentence anchor `at`
    (`p03`, `s-p03-s02`); the first when neither names one."""
    if at:
        para = at.removeprefix("s-").split("-", 1)[0]
        index = next((i for i, p in enumerate(paragraphs) if p["anchor"] == para), None)
        if index is not None:
            return next(x for x in parts if x["first"] <= index <= x["last"])
    if part is not None:
        return parts[min(max(part, 1), len(parts)) - 1]
    return parts[0]


def _totals(conn: sqlite3.Connection, document_id: str) -> dict:
    """Counts of the whole statement's codes, whichever passage is shown (from the indexes on document_id)."""
    p = (document_id,)
    count = lambda table: conn.execute(f"select count(*) from {table} where document_id = ?", p).fetchone()[0]  # noqa: E731
    themes = _rows(conn, """select st.theme_id, th.label, count(*) as count from sentence_themes st
        join themes th on th.theme_id = st.theme_id where st.document_id = ? group by st.theme_id, th.label
        order by count desc, th.label""", p)
    polarities = Counter(dict(conn.execute("select polarity, count(*) from stances where document_id = ? group by polarity", p)))
    return {"counts": {"mention": count("mentions"), "stance": sum(polarities.values()), "theme": sum(t["count"] for t in themes),
                       "erratum": count("errata")},
            "polarities": polarities, "themes": themes}


def _paragraphs(conn: sqlite3.Connection, doc: dict, paragraphs: list[dict], shown: dict, ann: dict[str, list[dict]],
                link: Callable[[str], str]) -> list[dict]:
    """Each paragraph of the passage `shown` with its sentences highlighted and its annotations as cards (HTML)."""
    document_id = doc["document_id"]
    paragraphs = paragraphs[shown["first"]:shown["last"] + 1]
    sentences = _rows(conn, "select * from sentences where document_id = ? and char_start >= ? and char_start < ? order by char_start",
                      (document_id, shown["char_start"], shown["char_end"]))
    by_sentence: dict[str, list[Span]] = defaultdict(list)
    cards: dict[str, list[dict]] = defaultdict(list)  # per paragraph, in reading order
    para_of = {s["sentence_id"]: s["paragraph_id"] for s in sentences}
    for kind in KINDS:
        for r in ann[kind]:
            span = _SPAN_OF[kind](r)
            by_sentence[r["sentence_id"]].append(span)
            cards[para_of[r["sentence_id"]]].append({"kind": kind, "title": span.title, **r})
    text = doc["text"]
    sents_of: dict[str, list[str]] = defaultdict(list)
    end_of: dict[str, int] = {p["paragraph_id"]: p["char_start"] for p in paragraphs}
    for s in sentences:
        html = render(text[s["char_start"]:s["char_end"]], by_sentence[s["sentence_id"]], s["char_start"])
        # What lies between two sentences in the text, as it is: a space in English, nothing in Chinese.
        gap = escape(text[end_of[s["paragraph_id"]]:s["char_start"]])
        end_of[s["paragraph_id"]] = s["char_end"]
        sents_of[s["paragraph_id"]].append(
            f'{gap}<span class="rr-sentence" id="{escape(sentence_anchor(s["sentence_id"], document_id))}">{html}</span>')
    errata_of: dict[str, list[dict]] = defaultdict(list)
    for e in ann["erratum"]:
        errata_of[para_of[e["sentence_id"]]].append(e)
    order = {k: i for i, k in enumerate(KINDS)}
    paras = []
    for para in paragraphs:
        para_cards = sorted(cards[para["paragraph_id"]], key=lambda c: (c["char_start"], order[c["kind"]]))
        paras.append({
            "paragraph_id": para["paragraph_id"],
            "anchor": para["anchor"],
            "ordinal": para["ordinal"],
            "kind": para["kind"],
            # The sentences, highlighted, and the cards, as HTML: see _card.
            "html": Markup("".join(sents_of[para["paragraph_id"]])),
            "errata": errata_of[para["paragraph_id"]],
            "n_cards": len(para_cards),
            "cards_html": Markup("".join(_card(c, link) for c in para_cards)),
        })
    return paras


def _section(para: dict) -> str:
    """One paragraph as the statement page shows it (HTML): its sentences, the codes in it, its errata
    in the margin. Built here for the reason _card is: a template loop over hundreds of paragraphs
    costs more than the rest of the page."""
    e = escape
    out = [f'<section class="rr-para rr-para-{e(para["kind"])}" id="{e(para["anchor"])}">\n    <div class="rr-para-main">\n'
           f'      <a class="rr-pno" href="#{e(para["anchor"])}" title="Paragraph {para["ordinal"]} ({e(para["kind"])})">'
           f'\u00b6{para["ordinal"]}</a>\n      <p>{para["html"]}</p>\n']
    n = para["n_cards"]
    if n:
        out.append(f'      <details class="rr-codes"><summary>{n} code{"" if n == 1 else "s"} in this paragraph</summary>\n'
                   f'        <ul>{para["cards_html"]}</ul>\n      </details>\n')
    out.append("    </div>\n")
    if para["errata"]:
        out.append('    <aside class="rr-margin" aria-label="Errata">\n')
        for x in para["errata"]:
            note = f" {e(x['note'])}" if x.get("note") else ""
            out.append(f'      <p class="rr-erratum"><strong>Erratum.</strong> &ldquo;{e(x["surface"])}&rdquo; stands for '
                       f'&ldquo;{e(x["correction"])}&rdquo;.{note}</p>\n')
        out.append("    </aside>\n")
    out.append("  </section>\n")
    return "".join(out)


def statement(conn: sqlite3.Connection, document_id: str, link: Callable[[str], str] = lambda path: path,
              part: int | None = None, at: str | None = None) -> dict | None:
    """Everything the statement page shows, or None when there is no such statement.

    `link` turns a path of the site (/entities/...) into a URL (Datasette's urls.path). A long
    statement is shown one passage at a time (see passages): `part` is its number, or `at`
    names an anchor in it; the counts, themes and proposals are the whole statement's.
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
    speakers = _rows(conn, """
        select s.entity_id, e.name, s.role from document_speakers s join entities e on e.entity_id = s.entity_id
        where s.document_id = ? order by s.ordinal""", (document_id,))
    paragraphs = _rows(conn, """select paragraph_id, ordinal, kind, char_start, char_end from paragraphs
        where document_id = ? order by ordinal""", (document_id,))
    for para in paragraphs:
        para["anchor"] = local_id(para["paragraph_id"], document_id)
    parts = passages(paragraphs) or [{"number": 1, "first": 0, "last": -1, "char_start": 0, "char_end": 0,
                                      "first_ordinal": None, "last_ordinal": None, "chars": 0}]
    shown = _passage_of(parts, paragraphs, part, at)
    ann = _annotations(conn, document_id, shown["char_start"], shown["char_end"])
    totals = _totals(conn, document_id)
    part_of = {p["paragraph_id"]: x["number"] for x in parts for p in paragraphs[x["first"]:x["last"] + 1]}
    proposals = _rows(conn, """select pr.*, s.paragraph_id from proposals pr join sentences s on s.sentence_id = pr.sentence_id
        where pr.document_id = ? order by pr.ordinal""", (document_id,))
    for pr in proposals:
        pr["anchor"] = sentence_anchor(pr["sentence_id"], document_id)
        number = part_of.get(pr["paragraph_id"], shown["number"])
        pr["href"] = ("" if number == shown["number"] else f"?part={number}") + "#" + pr["anchor"]
    paras = _paragraphs(conn, doc, paragraphs, shown, ann, link)
    return {
        "doc": doc,
        "speakers": speakers,
        "paragraphs": paras,
        "text_html": Markup("".join(_section(p) for p in paras)),
        "parts": parts if len(parts) > 1 else [],
        "part": shown,
        "proposals": proposals,
        "themes": [{"theme_id": t["theme_id"], "label": t["label"], "count": t["count"]} for t in totals["themes"]],
        "counts": totals["counts"],
        "polarities": totals["polarities"],
    }
