"""English stance rules over one sentence (offsets within it).

- A modal ("should", "must not", "is ready to"), a directive ("urge X to") or a hope ("hope
  that X will") is followed by one or more coordinated predicates, each a stance whose head
  verb decides the polarity (frames.yaml); verbs that share an object ("opposes and combats
  X") share it. Predicates of saying and knowing are no stance ("I must say that ...").
- The speaker's side with a support or oppose verb ("China firmly upholds X") and stance verbs
  with any subject ("Russia supports X"; who holds it is decided in holders.py).
- Noun cues ("our support for X"), criticism ("X will only lead to Y" opposes X), passives
  ("X must be upheld"), requirements ("strong action is required").
- A goal inside an object that is supported ("cooperation to combat terrorism", "a role in
  upholding peace") is a stance of its own.
"""
from __future__ import annotations

import re

from ...sources.matcher import Hit, longest_first
from . import english_syntax as en
from .english_added import EnglishAdded
from .found import NEAREST, OWN, SPEAKER, SUBJECT, Found


def _by_start(hits: list[Hit]) -> dict[int, Hit]:
    out: dict[int, Hit] = {}
    for h in hits:
        if h.start not in out or h.end > out[h.start].end:
            out[h.start] = h
    return out


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


class EnglishRules(EnglishAdded):
    """Frames over one sentence; the pieces they use are in english_phrases.py."""

    def __init__(self, lex):
        super().__init__(lex)
        # What every frame starts from: a cue or a verb of one of these (adverbs only qualify them).
        self.triggers = (lex.verbs, lex.modals, lex.stance_verbs, lex.noun_cues, lex.directives, lex.hopes, lex.criticism,
                         lex.required)

    def chain(self, text: str, frame: str, cue: tuple[int, int], pos: int, limit: int, negative: bool, rule: str,
              subject: tuple[int, int], adverbs, verbs) -> list[Found]:
        out = []
        for head, start, end in self._predicates(text, pos, limit, adverbs, verbs):
            got = self._object_of(text, head, start, end, negative)
            span = got and self.trimmed(text, *got[0])
            if not span or span == (head[0], head[1]):
                continue  # no phrase, or the verb alone ("aggression must not pay")
            # A light verb with a goal ("make efforts to uphold X", "work together to address Y"): the goal is the stance.
            # After "committed to" an unknown word starts a noun phrase ("committed to international cooperation to
            # combat X"): it stays a stance, and its goal is read from it in goals().
            noun_after_to = head[0] not in verbs and en.GERUND_TAKER.search(text, 0, pos)
            if head[2] == "other" and not negative and not noun_after_to and (goal := en.GOAL.search(text, head[1], span[1])):
                v = verbs.get(goal.end())
                if v is not None and v.phrase.value[0] == "oppose" and self.trimmed(text, v.end, span[1]):
                    # "act globally to disrupt X": the goal is the stance, not the verb that leads to it
                    if v.phrase.value[1] == "base" and goal.group().strip().endswith("to"):
                        out += self._goal_chain(text, Found(frame, cue, span, "support", rule, subject), v, False, verbs, adverbs)
                    continue
            # "committed to the Strategy", "committed to capacity-building": the modal is the cue
            noun_phrase = text[head[0]:head[1]].lower() in self.lex.determiners or bool(noun_after_to)
            out.append(Found(frame, cue if noun_phrase else (cue[0], head[1]) if negative else (head[0], head[1]), span, got[1], rule,
                             subject))
        return out

    def modal(self, text: str, modal: Hit, limit: int, adverbs, verbs) -> list[Found]:
        kind = modal.phrase.value
        own = kind in ("volitional", "negative_volitional")  # the subject's intention, not the speaker's advice
        after = self._skip(text, modal.end, adverbs)
        subject = (self.clause_start(text, modal.start), modal.start)
        if kind == "negative_volitional" and text[modal.start:modal.end].split()[-1].lower() not in ("to", "of"):
            obj = self.trimmed(text, after, limit)  # "does not seek hegemony": the noun phrase is opposed
            return [Found("modal-negated", (modal.start, modal.end), obj, "oppose", SUBJECT, subject)] if obj else []
        kind = "negative" if kind == "negative_volitional" else kind
        if kind == "negative" and (only := en.NOT_ONLY.match(text, after)):
            kind, after = "deontic", self._skip(text, only.end(), adverbs)  # "need not just X, but Y": both are advised
        word = text[after:after + 6].lower()
        if kind != "negative" and (word.startswith("not ") or word.startswith("never ")):
            kind, after = "negative", self._skip(text, after + word.index(" ") + 1, adverbs)
        if re.match(r"[A-Za-z][\w’'-]*\s+be\b", text[after:]) and text[after:after + 3].lower() != "be ":
            return []  # an inversion ("nor should terrorism be identified with ..."): no rule reads it safely
        if text[after:after + 3].lower() == "be " and not (after in verbs and verbs[after].end - after > 3):  # "be vigilant against"
            return self._be(text, modal, kind, after, limit, adverbs, subject)
        frame = {"negative": "modal-negated", "volitional": "modal-volitional"}.get(kind, "modal-predicate")
        rule = SUBJECT if own else SPEAKER
        return self.chain(text, frame, (modal.start, modal.end), after, limit, kind == "negative", rule, subject, adverbs, verbs)

    def _be(self, text: str, modal: Hit, kind: str, after: int, limit: int, adverbs, subject) -> list[Found]:
        """ "X must be upheld" (the subject X is the object), or "the UN must be a global player" (the predicate is)."""
        pos = self._skip(text, after + 3, adverbs)
        m = en.WORD.match(text, pos)
        polarity = self.lex.passive.get(m.group().lower()) if m else None
        if polarity:
            end = modal.start
            if re.search(r"\band\s*$", text[subject[0]:end]) and (first := en.FIRST_VERB.search(text, subject[0], end)):
                end = first.start()  # "the UN should be defended ... and should be reformed": the UN
            obj = self.trimmed(text, subject[0], end)
            polarity = "oppose" if kind == "negative" else polarity
            return [Found("passive", (modal.start, m.end()), obj, polarity, SPEAKER)] if obj else []
        advice = text[modal.start:modal.end].lower().startswith(("should", "must", "shall"))  # not "cannot be overstated"
        if kind == "negative" and advice and m is not None and (obj := self.trimmed(text, after, limit)):
            return [Found("modal-negated", (modal.start, modal.end), obj, "oppose", SPEAKER, subject)]  # "should not be falsified"
        if kind == "negative" or m is None or m.group().lower().endswith("ed") or m.group().lower() in ("no", "not", "able"):
            return []
        obj = self.trimmed(text, after, limit)
        return [Found("modal-predicate", (modal.start, modal.end), obj, "support", SPEAKER, subject)] if obj else []

    @staticmethod
    def _aux_of_hope(text: str, hope: Hit, modal: Hit) -> bool:
        """A modal that opens with an auxiliary a few words after a hope is the hope's own ("hope X will continue to")."""
        return modal.start - hope.end <= 60 and bool(en.AUX.match(text, modal.start)) and not en.CLAUSE_END.search(text, hope.end, modal.start)

    def governed(self, text: str, hit: Hit, limit: int, adverbs, verbs, after: Hit | None = None) -> list[Found]:
        """ "urge the US to stop X", "hope that all countries will discard Y": the predicates after "to" or the auxiliary."""
        rx = re.compile(r"\bto\s+") if hit.phrase.value == "directive" else en.AUX
        m = rx.search(text, hit.end, limit) if after is None else re.compile(r".+", re.S).match(text, after.start, after.end)
        if m is None and hit.phrase.value == "hope":
            m = re.compile(r"\bto\s+").search(text, hit.end, limit)
        subject = (self.clause_start(text, hit.start), hit.start)
        if text[hit.start:hit.end] in ("Hope", "Hopes") or self._noun_use(text, hit):
            return []  # "Hope is stronger than hate", "a beacon of hope for ...": a noun
        if m is None or m.start() - hit.end > 80:
            obj = self.trimmed(text, hit.end, limit)
            return [Found("stance-verb", (hit.start, hit.end), obj, "support", SUBJECT, subject)] if obj else []
        negated = re.match(r"(?:not|never)\s+", text[m.end():])
        pos = m.end() + (negated.end() if negated else 0)
        negative = bool(negated) or (after is not None and after.phrase.value == "negative")
        return self.chain(text, "directive", (hit.start, hit.end), pos, limit, negative, SUBJECT, subject, adverbs, verbs)

    # --- verbs with a subject -----------------------------------------------------------
    def _after(self, text: str, verb: Hit, limit: int, adverbs, verbs, stance_starts) -> int:
        """End of the object of a verb: the clause's end, or where a coordinated verb of the same form begins
        ("opposes X and supports Y"; not "opposes attempts to bypass X and apply Y")."""
        words = [w for w in text[verb.start:verb.end].lower().split() if not (w.endswith("ly") and len(w) > 4)]  # "firmly opposes"
        third = (words or text[verb.start:verb.end].split())[0].endswith("s")
        for m in en.SPLIT.finditer(text, verb.end, limit):
            at = self._skip(text, m.end(), adverbs)
            nxt = verbs.get(at)
            word = text[at:at + 30].split()[0].lower() if text[at:at + 30].split() else ""
            same = word.endswith("s") == third
            if at in stance_starts and same or nxt and nxt.phrase.value[0] in ("support", "oppose") and same and nxt.phrase.value[1] != "ed":
                return m.start()
        return limit

    def _noun_use(self, text: str, h: Hit) -> bool:
        """ "with the full support of", "supported by the West", "obligations to lawfully support": no verb of the subject's."""
        before = [w for w in text[:h.start].split() if not (w.lower().endswith("ly") and len(w) > 4)]
        nouny = {"full", "strong", "firm", "unwavering", "continued", "broad", "political", "financial", "technical", "active", "great",
                 "generous", "valuable", "constant", "steadfast", "international", "to"}
        if len(before) > 1 and before[-1].lower() == "to" and before[-2].lower() in en.WANTS:
            return False  # "I want to warn against X": the speaker's own verb
        if text[h.start:h.end].lower() in ("need", "needs") and re.match(r"\s*(?:and|or|of|,|\.|;)(?:\W|$)", text[h.end:]):
            return True  # "national needs and priorities", "the needs of": a noun
        return bool(before) and (before[-1].lower() in self.lex.determiners or before[-1].lower() in nouny) \
            or bool(re.match(r"\s+(?:by|of)\b", text[h.end:])) \
            or not text[h.start:h.end].lower().endswith(" for") and bool(re.match(r"\s+for\b", text[h.end:])) \
            or text[h.start:h.end].lower().endswith("ed") and bool(re.match(r"\s+(?:in|at|on|under|with)\b", text[h.end:]))

    def finite(self, text: str, verbs: dict[int, Hit], adverbs, stance_starts, claimed) -> list[Found]:
        """The speaker's side and a support or oppose verb: "China firmly upholds X", "we oppose and fight Y"."""
        out, previous = [], None
        ordered = sorted(verbs.values(), key=lambda v: v.start)
        for i, v in enumerate(ordered):
            progressive = v.phrase.value[1] == "ing" and v.phrase.value[0] in ("support", "oppose") and en.WE_ARE.search(text, 0, v.start)
            if text[v.start:v.end].lower() not in self.lex.finite and not progressive or _overlaps((v.start, v.end), claimed) \
                    or self._noun_use(text, v):
                continue
            lead = en.FINITE_LEAD.search(text[:v.start])
            subject_end = lead.start() if lead else v.start
            joined = previous and re.fullmatch(r"[^;:.]*\b(?:and|or)\s*", text[previous.cue[1]:subject_end] + " ")
            if not joined and v.phrase.value[1] == "ing" and \
                    not re.search(r"\b(?:is|are|has been|have been|been|was|were)\b", text[subject_end:v.start]):
                continue  # a gerund, not a verb with a subject
            subject = (self.clause_start(text, v.start), subject_end)
            if joined:
                subject = previous.subject  # "upholds X and opposes Y": the same subject
            elif re.search(r"\band\s*$", text[subject[0]:subject[1]]) and (first := en.FIRST_VERB.search(text, subject[0], subject[1])):
                subject = (subject[0], first.start())  # "China is a defender of X and has been opposing Y": China
            if len(text[subject[0]:subject[1]].split()) > 6:
                continue  # the subject is no short name of the speaker's side
            end = self._after(text, v, self.clause_end(text, v.end), adverbs, verbs, stance_starts)
            start = v.end
            if not text[v.end:end].strip():  # "opposes and combats X": the next verb's object is this one's too
                nxt = next((w for w in ordered[i + 1:] if w.start >= end), None)
                if nxt is not None:
                    start, end = nxt.end, self._after(text, nxt, self.clause_end(text, nxt.end), adverbs, verbs, stance_starts)
            obj = self.trimmed(text, start, end)
            if obj:
                previous = Found("verb", (v.start, v.end), obj, "oppose" if v.phrase.value[0] == "oppose" else "support", OWN, subject)
                out.append(previous)
        return out

    def stance_verbs(self, text: str, hits: list[Hit], claimed, adverbs, verbs, stance_starts) -> list[Found]:
        out = []
        for i, h in enumerate(hits):
            if _overlaps((h.start, h.end), claimed) or self._noun_use(text, h):
                continue
            limit = self.clause_end(text, h.end)
            start, end = h.end, self._after(text, h, limit, adverbs, verbs, stance_starts)
            if not text[start:end].strip():  # "deplores and opposes X", "supports and contributes to X": the object is shared
                split = en.SPLIT.match(text, h.end)
                at = self._skip(text, split.end(), adverbs) if split else -1
                nxt = hits[i + 1] if i + 1 < len(hits) and hits[i + 1].start == at else verbs.get(at)
                if nxt is not None and text[nxt.start:nxt.end].lower() in self.lex.finite:
                    nxt = None  # "opposes and fights X": both are read with their subject in finite()
                if nxt is None and i + 1 < len(hits):
                    nxt = hits[i + 1]
                if nxt is not None:
                    start, end = nxt.end, self._after(text, nxt, limit, adverbs, verbs, stance_starts)
            obj = self.trimmed(text, start, end)
            if obj:
                rule = NEAREST if text[h.start:h.end].lower() in self.lex.impersonal else SUBJECT  # "the Internet requires X"
                out.append(Found("stance-verb", (h.start, h.end), obj, h.phrase.value, rule, (self.clause_start(text, h.start), h.start)))
        return out

    def noun_cues(self, text: str, hits: list[Hit], claimed) -> list[Found]:
        out = []
        for h in hits:
            if _overlaps((h.start, h.end), claimed):
                continue
            obj = self.trimmed(text, h.end, self.clause_end(text, h.end))
            if obj:
                out.append(Found("noun-cue", (h.start, h.end), obj, h.phrase.value, NEAREST, (self.clause_start(text, h.start), h.start)))
        return out

    def before(self, text: str, hits: list[Hit], claimed, frame: str, adverbs=None, verbs=None) -> list[Found]:
        """Criticism and requirements: the clause's subject is the object ("X will only lead to Y", "X is required")."""
        out, previous = [], None
        for h in hits:
            if _overlaps((h.start, h.end), claimed):
                continue
            if previous and en.SAME_SUBJECT.fullmatch(text, previous.end, h.start):
                continue  # "X is a breach of Y and as such is an affront to Z": X is opposed once
            previous = h
            obj = self.trimmed(text, self.clause_start(text, h.start, coordinated=False), h.start)
            polarity = "oppose" if frame == "criticism" else "support"
            if obj:
                out.append(Found(frame, (h.start, h.end), obj, polarity, SPEAKER))
                # "X and the Y are unacceptable": each subject is opposed
                out += [Found(frame, (h.start, h.end), part, polarity, SPEAKER) for part in self._subjects(text, obj, h)]
            if (also := en.AS_IS.match(text, h.end)) and (more := self.trimmed(text, also.end(), self.clause_end(text, also.end()))):
                out.append(Found(frame, (h.start, h.end), more, polarity, SPEAKER))  # "X is unacceptable, as is Y": Y too
            if frame == "required" and (to := re.match(r"\s+to\s+", text[h.end:])):
                # "strong action is required to prevent X": the purpose is a position too
                start = h.end + to.end()
                out += self.chain(text, "required", (h.start, h.end), start, self.clause_end(text, start), False, SPEAKER, None,
                                  adverbs, verbs)
        return out

    def _subjects(self, text: str, obj: tuple[int, int], h: Hit) -> list[tuple[int, int]]:
        if not text[h.start:h.end].lower().startswith("are ") or not (m := en.AND_THE.search(text, obj[0], obj[1])):
            return []
        part = self.trimmed(text, m.end(), obj[1])  # the whole subject stands for the first
        return [part] if part else []

    def purpose(self, text: str, adverbs, verbs) -> list[Found]:
        """A sentence that opens with its purpose, "To defeat X, we must ...": a position of whoever the main clause names."""
        m = en.PURPOSE.match(text)
        v = verbs.get(m.end()) if m else None
        main = en.MAIN_CLAUSE.search(text, m.end()) if v else None
        comma = main.start() if main else -1
        if v is None or v.phrase.value != ("oppose", "base") and v.phrase.value != ("support", "base") or comma < 0:
            return []
        obj = self.trimmed(text, v.end, comma)
        return [Found("purpose", (v.start, v.end), obj, v.phrase.value[0], NEAREST, (comma + 1, comma + 40))] if obj else []

    def goals(self, text: str, found: list[Found], verbs, adverbs) -> list[Found]:
        """Goals inside a supported object: "cooperation to combat terrorism", "a role in upholding peace"."""
        out = []
        for f in found:
            if f.polarity != "support":
                continue
            for m in en.GOAL.finditer(text, f.obj[0], f.obj[1]):
                v = verbs.get(self._skip(text, m.end(), adverbs))
                if v is None or m.end() == f.obj[0] or v.phrase.value[0] not in ("support", "oppose"):
                    continue
                # "cooperation to combat terrorism" is a position against terrorism; a goal for something is one
                # only as the point of a role or an effort ("a constructive role in upholding peace").
                if v.phrase.value[0] != "oppose" and not en.ROLE_END.search(text, f.obj[0], m.start()):
                    continue
                form = "base" if m.group().strip().endswith("to") else "ing"
                if v.phrase.value[1] != form:
                    continue
                out += self._goal_chain(text, f, v, form == "ing", verbs, adverbs)
        return out

    def _goal_chain(self, text: str, f: Found, v: Hit, gerund: bool, verbs, adverbs) -> list[Found]:
        """A goal and the goals coordinated with it ("in enhancing trust and promoting peace"), each with its own object."""
        out, head = [], (v.start, v.end, v.phrase.value[0])
        while head:
            nxt = self._split_head(text, head[1], f.obj[1], adverbs, verbs, gerund)
            if nxt and nxt[1][2] not in ("support", "oppose"):
                nxt = None  # a predicate of another kind ends the list but is no goal
            obj = self.trimmed(text, head[1], nxt[0] if nxt else f.obj[1])
            if obj:
                out.append(Found("goal", (head[0], head[1]), obj, head[2], f.holder_rule, f.subject))
            head = nxt[1] if nxt else None
        return out

    def agenda(self, text: str, adverbs, verbs, claimed) -> list[Found]:
        """Gerunds listed after a colon or semicolon ("the challenges ahead: ending this pandemic, addressing the
        climate crisis"): the speaker's agenda, each item a stance."""
        out = []
        for m in en.LIST_OPEN.finditer(text):
            at = self._skip(text, m.end(), adverbs)
            v = verbs.get(at)
            if v is None or v.phrase.value[1] != "ing" or v.phrase.value[0] not in ("support", "oppose") or _overlaps((v.start, v.end), claimed):
                continue
            for head, start, end in self._predicates(text, at, self.clause_end(text, v.end), adverbs, verbs, gerund=True):
                got = self._object_of(text, head, start, end, False)
                span = got and self.trimmed(text, *got[0])
                if span:
                    out.append(Found("agenda", (head[0], head[1]), span, got[1], SPEAKER))
        return out

    # --- a sentence -------------------------------------------------------------------------
    def find(self, text: str, hits) -> list[Found]:
        """Every stance the rules read in one sentence; `hits(matcher)` gives a matcher's hits in it."""
        lex = self.lex
        if not any(hits(m) for m in self.triggers):
            return []  # every frame starts at a cue or a verb of these; most sentences have none
        adverbs, verbs = _by_start(hits(lex.adverbs)), _by_start(hits(lex.verbs))
        stance_hits = longest_first(hits(lex.stance_verbs) + hits(lex.noun_cues))
        stance_starts = {h.start for h in stance_hits}
        noun_phrases = {h.phrase for h in hits(lex.noun_cues)}
        nouns = [h for h in stance_hits if h.phrase in noun_phrases]
        found: list[Found] = self.noun_cues(text, nouns, [])
        modals = [m for m in longest_first(hits(lex.modals) + hits(lex.directives) + hits(lex.hopes))
                  if not _overlaps((m.start, m.end), [f.cue for f in found])]
        skip = -1
        for i, m in enumerate(modals):
            limit = self.clause_end(text, m.end)
            if i + 1 < len(modals) and modals[i + 1].start < limit:
                cut = [s.start() for s in en.SPLIT.finditer(text, m.end, modals[i + 1].start)]
                limit = cut[-1] if cut else modals[i + 1].start
            if m.phrase.value == "hope" and i + 1 < len(modals) and self._aux_of_hope(text, m, modals[i + 1]):
                # "hope that the two sides will continue to meet halfway": the modal belongs to the hope
                aux, skip = modals[i + 1], i + 1
                limit = self.clause_end(text, aux.end)
                found += self.governed(text, m, limit, adverbs, verbs, after=aux)
            elif i == skip:
                continue
            elif m.phrase.value in ("directive", "hope"):
                found += self.governed(text, m, limit, adverbs, verbs)
            else:
                found += self.modal(text, m, limit, adverbs, verbs)
        claimed = [f.cue for f in found] + [(m.start, m.end) for m in modals]
        found += self.stance_verbs(text, [h for h in stance_hits if h.phrase not in noun_phrases], claimed, adverbs, verbs, stance_starts)
        claimed += [f.cue for f in found]
        found += self.finite(text, verbs, adverbs, stance_starts, claimed)
        claimed += [f.cue for f in found]
        found += self.before(text, longest_first(hits(lex.criticism)), claimed, "criticism")
        found += self.before(text, longest_first(hits(lex.required)), claimed, "required", adverbs, verbs)
        found += [f for f in self.purpose(text, adverbs, verbs) if not _overlaps(f.cue, claimed)]
        found += self.agenda(text, adverbs, verbs, claimed + [f.cue for f in found])
        found += self.goals(text, found, verbs, adverbs)
        found += self.purposes(text, found, verbs, adverbs)
        found += self.added_objects(text, found)
        found += self.protected_from(text, found)
        return found
