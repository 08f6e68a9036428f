"""`cybergov import`: a corpus's items in as statement folders, all of them or none.

For every adapter: the scope decides which items come in (an item of a translation pair
comes in with its pair); items already imported (same corpus and item) are left alone, and
one whose bytes changed in the corpus is reported, never replaced; every new statement is
read once as the build will read it (the trial the caller hands in); then the folders and
the new events are written in one step: staged beside their place, moved in, and on any
failure (or after an interruption, at the next run) removed again.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ...errors import InputError
from ...paths import Paths
from ...sources.context import Context
from ...sources.scope import Scope
from ...sources.statements import Source, statement_folders
from ...sources.yamlio import check_schema, load_yaml
from ..yamltext import yaml_scalar
from .item import Item, Reading

Trial = Callable[[Source, Context], object]
JOURNAL = ".import-journal"


@dataclass
class Outcome:
    read: int = 0
    in_scope: int = 0
    added: list[str] = field(default_factory=list)
    present: int = 0
    changed: list[str] = field(default_factory=list)
    out_of_scope: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    remarks: list[str] = field(default_factory=list)
    events: int = 0


def existing(paths: Paths) -> dict[tuple[str, str], tuple[str, str]]:
    """(corpus, item) -> (document_id, sha256) of the statements already imported."""
    out = {}
    for folder in statement_folders(paths):
        meta_path = folder / "metadata.yaml"
        if not meta_path.is_file():
            continue
        text = meta_path.read_text(encoding="utf-8", errors="replace")
        if "corpus:" not in text:
            continue
        meta = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        corpus = meta.get("corpus") or {}
        out[(corpus.get("id"), corpus.get("item"))] = (folder.name, meta.get("sha256"))
    return out


def select(reading: Reading, scope: Scope | None, outcome: Outcome) -> list[Item]:
    """Items in scope (all with scope None), and the other version of each translation pair in scope."""
    for item in reading.items:
        item.in_scope = scope.cue_in(item.text) if scope else "all"
    by_key = {i.key: i for i in reading.items}
    chosen = [i for i in reading.items if i.in_scope or (i.pair and by_key.get(i.pair) and by_key[i.pair].in_scope)]
    outcome.read += len(reading.items)
    outcome.in_scope += sum(1 for i in reading.items if i.in_scope)
    outcome.out_of_scope += len(reading.items) - len(chosen)
    outcome.skipped += [(s.shown, s.reason) for s in reading.skipped]
    outcome.remarks += reading.remarks
    return chosen


def render_metadata(item: Item) -> str:
    meta = {**item.metadata, "sha256": item.sha256}
    order = ["document_id", "source_file", "sha256", "encoding", "format", "profile", "publisher", "genre", "language", "title",
             "date_published", "source_url", "retrieved", "corpus", "speakers", "holder", "event", "translation"]
    lines = [f"# Imported by `cybergov import` from the corpus {item.corpus!r}; the source is kept byte-for-byte."]
    for key in order:
        if key not in meta:
            continue
        value = meta[key]
        if key == "speakers":
            lines.append("speakers: []" if not value else "speakers:")
            for s in value:
                lines.append(f"  - entity: {yaml_scalar(s.get('entity'))}")
                lines += [f"    {k}: {yaml_scalar(s[k])}" for k in ("name", "role") if k in s]
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {yaml_scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


def render_event(ev: dict) -> str:
    keys = ("id", "name", "series", "ordinal", "date", "city", "country", "body")
    return "\n".join(("- " if i == 0 else "  ") + f"{k}: {yaml_scalar(ev.get(k))}" for i, k in enumerate(keys)) + "\n"


def recover(paths: Paths) -> str | None:
    """Undo an import that was interrupted: remove the folders it had moved in, restore events.yaml."""
    journal = paths.sources / JOURNAL
    if not journal.is_file():
        return None
    lines = journal.read_text(encoding="utf-8").splitlines()
    backup = Path(lines[0]) if lines and lines[0] else None
    for name in lines[1:]:
        shutil.rmtree(paths.statements / name, ignore_errors=True)
    if backup is not None and backup.is_file():
        os.replace(backup, paths.sources / "events.yaml")
    journal.unlink()
    return f"an interrupted import was undone: {len(lines) - 1} folder(s) removed, sources/events.yaml restored"


def _events_text(paths: Paths, ctx: Context, items: list[Item]) -> tuple[str | None, int]:
    known = {e["id"] for e in ctx.codebook.events}
    new = {}
    for item in items:
        if item.event and item.event["id"] not in known:
            new.setdefault(item.event["id"], item.event)
    if not new:
        return None, 0
    path = paths.sources / "events.yaml"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    old = old if not old or old.endswith("\n") else old + "\n"
    return old + "".join("\n" + render_event(ev) for _, ev in sorted(new.items())), len(new)


def _with_events(paths: Paths, ctx: Context, events_text: str) -> Context:
    """The context as it will be once the new events are in events.yaml (checked as the build checks them)."""
    fd, tmp = tempfile.mkstemp(prefix=".events-", suffix=".tmp", dir=paths.sources)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(events_text.encode("utf-8"))
        events = load_yaml(Path(tmp), "sources/events.yaml")
        check_schema(events, paths.schemas / "inputs" / "events.schema.json", "sources/events.yaml", "schemas/inputs/events.schema.json")
    finally:
        Path(tmp).unlink(missing_ok=True)
    return Context(paths=paths, codebook=dataclasses.replace(ctx.codebook, events=sorted(events, key=lambda e: e["id"])),
                   profiles=ctx.profiles)


def _stage(paths: Paths, ctx: Context, item: Item, staging: Path, trial: Trial) -> None:
    """The item's folder under `staging`, read once as the build will read it."""
    folder = staging / item.document_id
    folder.mkdir()
    (folder / item.metadata["source_file"]).write_bytes(item.raw)
    (folder / "metadata.yaml").write_text(render_metadata(item), encoding="utf-8")
    final = paths.statements / item.document_id
    shown = f"{paths.rel(final)}/metadata.yaml"
    meta = load_yaml(folder / "metadata.yaml", shown)
    check_schema(meta, paths.schemas / "inputs" / "metadata.schema.json", shown, "schemas/inputs/metadata.schema.json")
    src = Source(document_id=item.document_id, folder=paths.rel(final), raw=item.raw, metadata=meta, curated=None)
    try:
        trial(src, ctx)
    except InputError as exc:
        raise InputError(f"{item.key} would not build: {exc.problem}", item.shown, None, exc.fix) from None


def commit(paths: Paths, ctx: Context, items: list[Item], trial: Trial, progress=None) -> int:
    """Write the items' folders and new events in one step; the number of new events."""
    events_text, new_events = _events_text(paths, ctx, items)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=paths.statements))
    journal, backup = paths.sources / JOURNAL, None
    try:
        trial_ctx = _with_events(paths, ctx, events_text) if events_text is not None else ctx
        for item in items:
            _stage(paths, trial_ctx, item, staging, trial)
            if progress:
                progress(1)
        if events_text is not None:
            backup = paths.sources / f".events-{os.getpid()}.bak"
            shutil.copyfile(paths.sources / "events.yaml", backup)
        # From here on, the journal lets an interrupted run be undone (recover) at the next one.
        journal.write_text("\n".join([str(backup or ""), *(i.document_id for i in items)]) + "\n", encoding="utf-8")
        for item in items:
            os.rename(staging / item.document_id, paths.statements / item.document_id)
        if events_text is not None:
            tmp = paths.sources / f".events-{os.getpid()}.tmp"
            tmp.write_text(events_text, encoding="utf-8")
            os.replace(tmp, paths.sources / "events.yaml")
        journal.unlink()
        if backup:
            backup.unlink(missing_ok=True)
    except BaseException:
        recover(paths)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return new_events
