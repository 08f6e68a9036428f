"""The pure function at the heart of the build: one statement's source in, all its rows out.

Stage 3 (documents) gives the text, paragraphs and sentences; stage 4 (annotations) the
coded values; the package stage turns the rows into CSV fragments and the nested view.
The segmenter and the annotators are built once per process, on first use.
"""
from __future__ import annotations

from functools import cached_property

from .annotations import Annotators
from .documents.segment import Segmenter
from .documents.statement import document_rows
from .package import nested
from .package.tables import DOCUMENT_TABLES, csv_rows
from .package.translations import Para
from .sources.context import Context
from .sources.statements import Source


class Workbench:
    """A context with the tools built from it: the segmenter and the (heavy) annotators."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    @cached_property
    def segmenter(self) -> Segmenter:
        return Segmenter(self.ctx.codebook.conventions)

    @cached_property
    def annotators(self) -> Annotators:
        return Annotators(self.ctx.codebook)


def process(src: Source, bench: Workbench) -> dict[str, list[dict]]:
    """Rows of every per-document table for one statement."""
    rows = document_rows(src, bench.ctx, bench.segmenter)
    rows.update(bench.annotators.annotate(rows["documents"][0], rows["paragraphs"], rows["sentences"], src, bench.ctx))
    rows["_meta"] = src.metadata
    return rows


def fragments(rows: dict[str, list[dict]], bench: Workbench) -> dict:
    """The statement's rows as CSV bytes per table, its line of the nested view, and what the package needs of it."""
    paths = bench.ctx.paths
    doc = rows["documents"][0]
    out = {t: csv_rows(paths, t, rows[t]) for t in DOCUMENT_TABLES}
    out["_counts"] = {t: len(rows[t]) for t in DOCUMENT_TABLES}
    out["_json"] = nested.dumps(nested.nest(rows))
    out["_publisher"], out["_date"], out["_sha256"], out["_event"], out["_corpus"] = (
        doc["publisher_id"], doc["date_published"], doc["sha256"], doc["event_id"], doc["corpus_id"])
    # What the package needs to pair translations and align their paragraphs, once every statement is known.
    translation = rows["_meta"].get("translation")
    out["_translation"] = (translation["of"], translation["matched_by"]) if translation else None
    out["_paragraphs"] = ([Para(p["paragraph_id"], p["kind"], p["turn"], len(p["text"])) for p in rows["paragraphs"]]
                          if translation else None)
    return out
