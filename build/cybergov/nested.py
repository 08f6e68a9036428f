"""The nested view: one JSON object per statement, annotations inside their sentences.

Described by schemas/document.schema.json. Keys that the nesting makes redundant
(document_id, paragraph_id, sentence_id of the parent) are left out of the children.
"""
from __future__ import annotations

import json

SENTENCE_CHILDREN = {"sentence_themes": "themes", "mentions": "mentions", "stances": "stances",
                     "quantities": "quantities", "errata": "errata"}


def _without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def nest(rows: dict[str, list[dict]]) -> dict:
    doc = dict(rows["documents"][0])
    doc["speakers"] = [_without(r, "document_id") for r in rows["document_speakers"]]
    by_sentence: dict[str, dict[str, list]] = {}
    for table, key in SENTENCE_CHILDREN.items():
        for r in rows[table]:
            by_sentence.setdefault(r["sentence_id"], {}).setdefault(key, []).append(_without(r, "document_id", "sentence_id"))
    sentences_by_para: dict[str, list] = {}
    for s in rows["sentences"]:
        item = _without(s, "document_id", "paragraph_id")
        children = by_sentence.get(s["sentence_id"], {})
        for key in SENTENCE_CHILDREN.values():
            item[key] = children.get(key, [])
        sentences_by_para.setdefault(s["paragraph_id"], []).append(item)
    doc["paragraphs"] = [dict(_without(p, "document_id"), sentences=sentences_by_para.get(p["paragraph_id"], []))
                         for p in rows["paragraphs"]]
    doc["proposals"] = [_without(r, "document_id") for r in rows["proposals"]]
    return doc


def dumps(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n").encode("utf-8")
