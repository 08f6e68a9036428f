"""What `add` read off a page: for the summary it prints, metadata.yaml and the tests."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Notice:
    code: str
    message: str


@dataclass
class Event:
    name: str
    ordinal: int | None = None
    city: str | None = None
    date: str | None = None
    series: str | None = None
    body: str | None = None


@dataclass
class Detected:
    file: str
    document_id: str = ""
    encoding: str = ""
    format: str = "text"
    profile: str = ""
    publisher: str = ""
    holder: str = ""
    title: str = ""
    date: str | None = None
    time: str | None = None
    language: str = "en"
    genre: str = "statement"
    speech_mode: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    role: str | None = None
    event: Event | None = None
    event_id: str | None = None
    event_is_new: bool = False
    source_url: str | None = None
    paragraphs: int = 0
    sentences: int = 0
    candidates: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)  # lines of the page that are neither title, date nor body
    body: list[str] = field(default_factory=list)
