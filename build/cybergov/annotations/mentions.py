"""Entity mentions: codebook aliases found on word boundaries, the longest match winning."""
from __future__ import annotations

from ..sources.codebook import Codebook
from ..sources.matcher import Phrase, PhraseMatcher, longest_first
from .base import DocView, span_row


class MentionAnnotator:
    def __init__(self, codebook: Codebook):
        self.matcher = PhraseMatcher(Phrase(a.alias, a.entity_id, a.case_sensitive) for a in codebook.aliases)

    def __call__(self, doc: DocView) -> list[dict]:
        rows = []
        for s in doc.sentences:
            for hit in longest_first(doc.hits(self.matcher, s.start, s.end)):
                rows.append(span_row(doc, s, hit.start, hit.end, entity_id=hit.phrase.value, method="rule"))
        return rows
