"""The flow, top to bottom: sources -> intake -> documents -> annotations -> package.

`build`: load the inputs (codebook, profiles, package metadata) and check them; process
every statement with the pure function of statement.py (over a process pool, reusing cached
results for statements whose inputs did not change); stream the rows into the tables in
document order; describe them in datapackage.json; swap the new outputs in.
`add`: one saved page into sources/statements/, after a trial run of the same function.
"""
from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError
from .intake.add import add as intake_add
from .intake.detected import Detected
from .package.report import candidates_not_in_codebook
from .package.writer import Summary, swap_in, write_all
from .paths import Paths
from .runner import cache_file, inputs_fingerprint, load_workbench, prune_cache, results, statement_fingerprint
from .sources.context import Context
from .sources.package_meta import load_package_meta
from .sources.statements import statement_folders
from .statement import Workbench, process


def build(paths: Paths, out_root: Path | None = None, jobs: int | None = None, use_cache: bool = True, progress=None) -> Summary:
    """Build data/ and datapackage.json under out_root (default: the project root).

    `progress(n)`, if given, is called as each statement is written.
    """
    out_root = Path(out_root or paths.root)
    meta = load_package_meta(paths)
    bench = load_workbench(paths)
    # Sorted here, whatever order the listing gave: rows are written in document-id order.
    folders = sorted(statement_folders(paths), key=lambda f: f.name)
    if not folders:
        raise InputError("there are no statements", paths.rel(paths.statements), fix="add one with `cybergov add FILE`")
    base = inputs_fingerprint(paths)
    cache_dir = paths.cache / "statements" if use_cache else None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprints = [statement_fingerprint(f, base) if cache_dir else None for f in folders]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(folders)))

    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_root))
    try:
        rows = results(bench, folders, fingerprints, cache_dir, jobs)
        summary = write_all(bench.ctx, meta, folders, rows, staging, progress)
        swap_in(staging, out_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        gc.unfreeze()  # the caller (a test session, say) collects as usual again
    if cache_dir is not None:
        prune_cache(cache_dir, {cache_file(cache_dir, f, fp).name for f, fp in zip(folders, fingerprints)})
    return summary


def add(paths: Paths, file: Path, publisher: str | None = None, url: str | None = None, doc_id: str | None = None,
        ctx: Context | None = None) -> Detected:
    """`cybergov add`: stage 2 writes the folder after a trial run of stages 3 and 4 on it."""
    detected, rows = intake_add(paths, file, trial=lambda src, trial_ctx: process(src, Workbench(trial_ctx)),
                                publisher=publisher, url=url, doc_id=doc_id, ctx=ctx)
    detected.candidates = candidates_not_in_codebook(rows)
    return detected
