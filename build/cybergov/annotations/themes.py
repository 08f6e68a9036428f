"""Sentence themes: a sentence is coded with every theme whose cue it contains."""
from __future__ import annotations

from ..sources.codebook import Codebook, alias_is_case_sensitive
from ..sources.matcher import Phrase, PhraseMatcher
from .base import DocView, span_row


def cue_phrase(cue: str, value) -> Phrase:
    """A theme cue follows the alias case rule: "CERT*" must not match "certain"."""
    text = cue.rstrip("*").strip()
    return Phrase(text, value, case_sensitive=alias_is_case_sensitive(text), prefix=cue.endswith("*"))


class ThemeAnnotator:
    def __init__(self, codebook: Codebook):
        self.matcher = PhraseMatcher(cue_phrase(c, (t["id"], c)) for t in codebook.themes for c in t["cues"])

    def __call__(self, doc: DocView) -> list[dict]:
        rows = []
        for s in doc.sentences:
            seen: set[str] = set()
            for hit in doc.hits(self.matcher, s.start, s.end):  # in text order: the first cue of a theme is its evidence
                theme_id, cue = hit.phrase.value
                if theme_id in seen:
                    continue
                seen.add(theme_id)
                rows.append(span_row(doc, s, hit.start, hit.end, theme_id=theme_id, cue=cue, method="rule"))
        return rows
