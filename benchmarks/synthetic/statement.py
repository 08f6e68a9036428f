"""One statement as a page layout returns it, and the parts every layout shares (dates, roles, the page's text)."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .data import MONTHS, PAGES
from .events import Event, random_day
from .profiles import Profiles


@dataclass
class Statement:
    """A page's text and the facts its metadata.yaml records."""

    text: str
    publisher: str
    genre: str
    language: str = "en"
    speakers: list[tuple[str, str | None]] = field(default_factory=list)
    holder: str = "china"
    event: Event | None = None
    profile: str | None = None  # None: the profile that detects the page reads it; "generic" names the fallback
    document_id: str = ""       # given once the statement has its place in the corpus


@dataclass(frozen=True)
class Context:
    """What a page layout draws from besides its Writer: the corpus's meetings, publishers and profiles."""

    events: list[Event]
    publishers: list[str]  # organisations and state organs without a layout of their own
    profiles: Profiles


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def date_values(d: dt.date) -> dict[str, str]:
    """The parts of a date that page templates name."""
    return {"long": long_date(d), "month": MONTHS[d.month - 1], "mon": str(d.month), "day": str(d.day),
            "day2": f"{d.day:02d}", "year": str(d.year), "iso": d.isoformat()}


def clock(rng: random.Random) -> str:
    """A time of day for a date line, 07:00 to 23:55."""
    return f"{rng.randint(7, 23):02d}:{rng.choice(range(0, 60, 5)):02d}"


def page(head: list[str], paras: list[str], tail: str) -> str:
    """The page's text: header lines, then paragraphs separated by blank lines, then what follows them."""
    return "\n".join(head) + "\n" + "\n\n".join(paras) + tail


def wang_yi_role(d: dt.date, rng: random.Random, zh: bool = False) -> str:
    roles = PAGES["wang_yi"]
    if d < roles["since"]:
        return roles["zh_before" if zh else "before"]
    return roles["zh_after"] if zh else rng.choice(roles["after"])


def pick_event(rng: random.Random, events: list[Event], venue: str, share: float = 0.8) -> Event | None:
    """A meeting at that venue for about `share` of the statements; None: a statement at no meeting."""
    pool = [e for e in events if e.type.venue == venue]
    if not pool or rng.random() > share:
        return None
    return rng.choice(pool)


def dates(rng: random.Random, event: Event | None) -> tuple[dt.date, dt.date]:
    """(date of the meeting or of the speech, date the page was published)."""
    held = event.date if event else random_day(rng)
    return held, held + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
