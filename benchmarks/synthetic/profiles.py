"""The project's publisher profiles, read as the build reads them, to know which one will read a page."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

_LAYOUT_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t\u000b\u000c]")


def normalise(line: str) -> str:
    """A line as the build reads it (NFC, layout spaces as one space, stripped)."""
    line = _LAYOUT_SPACES.sub(" ", unicodedata.normalize("NFC", line)).replace("\ufeff", "")
    return re.sub(r" {2,}", " ", line).strip()


@dataclass(frozen=True)
class SiteProfile:
    id: str
    publisher: str | None
    priority: int
    detect: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(normalise(line)) for p in self.boilerplate)


@dataclass
class Profiles:
    """The profiles in the order the build tries them (highest priority first)."""

    items: list[SiteProfile]

    @classmethod
    def load(cls, folder: Path) -> "Profiles":
        items = []
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            items.append(SiteProfile(data.get("id", path.stem), data.get("publisher"), int(data.get("priority", 0)),
                                     tuple(re.compile(p) for p in data.get("detect") or []),
                                     tuple(re.compile(p) for p in data.get("boilerplate") or [])))
        return cls(sorted(items, key=lambda p: (-p.priority, p.id)))

    def detect(self, lines: list[str]) -> SiteProfile | None:
        """The profile whose detect patterns all match the page's first lines (None: the fallback)."""
        head = [x for x in (normalise(line) for line in lines[:15]) if x]
        for p in self.items:
            if p.detect and all(any(rx.search(line) for line in head) for rx in p.detect):
                return p
        return None
