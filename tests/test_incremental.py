"""A rebuild copies unchanged statements' rows from the last build's outputs (package/layout.py),
and its outputs are byte for byte those of a build from nothing, whatever happened between."""
from __future__ import annotations

import os
import shutil

import pytest
from conftest import SAMPLE, copy_project, tree_digest
from cybergov.package import layout
from cybergov.package.writer import JSONL
from cybergov.pipeline import build

STATEMENTS = (*SAMPLE, "1983-ungd38-sgp", "2015-ungd70-lva")


def outputs(paths) -> dict[str, str]:
    digest = tree_digest(paths.data)
    digest[JSONL] = tree_digest(paths.dist)[JSONL]
    digest["datapackage.json"] = tree_digest(paths.root)["datapackage.json"]
    return digest


def fresh(paths, tmp_path) -> dict[str, str]:
    """The outputs of a build of the same sources without any cache, in another folder."""
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    build(paths, out_root=out, jobs=1, use_cache=False)
    return outputs(type(paths).at(out))


@pytest.fixture
def cached(tmp_path):
    from cybergov.paths import Paths

    chosen = [s for s in STATEMENTS if (Paths.at().statements / s).is_dir()]
    assert len(chosen) >= 5, "the sample statements of this test are missing from sources/statements"
    paths = copy_project(tmp_path / "project", statements=chosen)
    build(paths, jobs=1)
    return paths


def reused_from_outputs(paths, monkeypatch) -> list[str]:
    """Build, and say which statements came from the last build's files rather than the cache."""
    seen = []
    original = layout.Previous.find

    def find(self, name, fingerprint):
        found = original(self, name, fingerprint)
        if found is not None:
            seen.append(name)
        return found
    monkeypatch.setattr(layout.Previous, "find", find)
    build(paths, jobs=1)
    return seen


def test_an_unchanged_rebuild_copies_every_statement_from_the_outputs(cached, tmp_path, monkeypatch):
    before = outputs(cached)
    assert len(reused_from_outputs(cached, monkeypatch)) == len(list(cached.statements.iterdir()))
    assert outputs(cached) == before == fresh(cached, tmp_path)


def test_an_added_statement_goes_in_its_place_between_copied_ones(cached, tmp_path, monkeypatch):
    from cybergov.paths import Paths

    moved = "2015-ungd70-lva"  # between statements that stay
    assert min(p.name for p in cached.statements.iterdir()) < moved < max(p.name for p in cached.statements.iterdir())
    shutil.move(cached.statements / moved, tmp_path / moved)
    build(cached, jobs=1)
    shutil.move(tmp_path / moved, cached.statements / moved)
    reused = reused_from_outputs(cached, monkeypatch)
    assert moved not in reused and len(reused) == len(list(cached.statements.iterdir())) - 1
    assert outputs(cached) == fresh(cached, tmp_path)
    assert outputs(cached) == outputs(Paths.at(tmp_path / "fresh"))


def test_a_new_statement_among_many_reused_is_read_in_one_worker(cached, tmp_path, monkeypatch):
    """With many reused statements, the few new ones go to one worker process, beside the copying."""
    from concurrent.futures import ProcessPoolExecutor

    from cybergov import runner

    moved = "2015-ungd70-lva"
    shutil.move(cached.statements / moved, tmp_path / moved)
    build(cached, jobs=2)
    shutil.move(tmp_path / moved, cached.statements / moved)
    pools = []

    class Recorded(ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kw):
            pools.append(max_workers)
            super().__init__(max_workers=max_workers, **kw)
    monkeypatch.setattr(runner, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(runner, "SIDE_MIN", 2)
    build(cached, jobs=2)
    assert pools == [1]
    assert outputs(cached) == fresh(cached, tmp_path)


def test_a_changed_statement_is_processed_again(cached, tmp_path, monkeypatch):
    first = "2015-ungd70-lva"
    meta = cached.statements / first / "metadata.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("\ntitle: '", "\ntitle: 'Edited: ", 1), encoding="utf-8")
    reused = reused_from_outputs(cached, monkeypatch)
    assert first not in reused
    assert outputs(cached) == fresh(cached, tmp_path)
    assert "Edited: Latvia" in (cached.data / "documents.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit", ["append", "same-size", "remove"])
def test_edited_outputs_are_not_copied_from(cached, tmp_path, monkeypatch, edit):
    """An output changed by hand (even to the same size) no longer matches the layout: the cache is used."""
    target = cached.data / "sentences.csv"
    if edit == "append":
        with target.open("ab") as fh:
            fh.write(b"stray,row\n")
    elif edit == "same-size":
        data = bytearray(target.read_bytes())
        data[-2:-1] = b"#"
        target.write_bytes(bytes(data))
    else:
        target.unlink()
    assert reused_from_outputs(cached, monkeypatch) == []
    assert outputs(cached) == fresh(cached, tmp_path)


def test_a_layout_of_another_output_root_is_ignored(cached, tmp_path):
    other = tmp_path / "elsewhere"
    build(cached, out_root=other, jobs=1)
    files = layout.outputs(cached.root, cached.dist / JSONL)
    assert layout.Previous.open(cached.cache, cached.root, files) is None  # the layout now describes `other`
    found = layout.Previous.open(cached.cache, other, layout.outputs(other, other / "dist" / JSONL))
    assert found is not None
    found.close()


def test_source_digests_are_redone_when_a_file_changes(cached, monkeypatch):
    """Unchanged files are not read to fingerprint them; a file whose stamp changed is."""
    from cybergov.sources import fingerprint

    opened = []
    real = fingerprint.hashlib.file_digest

    def spy(fh, name):
        opened.append(os.path.basename(fh.name))
        return real(fh, name)
    monkeypatch.setattr(fingerprint.hashlib, "file_digest", spy)
    build(cached, jobs=1)
    assert opened == []
    first = min(p.name for p in cached.statements.iterdir())
    meta = cached.statements / first / "metadata.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(cached, jobs=1)
    assert opened == ["metadata.yaml"]


def test_copies_without_copy_file_range(cached, tmp_path, monkeypatch):
    """Where the kernel cannot copy between files (or the platform lacks the call), bytes are read and written."""
    def refuse(*args):
        raise OSError(38, "Function not implemented")
    monkeypatch.setattr(layout.os, "copy_file_range", refuse, raising=False)
    assert len(reused_from_outputs(cached, monkeypatch)) == len(list(cached.statements.iterdir()))
    assert outputs(cached) == fresh(cached, tmp_path)
