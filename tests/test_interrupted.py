"""A build interrupted anywhere leaves the old outputs or the new ones (issue 16): killed
before its commit, the next command removes its staging folder; killed while moving the
committed outputs into place, the next command finishes the move. Pool workers die with it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, tree_digest
from cybergov.package import commit
from cybergov.package.validate import validate
from cybergov.pipeline import build, settle

OUTPUTS = ("data", "datapackage.json", "schemas/statement.schema.json", "CODEBOOK.md", "dist/statements.jsonl")


def outputs(root: Path) -> dict[str, str]:
    out = {}
    for name in OUTPUTS:
        path = root / name
        out.update({f"{name}/{k}": v for k, v in tree_digest(path).items()} if path.is_dir() else
                   {name: tree_digest(path.parent).get(path.name)})
    return out


class Killed(BaseException):
    """Stands for a kill: not an Exception, so no handler of the build catches it."""


def keep(root: Path, kept: Path) -> None:
    for name in OUTPUTS:
        src = root / name
        (kept / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(src, kept / name) if src.is_dir() else shutil.copy2(src, kept / name)


def put_back(kept: Path, root: Path) -> None:
    for name in OUTPUTS:
        dst = root / name
        if dst.is_dir():
            shutil.rmtree(dst)
        dst.unlink(missing_ok=True)
        shutil.copytree(kept / name, dst) if (kept / name).is_dir() else shutil.copy2(kept / name, dst)


def _replace_then_die(after: int):
    real, calls = os.replace, []

    def replace(src, dst):
        if len(calls) == after:
            raise Killed
        calls.append(src)
        real(src, dst)

    return replace


@pytest.fixture
def staged(project, monkeypatch):
    """The outputs of the sample (old), and a committed staging folder of a build without one statement (new)."""
    old = outputs(project.root)
    keep(project.root, project.root.parent / "old-outputs")
    shutil.rmtree(project.statements / SEEDS["readout"])
    monkeypatch.setattr(commit, "finish", lambda staging, root: (_ for _ in ()).throw(Killed))
    with pytest.raises(Killed):
        build(project, jobs=1, use_cache=False)
    monkeypatch.undo()
    [folder] = project.root.glob(".build-*")
    assert (folder / commit.MARK).exists() and outputs(project.root) == old
    template = project.root.parent / "template"
    shutil.copytree(folder, template)
    commit.finish(folder, project.root)
    new = outputs(project.root)
    assert new != old
    return project, template, old, new


def test_a_build_killed_before_its_commit_leaves_the_old_outputs(project, monkeypatch):
    old = outputs(project.root)
    import cybergov.pipeline as pipeline

    def killed(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(pipeline, "commit", killed)
    with pytest.raises(Killed):
        build(project, jobs=1, use_cache=False)
    assert outputs(project.root) == old and not list(project.root.glob(".build-*"))


def test_a_build_killed_while_moving_its_outputs_is_finished_by_the_next_command(staged, monkeypatch):
    project, template, old, new = staged
    moves = len(commit.PLACES) + 1  # data/ takes two: the old one out, the new one in
    for after in range(moves + 1):
        put_back(project.root.parent / "old-outputs", project.root)
        assert outputs(project.root) == old
        folder = project.root / f"{commit.STAGING}999999999-x"
        shutil.copytree(template, folder)
        monkeypatch.setattr(commit.os, "replace", _replace_then_die(after))
        try:
            commit.finish(folder, project.root)
        except Killed:
            pass
        monkeypatch.undo()
        assert settle(project) or after == moves, after
        assert outputs(project.root) == new, after
        assert not list(project.root.glob(".build-*")), after


def test_an_unfinished_staging_folder_is_removed_and_a_missing_data_folder_is_reported(project):
    stale = project.root / f"{commit.STAGING}999999999-y"
    (stale / "data").mkdir(parents=True)
    old_layout = project.root / ".data-old-123"
    shutil.copytree(project.data, old_layout)
    notes = settle(project)
    assert len(notes) == 2 and not stale.exists() and not old_layout.exists()
    shutil.rmtree(project.data)
    report = validate(project)
    assert not report.ok and "missing: run `cybergov build` first" in report.render()


def test_pool_workers_die_with_the_build(tmp_path):
    script = f"""
import os, signal, sys, time
sys.path.insert(0, {str(ROOT / 'build')!r})
from concurrent.futures import ProcessPoolExecutor
from cybergov.processes import die_with_parent
pool = ProcessPoolExecutor(2, initializer=die_with_parent)
pids = {{pool.submit(os.getpid).result() for _ in range(8)}}
pool.submit(time.sleep, 60)
open({str(tmp_path / 'pids')!r}, "w").write(" ".join(map(str, pids)))
os.kill(os.getpid(), signal.SIGKILL)
"""
    # No pipes: a worker left running would hold them open, and the test would wait for it.
    subprocess.run([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert pids
    deadline = time.monotonic() + 5
    while any(_running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(p) for p in pids)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_what_an_interrupted_build_or_add_leaves_is_ignored_by_git():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    leftovers = [f"{commit.STAGING}123-abc/data/x.csv", ".data-old-123/x.csv", "sources/.add-journal", "sources/.events-1.tmp"]
    run = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", *leftovers], capture_output=True, text=True)
    assert sorted(run.stdout.split()) == sorted(leftovers), run.stdout + run.stderr


def test_put_in_place_replaces_a_file_without_renaming_over_it(tmp_path, monkeypatch):
    from cybergov.package.commit import put_in_place

    renames = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (renames.append((Path(a).name, Path(b).exists())), real(a, b))[1])
    (tmp_path / "new").write_text("new", encoding="utf-8")
    put_in_place(tmp_path / "new", tmp_path / "db")  # nothing there yet
    (tmp_path / "newer").write_text("newer", encoding="utf-8")
    put_in_place(tmp_path / "newer", tmp_path / "db")
    assert (tmp_path / "db").read_text(encoding="utf-8") == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db"]  # the old file is gone, not left aside
    assert not any(target_existed for _, target_existed in renames)  # never renamed over a file
