"""Running the per-statement function over many statements: a cache, and a process pool.

A statement's result is cached under the fingerprint of everything it depends on (its own
files, the codebook, profiles, conventions, schemas and this code), so an unchanged
statement is read back instead of processed. The others go to a pool of worker processes,
each with its own workbench, or to a Dask cluster (cluster.py); results come back in the
order of the statements, so the tables are written in a stable order however the work was
spread.
"""
from __future__ import annotations

import gc
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

from .package.layout import Previous
from .paths import Paths
from .processes import die_with_parent
from .sources.context import Context
from .sources.statements import load_source
from .statement import Workbench, fragments, process

# Below this many statements to process, a process pool costs more to start than it saves.
POOL_MIN = 16
# From this many reused statements on, copying their rows takes longer than starting a worker.
SIDE_MIN = 1000


def load_workbench(paths: Paths) -> Workbench:
    bench = Workbench(Context.load(paths))
    # The codebook, automata and spaCy pipelines live as long as the process: frozen, the garbage
    # collector stops walking them after every few hundred rows (10-30% of the time per statement).
    gc.freeze()
    return bench


# --- worker side -------------------------------------------------------------------
_BENCH: Workbench | None = None


def _init_worker(root: str) -> None:
    global _BENCH
    die_with_parent()
    _BENCH = load_workbench(Paths.at(root))
    # A statement's rows make hundreds of thousands of objects and hardly a cycle: the young
    # generation collected every 100,000 allocations instead of 700 saves 5% of a worker's time.
    gc.set_threshold(100_000, 50, 100)


def cache_file(cache_dir: Path, folder: Path, fingerprint: str) -> Path:
    """The cache entry of one statement is named by its inputs' fingerprint: a hit is a file that exists."""
    return cache_dir / f"{folder.name}.{fingerprint[:32]}.pickle"


def _load_cached(path: Path) -> dict:
    with path.open("rb") as fh:
        return pickle.load(fh)


def worker_bench(root: str) -> Workbench:
    """The workbench of this process for the project at `root`, loaded on first use."""
    global _BENCH
    if _BENCH is None or str(_BENCH.ctx.paths.root) != root:
        _BENCH = load_workbench(Paths.at(root))
    return _BENCH


def store(cache_dir: Path | None, folder: Path, fingerprint: str | None, frags: dict) -> dict:
    """Keep a statement's fragments in the cache under its fingerprint (written whole, then renamed)."""
    if cache_dir is not None:
        target = cache_file(cache_dir, folder, fingerprint)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(frags, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    return frags


def process_folder(folder: Path, fingerprint: str | None, cache_dir: Path | None) -> dict:
    """Rows of one statement as CSV fragments, stored in the cache under its fingerprint."""
    bench = _BENCH
    return store(cache_dir, folder, fingerprint, fragments(process(load_source(bench.ctx.paths, folder), bench), bench))


def _process_star(args):
    return process_folder(*args)


def results(bench: Workbench, folders: list[Path], fingerprints: list, cache_dir: Path | None, jobs: int,
            elsewhere: Callable[[list[Path]], Iterator[dict]] | None = None,
            previous: Previous | None = None) -> Iterator[tuple[dict, bool]]:
    """(fragments, reused) per statement, in folder order.

    Cached statements are read here, in the main process: from the last build's outputs when
    `previous` still holds them (package/layout.py), else from the cache; only the others are
    processed: here when they are few and so is the rest, else in worker processes.
    `elsewhere(folders)`, when given (a cluster), yields the fragments of those statements in
    their order instead of the pool; the cache is then written here, not by the workers.
    """
    global _BENCH
    stored = [previous.find(f.name, fp) if previous is not None else None for f, fp in zip(folders, fingerprints)]
    hits = [s is not None or (cache_dir is not None and cache_file(cache_dir, f, fp).is_file())
            for f, fp, s in zip(folders, fingerprints, stored)]
    todo = [(f, fp, cache_dir) for f, fp, hit in zip(folders, fingerprints, hits) if not hit]

    def merged(fresh):  # cached entries are loaded one at a time, when their turn comes
        for f, fp, hit, kept in zip(folders, fingerprints, hits, stored):
            if kept is not None:
                yield kept, True
            else:
                yield (_load_cached(cache_file(cache_dir, f, fp)), True) if hit else (next(fresh), False)

    if elsewhere is not None and todo:
        yield from merged(store(cache_dir, f, fp, frags) for (f, fp, _), frags in zip(todo, elsewhere([t[0] for t in todo])))
        return
    if jobs == 1 or not todo or len(todo) < POOL_MIN and len(folders) - len(todo) < SIDE_MIN:
        _BENCH = bench
        yield from merged(map(_process_star, todo))
        return
    if len(todo) < POOL_MIN:
        # A few new statements among many reused ones: one worker reads them (and imports spaCy)
        # while this process copies the reused rows, instead of after.
        jobs = 1
    else:
        import spacy  # noqa: F401  (once here, before the workers are forked, not once in each)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(str(bench.ctx.paths.root),)) as pool:
        # Results come back in the order of `todo`, so the tables are written in a stable order.
        yield from merged(pool.map(_process_star, todo, chunksize=max(1, min(64, len(todo) // (jobs * 8) or 1))))


def prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Drop entries of removed statements and of inputs that have since changed."""
    for f in cache_dir.glob("*.pickle"):
        if f.name not in keep:
            f.unlink(missing_ok=True)
