"""The nested view: one JSON object per statement, annotations inside their sentences.

Described by schemas/statement.schema.json (generated from the Table Schemas). Keys that the nesting makes redundant
(document_id, paragraph_id, sentence_id of the parent) are left out of the children.
"""
from __future__ import annotations

import orjson

from .tables import REDUCED_DATE

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
    """One compact line of UTF-8 JSON (orjson: several times faster than json at 10,000 statements)."""
    return orjson.dumps(obj) + b"\n"


_JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "string"}


def _object(schema: dict, drop: tuple[str, ...], title: str) -> dict:
    """A JSON Schema object for the rows of one table, from its Table Schema."""
    props, required = {}, []
    for f in schema["fields"]:
        if f["name"] in drop:
            continue
        c = f.get("constraints", {})
        prop: dict = {"description": f["description"]}
        kind = _JSON_TYPES[f["type"]]
        prop["type"] = kind if c.get("required") else [kind, "null"]
        if f["type"] == "date":
            prop["format"] = "date"
        if "enum" in c:
            prop["enum"] = c["enum"] + ([] if c.get("required") else [None])
        if c.get("pattern") == REDUCED_DATE:  # a full date must be a calendar date, as JSON Schema's format says
            prop["anyOf"] = [{"type": "null"}, {"type": "string", "format": "date"}, {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"}]
        elif "pattern" in c:
            prop["pattern"] = c["pattern"]
        if "minimum" in c:
            prop["minimum"] = c["minimum"]
        props[f["name"]] = prop
        required.append(f["name"])
    return {"type": "object", "title": title, "additionalProperties": False, "properties": props, "required": required}


def json_schema(load) -> dict:
    """The JSON Schema (draft 2020-12) of one line of statements.jsonl, derived from the Table Schemas.

    `load(table)` returns a Table Schema; nothing about a column is written twice.
    """
    sentence = _object(load("sentences"), ("document_id", "paragraph_id"), "Sentence")
    for table, key in SENTENCE_CHILDREN.items():
        sentence["properties"][key] = {"type": "array", "items": {"$ref": f"#/$defs/{table}"}}
        sentence["required"].append(key)
    paragraph = _object(load("paragraphs"), ("document_id",), "Paragraph")
    paragraph["properties"]["sentences"] = {"type": "array", "items": {"$ref": "#/$defs/sentences"}}
    paragraph["required"].append("sentences")
    doc = _object(load("documents"), (), "Statement")
    extra = {"speakers": "document_speakers", "paragraphs": "paragraphs", "proposals": "proposals"}
    for key, table in extra.items():
        doc["properties"][key] = {"type": "array", "items": {"$ref": f"#/$defs/{table}"}}
        doc["required"].append(key)
    defs = {t: _object(load(t), ("document_id", "sentence_id"), load(t)["title"]) for t in SENTENCE_CHILDREN}
    defs["document_speakers"] = _object(load("document_speakers"), ("document_id",), "Speaker")
    defs["proposals"] = _object(load("proposals"), ("document_id",), "Proposal")
    defs["paragraphs"] = paragraph
    defs["sentences"] = sentence
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:cybergov:schema:statement",
        "description": "One statement with its paragraphs, sentences and annotations: a line of statements.jsonl (dist/ after a build, data/ in the release zip). "
                       "Generated from the Table Schemas in schemas/tables/; field meanings are documented there.",
        **doc,
        "$defs": dict(sorted(defs.items())),
    }
