"""Where a statement comes from and how to cite it: the cite block (CFF, BibTeX, plain), the
statement as one nested JSON object and the saved source file."""
from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from ...package.nested import SENTENCE_CHILDREN, nest
from .queries import one as _one
from .queries import rows as _rows

PACKAGE = "package_info"


def package_info(conn: sqlite3.Connection) -> dict:
    """name, title, version, created, licence and citation of the package (stored by `cybergov db`)."""
    return {k: v for k, v in conn.execute(f"select key, value from {PACKAGE}")}


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def cite(doc: dict, package: dict, url: str) -> dict:
    """How to cite one statement as published in the package: plain text, BibTeX and CFF."""
    holder = doc.get("holder_name") or doc["holder_id"]
    publisher = doc.get("publisher_name") or doc["publisher_id"]
    year = doc["date_published"][:4]
    version = package.get("version", "")
    title = doc["title"]
    plain = (f"{publisher} ({doc['date_published']}). {title}. In cybergov maintainers, {package.get('title', 'cybergov')}, "
             f"version {version} [data set], statement {doc['document_id']}. {url}")
    key = re.sub(r"[^a-z0-9]+", "", doc["document_id"].lower())[:40]
    bib = "\n".join([
        f"@misc{{{key},",
        f"  title = {{{_bibtex_escape(title)}}},",
        f"  author = {{{{{_bibtex_escape(publisher)}}}}},",
        f"  year = {{{year}}},",
        f"  note = {{Position of {_bibtex_escape(holder)}; in {_bibtex_escape(package.get('title', 'cybergov'))}, version {version}, "
        f"statement {_bibtex_escape(doc['document_id'])}}},",
        f"  howpublished = {{\\url{{{url}}}}}",
        "}",
    ])
    cff = "\n".join([
        "cff-version: 1.2.0",
        "message: If you use this statement from the cybergov data set, please cite it as below.",
        f"title: {_yaml_string(title)}",
        "type: dataset",
        "authors:",
        f"  - name: {_yaml_string(publisher)}",
        f"date-released: {_yaml_string(doc['date_published'])}",
        f"url: {_yaml_string(url)}",
        f"version: {_yaml_string(version)}",
        "references:",
        "  - type: dataset",
        f"    title: {_yaml_string(package.get('title', 'cybergov'))}",
        "    authors:",
        "      - name: cybergov maintainers",
        f"    version: {_yaml_string(version)}",
    ])
    return {"plain": plain, "bibtex": bib, "cff": cff}


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def statement_json(conn: sqlite3.Connection, document_id: str) -> dict | None:
    """The statement as one object of the nested view (statements.jsonl), from the database's rows."""
    doc = _one(conn, "select * from documents where document_id = ?", (document_id,))
    if doc is None:
        return None
    tables = ["document_speakers", "paragraphs", "sentences", "proposals", *SENTENCE_CHILDREN]
    order = {"document_speakers": "ordinal", "paragraphs": "ordinal", "sentences": "char_start", "proposals": "ordinal"}
    rows = {"documents": [doc]}
    for t in tables:
        rows[t] = _rows(conn, f"select * from {t} where document_id = ? order by {order.get(t, 'rowid')}", (document_id,))
    return nest(rows)


def source_file(root: Path, doc: dict) -> Path | None:
    """The saved page of a statement (source_file is relative to the project `root`), if it is there
    in the statement's own folder, unchanged (its checksum is the one the package records)."""
    folder = (root / "sources" / "statements" / doc["document_id"]).resolve()
    path = (root / doc["source_file"]).resolve()
    if path.parent != folder or not path.is_file():
        return None
    data = path.read_bytes()
    return path if hashlib.sha256(data).hexdigest() == doc["sha256"] else None
