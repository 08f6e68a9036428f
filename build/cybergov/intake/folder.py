"""Writing a new statement folder (and a new events.yaml) in one step, after a trial build.

The folder is staged beside its final place; the statement is processed in memory as the
build would (the caller hands in that trial); only then are the folder and events.yaml
moved into place, so a failure leaves sources/ as it was.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..paths import Paths
from ..sources.context import Context
from ..sources.statements import Source, statement_folders
from ..sources.yamlio import check_schema, load_yaml

Trial = Callable[[Source, Context], dict]
_SHA_LINE = re.compile(r"^sha256:\s*['\"]?([0-9a-f]{64})", re.M)


def existing_hashes(paths: Paths) -> dict[str, str]:
    """sha256 of every statement's source, as its metadata records it (the build checks the record),
    so that a large collection is not read again; a folder without the record is hashed."""
    out = {}
    for folder in statement_folders(paths):
        meta = folder / "metadata.yaml"
        found = _SHA_LINE.search(meta.read_text(encoding="utf-8", errors="replace")) if meta.is_file() else None
        if found:
            out[found.group(1)] = folder.name
            continue
        for f in sorted(folder.glob("source.*")):
            out[hashlib.sha256(f.read_bytes()).hexdigest()] = folder.name
    return out


def _staged_events(paths: Paths, events_text: str) -> tuple[Path, list]:
    fd, tmp = tempfile.mkstemp(prefix=".events-", suffix=".tmp", dir=paths.sources)
    with os.fdopen(fd, "wb") as fh:
        fh.write(events_text.encode("utf-8"))
    events = load_yaml(Path(tmp), "sources/events.yaml")
    check_schema(events, paths.schemas / "inputs" / "events.schema.json", "sources/events.yaml", "schemas/inputs/events.schema.json")
    return Path(tmp), events


def commit(paths: Paths, ctx: Context, document_id: str, files: dict[str, bytes], events_text: str | None, shown: str,
           trial: Trial) -> dict:
    """Stage the folder (and events.yaml), run `trial` on the statement, then move both into place; the trial's rows."""
    paths.statements.mkdir(parents=True, exist_ok=True)
    final = paths.statements / document_id
    staging = Path(tempfile.mkdtemp(prefix=".add-", dir=paths.statements))
    events_tmp: Path | None = None
    moved = False
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        meta_shown = f"{paths.rel(final)}/metadata.yaml"
        meta = load_yaml(staging / "metadata.yaml", meta_shown)
        check_schema(meta, paths.schemas / "inputs" / "metadata.schema.json", meta_shown, "schemas/inputs/metadata.schema.json")
        codebook = ctx.codebook
        if events_text is not None:
            events_tmp, events = _staged_events(paths, events_text)
            codebook = dataclasses.replace(codebook, events=sorted(events, key=lambda e: e["id"]))
        trial_ctx = Context(paths=paths, codebook=codebook, profiles=ctx.profiles)
        src = Source(document_id=document_id, folder=paths.rel(final), raw=files[meta["source_file"]], metadata=meta, curated=None)
        try:
            rows = trial(src, trial_ctx)
        except InputError as exc:
            raise InputError(f"the statement would not build: {exc.problem}", shown, None, exc.fix) from None
        if final.exists():
            raise InputError(f"a statement with the id {document_id!r} already exists", shown, None, "choose another id with --id")
        os.rename(staging, final)
        moved = True
        if events_tmp is not None:
            os.replace(events_tmp, paths.sources / "events.yaml")
            events_tmp = None
        return rows
    except BaseException as exc:
        if moved:
            shutil.rmtree(final, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError(f"could not write the statement ({exc.strerror or exc}); nothing was added", shown, None,
                             "check the free space and the permissions of sources/, then run the command again") from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if events_tmp is not None:
            events_tmp.unlink(missing_ok=True)
