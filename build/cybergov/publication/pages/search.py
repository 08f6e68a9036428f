"""The search page: one box over statements, sentences, paragraphs and entities (FTS5)."""
from __future__ import annotations

import sqlite3

from .highlight import local_id, marked, sentence_anchor
from .queries import rows as _rows

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
