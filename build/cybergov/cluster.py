"""The per-statement function on a Dask cluster (dask.distributed) instead of the process pool.

`--scheduler local-cluster` starts a cluster of worker processes on this machine;
`--scheduler tcp://host:8786` uses a running one. Workers read the statements and the
codebook from the project's path, so they must see the project there (a shared file system,
or the same checkout in their image), and they must run the same code: before any work, each
worker computes the inputs' fingerprint (codebook, profiles, schemas, code) and a worker
that differs from this machine stops the build, since its rows would not be the same bytes.

Statements go out in batches, at most a few batches per worker ahead of the writer, and
come back in their order: the tables are written as by the local build, and the results
waiting on the cluster stay bounded whatever the corpus size.
"""
from __future__ import annotations

from collections import deque
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .paths import Paths
from .runner import process_folder, worker_bench
from .sources.fingerprint import inputs_fingerprint

LOCAL = "local-cluster"
# A task costs the scheduler about a millisecond; a statement takes 5-50 ms to process.
BATCH = 8
# Batches in flight per worker: enough that no worker waits for the writer.
AHEAD = 4


@contextmanager
def connected(scheduler: str, workers: int | None) -> Iterator:
    """A client of the named scheduler, or of a cluster of `workers` local processes (one thread each)."""
    from dask.distributed import Client, LocalCluster

    if scheduler == LOCAL:
        # No dashboard: it needs an extra package and a port, and nobody watches a build's.
        with LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield client
    else:
        with Client(scheduler) as client:
            yield client


def _fingerprint(root: str) -> str:
    return inputs_fingerprint(Paths.at(root))


def _run_batch(root: str, folders: list[str]) -> list[dict]:
    """On a worker: the fragments of a few statements, with the worker's own workbench."""
    worker_bench(root)
    return [process_folder(Path(f), None, None) for f in folders]


def check_workers(client, root: str) -> int:
    """The number of workers, once each has shown the same inputs as this machine."""
    client.wait_for_workers(1)
    mine = _fingerprint(root)
    theirs = client.run(_fingerprint, root)
    differing = sorted(w for w, fp in theirs.items() if fp != mine)
    if differing:
        raise InputError(f"{len(differing)} Dask worker(s) see other code, codebook or schemas than this machine", differing[0],
                         fix="run the workers from the same checkout of the project, at the same path")
    return len(theirs)


def fragments_on(scheduler: str, workers: int | None, root: Path, folders: list[Path]) -> Iterator[dict]:
    """The fragments of `folders`, processed on the cluster, in the order of `folders`."""
    with connected(scheduler, workers) as client:
        ahead = AHEAD * check_workers(client, str(root))
        batches = ([str(f) for f in folders[i:i + BATCH]] for i in range(0, len(folders), BATCH))
        # Submitted in order, so the scheduler runs the earliest first; the writer takes them in order too.
        pending = deque(client.submit(_run_batch, str(root), b, pure=False) for b in islice(batches, ahead))
        while pending:
            future = pending.popleft()
            done = future.result()
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                pending.append(client.submit(_run_batch, str(root), nxt, pure=False))
            yield from done
