"""Everything a statement is read against, loaded and checked once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..paths import Paths
from .codebook import Codebook, load_codebook
from .profiles import Profile, load_profiles


@dataclass
class Context:
    paths: Paths
    codebook: Codebook
    profiles: list[Profile]

    @classmethod
    def load(cls, paths: Paths) -> "Context":
        return cls(paths=paths, codebook=load_codebook(paths), profiles=load_profiles(paths))

    @cached_property
    def entity_ids(self) -> set[str]:
        return self.codebook.entity_ids()

    @cached_property
    def entities(self) -> dict[str, dict]:
        return {e["id"]: e for e in self.codebook.entities}

    @cached_property
    def event_ids(self) -> set[str]:
        return {e["id"] for e in self.codebook.events}
