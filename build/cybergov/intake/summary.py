"""What `cybergov add` prints: what it read, and what a maintainer should check."""
from __future__ import annotations

from ..paths import Paths
from .detected import Detected


def _clip(text: str) -> str:
    return text if len(text) <= 70 else text[:67] + "..."


def render_summary(d: Detected, paths: Paths) -> str:
    ev = d.event
    out = [f"note: {d.recovered}"] if d.recovered else []
    out += [f"added {paths.rel(paths.statements / d.document_id)}/ (source.{'html' if d.format == 'html' else 'txt'}, metadata.yaml)",
           f"  title:      {d.title}",
           f"  date:       {d.date}{' ' + d.time if d.time else ''}",
           f"  read as:    {d.format}, {d.encoding}, language {d.language}, profile {d.profile}",
           f"  publisher:  {d.publisher}{' (new in sources/codebook/entities.yaml)' if d.new_organ else ''} (holder {d.holder}): "
           f"{d.publisher_how}",
           f"  genre:      {d.genre}, {d.speech_mode} speech",
           f"  speaker:    {d.speaker or '-'}{' = ' + d.speaker_entity if d.speaker_entity else (' (not in the codebook)' if d.speaker else '')}"
           f"{', ' + d.role if d.role else ''}"]
    if ev:
        state = "new in sources/events.yaml" if d.event_is_new else "already in sources/events.yaml"
        parts = [ev.name] + [f"{k} {v}" for k, v in (("ordinal", ev.ordinal), ("city", ev.city), ("date", ev.date)) if v]
        out.append(f"  event:      {d.event_id} ({state}): {', '.join(map(str, parts))}")
    else:
        out.append(f"  event:      {d.event_id} (given)" if d.event_id else "  event:      -")
    if d.given:
        out.append(f"  given:      {', '.join(d.given)} (recorded as given in metadata.yaml)")
    out.append(f"  body:       {d.paragraphs} paragraphs, {d.sentences} sentences; {len(d.boilerplate)} lines dropped")
    out.append(f"  first:      {_clip(d.body[0])}")
    if len(d.body) > 1:
        out.append(f"  last:       {_clip(d.body[-1])}")
    cands = [f"{name!r} x{n}" if n > 1 else repr(name) for name, n in d.candidates[:15]]
    if d.speaker and not d.speaker_entity:
        cands.insert(0, f"{d.speaker!r} (speaker)")
    out.append(f"  not in the codebook: {', '.join(cands) if cands else '-'}")
    for w in d.warnings:
        out.append(f"  warning ({w.code}): {w.message}")
    if d.todo:
        out.append("  to check (todo in metadata.yaml):")
        out += [f"    - {t}" for t in d.todo]
    return "\n".join(out)
