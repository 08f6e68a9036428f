"""The build on a Dask cluster writes the same bytes as the local build."""
from __future__ import annotations

from conftest import copy_project, tree_digest
from cybergov import runner
from cybergov.pipeline import build


def test_a_local_cluster_of_two_workers_writes_the_same_package(tmp_path, built, monkeypatch):
    def not_here(*args):
        raise AssertionError("a statement was processed in the main process, not on the cluster")

    # The workers are fresh processes (spawned), so this stops only a local run.
    monkeypatch.setattr(runner, "process_folder", not_here)
    paths = copy_project(tmp_path / "project")
    summary = build(paths, jobs=2, use_cache=True, scheduler="local-cluster")
    assert summary.documents == 6 and summary.reused == 0
    assert tree_digest(paths.data) == tree_digest(built.data)
    assert paths.datapackage.read_bytes() == built.datapackage.read_bytes()
    assert paths.nested.read_bytes() == built.nested.read_bytes()
    # The cache was written on this machine from what the workers returned: a second build reuses it all.
    assert build(paths, jobs=2, scheduler="local-cluster").reused == 6
    assert tree_digest(paths.data) == tree_digest(built.data)
