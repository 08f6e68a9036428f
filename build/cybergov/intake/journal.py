"""Putting a new statement and the shared files it changes (events.yaml, entities.yaml) in place
as one step.

Each file is staged beside its final place and checked first. Then a journal is written that
names the statement folder and a backup of each shared file; the folder is renamed into place
and the shared files replaced; the journal is removed last. A process killed in between
leaves the journal, and the next `add` (or a failure on the way) undoes the step from it:
the folder is removed and the shared files restored, so sources/ is as before, and the same
page can be added again. Staging files left by a killed run are removed at the next start.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..paths import Paths

JOURNAL = ".add-journal"
_PREFIX = ".add-"


def _journal(paths: Paths) -> Path:
    return paths.sources / JOURNAL


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=_PREFIX, suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def recover(paths: Paths) -> str | None:
    """Undo an `add` that was interrupted, and remove what a killed run left behind; what was done, if anything."""
    journal = _journal(paths)
    said = None
    if journal.is_file():
        lines = journal.read_text(encoding="utf-8").splitlines()
        folder, restores = lines[0], [line.split("\t") for line in lines[1:] if line]
        shutil.rmtree(paths.statements / folder, ignore_errors=True)
        for target, backup in restores:
            if Path(backup).is_file():
                os.replace(backup, target)
        journal.unlink()
        said = f"an interrupted `add` of {folder!r} was undone: its folder removed, {len(restores)} shared file(s) restored"
    for where in (paths.statements, paths.sources, paths.codebook):
        if not where.is_dir():
            continue
        for p in where.iterdir():
            # .add-*: this module's staging; .events-*.tmp: what earlier versions of `add` staged events.yaml in
            if p.name.startswith(_PREFIX) or (p.name.startswith(".events-") and p.name.endswith(".tmp")):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    return said


def stage_file(path: Path, text: str) -> Path:
    """The new content of a shared file, beside it, for checking before anything is replaced."""
    fd, tmp = tempfile.mkstemp(prefix=_PREFIX, suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(text.encode("utf-8"))
    return Path(tmp)


def put_in_place(paths: Paths, staging: Path, folder: str, shared: dict[Path, Path]) -> None:
    """Rename the staged folder to sources/statements/<folder> and each staged file over its target, undoably."""
    backups = {}
    for target in shared:
        fd, backup = tempfile.mkstemp(prefix=_PREFIX, suffix=".bak", dir=target.parent)
        os.close(fd)
        shutil.copyfile(target, backup)
        backups[target] = backup
    _write_atomic(_journal(paths), "\n".join([folder, *(f"{t}\t{b}" for t, b in backups.items())]).encode("utf-8") + b"\n")
    try:
        os.rename(staging, paths.statements / folder)
        for target, staged in shared.items():
            os.replace(staged, target)
        _journal(paths).unlink()
    except BaseException:
        recover(paths)
        raise
    for backup in backups.values():
        Path(backup).unlink(missing_ok=True)
