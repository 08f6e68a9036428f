"""Chinese stance rules over one sentence: 支持/反对 and their kin, modals (应, 必须, 不能) with their
predicates, the speaker's side with a predicate verb (中方愿加强……), directives (敦促美方停止……),
the items of a list of goals (一、坚定维护……), and criticism (X只会……).

Objects run to the end of the clause (，；。). After a modal or a directive, the clauses that follow
and open with a predicate verb continue its list ("应加强X，深化Y，推动Z": three stances). Verbs
joined by 并/和/、 share their object ("坚决反对并严厉打击X": two stances). The words are data in
`sources/codebook/frames.yaml` (`zh:`).
"""
from __future__ import annotations

import re

from ...sources.matcher import Hit, fold, longest_first
from .found import SPEAKER, SUBJECT, Found
from .lexicon import Chinese

Pred = tuple[tuple[int, int], tuple[int, int], str]  # cue, object, polarity
_JOINS = re.compile("并且|并|和|、|及|或")
_TRANSPARENT = ("允许", "容许", "容忍", "接受", "让")
# Clauses after a directive that are not a further wish: a purpose, a consequence, a new subject.
_DEMONSTRATIVES = ("这种", "那种", "这些", "那些", "这", "那", "此")
_WHOLE_PHRASE = 8  # characters after a demonstrative that make a phrase of their own
_NOT_WISHES = ("以免", "以便", "从而", "否则", "因为", "这", "此", "但", "以", "并非", "我", "中方")


class ChineseRules:
    def __init__(self, lex: Chinese):
        self.lex = lex
        self._ends = re.compile("[" + re.escape(lex.clause_ends) + "]")
        self._verbs: dict[int, Hit] = {}  # the verbs of the sentence being read, by start

    def clause_end(self, text: str, pos: int) -> int:
        m = self._ends.search(text, pos)
        return m.start() if m else len(text)

    def clause_start(self, text: str, pos: int) -> int:
        start = 0
        for m in self._ends.finditer(text, 0, pos):
            start = m.end()
        return start

    @staticmethod
    def _next_clause(text: str, end: int) -> int | None:
        """Where the clause after the one ending at `end` starts, when a comma joins them."""
        return end + 1 if end < len(text) and text[end] in "，,、" else None

    def _object(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        end = min((i for w in self.lex.object_stops if (i := text.find(w, start, end)) > start), default=end)
        while start < end and text[start] in " “”‘’\"'《》（）()、":
            start += 1
        while end > start and text[end - 1] in " “”‘’\"'《》（）()、":
            end -= 1
        if text.startswith(self.lex.not_objects, start):
            # An address or invitation ("欢迎你来参加") is no position, nor a bare "this" ("反对这种做法": what it
            # stands for is in another sentence); a demonstrative before a whole phrase is ("反对这种将……政治化的错误做法").
            lead = next((d for d in _DEMONSTRATIVES if text.startswith(d, start)), None)
            if lead is None or end - start - len(lead) < _WHOLE_PHRASE:
                return None
        return (start, end) if end - start >= 2 else None

    def _after_adverbs(self, text: str, pos: int) -> int:
        """Past the adverbs at `pos`, stopping where a verb starts ("坚决反对" is a verb, not 坚决 + 反对)."""
        while pos not in self._verbs:
            # The longest adverb that holds no verb: "同心打造……共同体" is not the adverb "同……共同".
            ends = [m.end() for rx in self.lex.adverbs if (m := rx.match(text, pos)) and m.end() > pos
                    and not any(pos < k < m.end() for k in self._verbs)]
            if not ends:
                break
            pos = max(ends)
        return pos

    def _empty(self, text: str, at: int, end: int) -> bool:
        """A clause with no position of its own: blank, "与各方共同努力", or an adverbial "在……基础上"."""
        clause = text[at:end]
        return not clause.strip() or any(rx.search(clause) for rx in self.lex.light) or clause.endswith(self.lex.adverbial_tails)

    def _verbs_at(self, at: int, text: str, verbs: dict[int, Hit]) -> tuple[list[Hit], int] | None:
        """The verb at `at` and those joined to it (坚决反对并严厉打击), with where their shared object starts."""
        verb = verbs.get(at)
        if verb is None:
            return None
        chain = [verb]
        while (join := _JOINS.match(text, chain[-1].end)) and (nxt := verbs.get(self._after_adverbs(text, join.end()))):
            chain.append(nxt)
        return chain, chain[-1].end

    def _negative_at(self, text: str, at: int) -> re.Match | None:
        return self.lex.negative.match(text, at)

    def _predicates(self, text: str, pos: int, verbs: dict[int, Hit], negative: bool, cue: tuple[int, int]) -> tuple[list[Pred], int]:
        """The positions the predicate at `pos` states, and where its clause ends.

        A clause with no position of its own ("愿与各方共同努力，") hands on to the next one.
        """
        at = self._after_adverbs(text, pos)
        end = self.clause_end(text, at)
        while self._empty(text, at, end) and (nxt := self._next_clause(text, end)) is not None:
            at = self._after_adverbs(text, nxt)
            end = self.clause_end(text, at)
        if text.startswith(self.lex.not_heads, at):
            return [], end
        got = self._verbs_at(at, text, verbs)
        if negative:
            if got and got[0][0].phrase.value == "oppose":
                return [], end  # "不能放弃": a double negative, left to a person
            word = next((w for w in _TRANSPARENT if text.startswith(w, at)), "")
            obj = self._object(text, at + len(word), end)
            return ([((cue[0], at + len(word) if word else cue[1]), obj, "oppose")] if obj else []), end
        if got:
            chain, start = got
            obj = self._object(text, start, end)
            return ([((v.start, v.end), obj, v.phrase.value) for v in chain] if obj else []), end
        if any(rx.match(text, at) for rx in self.lex.contributions):
            obj = self._object(text, at, end)
            return ([(cue, obj, "support")] if obj else []), end
        obj = self._object(text, at, end)
        return ([(cue, obj, "support")] if obj else []), end

    def _chain(self, text: str, end: int, verbs: dict[int, Hit], wish: tuple[int, int] | None = None,
               pledge: tuple[int, int] | None = None) -> list[Pred]:
        """The clauses after the first that open with a predicate verb (or a negative): the list goes on.

        After a directive (`wish`), a clause with no verb of its own is a further wish ("希望各方
        摈弃X，客观看待Y"); after a modal (`pledge`), a clause pledging a contribution is one more.
        """
        out: list[Pred] = []
        while (nxt := self._next_clause(text, end)) is not None:
            at = self._after_adverbs(text, nxt)
            end = self.clause_end(text, at)
            got = self._verbs_at(at, text, verbs)
            neg = None if got else self._negative_at(text, at)
            if got:
                obj = self._object(text, got[1], end)
                out += [((v.start, v.end), obj, v.phrase.value) for v in got[0]] if obj else []
            elif neg:
                obj = self._object(text, neg.end(), end)
                out += [((neg.start(), neg.end()), obj, "oppose")] if obj else []
            elif wish and not text.startswith(_NOT_WISHES, at) and (obj := self._object(text, at, end)):
                out.append((wish, obj, "support"))
            elif pledge and any(rx.match(text, at) for rx in self.lex.contributions) and (obj := self._object(text, at, end)):
                out.append((pledge, obj, "support"))
            else:
                break
        return out

    def modals(self, text: str, verbs: dict[int, Hit]) -> list[Found]:
        matches = sorted(((m, kind) for kind, rx in self.lex.modals for m in rx.finditer(text)),
                         key=lambda mk: (mk[0].start(), -len(mk[0].group())))
        out, last = [], -1
        for m, kind in matches:
            if m.start() < last:
                continue  # the longest modal at a place wins ("愿继续" over "愿")
            last = m.end()
            preds, end = self._predicates(text, m.end(), verbs, kind == "negative", (m.start(), m.end()))
            if not preds:
                continue
            frame = {"negative": "zh-modal-negated", "volitional": "zh-modal-volitional"}.get(kind, "zh-modal-predicate")
            rule = SUBJECT if kind == "volitional" else SPEAKER
            subject = (self.clause_start(text, m.start()), m.start())
            if kind != "negative":
                preds += self._chain(text, end, verbs, pledge=(m.start(), m.end()))
            out += [Found(frame, c, o, p, rule, subject) for c, o, p in preds]
        return out

    def first_person(self, text: str, verbs: dict[int, Hit]) -> list[Found]:
        """ "中方坚决维护……", "我们致力于……": the speaker's side, then a predicate verb."""
        out = []
        for word in self.lex.first_person:
            for m in re.finditer(re.escape(word), text):
                at = self._after_adverbs(text, m.end())
                got = self._verbs_at(at, text, verbs)
                if got is None:
                    continue
                obj = self._object(text, got[1], self.clause_end(text, got[1]))
                if obj:
                    out += [Found("zh-predicate", (v.start, v.end), obj, v.phrase.value, SUBJECT, (m.start(), m.end())) for v in got[0]]
        return out

    def enumerations(self, text: str, verbs: dict[int, Hit]) -> list[Found]:
        """The items of a list of goals, "一、坚定维护X；二、构建Y": each a position of the speaker."""
        out = []
        for m in self.lex.enumerators.finditer(text):
            at = self._after_adverbs(text, m.end())
            got = self._verbs_at(at, text, verbs)
            if got and (obj := self._object(text, got[1], self.clause_end(text, got[1]))):
                out += [Found("zh-enumerated", (v.start, v.end), obj, v.phrase.value, SPEAKER) for v in got[0]]
        return out

    def _negated(self, text: str, start: int) -> bool:
        """A negator just before a verb, or earlier in its clause for a word of two characters (从未……支持)."""
        before = text[self.clause_start(text, start):start]
        return before.endswith(self.lex.negators) or any(len(w) > 1 and w in before[-12:] for w in self.lex.negators)

    def directives(self, text: str, hits: list[Hit], verbs: dict[int, Hit], claimed) -> list[Found]:
        """ "我们敦促美方停止X，撤销Y": the predicates after the addressee are the positions."""
        out = []
        for h in hits:
            if any(h.start < e and s < h.end for s, e in claimed) or self._negated(text, h.start):
                continue
            end = self.clause_end(text, h.end)
            at = next((q for q in range(h.end, min(end, h.end + 16)) if q in verbs or self._negative_at(text, q)), None)
            if at is None:
                continue
            neg = None if at in verbs else self._negative_at(text, at)
            cue = (neg.start(), neg.end()) if neg else (h.start, h.end)
            preds, clause_end = self._predicates(text, neg.end() if neg else at, verbs, neg is not None, cue)
            preds += self._chain(text, clause_end, verbs, wish=(h.start, h.end))
            subject = (self.clause_start(text, h.start), h.start)
            out += [Found("zh-directive", c, o, p, SUBJECT, subject) for c, o, p in preds]
        return out

    def stance_verbs(self, text: str, hits: list[Hit], verbs: dict[int, Hit], claimed) -> list[Found]:
        out = []
        for h in hits:
            if any(h.start < e and s < h.end for s, e in claimed) or self._negated(text, h.start):
                continue
            chain, start = self._verbs_at(h.start, text, verbs) or ([h], h.end)
            end = self.clause_end(text, start)
            if h.phrase.text in self.lex.extending:
                for c, o, _ in self._chain(text, end, verbs):
                    end = o[1]  # "倡导X，加强Y，共同构建Z": one advocated object
            obj = self._object(text, start, end)
            subject = (self.clause_start(text, h.start), h.start)
            before = text[subject[0]:h.start]
            if "对" in before and "表示" in text[h.end:self.clause_end(text, h.end)]:
                continue  # "对越南政府坚持X表示赞赏": a verb inside the object of another
            if obj is None and "对" in before:
                # "对X表示欢迎": the object stands before the verb ("对于X表示充分肯定和赞赏" too).
                at = subject[0] + before.rindex("对")
                lead = 2 if text.startswith("对于", at) else 1
                stop = text.rfind("表示", at, h.start)
                obj, subject = self._object(text, at + lead, stop if stop > at else h.start), (subject[0], at)
            if obj:
                out += [Found("zh-stance-verb", (v.start, v.end), obj, v.phrase.value, SUBJECT, subject) for v in chain]
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
        text = fold(text, chinese=True)  # Traditional read as Simplified, one character for one: the offsets hold
        verbs = {h.start: h for h in longest_first(hits(self.lex.predicate_verbs) + hits(self.lex.stance_verbs))}
        self._verbs = verbs
        found = self.modals(text, verbs)
        found += self.directives(text, longest_first(hits(self.lex.directives)), verbs, [f.cue for f in found])
        found += self.enumerations(text, verbs)
        claimed = [f.cue for f in found]
        found += [f for f in self.first_person(text, verbs) if not any(f.cue[0] < e and s < f.cue[1] for s, e in claimed)]
        claimed = [f.cue for f in found]
        found += self.stance_verbs(text, longest_first(hits(self.lex.stance_verbs)), verbs, claimed)
        found += self.criticism(text, longest_first(hits(self.lex.criticism)), [f.cue for f in found])
        # One stance per cue: a modal and a stance verb may both have read "应支持".
        out, seen = [], set()
        for f in sorted(found, key=lambda f: (f.cue, f.obj)):
            if f.cue not in seen:
                seen.add(f.cue)
                out.append(f)
        return out
