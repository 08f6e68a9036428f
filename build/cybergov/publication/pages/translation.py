"""A statement and its translation side by side, aligned by paragraph (paragraph_alignments)."""
from __future__ import annotations

import sqlite3

from .queries import one as _one
from .queries import rows as _rows


def translation_of(conn: sqlite3.Connection, document_id: str) -> dict | None:
    """The other version of a statement (id, title, language), or None."""
    return _one(conn, """
        select d.document_id, d.title, d.language from translations t
        join documents d on d.document_id = case when t.document_id = :id then t.translation_id else t.document_id end
        where t.document_id = :id or t.translation_id = :id""", {"id": document_id})


def _groups(left: list[dict], right: list[dict], pairs: list[tuple[str, str]]) -> list[tuple[list[dict], list[dict]]]:
    """Rows of the side-by-side view: paragraphs aligned with each other share a row (one to many
    included); a paragraph aligned with none has a row of its own, where it falls in its text."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    order_l = {p["paragraph_id"]: i for i, p in enumerate(left)}
    order_r = {p["paragraph_id"]: i for i, p in enumerate(right)}
    rows: dict[str, tuple[list, list]] = {}
    for side, paras in ((0, left), (1, right)):
        for p in paras:
            rows.setdefault(find(p["paragraph_id"]), ([], []))[side].append(p)

    def position(row: tuple[list, list]) -> tuple[float, float]:
        # A row sits where its left paragraphs are; a right-only row just after the left paragraph before it.
        if row[0]:
            return (order_l[row[0][0]["paragraph_id"]], 0)
        r = order_r[row[1][0]["paragraph_id"]]
        before = [order_l[a] for a, b in pairs if b in order_r and order_r[b] < r]
        return (max(before, default=-1) + 0.5, r)

    return sorted(rows.values(), key=position)


def side_by_side(conn: sqlite3.Connection, document_id: str) -> dict | None:
    doc = _one(conn, "select document_id, title, language, date_published, publisher_id from documents where document_id = ?", (document_id,))
    other = translation_of(conn, document_id) if doc else None
    if other is None:
        return None
    other = _one(conn, "select document_id, title, language, date_published, publisher_id from documents where document_id = ?",
                 (other["document_id"],))
    left = _rows(conn, "select paragraph_id, ordinal, kind, turn, text from paragraphs where document_id = ? order by ordinal", (document_id,))
    right = _rows(conn, "select paragraph_id, ordinal, kind, turn, text from paragraphs where document_id = ? order by ordinal",
                  (other["document_id"],))
    pairs = [(r["paragraph_id"], r["aligned_paragraph_id"]) if r["document_id"] == document_id
             else (r["aligned_paragraph_id"], r["paragraph_id"])
             for r in _rows(conn, """select paragraph_id, aligned_paragraph_id, document_id from paragraph_alignments
                                     where document_id in (?, ?) and translation_id in (?, ?)""",
                            (document_id, other["document_id"], document_id, other["document_id"]))]
    for paras in (left, right):
        for p in paras:
            p["anchor"] = p["paragraph_id"].rsplit("/", 1)[1]
    rows = _groups(left, right, pairs)
    return {"doc": doc, "other": other, "rows": rows, "aligned": len(pairs),
            "unaligned": sum(1 for a, b in rows if not a or not b)}
