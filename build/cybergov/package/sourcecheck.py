"""Whether the sources still make the package that is committed, short of building it.

`validate` reads the package; a hand edit to sources/ since the last build would not show
there. This check reads every input the way the build does (the codebook, the profiles, each
statement's metadata, curated file and source bytes) and compares the statements with those
of data/: the same ids, the same source files by sha256, events that exist. What it does
not do is run the annotators again; it says so, and `cybergov build` does.
"""
from __future__ import annotations

from ..errors import InputError
from ..paths import Paths
from ..sources.context import Context
from ..sources.statements import load_source, statement_folders
from .problems import Report
from .tables import read_csv


def sources_check(paths: Paths, report: Report) -> None:
    try:
        ctx = Context.load(paths)
        sources = {f.name: load_source(paths, f) for f in statement_folders(paths)}
    except InputError as exc:
        report.add("sources", exc.where or "sources", None, None, f"the sources do not build: {exc.problem}" + (f" (fix: {exc.fix})" if exc.fix else ""))
        return
    published = {r["document_id"]: r["sha256"] for r in read_csv(paths.data / "documents.csv")}
    for doc_id in sorted(sources.keys() - published.keys()):
        report.add("sources", f"sources/statements/{doc_id}", None, None, "is not in data/: run `cybergov build`")
    for doc_id in sorted(published.keys() - sources.keys()):
        report.add("sources", "data/documents.csv", None, None, f"{doc_id} has no statement folder any more: run `cybergov build`")
    for doc_id, src in sorted(sources.items()):
        if doc_id in published and published[doc_id] != src.metadata["sha256"]:
            report.add("sources", src.folder, None, None, "its source file differs from the one data/ was built from: run `cybergov build`")
        event = src.metadata.get("event")
        if event is not None and event not in ctx.event_ids:
            report.add("sources", f"{src.folder}/metadata.yaml", None, None, f"event {event!r} is not in sources/events.yaml")
    report.checked["sources"] = len(sources)
    report.notes.append("the sources were read and compared with data/ (statements, source files, events); "
                        "the annotations were not made again: `cybergov build` does that")
