"""Shared fixtures: tests work on copies of the project, never on the repository's data/."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build"))

from cybergov.package.tables import read_csv  # noqa: E402
from cybergov.paths import Paths  # noqa: E402
from cybergov.pipeline import build  # noqa: E402

SEEDS = {"readout": "2025-05-01-wang-yi-brics-nsa", "remarks": "2024-06-20-fu-cong-unsc-cybersecurity"}


def copy_project(dst: Path, with_outputs: bool = False) -> Paths:
    """A project root with the hand-written inputs (and optionally the committed outputs)."""
    for folder in ("sources", "schemas", "datasette", "tests/gold"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, dst / folder)
    if with_outputs:
        shutil.copytree(ROOT / "data", dst / "data")
        shutil.copy2(ROOT / "datapackage.json", dst / "datapackage.json")
    return Paths.at(dst)


def with_test_entities(paths: Paths) -> Paths:
    """A project copy whose codebook also holds the invented fixtures' entities (tests/fixtures/entities.yaml)."""
    entities = paths.codebook / "entities.yaml"
    extra = (Path(__file__).parent / "fixtures" / "entities.yaml").read_text(encoding="utf-8")
    entities.write_text(entities.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    return paths


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Paths:
    """A fresh build of the current sources in a temporary project (built once per session)."""
    paths = copy_project(tmp_path_factory.mktemp("built"))
    build(paths, jobs=1, use_cache=False)
    return paths


@pytest.fixture
def project(tmp_path, built) -> Paths:
    """A temporary copy of the project with its committed outputs, for tests that break things.

    The nested view is not committed (it is built into dist/); it is taken from a fresh build,
    which the freshness test proves equal to the committed outputs.
    """
    paths = copy_project(tmp_path / "project", with_outputs=True)
    paths.dist.mkdir()
    shutil.copy2(built.nested, paths.nested)
    return paths


def rows(paths: Paths, table: str) -> list[dict]:
    return list(read_csv(paths.data / f"{table}.csv"))
