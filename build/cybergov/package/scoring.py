"""Precision and recall, and reading back the package's tables for scoring."""
from __future__ import annotations

from dataclasses import dataclass

from ..paths import Paths
from .tables import read_csv

OUTPUTS = ("documents", "paragraphs", "sentences", "mentions", "sentence_themes", "stances", "entities", "themes", "document_speakers")


@dataclass
class Score:
    """Counts of one annotator against one gold: rule rows, gold items and matches."""

    tp: int = 0
    rule: int = 0
    gold: int = 0
    tp_gold: int | None = None  # gold items matched, where matching is not one to one

    @property
    def precision(self) -> float:
        return self.tp / self.rule if self.rule else 1.0

    @property
    def recall(self) -> float:
        matched = self.tp if self.tp_gold is None else self.tp_gold
        return matched / self.gold if self.gold else 1.0




def load_outputs(paths: Paths) -> dict[str, list[dict]]:
    return {t: list(read_csv(paths.data / f"{t}.csv")) for t in OUTPUTS}
