"""Chinese stance rules over one sentence: 支持/反对 and their kin, modals (应, 必须, 不能) with their
predicates, the speaker's side with a predicate verb (中方愿加强……), and criticism (X只会……).

Objects run to the end of the clause (，；。). After a modal, the clauses that follow and open
with a predicate verb continue its list ("应加强X，深化Y，推动Z": three stances).
"""
from __future__ import annotations

import re

from ...sources.matcher import Hit, longest_first
from .found import SPEAKER, SUBJECT, Found
from .lexicon import Chinese

# Adverbs that may stand between a modal (or the speaker's side) and its verb.
_ADVERBS = re.compile(r"^(?:进一步|继续|共同|积极|切实|坚决|全面|认真|一道|携手|始终|坚定|一如既往地?|不断|努力|大力|同各方一道|与各方一道|"
                      r"同国际社会一道|与国际社会一道|和|也|都|还|更|要|去|来|地|同[^，。；]{1,8}?一道|与[^，。；]{1,8}?一道)*")
_TRANSPARENT = ("允许", "容许", "容忍", "接受", "让")


class ChineseRules:
    def __init__(self, lex: Chinese):
        self.lex = lex
        self._ends = re.compile("[" + re.escape(lex.clause_ends) + "]")

    def clause_end(self, text: str, pos: int) -> int:
        m = self._ends.search(text, pos)
        return m.start() if m else len(text)

    def clause_start(self, text: str, pos: int) -> int:
        start = 0
        for m in self._ends.finditer(text, 0, pos):
            start = m.end()
        return start

    @staticmethod
    def _object(text: str, start: int, end: int) -> tuple[int, int] | None:
        while start < end and text[start] in " “”‘’\"'《》（）()":
            start += 1
        while end > start and text[end - 1] in " “”‘’\"'《》（）()、":
            end -= 1
        return (start, end) if end - start >= 2 else None

    def _verb_at(self, pos: int, verbs: dict[int, Hit]) -> Hit | None:
        return verbs.get(pos)

    def _after_adverbs(self, text: str, pos: int) -> int:
        m = _ADVERBS.match(text, pos)
        return m.end() if m else pos

    def _predicate(self, text: str, pos: int, verbs: dict[int, Hit], negative: bool) -> tuple[tuple[int, int], tuple[int, int], str] | None:
        """(cue, object, polarity) of the predicate at pos, up to the end of its clause."""
        at = self._after_adverbs(text, pos)
        end = self.clause_end(text, at)
        verb = self._verb_at(at, verbs)
        if negative:
            if verb and verb.phrase.value == "oppose":
                return None
            if text.startswith(_TRANSPARENT, at):
                word = next(w for w in _TRANSPARENT if text.startswith(w, at))
                obj = self._object(text, at + len(word), end)
                return ((pos, at + len(word)), obj, "oppose") if obj else None
            obj = self._object(text, at, end)
            return ((pos, at), obj, "oppose") if obj else None
        if verb:
            obj = self._object(text, verb.end, end)
            return ((verb.start, verb.end), obj, verb.phrase.value) if obj else None
        obj = self._object(text, at, end)
        return ((pos, at), obj, "support") if obj else None

    def _chain(self, text: str, first_end: int, verbs: dict[int, Hit]) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
        """The clauses after a modal's first one that open with a predicate verb: its list goes on."""
        out, pos = [], first_end
        while pos < len(text) and text[pos] in "，、,":
            at = self._after_adverbs(text, pos + 1)
            verb = verbs.get(at)
            if verb is None:
                break
            end = self.clause_end(text, at)
            obj = self._object(text, verb.end, end)
            if obj:
                out.append(((verb.start, verb.end), obj, verb.phrase.value))
            pos = end
        return out

    def modals(self, text: str, verbs: dict[int, Hit]) -> list[Found]:
        out = []
        for kind, rx in self.lex.modals:
            for m in rx.finditer(text):
                got = self._predicate(text, m.end(), verbs, kind == "negative")
                if not got:
                    continue
                frame = {"negative": "zh-modal-negated", "volitional": "zh-modal-volitional"}.get(kind, "zh-modal-predicate")
                rule = SUBJECT if kind == "volitional" else SPEAKER
                subject = (self.clause_start(text, m.start()), m.start())
                cue, obj, polarity = got
                out.append(Found(frame, (m.start(), cue[1]) if kind == "negative" else (m.start(), m.end()) if cue[0] == cue[1] else cue,
                                 obj, polarity, rule, subject))
                if kind != "negative":
                    out += [Found(frame, c, o, p, rule, subject) for c, o, p in self._chain(text, self.clause_end(text, obj[0]), verbs)]
        return out

    def first_person(self, text: str, verbs: dict[int, Hit]) -> list[Found]:
        """ "中方坚决维护……", "我们致力于……": the speaker's side, then a predicate verb."""
        out = []
        for word in self.lex.first_person:
            for m in re.finditer(re.escape(word), text):
                at = self._after_adverbs(text, m.end())
                verb = verbs.get(at)
                if verb is None:
                    continue
                obj = self._object(text, verb.end, self.clause_end(text, verb.end))
                if obj:
                    out.append(Found("zh-predicate", (verb.start, verb.end), obj, verb.phrase.value, SUBJECT, (m.start(), m.end())))
        return out

    def stance_verbs(self, text: str, hits: list[Hit], claimed) -> list[Found]:
        out = []
        for h in hits:
            if any(h.start < e and s < h.end for s, e in claimed):
                continue
            obj = self._object(text, h.end, self.clause_end(text, h.end))
            if obj:
                out.append(Found("zh-stance-verb", (h.start, h.end), obj, h.phrase.value, SUBJECT, (0, h.start)))
        return out

    def criticism(self, text: str, hits: list[Hit], claimed) -> list[Found]:
        out = []
        for h in hits:
            if any(h.start < e and s < h.end for s, e in claimed):
                continue
            obj = self._object(text, self.clause_start(text, h.start), h.start)
            if obj:
                out.append(Found("zh-criticism", (h.start, h.end), obj, "oppose", SPEAKER))
        return out

    def find(self, text: str, hits) -> list[Found]:
        verbs = {}
        for h in longest_first(hits(self.lex.predicate_verbs) + hits(self.lex.stance_verbs)):
            verbs[h.start] = h
        found = self.modals(text, verbs)
        claimed = [f.cue for f in found]
        found += [f for f in self.first_person(text, verbs) if not any(f.cue[0] < e and s < f.cue[1] for s, e in claimed)]
        claimed = [f.cue for f in found]
        found += self.stance_verbs(text, longest_first(hits(self.lex.stance_verbs)), claimed)
        found += self.criticism(text, longest_first(hits(self.lex.criticism)), [f.cue for f in found])
        # One stance per cue: a modal and a stance verb may both have read "应支持".
        out, seen = [], set()
        for f in sorted(found, key=lambda f: (f.cue, f.obj)):
            if f.cue not in seen:
                seen.add(f.cue)
                out.append(f)
        return out
