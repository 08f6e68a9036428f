"""The search page: sentences that match, best first, the statements they are in, and entities.

Ranking a match (bm25) costs far more than finding it, so every query ranks at most CAP
matches of the full-text index (the first ones, in the order of the index) and joins the
filters to them; its matches are counted apart, up to COUNT_CAP, without ranking or joins.
The cost has a ceiling however common the words. When a ceiling is reached the page says
that the count is an estimate: "more than" COUNT_CAP, or "at least" what the filters kept
of the CAP matches read.
"""
from __future__ import annotations

import math
import re
import sqlite3

from markupsafe import Markup, escape

from ..search_index import CJK_FTS
from .highlight import sentence_anchor
from .queries import rows as _rows
from .searchquery import QueryError, highlighter, parse, to_fts, uses_han

PAGE_SIZE = 20
# Matches ranked, and the most a filtered search counts.
CAP = 1_000
# Matches an unfiltered search counts (the count of the index alone, a fraction of a microsecond each).
COUNT_CAP = 20_000
STATEMENTS_SHOWN = 10
ENTITIES_SHOWN = 10
# Characters of a long sentence shown around its first match.
CONTEXT = 160
FILTERS = ("state", "year", "language", "source")


def _where(filters: dict) -> tuple[str, dict]:
    clauses, params = [], {}
    if filters.get("state"):
        clauses.append("d.holder_id = :state")
        params["state"] = filters["state"]
    if filters.get("year"):
        clauses.append("d.date_published like :year")
        params["year"] = filters["year"] + "%"
    if filters.get("language"):
        clauses.append("d.language = :language")
        params["language"] = filters["language"]
    if filters.get("source"):
        clauses.append("d.publisher_id = :source")
        params["source"] = filters["source"]
    return (" where " + " and ".join(clauses)) if clauses else "", params


def marked_text(text: str, pattern: re.Pattern | None) -> Markup:
    """The sentence (cut around its first match when long) with the matched words in <mark>."""
    matches = list(pattern.finditer(text)) if pattern else []
    lo, hi = 0, len(text)
    if len(text) > 2 * CONTEXT + 40:
        first = matches[0].start() if matches else 0
        lo, hi = max(0, first - CONTEXT), min(len(text), first + CONTEXT)
    out, pos = [Markup("\u2026") if lo else Markup("")], lo
    for m in matches:
        if m.start() < pos or m.end() > hi:
            continue
        out += [escape(text[pos:m.start()]), Markup("<mark>{}</mark>").format(text[m.start():m.end()])]
        pos = m.end()
    out.append(escape(text[pos:hi]))
    if hi < len(text):
        out.append(Markup("\u2026"))
    return Markup("").join(out)


def search(conn: sqlite3.Connection, q: str, filters: dict | None = None, page: int = 1) -> dict:
    """What the search page shows for query `q` (as typed); `error` says why a query cannot be run."""
    filters = {k: v for k, v in (filters or {}).items() if k in FILTERS and v}
    try:
        items = parse(q)
    except QueryError as exc:
        return {"error": str(exc)}
    fts_query, widened = to_fts(conn, items)
    fts = CJK_FTS if uses_han(items) else "sentences_fts"
    where, params = _where(filters)
    matched = conn.execute(f"select count(*) from (select rowid from {fts} where {fts} match :q limit :n)",
                           {"q": fts_query, "n": COUNT_CAP + 1}).fetchone()[0]
    # The first CAP matches, ranked, with their statement, kept by the filters: one read that gives
    # the page of hits, the count of a filtered search and the statements with the most matches.
    found = conn.execute(f"""select c.rid, c.rank, d.document_id, d.date_published
        from (select rowid as rid, rank from {fts} where {fts} match :q limit :cap) c
        join sentences s on s.rowid = c.rid join documents d on d.document_id = s.document_id{where}""",
                         params | {"q": fts_query, "cap": CAP}).fetchall()
    found.sort(key=lambda r: (r[1], r[0]))
    if filters:
        total, estimate, bound = len(found), matched > CAP, "at least"
    else:
        total, estimate, bound = min(matched, COUNT_CAP), matched > COUNT_CAP, "more than"
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(max(1, page), pages)
    hits = _hits(conn, [r[0] for r in found[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]])
    pattern = highlighter(items, widened)
    for h in hits:
        h["snippet"] = marked_text(h.pop("text"), pattern)
        h["anchor"] = sentence_anchor(h["sentence_id"], h["document_id"])
    statements = _statements(conn, found)
    return {
        "hits": hits, "total": total, "estimate": estimate, "bound": bound, "ranked_of": matched > CAP,
        "page": page, "pages": pages, "page_size": PAGE_SIZE,
        "statements": statements, "entities": _entities(conn, items, fts_query, fts == CJK_FTS),
        "widened": {w: f[1:] for w, f in widened.items() if len(f) > 1}, "cap": CAP, "count_cap": COUNT_CAP,
        "index": "Chinese" if fts == CJK_FTS else "English",
    }


def _hits(conn: sqlite3.Connection, rowids: list[int]) -> list[dict]:
    """The sentences of one page of hits, in the order given."""
    if not rowids:
        return []
    found = {r["rid"]: r for r in _rows(conn, f"""
        select s.rowid as rid, s.sentence_id, s.document_id, s.text, d.title, d.date_published, d.language, d.holder_id,
               h.name as holder
        from sentences s join documents d on d.document_id = s.document_id left join entities h on h.entity_id = d.holder_id
        where s.rowid in ({", ".join("?" * len(rowids))})""", rowids)}
    return [{k: v for k, v in found[r].items() if k != "rid"} for r in rowids]


def _statements(conn: sqlite3.Connection, found: list[tuple]) -> list[dict]:
    """The statements with the most of the matches read: most first, then the latest."""
    counts: dict[str, list] = {}
    for _, _, document_id, date in found:
        counts.setdefault(document_id, [0, date])[0] += 1
    top = sorted(counts.items())
    top.sort(key=lambda kv: kv[1][1] or "", reverse=True)
    top = sorted(top, key=lambda kv: -kv[1][0])[:STATEMENTS_SHOWN]
    if not top:
        return []
    docs = {r["document_id"]: r for r in _rows(conn, f"""select document_id, title, date_published, language from documents
        where document_id in ({", ".join("?" * len(top))})""", [k for k, _ in top])}
    return [{**docs[k], "sentences": n} for k, (n, _) in top]


def _entities(conn: sqlite3.Connection, items: list, fts_query: str, han: bool) -> list[dict]:
    if not han:
        return _rows(conn, f"""select e.entity_id, e.name, e.kind from entities_fts f join entities e on e.rowid = f.rowid
            where entities_fts match ? order by f.rank limit {ENTITIES_SHOWN}""", (fts_query,))
    # Chinese names are aliases: entity_aliases is a codebook table (thousands of rows, not a corpus).
    words = ["".join(i.tokens) for i in items if hasattr(i, "tokens") and i.kind == "phrase"]
    if not words:
        return []
    return _rows(conn, f"""select distinct e.entity_id, e.name, e.kind from entity_aliases a join entities e on e.entity_id = a.entity_id
        where a.alias like ? order by e.name limit {ENTITIES_SHOWN}""", (f"%{words[0]}%",))


def option_html(options: dict, labels: dict[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """Each filter's choices as (value, <option>, <option selected>), written once: the choices
    never change, and writing a few hundred <option>s in the template took most of a page's time."""
    out = {}
    for name, choices in options.items():
        out[name] = []
        for o in choices:
            value = str(o["value"])
            label = labels.get(o["label"], o["label"]) if name == "language" else o["label"]
            out[name].append((value, Markup('<option value="{}">{}</option>').format(value, label),
                              Markup('<option value="{}" selected>{}</option>').format(value, label)))
    return out


def options_for(html: dict[str, list[tuple[str, str, str]]], filters: dict) -> dict[str, Markup]:
    """Each filter's <option>s with the chosen one selected."""
    return {name: Markup("").join(selected if value == filters.get(name) else plain for value, plain, selected in choices)
            for name, choices in html.items()}


def filter_options(conn: sqlite3.Connection) -> dict:
    """The choices of the search filters (from the aggregates and small tables, never the corpus rows)."""
    return {
        "state": _rows(conn, """select entity_id as value, name as label from entity_counts
                                where held_statements > 0 order by name"""),
        "year": _rows(conn, """select distinct substr(date_published, 1, 4) as value, substr(date_published, 1, 4) as label
                               from documents order by 1 desc"""),
        "language": _rows(conn, "select distinct language as value, language as label from documents order by 1"),
        "source": _rows(conn, """select distinct d.publisher_id as value, e.name as label from documents d
                                 join entities e on e.entity_id = d.publisher_id order by 2"""),
    }
