"""The flow, top to bottom: sources -> intake -> documents -> annotations -> package.

`build`: load the inputs (codebook, profiles, package metadata) and check them; process
every statement with the pure function of statement.py (over a process pool, reusing cached
results for statements whose inputs did not change); stream the rows into the tables in
document order; describe them in datapackage.json; swap the new outputs in.
`add`: one saved page into sources/statements/, after a trial run of the same function.
`import_corpus`: a whole corpus in, after a trial read of every new statement.
"""
from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

from .cluster import fragments_on
from .documents.statement import read_statement
from .errors import InputError
from .intake.add import add as intake_add
from .intake.corpora import importer, ungdc
from .intake.corpora import manifest as pages_manifest
from .intake.corpora.importer import Outcome
from .intake.detected import Detected
from .intake.given import Given
from .package import layout
from .package.candidates import candidates_not_in_codebook
from .package.commit import MARK, commit, recover, staging_prefix
from .package.writer import JSONL, Summary, write_all
from .paths import Paths
from .runner import cache_file, load_workbench, prune_cache, results
from .sources.context import Context
from .sources.fingerprint import FileDigests, inputs_fingerprint, statement_fingerprint
from .sources.package_meta import load_package_meta
from .sources.scope import load_scope
from .sources.statements import statement_folders
from .sources.wording import load_wording
from .statement import Workbench, process


def build(paths: Paths, out_root: Path | None = None, jobs: int | None = None, use_cache: bool = True, progress=None,
          scheduler: str | None = None) -> Summary:
    """Build data/ and datapackage.json under out_root (default: the project root).

    `progress(n)`, if given, is called as each statement is written. `scheduler` (a Dask
    scheduler's address, or "local-cluster" for `jobs` local workers) processes the
    statements on that cluster instead of the local process pool; the output is the same.
    """
    out_root = Path(out_root or paths.root)
    meta = load_package_meta(paths)
    bench = load_workbench(paths)
    # Sorted here, whatever order the listing gave: rows are written in document-id order.
    folders = sorted(statement_folders(paths), key=lambda f: f.name)
    if not folders:
        raise InputError("there are no statements", paths.rel(paths.statements), fix="add one with `cybergov add FILE`")
    base = inputs_fingerprint(paths)
    # Without the cache nothing is read from .cache/, but the layout of what is written is kept
    # there all the same: the next build copies from it, and `validate` knows the statements by it.
    cache_dir = paths.cache / "statements" if use_cache else None
    (cache_dir or paths.cache).mkdir(parents=True, exist_ok=True)
    digests = FileDigests(paths.cache / "sources.pickle")
    fingerprints = [statement_fingerprint(f, base, digests) for f in folders]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(folders)))

    out_root.mkdir(parents=True, exist_ok=True)
    recover(out_root)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(), dir=out_root))
    files = layout.outputs(out_root, out_root / "dist" / JSONL)
    previous = layout.Previous.open(paths.cache if use_cache else None, out_root, files)
    written = layout.Layout(str(out_root), [(f.name, fp) for f, fp in zip(folders, fingerprints)])
    try:
        elsewhere = (lambda todo: fragments_on(scheduler, jobs, paths.root, todo)) if scheduler else None
        rows = results(bench, folders, fingerprints, cache_dir, jobs, elsewhere, previous)
        summary = write_all(bench.ctx, meta, folders, rows, staging, progress, written)
        commit(staging, out_root)
    finally:
        if previous is not None:
            previous.close()
        if not (staging / MARK).exists():  # a committed build is finished by the next `recover`
            shutil.rmtree(staging, ignore_errors=True)
        gc.unfreeze()  # the caller (a test session, say) collects as usual again
    layout.save(paths.cache, written, files)
    digests.save()
    if cache_dir is not None:
        prune_cache(cache_dir, {cache_file(cache_dir, f, fp).name for f, fp in zip(folders, fingerprints)})
    return summary


def settle(paths: Paths) -> list[str]:
    """Before reading the package: finish or undo what an interrupted build left (package/commit.py)."""
    return recover(paths.root)


def add(paths: Paths, file: Path, publisher: str | None = None, url: str | None = None, doc_id: str | None = None,
        ctx: Context | None = None, given: Given | None = None) -> Detected:
    """`cybergov add`: stage 2 writes the folder after a trial run of stages 3 and 4 on it."""
    detected, rows = intake_add(paths, file, trial=lambda src, trial_ctx: process(src, Workbench(trial_ctx)),
                                publisher=publisher, url=url, doc_id=doc_id, ctx=ctx, given=given)
    w = load_wording(paths)
    detected.candidates = candidates_not_in_codebook(rows, w.role_words | w.honorifics, w.english_words)
    return detected


def import_corpus(paths: Paths, adapter: str, source: Path, speakers: Path | None = None, manifest: Path | None = None,
                  corpus: str | None = None, scope: str = "in", progress=None) -> Outcome:
    """`cybergov import`: stage 2 reads a corpus and writes the new statements after a trial read (stage 3) of each."""
    recovered = importer.recover(paths)
    ctx = Context.load(paths)
    wording = load_wording(paths)
    if adapter == "ungdc":
        reading = ungdc.read(Path(source), Path(speakers), ctx, wording, str(source), str(speakers))
    else:
        if corpus not in {c["id"] for c in ctx.codebook.corpora}:
            raise InputError(f"--corpus {corpus!r} is not in sources/corpora.yaml", str(source), None,
                             "describe the collection in sources/corpora.yaml (title, publisher, licence) and give its id")
        reading = pages_manifest.read(Path(source), Path(manifest), corpus, ctx, wording, str(manifest), progress)
    outcome = importer.Outcome()
    if recovered:
        outcome.remarks.append(recovered)
    chosen = importer.select(reading, load_scope(paths) if scope == "in" else None, outcome)
    have = importer.existing(paths)
    new = []
    for item in chosen:
        known = have.get((item.corpus, item.key))
        if known is None and (paths.statements / item.document_id).exists():
            raise InputError(f"the id {item.document_id!r} is taken by a statement that is not this corpus item", item.shown, None,
                             "rename or remove the existing statement folder, then import again")
        if known is None:
            new.append(item)
        elif known[1] != item.sha256:
            outcome.changed.append(f"{known[0]}: {item.key} differs from the copy imported before (kept as it was; "
                                   "remove the folder and import again to take the new version)")
        else:
            outcome.present += 1
    outcome.events = importer.commit(paths, ctx, new, trial=read_statement, progress=progress)
    outcome.added = [i.document_id for i in new]
    return outcome
