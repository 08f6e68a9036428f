"""Putting a staged build in place so that an interruption leaves the old outputs or the new
ones, never a mix.

A build writes everything into `.build-<pid>-<random>/` under the output root. One rename
commits it: the marker COMPLETE appears in the staging folder. Before the marker, the
staging folder is a build that never finished, and is removed; after it, the outputs are
moved into place, a step that whoever comes next repeats until it is done (`recover`, called
by every command that reads the package). Each move leaves its path empty for an instant
(the old output out, the new one in); the marker says which state is the truth.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .writer import JSONL

STAGING = ".build-"
MARK = "COMPLETE"
# What an older version of the build left behind when it was killed in its swap.
_OLD_DATA = ".data-old-"
# What a staged build holds, and where each goes under the output root.
PLACES = (("data", "data"), ("datapackage.json", "datapackage.json"),
          ("statement.schema.json", "schemas/statement.schema.json"), ("CODEBOOK.md", "CODEBOOK.md"),
          (JSONL, f"dist/{JSONL}"))


def put_in_place(src: Path, dst: Path) -> None:
    """Move the file `src` to `dst`, the old `dst` moved aside and removed, not renamed over.

    ext4 writes out at once a file renamed over another (auto_da_alloc), a second for a
    gigabyte; renamed to a free name it is written back when the kernel likes. `dst` is
    absent for an instant, as each output of a build is (see finish below).
    """
    old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
    try:
        os.replace(dst, old)
    except FileNotFoundError:
        old = None
    os.replace(src, dst)
    if old is not None:
        old.unlink()


def staging_prefix() -> str:
    """Staging folders carry the builder's pid, so that `recover` leaves a running build alone."""
    return f"{STAGING}{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def commit(staging: Path, out_root: Path) -> None:
    """Mark the staged build complete (the one atomic step), then move it into place."""
    tmp = staging / f"{MARK}.tmp"
    with tmp.open("wb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, staging / MARK)
    finish(staging, out_root)


def finish(staging: Path, out_root: Path) -> None:
    """Move what is left in a complete staging folder into place; safe to repeat after a kill."""
    for name, target in PLACES:
        src, dst = staging / name, out_root / target
        if not src.exists():
            continue  # moved already
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.exists():
            # Moved aside rather than renamed over (put_in_place says why), into the staging
            # folder, which is removed once everything is in place.
            old = staging / f"{name}.old"
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            os.replace(dst, old)
        os.replace(src, dst)
    shutil.rmtree(staging, ignore_errors=True)


def recover(out_root: Path) -> list[str]:
    """Finish committed builds that were interrupted and remove unfinished ones; what was done, as sentences."""
    done = []
    for folder in sorted(Path(out_root).glob(f"{STAGING}*")):
        pid = folder.name[len(STAGING):].split("-")[0]
        if not folder.is_dir() or (pid.isdigit() and _alive(int(pid))):
            continue
        if (folder / MARK).exists():
            finish(folder, out_root)
            done.append(f"finished putting in place the build interrupted in {folder.name}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"removed {folder.name}, a build that was interrupted before it was complete")
    for old in sorted(Path(out_root).glob(f"{_OLD_DATA}*")):
        if (Path(out_root) / "data").exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, Path(out_root) / "data")
        done.append(f"cleared {old.name}, left by an interrupted build")
    return done
