"""Shared fixtures: tests work on copies of the project, never on the repository's data/."""
from __future__ import annotations

import hashlib
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
# What most tests build: the two seeds and a few imported statements of each kind (a General Debate
# speech per line layout, a press conference in English and Chinese). The whole corpus is built
# once per session (`full`), for the freshness test and the corpus-wide checks.
CORPUS = {"speech": "2021-ungd76-usa", "speech_blocks": "2024-ungd79-chn",
          "press_en": "2019-09-25-mfa-china-press-conference-en", "press_zh": "2019-09-25-mfa-china-press-conference-zh"}
SAMPLE = (*SEEDS.values(), *CORPUS.values())


def copy_project(dst: Path, with_outputs: bool = False, statements=SAMPLE) -> Paths:
    """A project root with the hand-written inputs and the `statements` (all of them with None),
    built when `with_outputs` (so that data/ matches the statements copied)."""
    for folder in ("sources", "schemas", "datasette", "tests/gold"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, dst / folder, ignore=shutil.ignore_patterns("statements") if folder == "sources" else None)
    (dst / "sources" / "statements").mkdir()
    chosen = sorted(p.name for p in (ROOT / "sources" / "statements").iterdir()) if statements is None else statements
    for name in chosen:
        if (ROOT / "sources" / "statements" / name).is_dir():
            shutil.copytree(ROOT / "sources" / "statements" / name, dst / "sources" / "statements" / name)
    paths = Paths.at(dst)
    if with_outputs:
        build(paths, jobs=1, use_cache=False)
    return paths


def tree_digest(folder: Path) -> dict[str, str]:
    """File name → sha256 of its bytes: equal trees compare equal, and a failing comparison prints
    hashes rather than megabytes (pytest's diff of raw bytes of data/ runs for hours)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """The names whose content differs or that only one tree has."""
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Paths:
    """A fresh build of the sample (SAMPLE) in a temporary project, once per session."""
    return copy_project(tmp_path_factory.mktemp("built"), with_outputs=True)


@pytest.fixture(scope="session")
def full(tmp_path_factory) -> Paths:
    """The repository's whole corpus built afresh into a temporary folder, once per session."""
    out = tmp_path_factory.mktemp("full")
    build(Paths.at(ROOT), out_root=out, use_cache=False)
    return Paths.at(out)


@pytest.fixture
def project(tmp_path, built) -> Paths:
    """A temporary copy of the built sample with its outputs, for tests that break things."""
    dst = tmp_path / "project"
    shutil.copytree(built.root, dst, ignore=shutil.ignore_patterns(".cache"))
    return Paths.at(dst)


def rows(paths: Paths, table: str) -> list[dict]:
    return list(read_csv(paths.data / f"{table}.csv"))
