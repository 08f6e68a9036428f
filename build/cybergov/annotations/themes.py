"""Sentence themes: a sentence is coded with every theme whose cue it contains.

A theme's `weak` cues are generic words ("development", "treaty", "threat*") that are evidence of
the theme only in a sentence that also holds one of the theme's `context` phrases (cyber*, ICT*,
internet, digital...): "peaceful development" or "the China-Japan Treaty of Peace and Friendship"
is not about cyberspace. Its `cues` count alone.
"""
from __future__ import annotations

from ..sources.codebook import Codebook, alias_is_case_sensitive
from ..sources.matcher import Phrase, PhraseMatcher
from .base import DocView, span_row

_KINDS = (("cues", "cue"), ("weak", "weak"), ("context", "context"))


def cue_phrase(cue: str, value) -> Phrase:
    """A theme cue follows the alias case rule: "CERT*" must not match "certain"."""
    text = cue.rstrip("*").strip()
    return Phrase(text, value, case_sensitive=alias_is_case_sensitive(text), prefix=cue.endswith("*"))


def theme_phrases(codebook: Codebook) -> list[Phrase]:
    """Every cue, weak cue and context phrase, valued (theme, cue as written, kind)."""
    return [cue_phrase(c, (t["id"], c, kind)) for t in codebook.themes for key, kind in _KINDS for c in t.get(key, [])]


class ThemeAnnotator:
    def __init__(self, codebook: Codebook):
        self.matcher = PhraseMatcher(theme_phrases(codebook))

    def __call__(self, doc: DocView) -> list[dict]:
        rows = []
        for s in doc.sentences:
            hits = doc.hits(self.matcher, s.start, s.end)
            in_context = {h.phrase.value[0] for h in hits if h.phrase.value[2] == "context"}
            seen: set[str] = set()
            for hit in hits:  # in text order: the first cue of a theme is its evidence
                theme_id, cue, kind = hit.phrase.value
                if kind == "context" or (kind == "weak" and theme_id not in in_context) or theme_id in seen:
                    continue
                seen.add(theme_id)
                rows.append(span_row(doc, s, hit.start, hit.end, theme_id=theme_id, cue=cue, method="rule"))
        return rows
