"""Stances: what the document's holder supports or opposes, one row per stance-bearing predicate.

Two kinds of evidence, both from sources/codebook/frames.yaml:
- a modal ("should", "must", "need to"; negated: "must never") followed by coordinated
  predicates ("should enhance A, maintain B and build C"): one stance per predicate, its
  head verb the cue; oppose verbs ("reject", "prevent") and negated modals give opposition;
- explicit stance verbs ("oppose", "supports", "stands ready to") and criticism of the
  form "X will only lead to Y", where the target is X, the subject criticised.
English only for now; Chinese statements get no rule stances.
"""
from __future__ import annotations

import re

from ..sources.codebook import Codebook
from ..sources.matcher import Hit, Phrase, PhraseMatcher
from .base import DocView, Sentence

_SEPARATOR = re.compile(r",\s+(?:and|or)\s+|,\s+|\s+(?:and|or)\s+")
_CLAUSE_END = re.compile(r"[;:]\s")
_TRIM = " ,;:.!?"


def _by_start(hits: list[Hit]) -> dict[int, Hit]:
    out: dict[int, Hit] = {}
    for h in hits:
        if h.start not in out or h.end > out[h.start].end:
            out[h.start] = h
    return out


class StanceAnnotator:
    def __init__(self, codebook: Codebook, theme_matcher: PhraseMatcher):
        f = codebook.frames
        self.frames = PhraseMatcher((Phrase(c, fr) for fr in f["frames"] for c in fr["cues"]), hyphen_joins=True)
        self.modals = PhraseMatcher([Phrase(m, "support") for m in f["modals"]["positive"]] +
                                    [Phrase(m, "oppose") for m in f["modals"]["negative"]], hyphen_joins=True)
        self.adverbs = PhraseMatcher((Phrase(a, a) for a in f["adverbs"]), hyphen_joins=True)
        self.verbs = PhraseMatcher((Phrase(v, v) for v in f["verbs"]), hyphen_joins=True)
        self.oppose_verbs = {v.lower() for v in f["oppose_verbs"]}
        self.determiners = {d.lower() for d in f["determiners"]}
        self.themes = theme_matcher

    # -- reading one sentence --------------------------------------------------------
    def _head_at(self, pos: int, text: str, adverbs: dict, verbs: dict) -> tuple[int, Hit] | None:
        """(cue start, verb hit) for a predicate starting at pos: optional adverbs, then a verb."""
        while pos < len(text) and text[pos] == " ":
            pos += 1
        start = pos
        while pos in adverbs:
            pos = adverbs[pos].end
            while pos < len(text) and text[pos] == " ":
                pos += 1
        verb = verbs.get(pos)
        if verb is None or not re.match(r"\s+\S", text[verb.end:]):
            return None
        return start, verb

    def _next_split(self, text: str, pos: int, limit: int, adverbs, verbs):
        """The next coordinated predicate after pos: (separator start, its cue start, verb).

        A bare "and <verb>" after an infinitive ("to minimise X and implement Y") continues
        the infinitive, not the list of predicates; a comma before "and" does not.
        """
        for m in _SEPARATOR.finditer(text, pos, limit):
            head = self._head_at(m.end(), text, adverbs, verbs)
            if not head:
                continue
            if not m.group().startswith(",") and self._infinitive(text, pos, m.start(), verbs):
                continue
            return m.start(), head[0], head[1]
        return None

    @staticmethod
    def _infinitive(text: str, start: int, end: int, verbs) -> bool:
        return any(verbs.get(m.end()) for m in re.finditer(r"\bto ", text[:end]) if m.start() >= start)

    def _clause_end(self, text: str, pos: int) -> int:
        m = _CLAUSE_END.search(text, pos)
        return m.start() if m else len(text)

    def _chain(self, text: str, pos: int, limit: int, adverbs, verbs, negated: bool):
        """Predicates governed by a modal ending at pos: (cue_start, cue_end, target_start, target_end, polarity).

        Verbs that share one object ("comply with and implement the Framework") are one
        stance each, with the same target.
        """
        out = []
        head = self._head_at(pos, text, adverbs, verbs)
        while head:
            group = [head]
            split = self._next_split(text, head[1].end, limit, adverbs, verbs)
            while split and not text[group[-1][1].end:split[0]].strip():
                group.append((split[1], split[2]))
                split = self._next_split(text, split[2].end, limit, adverbs, verbs)
            end = split[0] if split else limit
            for cue_start, verb in group:
                polarity = "oppose" if (negated or verb.phrase.value.lower() in self.oppose_verbs) else "support"
                out.append((cue_start, verb.end, group[-1][1].end, end, polarity))
            head = (split[1], split[2]) if split else None
        return out

    def sentence_stances(self, s: Sentence, doc: DocView | None = None) -> list[tuple[str, int, int, int, int, str]]:
        """(frame, cue_start, cue_end, target_start, target_end, polarity), offsets within the sentence."""
        text = s.text
        hits = (lambda m: doc.hits(m, s.start, s.end, local=True)) if doc else (lambda m: m.hits(text))
        adverbs = _by_start(hits(self.adverbs))
        verbs = _by_start(hits(self.verbs))
        modals = sorted(_by_start(hits(self.modals)).values(), key=lambda h: h.start)
        found, claimed = [], []
        for i, modal in enumerate(modals):
            limit = self._clause_end(text, modal.end)
            if i + 1 < len(modals):
                nxt = modals[i + 1].start
                if nxt < limit:
                    cut = [m.start() for m in _SEPARATOR.finditer(text, modal.end, nxt)]
                    limit = cut[-1] if cut else nxt
            for cs, ce, ts, te, pol in self._chain(text, modal.end, limit, adverbs, verbs, modal.phrase.value == "oppose"):
                found.append(("modal-" + ("negated" if modal.phrase.value == "oppose" else "predicate"), cs, ce, ts, te, pol))
                claimed.append((cs, ce))
            claimed.append((modal.start, modal.end))
        for hit in hits(self.frames):
            if any(hit.start < e and s_ < hit.end for s_, e in claimed):
                continue
            frame = hit.phrase.value
            before = text[:hit.start].split()
            if frame["target"] == "after" and before and before[-1].lower() in self.determiners:
                continue
            if frame["target"] == "before":
                clause = text.rfind("; ", 0, hit.start)
                ts, te = (clause + 2 if clause >= 0 else 0), hit.start
                # What follows "will only lead to" is the consequence, not a position taken.
                claimed.append((hit.end, self._clause_end(text, hit.end)))
            else:
                limit = self._clause_end(text, hit.end)
                split = self._next_split(text, hit.end, limit, adverbs, verbs)
                ts, te = hit.end, split[0] if split else limit
            found.append((frame["id"], hit.start, hit.end, ts, te, frame["polarity"]))
            claimed.append((hit.start, hit.end))
        out = []
        for frame, cs, ce, ts, te, pol in found:
            while ts < te and text[ts] in _TRIM:
                ts += 1
            while te > ts and text[te - 1] in _TRIM:
                te -= 1
            if te > ts:
                out.append((frame, cs, ce, ts, te, pol))
        return sorted(out, key=lambda x: (x[1], x[2]))

    def __call__(self, doc: DocView, mentions: list[dict]) -> list[dict]:
        if doc.chinese:
            return []
        rows = []
        for s in doc.sentences:
            if s.paragraph_kind not in ("body",):
                continue
            for frame, cs, ce, ts, te, pol in self.sentence_stances(s, doc):
                rows.append(stance_row(doc, s, frame, s.start + cs, s.start + ce, s.start + ts, s.start + te, pol, "rule",
                                       mentions, self.themes))
        return rows


def stance_row(doc: DocView, s: Sentence, frame: str, cs: int, ce: int, ts: int, te: int, polarity: str, method: str,
               mentions: list[dict], themes: PhraseMatcher, target_entity: str | None = None, target_theme: str | None = None) -> dict:
    """A stance row; the target's entity and theme are the first found inside the target, unless given."""
    if target_entity is None:
        target_entity = next((m["entity_id"] for m in mentions if ts <= m["char_start"] and m["char_end"] <= te), None)
    if target_theme is None:
        hits = doc.hits(themes, ts, te)
        target_theme = hits[0].phrase.value[0] if hits else None
    start, end = min(cs, ts), max(ce, te)
    return {"sentence_id": s.sentence_id, "document_id": doc.document_id, "holder_id": doc.holder_id, "polarity": polarity,
            "frame": frame, "cue": doc.text[cs:ce], "cue_start": cs, "cue_end": ce, "target": doc.text[ts:te],
            "target_start": ts, "target_end": te, "target_entity_id": target_entity, "target_theme_id": target_theme,
            "char_start": start, "char_end": end, "quote": doc.text[start:end], "method": method}
