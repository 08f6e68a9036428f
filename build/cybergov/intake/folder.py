"""Writing a new statement folder (with a new events.yaml and entities.yaml) in one step, after a trial build.

The folder is staged beside its final place and the shared files beside theirs; the statement
is processed in memory as the build would (the caller hands in that trial), against the
codebook as it will be; only then is everything put in place through the journal of
journal.py, so that a failure, or a process killed half-way, leaves sources/ as it was.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..paths import Paths
from ..sources.codebook import Alias, alias_is_case_sensitive
from ..sources.context import Context
from ..sources.statements import Source, statement_folders
from ..sources.yamlio import check_schema, load_yaml
from .journal import put_in_place, stage_file

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


def _checked(staged: Path, shown: str, schema: Path):
    data = load_yaml(staged, shown)
    check_schema(data, schema, shown, f"schemas/inputs/{schema.name}")
    return data


def _with_entity(codebook, entities: list, new_id: str):
    """The codebook with the new entity of entities.yaml (checked by its schema), its names as aliases."""
    ent = next(e for e in entities if e["id"] == new_id)
    aliases = []
    for form in [ent["name"], *ent.get("aliases", [])]:
        item = {"alias": form} if isinstance(form, str) else form
        text = item["alias"].strip()
        aliases.append(Alias(new_id, text, item.get("lang") or ("zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"),
                             alias_is_case_sensitive(text)))
    return dataclasses.replace(codebook, entities=sorted([*codebook.entities, ent], key=lambda e: e["id"]),
                               aliases=sorted([*codebook.aliases, *aliases], key=lambda a: (a.entity_id, a.alias, a.language)))


def commit(paths: Paths, ctx: Context, document_id: str, files: dict[str, bytes], events_text: str | None,
           entities_text: tuple[str, str] | None, shown: str, trial: Trial) -> dict:
    """Stage the folder (and events.yaml, and entities.yaml with a new entity: (its text, the entity's id)), run
    `trial` on the statement against the codebook as it will be, then put everything in place; the trial's rows."""
    paths.statements.mkdir(parents=True, exist_ok=True)
    final = paths.statements / document_id
    staging = Path(tempfile.mkdtemp(prefix=".add-", dir=paths.statements))
    shared: dict[Path, Path] = {}
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        meta_shown = f"{paths.rel(final)}/metadata.yaml"
        meta = _checked(staging / "metadata.yaml", meta_shown, paths.schemas / "inputs" / "metadata.schema.json")
        codebook = ctx.codebook
        if events_text is not None:
            target = paths.sources / "events.yaml"
            shared[target] = stage_file(target, events_text)
            events = _checked(shared[target], "sources/events.yaml", paths.schemas / "inputs" / "events.schema.json")
            codebook = dataclasses.replace(codebook, events=sorted(events, key=lambda e: e["id"]))
        if entities_text is not None:
            target = paths.codebook / "entities.yaml"
            shared[target] = stage_file(target, entities_text[0])
            entities = _checked(shared[target], "sources/codebook/entities.yaml", paths.schemas / "inputs" / "entities.schema.json")
            codebook = _with_entity(codebook, entities, entities_text[1])
        trial_ctx = Context(paths=paths, codebook=codebook, profiles=ctx.profiles)
        src = Source(document_id=document_id, folder=paths.rel(final), raw=files[meta["source_file"]], metadata=meta, curated=None)
        try:
            rows = trial(src, trial_ctx)
        except InputError as exc:
            raise InputError(f"the statement would not build: {exc.problem}", shown, None, exc.fix) from None
        if final.exists():
            raise InputError(f"a statement with the id {document_id!r} already exists", shown, None, "choose another id with --id")
        put_in_place(paths, staging, document_id, shared)
        return rows
    except OSError as exc:
        raise InputError(f"could not write the statement ({exc.strerror or exc}); nothing was added", shown, None,
                         "check the free space and the permissions of sources/, then run the command again") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for staged in shared.values():
            staged.unlink(missing_ok=True)
