"""The YAML the corpus carries, written as text so its bytes are fixed: generated events and each metadata.yaml."""
from __future__ import annotations

import re

from .events import Event
from .statement import Statement

_PLAIN = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][\w\u4e00-\u9fff ,.'’()、&/-]*")
_RESERVED = ("null", "true", "false", "yes", "no", "on", "off", "y", "n", "~", ".nan", ".inf")


def scalar(value) -> str:
    """The value as a YAML scalar, quoted only where YAML would read it otherwise (a number, a date, a bool)."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if _PLAIN.fullmatch(s) and not re.search(r"\s$|: | #", s) and not re.fullmatch(r"[\d.:+_ -]+", s) \
            and s.lower() not in _RESERVED:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def events_yaml(events: list[Event]) -> str:
    """Entries for sources/events.yaml, one block each."""
    return "\n".join(
        f"- id: {e.id}\n  name: {scalar(e.name)}\n  series: {scalar(e.type.series)}\n"
        f"  ordinal: {scalar(e.ordinal)}\n  date: {e.date.isoformat()}\n  city: {scalar(e.city)}\n"
        f"  country: {e.country}\n  body: {scalar(e.type.body)}\n" for e in events)


def metadata_yaml(s: Statement, digest: str) -> str:
    """The statement's metadata.yaml, as a maintainer would write it for its source.txt."""
    lines = [f"document_id: {s.document_id}", "source_file: source.txt", f"sha256: {digest}", "encoding: utf-8",
             "format: text", f"publisher: {s.publisher}"]
    if s.profile:
        lines.append(f"profile: {s.profile}")
    lines += [f"genre: {s.genre}", f"language: {s.language}", "source_url: null", "retrieved: null"]
    if s.speakers:
        lines.append("speakers:")
        for ent, role in s.speakers:
            lines += [f"  - entity: {ent}", f"    role: {scalar(role)}"]
    else:
        lines.append("speakers: []")
    lines += [f"holder: {s.holder}", f"event: {scalar(s.event.id if s.event else None)}"]
    return "\n".join(lines) + "\n"
