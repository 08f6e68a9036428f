"""The real corpus for the benchmark: the UN General Debate archive, imported into scratch roots.

    roots = prepare(work, [1000, 0])   # 0: every speech

The archive lives beside the repository (`../shared/corpora/ungdc/`), never in it. The
whole archive is imported once with `cybergov import ungdc --scope all` into a scratch
project root (the repository's codebook, profiles, schemas and site, no statements); a
smaller size is a copy of that root with an evenly spaced choice of the speeches (every
k-th by id, so every decade is in it), which is what a corpus of that size would hold.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "ungdc"
TGZ = ARCHIVE / "UNGDC_1946-2024.tgz"
SPEAKERS = ARCHIVE / "Speakers_by_session.xlsx"
CYBERGOV = Path(sys.executable).parent / "cybergov"


def available() -> bool:
    return TGZ.is_file() and SPEAKERS.is_file()


def _skeleton(dst: Path, src: Path = ROOT) -> None:
    """A project root with `src`'s hand-written inputs and no statements."""
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    for name in ("sources", "schemas", "datasette"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dst / name, ignore=shutil.ignore_patterns("statements", ".add-*"))
    (dst / "sources" / "statements").mkdir()


def import_all(dst: Path) -> int:
    """Every speech of the archive imported into a fresh root at `dst`; the number imported."""
    _skeleton(dst)
    subprocess.run([str(CYBERGOV), "--root", str(dst), "import", "ungdc", str(TGZ), "--speakers", str(SPEAKERS), "--scope", "all"],
                   check=True, capture_output=True)
    return sum(1 for _ in (dst / "sources" / "statements").iterdir())


def subset(full: Path, dst: Path, size: int) -> None:
    """A root with `size` of `full`'s speeches, evenly spaced in id order (events.yaml as imported)."""
    _skeleton(dst, full)
    names = sorted(p.name for p in (full / "sources" / "statements").iterdir())
    step = len(names) / size
    for i in range(size):
        name = names[int(i * step)]
        shutil.copytree(full / "sources" / "statements" / name, dst / "sources" / "statements" / name)


def prepare(work: Path, sizes: list[int]) -> dict[int, Path]:
    """Roots keyed by their number of statements (a size of 0, or above the archive's, is every speech)."""
    full = work / "ungdc-all"
    total = import_all(full)
    roots = {}
    for n in sizes:
        if n <= 0 or n >= total:
            roots[total] = full
        else:
            subset(full, work / f"ungdc-{n}", n)
            roots[n] = work / f"ungdc-{n}"
    return roots
