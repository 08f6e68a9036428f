"""One statement of a corpus, as an adapter reads it, before it is written as a folder."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Item:
    corpus: str
    key: str  # the item's name in the corpus (an archive path, a page file)
    shown: str  # where it is, for messages
    raw: bytes
    document_id: str
    metadata: dict  # metadata.yaml's fields, in the order they are written
    text: str = ""  # decoded text, for the scope test
    event: dict | None = None  # an events.yaml entry the statement needs
    in_scope: str | None = None  # the scope cue found, when in scope
    pair: str | None = None  # key of the same statement in another language, when known

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass
class Skipped:
    shown: str
    reason: str


@dataclass
class Reading:
    """What an adapter read: the items, what it skipped and why, and remarks on the collection."""

    items: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
