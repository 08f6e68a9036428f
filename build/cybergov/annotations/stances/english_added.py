"""Stances added to those a frame found: a purpose after it, a second object, what is protected from.

- A purpose ("withdraw X so as to avoid Y", "with a view to developing Z") is a goal of the same holder.
- A second object with its preposition repeated ("stand up for X and for Y") or after ", as well as" is a stance of its own.
- What a supported thing is protected or defended from is opposed ("protect us from X").
"""
from __future__ import annotations

from . import english_syntax as en
from .english_phrases import EnglishPhrases
from .found import Found


class EnglishAdded(EnglishPhrases):
    """Passes over the stances of a sentence; english.py runs them after its frames (and gives `_goal_chain`)."""

    def purposes(self, text: str, found: list[Found], verbs, adverbs) -> list[Found]:
        """A purpose after a stance's action ("withdraw X so as to avoid Y", "with a view to developing Z"): a goal of the
        same holder, read in the clause of the object, whatever the stance's polarity."""
        out, seen = [], set()
        for f in found:
            for m in en.PURPOSE_AFTER.finditer(text, f.obj[0], self.clause_end(text, f.obj[0])):
                v = verbs.get(self._skip(text, m.end(), adverbs))
                form = "base" if m.group().strip().lower().endswith("to") and "view" not in m.group() else "ing"
                if m.start() in seen or v is None or v.phrase.value[0] not in ("support", "oppose") or v.phrase.value[1] != form:
                    continue
                seen.add(m.start())
                goal = Found(f.frame, f.cue, (m.end(), self.clause_end(text, m.end())), f.polarity, f.holder_rule, f.subject)
                got = self._goal_chain(text, goal, v, form == "ing", verbs, adverbs)
                if " not " in m.group():
                    got = [Found(g.frame, g.cue, g.obj, "oppose", g.holder_rule, g.subject) for g in got if g.polarity == "support"]
                out += got
        return out

    def added_objects(self, text: str, found: list[Found]) -> list[Found]:
        """A second object added to a stance's first ("reject X, as well as Y"; "stand up for X and for Y")."""
        out = []
        for f in found:
            after = f.obj[0] >= f.cue[1]  # not a subject before its cue ("X must be upheld")
            end = self.clause_end(text, f.obj[1]) if after and en.AS_WELL_AS.match(text, f.obj[1]) else f.obj[1]  # cut at ", as"
            for m in [*en.NEXT_OBJECT.finditer(text, f.obj[0], end), *en.AS_WELL_AS.finditer(text, f.obj[1], end)]:
                obj = self.trimmed(text, m.end(), end)
                if obj and not en.NEXT_OBJECT.search(text, obj[0], obj[1]):
                    out.append(Found(f.frame, f.cue, obj, f.polarity, f.holder_rule, f.subject))
        return out

    def protected_from(self, text: str, found: list[Found]) -> list[Found]:
        """What a supported thing is protected from is opposed ("mechanisms to protect us from the illegal interception
        of data", "the United Nations should be defended from unilateralism")."""
        out, seen = [], set()
        for f in found:
            end = max(f.obj[1], self.clause_end(text, f.cue[1])) if f.frame == "passive" else f.obj[1]
            verb = en.PROTECT.search(text, f.cue[0], end) if f.polarity == "support" else None
            m = verb and en.FROM.search(text, verb.end(), end)
            if m and (modal := en.AND_MODAL.search(text, m.end(), end)):
                end = modal.start()  # "defended from X and should be reformed": X
            obj = m and self.trimmed(text, m.end(), end)
            if obj and obj not in seen:
                seen.add(obj)
                out.append(Found(f.frame, f.cue, obj, "oppose", f.holder_rule, f.subject))
        return out
