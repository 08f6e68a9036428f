"""The meeting a statement was made at: its name, ordinal, city and date from the title and
first paragraphs; the series and convening body from the codebook; an entry of events.yaml
reused when it is the same meeting, or written new.
"""
from __future__ import annotations

import datetime as dt
import re

from ..paths import Paths
from ..sources.context import Context
from ..sources.matcher import fold
from ..sources.wording import HAN, Wording
from .dates import DATE_EN, DATE_EN_RX, ZH_DATE, ZH_ORDINAL, date_en, date_zh, zh_number
from .detected import Detected, Event
from .ids import ascii_slug, trim_slug
from .names import Names
from .yamltext import yaml_scalar

_ORDINAL = re.compile(r"^(?:the\s+)?(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>[A-Za-z]+(?:-[a-z]+)?))\s+(?P<rest>.+)$")


def _ordinal(word: str, w: Wording) -> int | None:
    word = word.lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m else w.ordinal_words.get(word)


def event_en(phrase: str | None, texts: list[str], datelines: list[tuple[str, str]], w: Wording) -> Event | None:
    ordinal = None
    name = None
    if phrase:
        name = phrase.strip().rstrip(".")
    else:
        session = re.compile(rf"\bthe (?P<ord>\d{{1,3}}(?:st|nd|rd|th)|[A-Za-z]+(?:-[a-z]+)?)(?: [a-z]+)? [Ss]ession of the (?P<name>{w.capphrase})")
        # a title that ends with the meeting ("... at Security Council Open Debate"), then the first paragraphs
        m = re.search(rf"\bat (?:the )?(?P<event>{w.capphrase})$", texts[0]) if texts else None
        name = m["event"] if m else None
        for text in texts if name is None else []:
            m = re.search(rf"\b{w.event_verbs}\s+the\s+(?P<event>{w.capphrase})", text) or session.search(text)
            if m:
                if "ord" in m.groupdict() and m["ord"]:
                    ordinal, name = _ordinal(m["ord"], w), m["name"]
                else:
                    name = m["event"]
                break
    if not name:
        return None
    name = w.event_lead.sub("", name)
    m = _ORDINAL.match(name)
    if m and ordinal is None:
        n = int(m["num"]) if m["num"] else w.ordinal_words.get(m["word"].lower())
        if n:
            ordinal, name = n, m["rest"]
    name = re.sub(r"^the\s+", "", name, flags=re.I).strip()
    m = re.match(rf"^(?P<name>.+?) in (?P<city>{w.city})$", name)
    city = None
    if m and m["city"].lower() not in w.not_city and not w.not_city_words.search(m["city"]):
        name, city = m["name"], m["city"]
    event = Event(name=name, ordinal=ordinal, city=city)
    _place_en(event, texts, datelines, w)
    return event


def _place_en(event: Event, texts: list[str], datelines: list[tuple[str, str]], w: Wording) -> None:
    """City and date of the event: a dateline, or the words around the event's name."""
    if datelines:
        city, date = datelines[0]
        event.city = event.city or city
        event.date = event.date or date
    for text in texts:
        at = text.find(event.name)
        if at < 0:
            continue
        if event.city is None:
            m = re.match(rf"\s+in (?P<city>{w.city})", text[at + len(event.name):])
            if m and m["city"].split()[0].lower() not in w.not_city:
                event.city = m["city"]
        if event.date is None:
            m = re.match(rf"\s*On (?P<date>{DATE_EN})", text)
            if m:
                event.date = date_en(DATE_EN_RX.search(m["date"]))
    for text in texts:
        if event.city is None:
            m = re.search(rf"\b(?:met|meet|held|hosted|convened|gathered) in (?P<city>{w.city})\b", text) \
                or re.match(rf"\s*On {DATE_EN}(?: local time)?, in (?P<city>{w.city}),", text)
            if m and m["city"].split()[0].lower() not in w.not_city:
                event.city = m["city"]
        if event.city and event.date is None:
            m = re.search(rf"\bin {re.escape(event.city)}(?:,| on) (?P<date>{DATE_EN})", text)
            if m:
                event.date = date_en(DATE_EN_RX.search(m["date"]))


def event_zh(phrase: str | None, texts: list[str], published: str | None, w: Wording) -> Event | None:
    name = phrase
    where = None
    if not name:
        for text in texts:
            m = w.zh_event_in_text.search(text) or re.search(
                rf"(?P<ord>第[〇零一二两兩三四五六七八九十百\d]+(?:届|屆))(?P<event>[{HAN}]{{2,20}}?)(?=於|于|在|，|。|上|期间|期間)", text)
            if m:
                name, where = m["event"], (text, m.end())
                if "ord" in m.groupdict() and m["ord"]:
                    name = m["ord"] + name
                break
    if not name:
        return None
    ordinal = None
    m = ZH_ORDINAL.search(name)
    if m:
        ordinal = zh_number(m["n"])
        name = name[:m.start()] + name[m.end():]
    event = Event(name=name, ordinal=ordinal)
    scan = [where[0][where[1]:]] if where else []
    scan += [t for t in texts if name in t or (event.ordinal and t in texts[:1])]
    for text in scan:
        if event.city is None:
            cm = w.zh_city.search(text)
            if cm:
                event.city = cm["city"]
        if event.date is None:
            dm = re.match(rf"\s*{ZH_DATE.pattern}", text) or re.search(rf"(?:於|于){ZH_DATE.pattern}", text)
            if dm:
                event.date = date_zh(dm, published)
    return event


def link_event(event: Event, names: Names) -> None:
    """The series (a recurring meeting in the codebook) and the convening body, when named."""
    event.series = names.entity(event.name, ("forum", "un_body"))
    for eid in names.entities_in(event.name, ("un_body", "organisation", "forum")):
        if eid != event.series:
            event.body = eid
            break
    else:  # a session of a UN organ: the organ is both the series and the body
        if event.series and names.by_id[event.series]["kind"] == "un_body":
            event.body = event.series


def _event_key(name: str, w: Wording) -> tuple[str, int | None]:
    """A name without its ordinal ("15th Meeting of ...", "第二次会议"), in folded case, and the ordinal."""
    name = " ".join(name.split())
    ordinal = None
    m = _ORDINAL.match(name)
    if m and (m["num"] or m["word"].lower() in w.ordinal_words):
        ordinal, name = _ordinal(m["num"] + "th" if m["num"] else m["word"], w), m["rest"]
    z = ZH_ORDINAL.search(name)
    if z:
        ordinal, name = zh_number(z["n"]), name[:z.start()] + name[z.end():]
    return fold(re.sub(r"^the\s+", "", name, flags=re.I), chinese=True), ordinal


def _same_event(known: dict, ev: Event, published: str | None, w: Wording) -> bool:
    """An event of events.yaml is the detected one: same name; ordinal and date agree where both are known,
    and an undetected date is that of the event's (or up to a week before the statement's publication)."""
    name, ordinal = _event_key(known["name"], w)
    ordinal = known.get("ordinal") or ordinal
    if name != _event_key(ev.name, w)[0] or (ordinal and ev.ordinal and ordinal != ev.ordinal):
        return False
    if ev.date is not None:
        return known.get("date") in (None, ev.date)
    if known.get("date") and published:
        gap = dt.date.fromisoformat(published) - dt.date.fromisoformat(known["date"])
        return dt.timedelta(0) <= gap <= dt.timedelta(days=7)
    return known.get("date") is None


def event_entry(paths: Paths, ctx: Context, names: Names, d: Detected, w: Wording) -> str | None:
    """Reuse an event already in events.yaml (same name, date, ordinal) or prepare a new entry; the new text of events.yaml."""
    ev = d.event
    if ev is None:
        return None
    for known in ctx.codebook.events:
        if _same_event(known, ev, d.date if d.date and len(d.date) == 10 else None, w):  # a day, not a year or month
            d.event_id = known["id"]
            return None
    named = names.entities_in(ev.name)
    slug = ascii_slug(ev.name) or "-".join(named[:3]) or "event"
    base = trim_slug("-".join(p for p in (ev.date or d.date, trim_slug(slug, 50), str(ev.ordinal) if ev.ordinal else "") if p), 90)
    ids = {e["id"] for e in ctx.codebook.events}
    event_id, n = base, 2
    while event_id in ids:
        event_id, n = f"{base}-{n}", n + 1
    d.event_id, d.event_is_new = event_id, True
    path = paths.sources / "events.yaml"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    return old + sep + render_event(event_id, ev)


def render_event(event_id: str, ev: Event) -> str:
    fields = [("id", event_id), ("name", ev.name), ("series", ev.series), ("ordinal", ev.ordinal), ("date", ev.date),
              ("city", ev.city), ("country", None), ("body", ev.body)]
    return "\n".join(("- " if i == 0 else "  ") + f"{k}: {yaml_scalar(v)}" for i, (k, v) in enumerate(fields)) + "\n"
