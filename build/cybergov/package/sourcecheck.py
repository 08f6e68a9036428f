"""Whether the sources still make the package that is committed, short of building it.

`validate` reads the package; a hand edit to sources/ since the last build would not show
there. This check reads every input the way the build does (the codebook, the profiles, each
statement's metadata, curated file and source bytes) and compares the statements with those
of data/: the same ids, the same source files by sha256, events that exist. What it does
not do is run the annotators again; it says so, and `cybergov build` does.

A statement whose files and other inputs have the fingerprint the last build recorded for it
(.cache/, kept by the build) is not read again: the build read those very files and checked
them, and recorded their sha256 and event. Files are known by size, inode and modification
time, as the build knows them; any edit changes the time, and the statement is read again.
"""
from __future__ import annotations

from ..errors import InputError
from ..paths import Paths
from ..sources.context import Context
from ..sources.fingerprint import FileDigests, inputs_fingerprint, statement_fingerprint
from ..sources.statements import load_source, statement_folders
from . import layout
from .problems import Report
from .tables import read_csv


def _last_build(paths: Paths, folders: list) -> dict[str, dict]:
    """What the last build recorded of each statement whose inputs are unchanged since: its
    sha256 and event, by folder name; empty without a layout in .cache/."""
    last = layout.load(paths.cache)
    if last is None:
        return {}
    known = dict(zip(last.keys, last.meta))
    base, digests = inputs_fingerprint(paths), FileDigests(paths.cache / "sources.pickle")
    out = {}
    for folder in folders:
        meta = known.get((folder.name, statement_fingerprint(folder, base, digests)))
        if meta is not None:
            out[folder.name] = {"sha256": meta["_sha256"], "event": meta["_event"]}
    return out


def sources_check(paths: Paths, report: Report) -> None:
    try:
        ctx = Context.load(paths)
        folders = list(statement_folders(paths))
        known = _last_build(paths, folders)
        sources = {f.name: known.get(f.name) or load_source(paths, f).metadata for f in folders}
    except InputError as exc:
        report.add("sources", exc.where or "sources", None, None, f"the sources do not build: {exc.problem}" + (f" (fix: {exc.fix})" if exc.fix else ""))
        return
    published = {r["document_id"]: r["sha256"] for r in read_csv(paths.data / "documents.csv")}
    for doc_id in sorted(sources.keys() - published.keys()):
        report.add("sources", f"sources/statements/{doc_id}", None, None, "is not in data/: run `cybergov build`")
    for doc_id in sorted(published.keys() - sources.keys()):
        report.add("sources", "data/documents.csv", None, None, f"{doc_id} has no statement folder any more: run `cybergov build`")
    for doc_id, meta in sorted(sources.items()):
        folder = paths.rel(paths.statements / doc_id)
        if doc_id in published and published[doc_id] != meta["sha256"]:
            report.add("sources", folder, None, None, "its source file differs from the one data/ was built from: run `cybergov build`")
        event = meta.get("event")
        if event is not None and event not in ctx.event_ids:
            report.add("sources", f"{folder}/metadata.yaml", None, None, f"event {event!r} is not in sources/events.yaml")
    report.checked["sources"] = len(sources)
    report.checked["sources read again"] = len(sources) - len(known)
    report.notes.append("the sources were read (those unchanged since the last build known from .cache/) and compared with "
                        "data/ (statements, source files, events); the annotations were not made again: `cybergov build` does that")
