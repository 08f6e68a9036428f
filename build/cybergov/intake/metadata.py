"""metadata.yaml of a new statement: what was detected, what was given, explicit nulls, and a todo list of what to check."""
from __future__ import annotations

from ..sources.profiles import Profile
from .detected import Detected
from .yamltext import yaml_scalar


def _speaker_todo(d: Detected) -> list[str]:
    if d.speaker_given:
        return []
    if d.speaker and not d.speaker_entity:
        role = f" ({d.role})" if d.role else ""
        return [f"speakers: the page names {d.speaker!r}{role}, who is not in sources/codebook/entities.yaml; "
                "add a person entity and list it here with its role"]
    if not d.speaker and d.genre != "joint_statement":
        role = f"; the page names only a role, {d.role!r}" if d.role else ""
        return [f"speakers: no speaker was detected{role}; list the speaker if the statement has one"]
    return []


def todo(d: Detected, genre_cued: bool, profile: Profile) -> list[str]:
    out = _speaker_todo(d)
    if d.new_organ is not None:
        new = d.new_organ
        under = f" under {new.parent!r}" if new.parent else ""
        out.append(f"publisher: {new.id!r} ({new.name}) is new in sources/codebook/entities.yaml{under}, added because the page "
                   f"names it ({new.named_as!r}); review its name, id, parent and description")
    if "holder" in d.given:
        pass
    elif d.genre == "joint_statement":
        out.append("holder: a joint statement; the holder is set to the publisher's state and the co-signatories are not recorded")
    elif d.holder == d.publisher:
        out.append(f"holder: set to the publisher {d.publisher!r}, which belongs to no state in the codebook; "
                   "set the state or organisation whose positions the statement sets out")
    if not genre_cued:
        out.append("genre: nothing on the page named the genre; 'statement' is a default, check it")
    if d.event is None and d.event_id is None:
        out.append("event: none detected; add one to sources/events.yaml and set it here if the statement was made at a meeting")
    elif d.event_is_new:
        missing = [k for k in ("date", "city") if getattr(d.event, k) is None]
        gaps = f"; not detected: {', '.join(missing)}" if missing else ""
        out.append(f"event: {d.event_id} is new in sources/events.yaml; check its name and fields, add country, series and body{gaps}")
    if d.source_url is None:
        out.append("source_url: unknown; add the page's address if it is known")
    if profile.publisher is None:
        out.append(f"profile: the page was read with the fallback profile {profile.id!r}; check the title and the first and last paragraphs")
    out += [f"warning: {w.message}" for w in d.warnings]
    return out


def speakers(d: Detected) -> list[dict]:
    """A speaker the codebook knows, or one given with --speaker/--role (recorded by name if the codebook lacks the person)."""
    if d.speaker_entity or (d.speaker_given and d.speaker):
        return [{"entity": d.speaker_entity, "name": None if d.speaker_entity and not d.speaker_given else d.speaker, "role": d.role}]
    return []


def render_metadata(d: Detected, sha256: str) -> str:
    lines = ["# Written by `cybergov add`; title, date and body are read from the page by the build.",
             f"document_id: {d.document_id}", f"source_file: source.{'html' if d.format == 'html' else 'txt'}",
             f"sha256: {sha256}", f"encoding: {d.encoding}", f"format: {d.format}", f"publisher: {d.publisher}",
             f"genre: {d.genre}", f"language: {d.language}", f"source_url: {yaml_scalar(d.source_url)}", "retrieved: null"]
    if d.title_written:
        lines.append(f"title: {yaml_scalar(d.title)}")
    if d.date_given:
        lines.append(f"date_published: {yaml_scalar(d.date)}")
    rows = speakers(d)
    lines.append("speakers:" if rows else "speakers: []")
    for s in rows:
        lines.append(f"  - entity: {yaml_scalar(s['entity'])}")
        if s["name"] is not None:
            lines.append(f"    name: {yaml_scalar(s['name'])}")
        lines.append(f"    role: {yaml_scalar(s['role'])}")
    lines += [f"holder: {d.holder}", f"event: {yaml_scalar(d.event_id)}"]
    if d.given:
        lines.append(f"given: [{', '.join(d.given)}]")
    lines.append("todo:" if d.todo else "todo: []")
    lines += [f"  - {yaml_scalar(t)}" for t in d.todo]
    return "\n".join(lines) + "\n"
