"""Invented meetings: dated events of the kinds in event_types.yaml, for statements to be set at."""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from .data import EVENTS
from .lexicon import Lexicon

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)
_STOP_WORDS = ("the", "and", "of", "in", "to", "by")


@dataclass(frozen=True)
class EventType:  # one entry of event_types.yaml
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


def random_day(rng: random.Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def make_events(rng: random.Random, count: int, taken: set[str], lex: Lexicon) -> list[Event]:
    """count meetings in date order, with ids not in taken (which grows by theirs)."""
    types = [t for t in EVENT_TYPES if all(x is None or x in lex.kinds for x in (t.series, t.body))]
    drawn = []
    for i in range(count):
        t = types[i % len(types)] if i < len(types) else rng.choice(types)  # every type at least once
        # The meeting's own details come from a seed drawn now, so sorting by date does not change them.
        drawn.append((random_day(rng, FIRST_DAY, LAST_DAY - dt.timedelta(days=3)), i, t, rng.randrange(1 << 30)))
    drawn.sort(key=lambda x: (x[0], x[1]))
    held: dict[str, int] = {}  # meetings of each numbered type so far
    events = []
    for day, _, t, sub in drawn:
        r = random.Random(sub)
        n = None
        if t.base is not None:
            n = t.base + held.get(t.key, 0)
            held[t.key] = held.get(t.key, 0) + 1
        topic, ztopic = r.choice(EVENTS["un_topics"])
        city, city_zh, country = r.choice(t.cities)
        eid = _unique(_event_id(day, t, topic, n), taken)
        events.append(Event(eid, t, t.name.format(ord=ordinal(n) if n else "", topic=topic),
                            t.name_zh.format(n=n, ztopic=ztopic), n, day, city, city_zh, country))
    return events


def _event_id(day: dt.date, t: EventType, topic: str, n: int | None) -> str:
    """2024-06-05-<type>[-<three words of the topic>][-<number>]."""
    words = [w for w in slug(topic, 80).split("-") if w not in _STOP_WORDS][:3]
    topical = "-" + "-".join(words) if "{topic}" in t.name else ""
    return f"{day.isoformat()}-{t.key}{topical}" + (f"-{n}" if n else "")


def _unique(base: str, taken: set[str]) -> str:
    eid, k = base, 2
    while eid in taken:
        eid, k = f"{base}-{k}", k + 1
    taken.add(eid)
    return eid
