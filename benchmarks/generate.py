#!/usr/bin/env python3
"""Generate a synthetic corpus of statements on cyberspace governance, for benchmarking the build.

    python benchmarks/generate.py --size 1000 --seed 1 --out /tmp/bench-1000

writes a complete project root in --out: the repository's profiles, codebook, conventions,
package metadata, schemas (and datasette/ if present) are copied; sources/events.yaml holds
the repository's events followed by generated ones; sources/statements/<id>/ holds N
statements, each a saved page (source.txt) and the metadata.yaml a maintainer would write
for it (valid against schemas/inputs/metadata.schema.json).

Every statement is INVENTED: it is composed from sentence templates written for this
generator and from the names and aliases in the codebook. No real statement is copied.
Pages take the shapes that the publisher profiles read (the Chinese MFA English site,
the Chinese UN mission site, and pages read by the generic profile), in English and,
for about one statement in twenty, in Simplified Chinese. The templates, word lists and
page layouts are data in benchmarks/synthetic/ (each file says what it holds); this file
combines them.

The output is a pure function of (size, seed): no clock, no environment, no iteration over
sets or unordered mappings. Each statement is drawn with its own random.Random seeded by
(seed, index), so statements do not depend on one another; events are drawn first from a
generator seeded by (seed, size).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "synthetic"
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)


def _data(name: str):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


FORMS, WORDS, SLOTS, NUMBERS = _data("formulations"), _data("words"), _data("slots"), _data("numbers")
EN, ZH, PAGES, EVENTS = _data("sentences_en"), _data("sentences_zh"), _data("pages"), _data("event_types")
CLAIMS, STANCES, SIGNATURE, INITIATIVE, QUANTITY, PRACTICE = (
    EN[k] for k in ("claims", "stances", "signature", "initiative", "quantity", "practice"))
MONTHS, NUMBER_WORDS, FALLBACK = WORDS["months"], WORDS["number_words"]["en"], FORMS["fallbacks"]
NO_ARTICLE, NO_ARTICLE_KINDS, LOWERABLE = (set(WORDS[k]) for k in ("no_article", "no_article_kinds", "lowerable"))


# ---- The codebook: surface forms of the entities the templates name ------------------------

@dataclass
class Lexicon:
    """English and Chinese surface forms of codebook entities, checked against the codebook."""

    kinds: dict[str, str]
    en: dict[str, list[str]]
    zh: dict[str, list[str]]
    negative: list[tuple[str, list[list[str]]]]
    negative_zh: list[tuple[str, list[list[str]]]]
    positive: dict[str, list[list[str]]]
    positive_zh: dict[str, list[list[str]]]
    ids_by_kind: dict[str, list[str]]
    parents: dict[str, str | None] = field(default_factory=dict)

    def within(self, ent_id: str | None, ancestor: str) -> bool:
        """Whether ent_id is ancestor or lies under it (parent chain in the codebook)."""
        seen = 0
        while ent_id is not None and seen < 50:
            if ent_id == ancestor:
                return True
            ent_id, seen = self.parents.get(ent_id), seen + 1
        return False

    @classmethod
    def load(cls, entities_file: Path) -> "Lexicon":
        entities = yaml.safe_load(entities_file.read_text(encoding="utf-8"))
        kinds, en, zh, by_kind, parents = {}, {}, {}, {}, {}
        for ent in entities:
            kinds[ent["id"]] = ent["kind"]
            parents[ent["id"]] = ent.get("parent")
            by_kind.setdefault(ent["kind"], []).append(ent["id"])
            forms_en, forms_zh = [ent["name"]], []
            for a in ent.get("aliases") or []:
                item = {"alias": a} if isinstance(a, str) else a
                text = item["alias"].strip()
                lang = item.get("lang", "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en")
                (forms_zh if lang == "zh" else forms_en).append(text)
            en[ent["id"]], zh[ent["id"]] = forms_en, forms_zh

        def checked(table, lang_forms):
            out = []
            for ent_id, forms in table:
                if ent_id not in kinds:
                    continue  # the codebook no longer has it: leave it out rather than invent a name
                known = {f.lower() for f in lang_forms[ent_id]}
                kept = [f for f in forms if f[1].lower() in known]
                if kept:
                    out.append((ent_id, kept))
            return out

        neg, pos = FORMS["negative"], FORMS["positive"]
        return cls(kinds=kinds, en=en, zh=zh, ids_by_kind=by_kind, parents=parents,
                   negative=checked(neg["en"].items(), en), negative_zh=checked(neg["zh"].items(), zh),
                   positive=dict(checked(sorted(pos["en"].items()), en)),
                   positive_zh=dict(checked(sorted(pos["zh"].items()), zh)))

    def name(self, rng: random.Random, ent_id: str, article: bool = True, alias: bool = True) -> str:
        """An English name of the entity, with "the" where running text needs it."""
        forms = [f for f in self.en[ent_id] if not f.startswith("the ")]
        surface = rng.choice(forms) if alias else forms[0]
        if not article or surface in NO_ARTICLE or self.kinds[ent_id] in NO_ARTICLE_KINDS:
            return surface
        if self.kinds[ent_id] == "group" and surface[0].islower():
            return surface  # "developing countries"
        return "the " + surface

    def name_zh(self, rng: random.Random, ent_id: str) -> str:
        forms = self.zh.get(ent_id) or []
        if not forms:
            raise KeyError(f"entity {ent_id!r} has no Chinese alias in the codebook")
        return rng.choice(forms)


# ---- Events --------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventType:  # one entry of synthetic/event_types.yaml
    key: str
    name: str
    name_zh: str
    series: str | None
    body: str | None
    base: int | None
    venue: str
    cities: list[list[str]]


EVENT_TYPES = [EventType(**t) for t in EVENTS["types"]]


@dataclass
class Event:
    id: str
    type: EventType
    name: str
    name_zh: str
    ordinal: int | None
    date: dt.date
    city: str
    city_zh: str
    country: str


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-")


def _day(rng: random.Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def make_events(rng: random.Random, count: int, taken: set[str], lex: Lexicon) -> list[Event]:
    types = [t for t in EVENT_TYPES if (t.series is None or t.series in lex.kinds) and (t.body is None or t.body in lex.kinds)]
    drawn = []
    for i in range(count):
        t = types[i % len(types)] if i < len(types) else rng.choice(types)  # every type at least once
        drawn.append((_day(rng, FIRST_DAY, LAST_DAY - dt.timedelta(days=3)), i, t, rng.randrange(1 << 30)))
    drawn.sort(key=lambda x: (x[0], x[1]))
    counters: dict[str, int] = {}
    events = []
    for day, _, t, sub in drawn:
        r = random.Random(sub)
        n = None
        if t.base is not None:
            n = t.base + counters.get(t.key, 0)
            counters[t.key] = counters.get(t.key, 0) + 1
        topic, ztopic = r.choice(EVENTS["un_topics"])
        name = t.name.format(ord=ordinal(n) if n else "", topic=topic)
        name_zh = t.name_zh.format(n=n, ztopic=ztopic)
        city, city_zh, cc = r.choice(t.cities)
        words = [w for w in slug(topic, 80).split("-") if w not in ("the", "and", "of", "in", "to", "by")][:3]
        base_id = f"{day.isoformat()}-{t.key}" + ("-" + "-".join(words) if "{topic}" in t.name else "") + (f"-{n}" if n else "")
        eid, k = base_id, 2
        while eid in taken:
            eid, k = f"{base_id}-{k}", k + 1
        taken.add(eid)
        events.append(Event(eid, t, name, name_zh, n, day, city, city_zh, cc))
    return events


def _yaml_scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if re.fullmatch(r"[A-Za-z0-9\u4e00-\u9fff][\w\u4e00-\u9fff ,.'’()、&/-]*", s) and not re.search(r"\s$|: | #", s) \
            and not re.fullmatch(r"[\d.:+_ -]+", s) \
            and s.lower() not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n", "~", ".nan", ".inf"):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def events_yaml(events: list[Event]) -> str:
    out = []
    for e in events:
        out.append(
            f"- id: {e.id}\n  name: {_yaml_scalar(e.name)}\n  series: {_yaml_scalar(e.type.series)}\n"
            f"  ordinal: {_yaml_scalar(e.ordinal)}\n  date: {e.date.isoformat()}\n  city: {_yaml_scalar(e.city)}\n"
            f"  country: {e.country}\n  body: {_yaml_scalar(e.type.body)}\n")
    return "\n".join(out)


# ---- Composing one statement ---------------------------------------------------------------

@dataclass(frozen=True)
class Voice:  # the holder as the templates name it: {We} {we} {our} {zWe}, and {a|b}
    We: str
    we: str
    our: str
    plural: bool
    zWe: str | None = None  # Chinese pages only


def _voice(name: str, **values) -> Voice:
    return Voice(**{**PAGES["voices"][name], **values})


DIRECT, REPORTED = _voice("direct"), _voice("reported")
_SLOT = re.compile(r"\{([^{}]+)\}")
_CACHE: dict[str, list[str]] = {}      # template -> [text, slot, text, slot, ..., text]
_NOT_CHINA: dict[int, list[str]] = {}  # id(pool) -> its templates that do not mention China


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _lower_start(s: str) -> str:
    word = s.split(" ", 1)[0].rstrip(",")
    return s[:1].lower() + s[1:] if word in LOWERABLE else s


@dataclass
class Writer:
    """Fills templates for one statement with its own random generator (slots: synthetic/sentences_en.yaml)."""

    rng: random.Random
    lex: Lexicon
    voice: Voice = DIRECT
    china: bool = True  # False: the holder is not China, so sentences about China's own record are left out
    used: set[str] = field(default_factory=set)  # sentences already in the statement (membership only)
    profiles: "Profiles | None" = None
    last_opener: str = ""

    def __post_init__(self):
        k = self.lex.ids_by_kind
        self.forums = [i for i in k.get("forum", []) + k.get("organisation", []) if self.lex.en[i]]
        self.inits = list(k.get("initiative", []))
        self.frameworks = k.get("framework", []) + k.get("strategy", []) + k.get("agenda", [])
        rng, lex = self.rng, self.lex
        # Slots that name codebook entities (formulations.yaml and the entities' names and aliases).
        self.named = {
            "neg": lambda: self._form(rng.choice(lex.negative)[1]),
            "pos": self._pos,
            "pos2": self._pos2,
            "e": lambda ent: lex.name(rng, ent) if ent in lex.kinds else FALLBACK["entity"],
            "init": lambda: lex.name(rng, rng.choice(self.inits)) if self.inits else FALLBACK["init"],
            "forum": lambda: lex.name(rng, rng.choice(self.forums)),
            "fw": lambda: lex.name(rng, rng.choice(self.frameworks)),
            "vps": self._vps,
            "zneg": lambda: self._form(rng.choice(lex.negative_zh)[1]),
            "zneg_bare": lambda: self._form(rng.choice(lex.negative_zh)[1], bare=True),
            "zpos": lambda ent: self._form(lex.positive_zh.get(ent), FALLBACK["zpos"]),
            "z": lambda ent: lex.name_zh(rng, ent),
            "zinit": lambda: "《" + lex.name_zh(rng, rng.choice(self.inits)) + "》",
            "zforum": lambda: lex.name_zh(rng, rng.choice([i for i in self.forums if lex.zh.get(i)])),
            "zvps": lambda: "，".join(self.render(t) for t in rng.sample(SLOTS["zvp"], 3)),
        }

    def render(self, template: str, **values) -> str:
        """The template filled: slots the caller gives values for first (a list: one item drawn and
        filled), then the sentence slots. Draws follow the text from left to right."""
        parts = _CACHE.get(template)
        if parts is None:
            parts = _CACHE[template] = _SLOT.split(template)
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
        return self.rng.choice([self.render(t, **values) for t in templates])

    def lines(self, templates: list[str], **values) -> list[str]:
        return [self.render(t, **values) for t in templates]

    def slot(self, name: str) -> str:
        if "|" in name:
            plural, singular = name.split("|", 1)
            return plural if self.voice.plural else singular
        if name in ("We", "we", "our", "zWe"):
            return getattr(self.voice, name)
        if name.endswith(("-cap", "_cap")):
            return _cap(self.slot(name[:-4]))
        if name[0].isupper():  # {Neg}, {Our}, {Init}: the lower-case slot, capitalised
            return _cap(self.slot(name[0].lower() + name[1:]))
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

    def _form(self, forms: list[list[str]] | None, fallback: str = "", bare: bool = False) -> str:
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
            s = _cap(self.render(template, **values))
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

    def proposals(self, n: int, zh: bool = False) -> list[str]:
        """n numbered proposals, one paragraph each: "First, <head>. <supporting sentences>"."""
        rng, lang = self.rng, "zh" if zh else "en"
        markers, heads = rng.choice(WORDS["enumerations"][lang]), rng.sample((ZH if zh else EN)["proposal_heads"], n)
        if zh:
            pools = [ZH["stances"], ZH["claims"], ZH["stances"]]
            return [f"{markers[i]}，{self.render(h)}。" + "".join(self.sentences(pools, rng.randint(3, 4)))
                    for i, h in enumerate(heads)]
        return [f"{markers[i]}, {self.render(h)}. " + " ".join(self.sentences([CLAIMS, STANCES, STANCES], rng.randint(3, 5)))
                for i, h in enumerate(heads)]


# ---- Pages (their text: synthetic/pages.yaml) ----------------------------------------------

@dataclass
class Statement:
    document_id: str
    text: str
    publisher: str
    profile: str | None
    genre: str
    language: str
    speakers: list[tuple[str, str | None]]
    holder: str
    event: str | None


def _long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _date_values(d: dt.date) -> dict[str, str]:
    """The parts of a date that page templates name."""
    return {"long": _long_date(d), "month": MONTHS[d.month - 1], "mon": str(d.month), "day": str(d.day),
            "day2": f"{d.day:02d}", "year": str(d.year), "iso": d.isoformat()}


def _time(rng: random.Random) -> str:
    return f"{rng.randint(7, 23):02d}:{rng.choice(range(0, 60, 5)):02d}"


def _page(head: list[str], paras: list[str], tail: str) -> str:
    return "\n".join(head) + "\n" + "\n\n".join(paras) + tail


def wang_yi_role(d: dt.date, rng: random.Random, zh: bool = False) -> str:
    roles = PAGES["wang_yi"]
    if d < roles["since"]:
        return roles["zh_before" if zh else "before"]
    return roles["zh_after"] if zh else rng.choice(roles["after"])


def _pick_event(rng: random.Random, events: list[Event], venue: str, share: float = 0.8) -> Event | None:
    pool = [e for e in events if e.type.venue == venue]
    if not pool or rng.random() > share:
        return None
    return rng.choice(pool)


def _dates(rng: random.Random, event: Event | None) -> tuple[dt.date, dt.date]:
    """(date of the meeting or of the speech, date the page was published)."""
    held = event.date if event else _day(rng)
    return held, held + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))


def fmprc_readout(w: Writer, events: list[Event]) -> Statement:
    rng, T = w.rng, PAGES["fmprc-readout"]
    event = _pick_event(rng, events, "other")
    held, published = _dates(rng, event)
    role = wang_yi_role(held, rng)
    w.voice = REPORTED
    at = {"role": role, **_date_values(held)}
    if event:
        at.update(event=event.name, city=event.city)
        title = w.pick(T["titles_at_event"], **at)
        paras = [w.render(T["opening_at_event"], **at) + " " + w.sentence(T["meeting"], meeting_domain=w.slot("domain"))]
    else:
        title = w.pick(T["titles"])
        paras = [w.render(T["opening"], **at) + " " + w.threat()]
    with_proposals = rng.random() < 0.45
    for i in range(rng.randint(3, 5) if with_proposals else rng.randint(4, 7)):
        verb = rng.choice(T["verbs"])
        lead = w.sentence(CLAIMS if i % 2 == 0 else STANCES)
        local = EN["brics"] if event and event.type.body == "brics" else INITIATIVE
        rest = w.sentences([STANCES, CLAIMS, QUANTITY, INITIATIVE] if i % 3 else [STANCES, local], rng.randint(2, 4))
        first = w.render(T["said"], verb=verb, clause=_lower_start(w.threat() if verb in T["verbs_for_threats"] else lead))
        if with_proposals and i == 0:
            n = rng.choice([3, 3, 4, 4, 5])
            paras.append(" ".join([first, *rest, w.render(T["proposals"], count=NUMBER_WORDS[n - 2])]))
            w.voice = DIRECT
            paras.extend(w.proposals(n))
            w.voice = REPORTED
        else:
            paras.append(" ".join([first, *rest]))
    paras.append(w.pick(T["closings"]))
    head = w.lines(PAGES["fmprc_head"], title=title, time=_time(rng), **_date_values(published))
    return Statement("", _page(head, paras, rng.choice(T["tails"])), "mfa-china", None, "readout", "en", [("wang-yi", role)],
                     "china", event.id if event else None)


def fmprc_speech(w: Writer, events: list[Event]) -> Statement:
    rng, T = w.rng, PAGES["fmprc-speech"]
    event = _pick_event(rng, events, "other", share=0.7)
    held, published = _dates(rng, event)
    role = wang_yi_role(held, rng)
    w.voice = DIRECT
    where = w.render(T["where_at_event"], event=event.name) if event else rng.choice(T["venues"])
    title = w.pick(T["titles"], where=where, aim=T["aim"])
    paras = [rng.choice(T["salutations"]), " ".join([w.render(T["opening"], where=where), w.threat(), w.sentence(CLAIMS)])]
    third = [w.threat(), w.threat(), w.sentence(STANCES), w.sentence(CLAIMS)]
    if rng.random() < 0.6:
        n = rng.choice([3, 3, 4, 4, 5])
        paras.append(" ".join([*third, w.render(T["observations"], count=NUMBER_WORDS[n - 2])]))
        paras.extend(w.proposals(n))
    else:
        paras.append(" ".join(third))
    paras.extend(w.body_paragraph() for _ in range(rng.randint(1, 3)))
    paras.append(" ".join(w.sentences([PRACTICE, QUANTITY, QUANTITY], rng.randint(3, 4))))
    paras.append(w.sentence(SIGNATURE) + " " + w.sentence(SIGNATURE))
    paras.append(rng.choice(T["thanks"]))
    head = w.lines(PAGES["fmprc_head"], title=title, time=_time(rng), **_date_values(published))
    return Statement("", _page(head, paras, rng.choice(T["tails"])), "mfa-china", None, "speech", "en", [("wang-yi", role)],
                     "china", event.id if event else None)


def cnun_remarks(w: Writer, events: list[Event]) -> Statement:
    rng, T = w.rng, PAGES["cnun-remarks"]
    event = _pick_event(rng, events, "un", share=0.85)
    held, _ = _dates(rng, event)  # the mission posts on the day
    w.voice = DIRECT
    where = w.render(T["where_at_event"], event=event.name) if event else w.render(T["where"])
    if held >= PAGES["fu_cong_since"] and rng.random() < 0.75:
        title = w.pick(T["titles_fu_cong"], where=where)
        speakers = [("fu-cong", rng.choice(T["roles_fu_cong"]))]
    else:
        title, speakers = w.pick(T["titles_delegation"], where=where), []
    chair = T["chair_oewg"] if event and event.type.key == "oewg" else rng.choice(T["chairs"])
    salutation = w.render(T["salutation"], chair=chair)
    paras = [salutation, " ".join([rng.choice(T["thanks"]), w.threat(), w.threat()])]
    second = [w.sentence(CLAIMS), w.sentence(STANCES), w.sentence(STANCES), w.sentence(CLAIMS)]
    if rng.random() < 0.65:
        n = rng.choice([3, 3, 4, 4, 5])
        paras.append(" ".join([*second, w.pick(T["points"], count=NUMBER_WORDS[n - 2])]))
        if rng.random() < 0.4:
            paras.append(salutation)
        paras.extend(w.proposals(n))
    else:
        paras.append(" ".join(second))
        paras.extend(w.body_paragraph() for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.6:
        paras.append(salutation)
    paras.append(" ".join(w.sentences([PRACTICE, QUANTITY, INITIATIVE, PRACTICE], rng.randint(4, 5))))
    paras.append(w.sentence(CLAIMS) + " " + w.sentence(SIGNATURE))
    paras.append(w.render(T["thank_chair"], chair=chair))
    head = w.lines(T["head"], title=title, time=_time(rng), **_date_values(held))
    return Statement("", _page(head, paras, rng.choice(T["tails"])), "china-un-mission", None, rng.choice(T["genres"]), "en",
                     speakers, "china", event.id if event else None)


def org_page(w: Writer, events: list[Event], publishers: list[str]) -> Statement:
    """A page of another publisher (organisation), read by the generic profile."""
    rng, lex = w.rng, w.lex
    org = rng.choice(publishers)
    w.china = lex.within(org, "china")
    short = min((f for f in lex.en[org] if f[:1].isupper()), key=len)
    pool = [e for e in events if lex.within(e.type.body, org)]
    event = rng.choice(pool) if pool and rng.random() < 0.7 else None
    _, published = _dates(rng, event)
    if org == "united-nations" and "antonio-guterres" in lex.kinds and rng.random() < 0.6:
        role = PAGES["org-page"]["secretary_general"]["role"]
        genre, speakers, text = "speech", [("antonio-guterres", role)], _secretary_general(w, event, published)
    else:
        (genre, text), speakers = _members_release(w, event, published, short), []
    return Statement("", text, org, None, genre, "en", speakers, org, event.id if event else None)


def _secretary_general(w: Writer, event: Event | None, published: dt.date) -> str:
    rng, T = w.rng, PAGES["org-page"]["secretary_general"]
    w.voice = DIRECT
    where = w.render(T["where_at_event"], event=event.name) if event else w.render(T["where"])
    title = w.render(T["title"], where=where)
    paras = [rng.choice(T["salutations"]),
             " ".join([w.render(T["opening"], where=where, convener=T["convener"]), w.threat(), w.threat()])]
    paras.extend(w.body_paragraph() for _ in range(rng.randint(3, 5)))
    paras += [" ".join(w.sentences([QUANTITY, CLAIMS], 3)), T["thanks"]]
    return _page(w.lines(T["head"], title=title, **_date_values(published)), paras, T["tail"])


def _members_release(w: Writer, event: Event | None, published: dt.date, short: str) -> tuple[str, str]:
    """(genre, text) of a release in the name of the organisation's member states."""
    rng, T = w.rng, PAGES["org-page"]["members"]
    w.voice = _voice("members", We=w.render(PAGES["voices"]["members"]["We"], short=short))
    at = {"short": short, **({"event": event.name, "city": event.city, "long": _long_date(event.date)} if event else {})}
    joint = None
    if event:
        titles = w.lines(T["titles_at_event"], **at)
        if event.ordinal:  # a numbered meeting of the organisation's own members adopts a joint statement
            joint = w.render(T["joint_title"], **at)
            titles.append(joint)
        title = rng.choice(titles)
    else:
        title = w.pick(T["titles"], **at)
    genre = "joint_statement" if title == joint else rng.choice(T["genres"])
    opening = w.render(T["opening_at_event"], **at) if event else w.render(T["opening"], **at) + " " + w.threat()
    paras = [opening, w.threat() + " " + w.threat() + " " + w.sentence(CLAIMS)]
    paras.extend(w.body_paragraph() for _ in range(rng.randint(3, 5)))
    if rng.random() < 0.4:
        n = rng.randint(3, 4)
        paras.append(w.render(T["priorities"], count=NUMBER_WORDS[n - 2]))
        paras.extend(w.proposals(n))
    paras.append(w.sentence(SIGNATURE))
    dates = T["dates"] + ([T["date_at_event"]] if event else [])
    head = w.lines(T["head"], crumb=T["crumbs"], title=title, date=dates, **{**at, **_date_values(published)})
    return genre, _page(head, paras, rng.choice(T["tails"]))


def mfa_generic(w: Writer, events: list[Event]) -> Statement:
    """An MFA position paper saved from its print view: no site header, so `profile: generic`."""
    rng, T = w.rng, PAGES["mfa-generic"]
    _, published = _dates(rng, None)
    w.voice = REPORTED
    title = w.pick(T["titles"], subject=w.slot("topic"))
    paras = [" ".join([w.threat(), w.threat(), w.sentence(CLAIMS)]),
             # the verb is drawn before the sentences, as the text reads (keyword arguments run left to right)
             w.render(T["position"], verb=rng.choice(T["verbs"]), clause=_lower_start(w.sentence(CLAIMS)),
                      stance=w.sentence(STANCES))]
    n = rng.randint(3, 5)
    paras.append(w.render(T["points"], count=NUMBER_WORDS[n - 2]))
    w.voice = DIRECT
    paras.extend(w.proposals(n))
    w.voice = REPORTED
    paras.extend(w.body_paragraph() for _ in range(rng.randint(1, 3)))
    paras += [" ".join(w.sentences([PRACTICE, QUANTITY], 3)), w.sentence(SIGNATURE)]
    head = w.lines(T["head"], title=title, time=_time(rng), **_date_values(published))
    text = _page(head, paras, rng.choice(T["tails"]))
    return Statement("", text, "mfa-china", "generic", "statement", "en", [], "china", None)


def zh_page(w: Writer, events: list[Event]) -> Statement:
    rng, T = w.rng, PAGES["zh"]
    w.voice = _voice("zh", zWe=rng.choice(PAGES["voices"]["zh"]["zWe"]))
    st, title, paras, published = (_zh_readout if rng.random() < 0.5 else _zh_remarks)(w, events)
    date_line = w.render(T["date_line"], time=_time(rng), **_date_values(published))
    site = T["sites"][st.publisher]
    footer = rng.choice(site["footers"])
    head, tail, st.profile = w.lines(T["head"], title=title, date_line=date_line), "", "generic"
    # The Chinese site's own masthead, when the project has a profile that recognises it as this
    # publisher's page and drops it as boilerplate; otherwise the bare page, read by `generic`.
    if rng.random() < 0.6:
        found = w.profiles.detect([*site["masthead"], title, date_line])
        if found is not None and found.publisher == st.publisher and all(found.is_boilerplate(x) for x in site["masthead"]):
            st.profile, head = None, [*site["masthead"], "", *head]
            tail = ("\n\n" + footer) if found.is_boilerplate(_normalise(footer)) else ""
    st.text = _page(head, paras, tail + rng.choice(T["endings"]))
    return st


def _zh_readout(w: Writer, events: list[Event]) -> tuple[Statement, str, list[str], dt.date]:
    """An MFA readout in reported speech: (statement without text, title, paragraphs, date published)."""
    rng, T = w.rng, PAGES["zh"]["readout"]
    event = _pick_event(rng, events, "other")
    held, published = _dates(rng, event)
    role = wang_yi_role(held, rng, zh=True)
    at = {"role": role, **_date_values(held)}
    if event:
        title = w.render(T["title_at_event"], event=event.name_zh)
        paras = [w.render(T["opening_at_event"], event=event.name_zh, city=event.city_zh, meeting=T["meeting"], **at)]
    else:
        subject = w.slot("zdomain")
        title = w.render(T["title"], subject=subject)
        paras = [w.render(T["opening"], subject=subject, **at) + w.zthreats(1)]
    with_proposals = rng.random() < 0.5
    for i in range(rng.randint(3, 4) if with_proposals else rng.randint(4, 6)):
        verb = rng.choice(T["verbs"])
        pools = [ZH["claims"], ZH["stances"], ZH["quantity"], ZH["initiative"], ZH["stances"]]
        paras.append(w.render(T["said"], verb=verb, body="".join(w.sentences(pools, rng.randint(4, 6)))))
        if i == 0 and with_proposals:
            n = rng.randint(3, 5)
            paras.append(w.render(T["proposals"], count=WORDS["number_words"]["zh"][n - 2]))
            paras.extend(w.proposals(n, zh=True))
    paras.append(w.sentence(ZH["signature"]))
    st = Statement("", "", "mfa-china", None, "readout", "zh-Hans", [("wang-yi", role)], "china",
                   event.id if event else None)
    return st, title, paras, published


def _zh_remarks(w: Writer, events: list[Event]) -> tuple[Statement, str, list[str], dt.date]:
    """UN mission remarks in direct speech: (statement without text, title, paragraphs, date published)."""
    rng, T = w.rng, PAGES["zh"]["remarks"]
    event = _pick_event(rng, events, "un", share=0.85)
    held, _ = _dates(rng, event)  # the mission posts on the day
    where = event.name_zh if event else w.render(T["where"])
    if held >= PAGES["fu_cong_since"]:
        title, speakers = w.render(T["title_fu_cong"], where=where), [("fu-cong", T["role_fu_cong"])]
    else:
        title, speakers = w.render(T["title_delegation"], where=where), []
    chair = rng.choice(T["chairs"])
    salutation = w.render(T["salutation"], chair=chair)
    paras = [salutation, rng.choice(T["thanks"]) + w.zthreats(2)]
    paras += ["".join(w.sentences([ZH["claims"], ZH["stances"]], rng.randint(4, 6))), salutation]
    paras.extend(w.proposals(rng.randint(3, 5), zh=True))
    paras.append("".join(w.sentences([ZH["quantity"], ZH["initiative"], ZH["stances"], ZH["claims"]], rng.randint(4, 6))))
    paras += [w.sentence(ZH["signature"]), w.render(T["thank_chair"], chair=chair)]
    st = Statement("", "", "china-un-mission", None, "remarks", "zh-Hans", speakers, "china", event.id if event else None)
    return st, title, paras, held


# ---- The project's profiles, and writing the corpus ----------------------------------------

_LAYOUT_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t\u000b\u000c]")


def _normalise(line: str) -> str:
    """A line as the build reads it (NFC, layout spaces as one space, stripped)."""
    line = _LAYOUT_SPACES.sub(" ", unicodedata.normalize("NFC", line)).replace("\ufeff", "")
    return re.sub(r" {2,}", " ", line).strip()


@dataclass(frozen=True)
class SiteProfile:
    id: str
    publisher: str | None
    priority: int
    detect: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(_normalise(line)) for p in self.boilerplate)


@dataclass
class Profiles:
    """The project's publisher profiles, to know which one will read a page."""

    items: list[SiteProfile]

    @classmethod
    def load(cls, folder: Path) -> "Profiles":
        items = []
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            items.append(SiteProfile(data.get("id", path.stem), data.get("publisher"), int(data.get("priority", 0)),
                                     tuple(re.compile(p) for p in data.get("detect") or []),
                                     tuple(re.compile(p) for p in data.get("boilerplate") or [])))
        return cls(sorted(items, key=lambda p: (-p.priority, p.id)))

    def detect(self, lines: list[str]) -> SiteProfile | None:
        """The profile whose detect patterns all match the page's first lines (None: the fallback)."""
        head = [x for x in (_normalise(line) for line in lines[:15]) if x]
        for p in self.items:
            if p.detect and all(any(rx.search(line) for line in head) for rx in p.detect):
                return p
        return None


def metadata_yaml(s: Statement, digest: str) -> str:
    lines = [f"document_id: {s.document_id}", "source_file: source.txt", f"sha256: {digest}", "encoding: utf-8", "format: text",
             f"publisher: {s.publisher}"]
    if s.profile:
        lines.append(f"profile: {s.profile}")
    lines += [f"genre: {s.genre}", f"language: {s.language}", "source_url: null", "retrieved: null"]
    if s.speakers:
        lines.append("speakers:")
        for ent, role in s.speakers:
            lines.append(f"  - entity: {ent}")
            lines.append(f"    role: {_yaml_scalar(role)}")
    else:
        lines.append("speakers: []")
    lines += [f"holder: {s.holder}", f"event: {_yaml_scalar(s.event)}"]
    return "\n".join(lines) + "\n"


def _schedule(size: int, rng: random.Random) -> list[str]:
    """Exactly apportioned page kinds, in random order; at least one Chinese page from size 2 on."""
    quotas = [(name, layout["share"] * size) for name, layout in PAGES["layouts"].items()]
    counts = {name: int(q) for name, q in quotas}
    rest = size - sum(counts.values())
    for name, q in sorted(quotas, key=lambda x: (-(x[1] - int(x[1])), x[0]))[:rest]:
        counts[name] += 1
    if size >= 2 and counts["zh"] == 0:
        biggest = max(counts, key=lambda k: (counts[k], k))
        counts[biggest] -= 1
        counts["zh"] += 1
    kinds = [name for name, _ in quotas for _ in range(counts[name])]
    rng.shuffle(kinds)
    return kinds


def _copy_project(out: Path) -> None:
    src = REPO / "sources"
    dst = out / "sources"
    (dst / "statements").mkdir(parents=True)
    shutil.copytree(src / "profiles", dst / "profiles")
    shutil.copytree(src / "codebook", dst / "codebook")
    for name in ("conventions.yaml", "package.yaml"):
        shutil.copyfile(src / name, dst / name)
    shutil.copytree(REPO / "schemas", out / "schemas")
    if (REPO / "datasette").is_dir():
        shutil.copytree(REPO / "datasette", out / "datasette")


def generate(out: Path, size: int, seed: int, overwrite: bool = False) -> list[str]:
    """Write a project root with `size` synthetic statements under `out`; return their document ids."""
    out = Path(out)
    if size < 1:
        raise ValueError("size must be at least 1")
    if (out / "sources").exists() or (out / "schemas").exists():
        if not overwrite:
            raise FileExistsError(f"{out} already holds a project (sources/ or schemas/); choose an empty folder or overwrite")
        for name in ("sources", "schemas", "datasette", "data", "datapackage.json", ".cache"):
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    _copy_project(out)
    lex = Lexicon.load(out / "sources" / "codebook" / "entities.yaml")
    profiles = Profiles.load(out / "sources" / "profiles")
    for needed in ("mfa-china", "china-un-mission", "china", "wang-yi", "fu-cong"):
        if needed not in lex.kinds:
            raise RuntimeError(f"the codebook has no entity {needed!r}, which the generator's page layouts need")

    repo_events_text = (REPO / "sources" / "events.yaml").read_text(encoding="utf-8")
    repo_events = yaml.safe_load(repo_events_text) or []
    taken = {e["id"] for e in repo_events}
    master = random.Random(f"cybergov-bench:{seed}:{size}")
    events = make_events(master, max(8, size // 5), taken, lex)
    (out / "sources" / "events.yaml").write_text(
        repo_events_text.rstrip("\n") + "\n\n# Generated for benchmarking (benchmarks/generate.py): invented meetings.\n" + events_yaml(events),
        encoding="utf-8")

    publishers = [i for i in lex.ids_by_kind.get("state_organ", []) + lex.ids_by_kind.get("organisation", [])
                  if i not in ("mfa-china", "china-un-mission")]
    kinds = _schedule(size, master)
    if not publishers:
        kinds = ["mfa-generic" if k == "org-page" else k for k in kinds]
    makers = {"fmprc-readout": fmprc_readout, "fmprc-speech": fmprc_speech, "cnun-remarks": cnun_remarks,
              "org-page": lambda w, ev: org_page(w, ev, publishers), "mfa-generic": mfa_generic, "zh": zh_page}
    seen: set[str] = set()
    ids = []
    root = out / "sources" / "statements"
    for i, kind in enumerate(kinds):
        attempt = 0
        while True:
            w = Writer(random.Random(f"cybergov-bench:{seed}:{i}:{attempt}"), lex, profiles=profiles)
            st = makers[kind](w, events)
            raw = st.text.encode("utf-8")
            digest = hashlib.sha256(raw).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        who = st.speakers[0][0] if st.speakers else st.publisher
        st.document_id = f"bench-{i + 1:06d}-{PAGES['layouts'][kind]['id']}-{who}"
        folder = root / st.document_id
        folder.mkdir()
        (folder / "source.txt").write_bytes(raw)
        (folder / "metadata.yaml").write_bytes(metadata_yaml(st, digest).encode("utf-8"))
        ids.append(st.document_id)
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, required=True, help="number of statements")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same size and seed: the same bytes)")
    ap.add_argument("--out", type=Path, required=True, help="project root to create")
    ap.add_argument("--force", action="store_true", help="replace sources/, schemas/ and build outputs already in --out")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    try:
        ids = generate(args.out, args.size, args.seed, overwrite=args.force)
    except (FileExistsError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = sum((args.out / "sources" / "statements" / d / "source.txt").stat().st_size for d in ids)
    print(f"wrote {len(ids)} statements ({total / len(ids) / 1024:.1f} KB on average) to {args.out} "
          f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
