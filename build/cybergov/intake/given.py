"""What the person running `add` states for a page that lacks it: --date, --title, --speaker,
--role, --holder, --language, --genre, --event. Each is checked as a detected value would be,
and metadata.yaml records it as given (its key is listed under `given:`).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..sources.context import Context
from ..sources.wording import HAN, Wording
from .names import Names

HOLDER_KINDS = ("state", "organisation", "un_body", "group", "forum", "state_organ", "party_organ")
_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


@dataclass
class Given:
    date: str | None = None
    title: str | None = None
    speaker: str | None = None
    role: str | None = None
    holder: str | None = None
    language: str | None = None
    genre: str | None = None
    event: str | None = None

    def keys(self) -> list[str]:
        """The metadata keys these values fill, in the order metadata.yaml lists them."""
        key = {"date": "date_published", "speaker": "speakers", "role": "speakers"}
        out = [key.get(f.name, f.name) for f in fields(self) if getattr(self, f.name) is not None]
        return list(dict.fromkeys(out))


@lru_cache(maxsize=4)
def _enum(schema: Path, key: str) -> tuple[str, ...]:
    return tuple(json.loads(schema.read_text(encoding="utf-8"))["properties"][key]["enum"])


def _refuse(flag: str, value: str, why: str, fix: str, shown: str) -> InputError:
    return InputError(f"{flag} {value!r} {why}", shown, None, fix)


def check_date(value: str, shown: str) -> str:
    m = _DATE.match(value.strip())
    try:
        if not m:
            raise ValueError
        dt.date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))
    except ValueError:
        raise _refuse("--date", value, "is not a date", "give the date the statement was published as YYYY-MM-DD "
                      "(or YYYY-MM, or YYYY, with the precision the source states)", shown) from None
    if value.strip() > dt.date.today().isoformat()[:len(value.strip())]:
        raise _refuse("--date", value, "is in the future", "give the date the statement was published", shown)
    return value.strip()


def person_like(name: str, names: Names, w: Wording) -> bool:
    """A person's name, not an office, a site, a state or a title fragment ("Human Rights", "Viet Nam")."""
    if names.entity(name, ("person",)):
        return True
    if names.entity(name) or names.entity(re.sub(r"^the\s+", "", name, flags=re.I)):
        return False  # a state, organisation, place or anything else the codebook names
    if re.fullmatch(f"[{HAN}·]{{2,6}}", name):
        return not w.zh_not_person.search(name) and not re.search(w.zh_role, name)
    tokens = name.replace(",", " ").split()
    if not 2 <= len(tokens) <= 6 or any(t.lower() in w.not_person_words | w.role_words for t in tokens):
        return False
    return all(re.fullmatch(rf"[{w.upper}][\w’'.-]*|(?:de|da|van|von|bin|al|el|la|del|der)", t) for t in tokens)


def role_like(role: str, w: Wording) -> bool:
    if re.search(w.zh_role, role):
        return True
    return any(t.lower().strip(",.") in w.role_heads for t in role.split())


def check_given(g: Given, ctx: Context, names: Names, w: Wording, schema: Path, shown: str) -> None:
    """Refuse a value that could not be right, before the page is read."""
    if g.date is not None:
        g.date = check_date(g.date, shown)
    if g.title is not None:
        g.title = " ".join(g.title.split())
        if not g.title or len(g.title) > 500:
            raise _refuse("--title", g.title, "is not a title", "give the statement's title as the page states it, on one line", shown)
    if g.language is not None and g.language not in _enum(schema, "language"):
        raise _refuse("--language", g.language, "is not a supported language", f"use one of {', '.join(_enum(schema, 'language'))}", shown)
    if g.genre is not None and g.genre not in _enum(schema, "genre"):
        raise _refuse("--genre", g.genre, "is not a genre", f"use one of {', '.join(_enum(schema, 'genre'))}", shown)
    if g.holder is not None and (g.holder not in names.by_id or names.by_id[g.holder]["kind"] not in HOLDER_KINDS):
        raise _refuse("--holder", g.holder, "is not the id of a state or organisation in the codebook",
                      "give the entity id (sources/codebook/states.yaml or entities.yaml) of the state or organisation "
                      "whose positions the statement sets out", shown)
    if g.event is not None and g.event not in ctx.event_ids:
        raise _refuse("--event", g.event, "is not an event id in sources/events.yaml",
                      "add the meeting to sources/events.yaml first and give its id", shown)
    if g.speaker is not None:
        g.speaker = " ".join(g.speaker.split())
        if g.speaker not in names.by_id and not person_like(g.speaker, names, w):
            raise _refuse("--speaker", g.speaker, "is not a person's name: it names an office, a state, an organisation or a site",
                          "give the speaker's name as the page states it (without honorifics), or a person's entity id", shown)
        if g.speaker in names.by_id and names.by_id[g.speaker]["kind"] != "person":
            raise _refuse("--speaker", g.speaker, "is an entity id, but not of a person", "give a person's name or entity id", shown)
    if g.role is not None:
        g.role = " ".join(g.role.split())
        if not role_like(g.role, w):
            raise _refuse("--role", g.role, "is not a post (it names no minister, ambassador, representative, spokesperson ...)",
                          "give the speaker's post as the page states it, e.g. 'Minister of Foreign Affairs'", shown)


def given_speaker(g: Given, names: Names) -> tuple[str | None, str | None]:
    """(entity id, name) of the speaker given with --speaker."""
    if g.speaker in names.by_id:
        return g.speaker, names.by_id[g.speaker]["name"]
    return names.entity(g.speaker, ("person",)), g.speaker
