"""Filling templates: the slots of sentences_en.yaml and sentences_zh.yaml, drawn for one statement."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .data import CLAIMS, EN, FALLBACK, INITIATIVE, LOWERABLE, NUMBERS, PAGES, QUANTITY, SLOTS, STANCES, WORDS, ZH
from .lexicon import Forms, Lexicon


@dataclass(frozen=True)
class Voice:  # the holder as the templates name it: {We} {we} {our} {zWe}, and {a|b}
    We: str
    we: str
    our: str
    plural: bool
    zWe: str | None = None  # Chinese pages only


def voice(name: str, **values) -> Voice:
    """The voice of that name in pages.yaml, with values the page draws for it."""
    return Voice(**{**PAGES["voices"][name], **values})


DIRECT, REPORTED = voice("direct"), voice("reported")
_SLOT = re.compile(r"\{([^{}]+)\}")
_PARTS: dict[str, list[str]] = {}      # template -> [text, slot, text, slot, ..., text]
_NOT_CHINA: dict[int, list[str]] = {}  # id(pool) -> its templates that do not mention China
# How numbered proposals read: (after the marker, after the head, between sentences, pools, sentences per proposal).
_PROPOSALS = {"en": (", ", ". ", " ", [CLAIMS, STANCES, STANCES], (3, 5)),
              "zh": ("，", "。", "", [ZH["stances"], ZH["claims"], ZH["stances"]], (3, 4))}


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def lower_start(s: str) -> str:
    """The sentence as it reads after "said that": lower-cased unless it opens with a name."""
    word = s.split(" ", 1)[0].rstrip(",")
    return s[:1].lower() + s[1:] if word in LOWERABLE else s


@dataclass
class Writer:
    """Fills templates for one statement with its own random generator."""

    rng: random.Random
    lex: Lexicon
    voice: Voice = DIRECT
    china: bool = True  # False: the holder is not China, so sentences about China's own record are left out
    used: set[str] = field(default_factory=set)  # sentences already in the statement (membership only)
    last_opener: str = ""

    def __post_init__(self):
        rng, lex = self.rng, self.lex
        # Slots that name codebook entities (formulations.yaml and the entities' names and aliases).
        self.named = {
            "neg": lambda: self._form(rng.choice(lex.negative)[1]),
            "pos": self._pos,
            "pos2": self._pos2,
            "e": lambda ent: lex.name(rng, ent) if ent in lex.kinds else FALLBACK["entity"],
            "init": lambda: lex.name(rng, rng.choice(lex.initiatives)) if lex.initiatives else FALLBACK["init"],
            "forum": lambda: lex.name(rng, rng.choice(lex.forums)),
            "fw": lambda: lex.name(rng, rng.choice(lex.frameworks)),
            "vps": self._vps,
            "zneg": lambda: self._form(rng.choice(lex.negative_zh)[1]),
            "zneg_bare": lambda: self._form(rng.choice(lex.negative_zh)[1], bare=True),
            "zpos": lambda ent: self._form(lex.positive_zh.get(ent), FALLBACK["zpos"]),
            "z": lambda ent: lex.name_zh(rng, ent),
            "zinit": lambda: "《" + lex.name_zh(rng, rng.choice(lex.initiatives_zh)) + "》",
            "zforum": lambda: lex.name_zh(rng, rng.choice(lex.forums_zh)),
            "zvps": lambda: "，".join(self.render(t) for t in rng.sample(SLOTS["zvp"], 3)),
        }

    def render(self, template: str, **values) -> str:
        """The template filled: slots the caller gives values for first (a list: one item drawn and
        filled), then the sentence slots. Draws follow the text from left to right."""
        parts = _PARTS.get(template)
        if parts is None:
            parts = _PARTS[template] = _SLOT.split(template)
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            value = values.get(parts[i])
            if value is None:
                value = self.slot(parts[i])
            elif isinstance(value, list):
                value = self.render(self.rng.choice(value), **values)
            out += [str(value), parts[i + 1]]
        return "".join(out)

    def pick(self, templates: list[str], **values) -> str:
        """Every template filled, then one chosen (so the draws do not depend on the choice)."""
        return self.rng.choice(self.lines(templates, **values))

    def lines(self, templates: list[str], **values) -> list[str]:
        return [self.render(t, **values) for t in templates]

    def slot(self, name: str) -> str:
        if "|" in name:
            plural, singular = name.split("|", 1)
            return plural if self.voice.plural else singular
        if name in ("We", "we", "our", "zWe"):
            return getattr(self.voice, name)
        if name.endswith(("-cap", "_cap")):
            return cap(self.slot(name[:-4]))
        if name[0].isupper():  # {Neg}, {Our}, {Init}: the lower-case slot, capitalised
            return cap(self.slot(name[0].lower() + name[1:]))
        if name in SLOTS:
            return self.render(self.rng.choice(SLOTS[name]))
        if name in NUMBERS:
            return "".join(self._number_part(p) for p in NUMBERS[name])
        kind, _, arg = name.partition(":")  # {pos:ID}, {e:ID}, {z:ID}, {zpos:ID}
        if kind not in self.named:
            raise KeyError(f"unknown template slot {{{name}}}")
        return self.named[kind](arg) if arg else self.named[kind]()

    def _number_part(self, part: str | list[int] | dict) -> str:
        if isinstance(part, str):
            return part
        return str(self.rng.choice(part["one_of"]) if isinstance(part, dict) else self.rng.randint(*part))

    def _form(self, forms: Forms | None, fallback: str = "", bare: bool = False) -> str:
        if not forms:
            return fallback
        pre, alias, post = self.rng.choice(forms)
        return alias if bare else pre + alias + post

    def _pos(self, ent_id: str | None = None) -> str:
        if ent_id is None:  # any formulation but the one on terrorism, which reads only in its own sentences
            ent_id = self.rng.choice([i for i in sorted(self.lex.positive) if i != "symptoms-and-root-causes"])
        elif ent_id not in self.lex.positive:
            return FALLBACK["pos_id"]
        return self._form(self.lex.positive.get(ent_id), FALLBACK["pos"])

    def _pos2(self) -> str:
        a = self._pos()
        for _ in range(5):  # two forms of one formulation ("a community with / of ...") would read as a repetition
            b = self._pos()
            if b.split(" ", 1)[-1][:12] != a.split(" ", 1)[-1][:12]:
                break
        return f"{a} and {b}"

    def _vps(self) -> str:  # two distinct predicates, and a third that may be one of opposition
        a, b = (self.render(t) for t in self.rng.sample(SLOTS["vp"], 2))
        return f"{a}, {b} and {self.render(self.rng.choice(SLOTS['vp'] + SLOTS['vpo']))}"

    def _pool(self, pool: list[str]) -> list[str]:
        if self.china:
            return pool
        kept = _NOT_CHINA.get(id(pool))
        if kept is None:
            kept = _NOT_CHINA[id(pool)] = [t for t in pool if "China" not in t and "中" not in t] or pool
        return kept

    def sentence(self, pool: list[str], **values) -> str:
        """A sentence from the pool, not yet used in this statement where the pool allows."""
        pool = self._pool(pool)
        for _ in range(8):
            template = self.rng.choice(pool)
            if template not in self.used:
                break
        self.used.add(template)
        for _ in range(4):
            s = cap(self.render(template, **values))
            if s not in self.used:
                break
        self.used.add(s)
        return s

    def sentences(self, pools: list[list[str]], k: int) -> list[str]:
        """k sentences, each from a pool drawn in turn, without repeating a sentence."""
        out: list[str] = []
        tries = 0
        while len(out) < k and tries < k * 4:
            tries += 1
            s = self.sentence(pools[len(out) % len(pools)])
            if s not in out:
                out.append(s)
        return out

    def threat(self) -> str:
        """A sentence on threats, its opener not the one of the last threat."""
        opener = self.rng.choice([o for o in EN["threat_openers"] if o != self.last_opener])
        self.last_opener = opener
        for _ in range(8):
            clause = self.render(self.rng.choice(SLOTS["threat"]))
            if clause not in self.used:
                break
        self.used.add(clause)
        return opener + clause + "."

    def zthreats(self, k: int) -> str:
        return "".join(self.rng.sample(ZH["threats"], k))

    def body_paragraph(self) -> str:
        k = self.rng.randint(4, 6)
        pools = self.rng.choice([[CLAIMS, STANCES, STANCES], [STANCES, CLAIMS, INITIATIVE], [CLAIMS, STANCES, QUANTITY],
                                 [STANCES, STANCES, CLAIMS]])
        return " ".join(self.sentences(pools, k))

    def proposals(self, n: int, zh: bool = False, speech: Voice | None = None) -> list[str]:
        """n numbered proposals, one paragraph each: "First, <head>. <supporting sentences>", in the
        given voice if any (reported speech quotes its proposals in the first person)."""
        lang = "zh" if zh else "en"
        after_marker, after_head, between, pools, length = _PROPOSALS[lang]
        saved, self.voice = self.voice, speech or self.voice
        markers = self.rng.choice(WORDS["enumerations"][lang])
        heads = self.rng.sample((ZH if zh else EN)["proposal_heads"], n)
        paras = [f"{markers[i]}{after_marker}{self.render(h)}{after_head}"
                 + between.join(self.sentences(pools, self.rng.randint(*length))) for i, h in enumerate(heads)]
        self.voice = saved
        return paras
