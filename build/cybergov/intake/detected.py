"""What `add` read off a page: for the summary it prints, metadata.yaml and the tests."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    publisher_how: str = ""  # where the publisher was read
    new_organ: Any = None  # publisher.NewOrgan, when the publisher is new to the codebook
    holder: str = ""
    title: str = ""
    date: str | None = None
    time: str | None = None
    date_given: bool = False  # given with --date: metadata.yaml records it
    title_written: bool = False  # metadata.yaml names the title (given, or a line the reader would not take)
    language: str = "en"
    genre: str = "statement"
    speech_mode: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    role: str | None = None
    speaker_given: bool = False  # --speaker or --role: the speaker is recorded as given
    given: list[str] = field(default_factory=list)  # metadata keys whose values the flags gave
    event: Event | None = None
    event_id: str | None = None
    event_is_new: bool = False
    source_url: str | None = None
    paragraphs: int = 0
    sentences: int = 0
    candidates: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    recovered: str | None = None  # an interrupted earlier `add` that was undone first
    boilerplate: list[str] = field(default_factory=list)  # lines of the page that are neither title, date nor body
    body: list[str] = field(default_factory=list)
