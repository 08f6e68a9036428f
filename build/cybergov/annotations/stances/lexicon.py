"""The stance frames of sources/codebook/frames.yaml, compiled into matchers once."""
from __future__ import annotations

import re

from ...sources.codebook import Codebook
from ...sources.matcher import Phrase, PhraseMatcher

_VOWELS = "aeiou"


def inflections(phrase: str) -> dict[str, set[str]]:
    """A verb phrase in its forms: base, third person (-s), present participle (-ing) and past (-ed).

    Only the first word changes ("crack down on", "cracks down on"). Doubling a final consonant
    is both written and not (combating, combatting): a form no text has does no harm.
    """
    first, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    w = first.lower()
    s = w + "es" if w.endswith(("s", "x", "z", "ch", "sh")) else w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in _VOWELS else w + "s"
    stems = {w}
    if len(w) > 2 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        stems.add(w + w[-1])  # stop -> stopp-ing
    if w.endswith("ie"):
        ing = {w[:-2] + "ying"}
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        ing = {w[:-1] + "ing"}
    else:
        ing = {stem + "ing" for stem in stems}
    if w.endswith("e"):
        ed = {w + "d"}
    elif w.endswith("y") and w[-2:-1] not in _VOWELS:
        ed = {w[:-1] + "ied"}
    else:
        ed = {stem + "ed" for stem in stems}
    return {"base": {first + tail}, "s": {s + tail}, "ing": {f + tail for f in ing}, "ed": {f + tail for f in ed}}


def _matcher(groups: dict[str, list[str]]) -> PhraseMatcher:
    """Phrases whose value is their group ("deontic", "support", ...); a hyphen is part of a word."""
    return PhraseMatcher((Phrase(w, group) for group, words in groups.items() for w in words), hyphen_joins=True)


# Adverbs that part a stated intention's words ("stands ready now to", "is always ready to").
_INSIDE = ("now", "also", "always", "still", "fully", "firmly", "further")


def _with_adverbs(phrases: list[str]) -> list[str]:
    """ "stand ready to" as "stand ready now to" and "stand now ready to": an adverb before the last word or after the first."""
    out = []
    for p in phrases:
        words = p.split()
        if len(words) >= 3 and words[-1] == "to":
            out += [" ".join(words[:-1] + [a, "to"]) for a in _INSIDE] + [" ".join(words[:1] + [a] + words[1:]) for a in _INSIDE]
    return out


class English:
    def __init__(self, f: dict):
        modals = {kind: words + (_with_adverbs(words) if kind == "volitional" else []) for kind, words in f["modals"].items()}
        self.modals = _matcher(modals)
        self.adverbs = _matcher({"adverb": f["adverbs"]})
        # Every form of the verbs, with (class, form) as value: a modal takes the base form, a subject any.
        verbs = []
        for group in ("support", "oppose", "other", "transparent"):
            for verb in f[f"{group}_verbs"]:
                for form, words in inflections(verb).items():
                    verbs += [Phrase(w, (group, form)) for w in words]
        self.verbs = PhraseMatcher(verbs, hyphen_joins=True)
        self.directives = _matcher({"directive": f["directives"]})
        self.hopes = _matcher({"hope": f["hopes"]})
        self.required = _matcher({"support": f["required"]})
        self.not_heads = {w.lower() for w in f["not_heads"]}
        self.finite = {w for verb in f["finite_verbs"] for form in ("base", "s", "ing") for w in inflections(verb)[form]}
        self.stance_verbs = _matcher(f["stance_verbs"])
        self.impersonal = {w.lower() for w in f["impersonal_verbs"]}
        self.noun_cues = _matcher(f["noun_cues"])
        self.criticism = _matcher({"oppose": f["criticism"]})
        self.passive = {**{w: "support" for w in f["passive"]["support"]}, **{w: "oppose" for w in f["passive"]["oppose"]}}
        self.first_person = {w.lower() for w in f["first_person"]}
        # Lower case only: "States", "Notes" with a capital are nouns ("Member States", "the United States").
        self.reporting = re.compile(r"\b(?-i:(?=[a-z]))(?:" + "|".join(map(re.escape, sorted(f["reporting_verbs"], key=len, reverse=True))) + r")\b(?:\s+that\b)?",
                                    re.I)
        self.not_objects = {w.lower() for w in f["not_objects"]}
        self.object_stops = [s.lower() for s in f["object_stops"]]
        self.determiners = {w.lower() for w in f["determiners"]}
        self.adjectives = {w.lower() for w in f["adjectives"]}
        self.matchers = [self.modals, self.adverbs, self.verbs, self.directives, self.hopes, self.required, self.stance_verbs,
                         self.noun_cues, self.criticism]


class Chinese:
    def __init__(self, f: dict):
        self.stance_verbs = _matcher(f["stance_verbs"])
        self.predicate_verbs = _matcher(f["predicate_verbs"])
        self.directives = _matcher({"support": f["directives"]})
        self.extending = set(f["extending_verbs"])
        self.modals = [(kind, re.compile(p)) for kind, patterns in f["modals"].items() for p in patterns]
        self.negative = re.compile("|".join(f"(?:{p})" for p in f["modals"]["negative"]))
        self.not_heads = tuple(f["not_heads"])
        self.adverbs = [re.compile(p) for p in f["adverbs"]]
        self.light = [re.compile(p) for p in f["light_phrases"]]
        self.contributions = [re.compile(p) for p in f["contributions"]]
        self.adverbial_tails = tuple(f["adverbial_tails"])
        self.negators = tuple(f["negators"])
        self.enumerators = re.compile("|".join(f"(?:{p})" for p in f["enumerators"]))
        self.not_objects = tuple(f["not_objects"])
        self.object_stops = tuple(f["object_stops"])
        self.criticism = _matcher({"oppose": f["criticism"]})
        self.first_person = tuple(sorted(f["first_person"], key=len, reverse=True))
        self.reporting = re.compile("|".join(map(re.escape, f["reporting_verbs"])))
        self.clause_ends = f["clause_ends"]
        self.matchers = [self.stance_verbs, self.predicate_verbs, self.directives, self.criticism]


class Lexicon:
    def __init__(self, codebook: Codebook):
        self.en = English(codebook.frames["en"])
        self.zh = Chinese(codebook.frames["zh"])
