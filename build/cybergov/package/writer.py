"""Writing the package: the codebook tables, the statements' rows streamed in order, the
descriptor, the nested view's schema and CODEBOOK.md, into a staging folder that commit.py
puts in place in one step at the end.
"""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..sources.codebook import Codebook
from ..sources.context import Context
from . import codebook_md, nested, translations
from .descriptor import datapackage, dump
from .layout import JSON, META, Appender, Layout, Stored
from .tables import DOCUMENT_TABLES, TABLES, csv_rows, load_schema

JSONL = "statements.jsonl"  # staged beside data/, published as Paths.nested (see commit.PLACES)


@dataclass
class Summary:
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    reused: int = 0


def codebook_rows(cb: Codebook) -> dict[str, list[dict]]:
    return {
        "events": [{"event_id": e["id"], "name": e["name"], "series_id": e.get("series"), "ordinal": e.get("ordinal"),
                    "date": e.get("date"), "city": e.get("city"), "country_code": e.get("country"), "body_id": e.get("body")}
                   for e in cb.events],
        "entities": [{"entity_id": e["id"], "kind": e["kind"], "name": e["name"], "description": " ".join(e["description"].split()),
                      "parent_id": e.get("parent"), "wikidata_id": e.get("wikidata"), "iso_alpha2": e.get("iso_alpha2"),
                      "iso_alpha3": e.get("iso_alpha3"), "url": e.get("url")} for e in cb.entities],
        "entity_aliases": [{"entity_id": a.entity_id, "alias": a.alias, "language": a.language, "case_sensitive": a.case_sensitive}
                           for a in cb.aliases],
        "themes": [{"theme_id": t["id"], "parent_id": t.get("parent"), "label": t["label"],
                    "definition": " ".join(t["definition"].split()), "cues": "; ".join(t["cues"]),
                    "weak_cues": "; ".join(t.get("weak", [])) or None, "context": "; ".join(t.get("context", [])) or None}
                   for t in cb.themes],
        "issues": [{"issue_id": i["id"], "label": i["label"], "definition": " ".join(i["definition"].split()),
                    "support": " ".join(i["support"].split()), "oppose": " ".join(i["oppose"].split()), "cues": "; ".join(i["cues"]),
                    "context": "; ".join(i.get("context", [])) or None}
                   for i in cb.issues],
        "corpora": [{"corpus_id": c["id"], "title": c["title"], "publisher": c["publisher"], "url": c.get("url"),
                     "licence": c["licence"], "citation": " ".join((c.get("citation") or "").split()) or None,
                     "description": " ".join(c["description"].split())} for c in cb.corpora],
    }


def write_all(ctx: Context, meta: dict, folders: list[Path], results: Iterable[tuple[dict, bool]], staging: Path, progress,
              layout: Layout | None = None) -> Summary:
    """Write every table and the package files into `staging`, the statements' rows in the order given.

    A statement that comes as `Stored` (layout.py) is copied from the last build's files; where
    each statement's rows start is recorded in `layout`, when one is given.
    """
    paths = ctx.paths
    data_dir = staging / "data"
    data_dir.mkdir()
    summary = Summary(rows={t: 0 for t in TABLES})
    copier = ThreadPoolExecutor(max_workers=2, thread_name_prefix="copy")
    handles = {t: Appender(data_dir / f"{t}.csv", hashlib.sha256(), copier) for t in TABLES}
    for table, rows in codebook_rows(ctx.codebook).items():
        handles[table].write(csv_rows(paths, table, rows, header=True))
        handles[table].close()
        summary.rows[table] = len(rows)
    jsonl = Appender(staging / JSONL, None, copier)
    outs = {**{t: handles[t] for t in DOCUMENT_TABLES}, JSON: jsonl}
    if layout is not None:
        layout.starts = {name: [] for name in outs}
    publishers, corpora, dates, seen_sha = set(), set(), [], {}
    declared, paragraphs, where = {}, {}, {}
    try:
        for t in DOCUMENT_TABLES:
            handles[t].write(csv_rows(paths, t, [], header=True))
        for folder, (frags, reused) in zip(folders, results):
            _check_statement(ctx, folder, frags, seen_sha)
            if not isinstance(frags, Stored):
                for out in outs.values():  # the copies before these rows start side by side, not one by one
                    out.flush()
            for name, out in outs.items():
                if layout is not None:
                    layout.starts[name].append(out.size)
                if isinstance(frags, Stored):
                    out.copy(*frags.span(name))
                else:
                    out.write(frags[name])
            if layout is not None:
                layout.meta.append({k: frags[k] for k in META})
            for t in DOCUMENT_TABLES:
                summary.rows[t] += frags["_counts"][t]
            publishers.add(frags["_publisher"])
            corpora.add(frags["_corpus"])
            dates.append(frags["_date"])
            if frags["_translation"]:
                declared[folder.name], paragraphs[folder.name] = frags["_translation"], frags["_paragraphs"]
                where[folder.name] = paths.rel(folder / "metadata.yaml")
            summary.documents += 1
            summary.reused += reused
            if progress:
                progress(1)
    finally:
        for out in outs.values():  # the last runs of every file copied side by side
            out.flush()
        for out in outs.values():
            out.close()
        copier.shutdown()
    if layout is not None:
        for name, out in outs.items():
            layout.starts[name].append(out.size)
    for table, rows in cross_rows(declared, paragraphs, {f.name for f in folders}, where).items():
        handles[table].write(csv_rows(paths, table, rows, header=True))
        handles[table].close()
        summary.rows[table] = len(rows)
    by_id = {e["id"]: e for e in ctx.codebook.entities}
    # `created` comes from the inputs, not the clock, so that the file is reproducible.
    # A date known to the year or month only counts as its first day.
    created = f"{max(d + '-01-01'[len(d) - 4:] for d in dates)}T00:00:00Z"
    files = {t: (h.size, h.hash.hexdigest()) for t, h in handles.items()}
    used = [c for c in ctx.codebook.corpora if c["id"] in corpora]
    package = datapackage(paths, files, meta, created, [by_id[p] for p in sorted(publishers)], used)
    (staging / "datapackage.json").write_bytes(dump(package))
    schema = nested.json_schema(lambda t: load_schema(paths.table_schemas, t))
    (staging / "statement.schema.json").write_bytes((json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode())
    (staging / "CODEBOOK.md").write_text(codebook_md.render(paths, ctx.codebook), encoding="utf-8")
    return summary


def cross_rows(declared: dict, paragraphs: dict, known: set[str], where: dict) -> dict[str, list[dict]]:
    """translations and paragraph_alignments, from the pairs the statements declare."""
    out = {"translations": [], "paragraph_alignments": []}
    for a, b, matched_by in translations.pairs(declared, known, where):
        aligned, method = translations.align(paragraphs[a], paragraphs[b])
        out["translations"].append({"document_id": a, "translation_id": b, "matched_by": matched_by, "aligned": len(aligned)})
        out["paragraph_alignments"] += [{"paragraph_id": x, "aligned_paragraph_id": y, "document_id": a, "translation_id": b,
                                         "method": method} for x, y in aligned]
    return out


def _check_statement(ctx: Context, folder: Path, frags: dict, seen_sha: dict) -> None:
    """What one statement cannot check alone: a source added twice, an event that does not exist."""
    paths = ctx.paths
    if frags["_sha256"] in seen_sha:
        raise InputError(f"the source is the same file as that of {seen_sha[frags['_sha256']]} (same sha256)",
                         paths.rel(folder), fix="remove one of the two statements: a statement is added once")
    seen_sha[frags["_sha256"]] = folder.name
    if frags["_event"] is not None and frags["_event"] not in ctx.event_ids:
        raise InputError(f"event: {frags['_event']!r} is not in sources/events.yaml", paths.rel(folder / "metadata.yaml"),
                         fix="add the event to sources/events.yaml or set event to null")
