"""Pages of other publishers (organisations), read by the generic profile: member states' releases, UN speeches."""
from __future__ import annotations

import datetime as dt

from .data import CLAIMS, PAGES, QUANTITY, SIGNATURE, count_word
from .events import Event
from .statement import Context, Statement, date_values, dates, long_date, page
from .writer import DIRECT, Writer, voice


def org_page(w: Writer, ctx: Context) -> Statement:
    """A page of an organisation, at one of its own meetings for about seven in ten."""
    rng, lex = w.rng, w.lex
    org = rng.choice(ctx.publishers)
    w.china = lex.within(org, "china")
    short = min((f for f in lex.en[org] if f[:1].isupper()), key=len)
    pool = [e for e in ctx.events if lex.within(e.type.body, org)]
    event = rng.choice(pool) if pool and rng.random() < 0.7 else None
    _, published = dates(rng, event)
    if org == "united-nations" and "antonio-guterres" in lex.kinds and rng.random() < 0.6:
        return _secretary_general(w, event, published)
    return _members_release(w, org, event, published, short)


def _secretary_general(w: Writer, event: Event | None, published: dt.date) -> Statement:
    """The UN Secretary-General's remarks on the UN's own site."""
    rng, T = w.rng, PAGES["org-page"]["secretary_general"]
    w.voice = DIRECT
    where = w.render(T["where_at_event"], event=event.name) if event else w.render(T["where"])
    title = w.render(T["title"], where=where)
    paras = [rng.choice(T["salutations"]),
             " ".join([w.render(T["opening"], where=where, convener=T["convener"]), w.threat(), w.threat()])]
    paras.extend(w.body_paragraph() for _ in range(rng.randint(3, 5)))
    paras += [" ".join(w.sentences([QUANTITY, CLAIMS], 3)), T["thanks"]]
    text = page(w.lines(T["head"], title=title, **date_values(published)), paras, T["tail"])
    return Statement(text, "united-nations", "speech", speakers=[("antonio-guterres", T["role"])],
                     holder="united-nations", event=event)


def _members_release(w: Writer, org: str, event: Event | None, published: dt.date, short: str) -> Statement:
    """A release in the name of the organisation's member states ("The SCO Member States ...")."""
    rng, T = w.rng, PAGES["org-page"]["members"]
    w.voice = voice("members", We=w.render(PAGES["voices"]["members"]["We"], short=short))
    at = {"short": short, **({"event": event.name, "city": event.city, "long": long_date(event.date)} if event else {})}
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
        paras.append(w.render(T["priorities"], count=count_word(n)))
        paras.extend(w.proposals(n))
    paras.append(w.sentence(SIGNATURE))
    date_lines = T["dates"] + ([T["date_at_event"]] if event else [])
    # The header's {long} is the day of publication, not the meeting's day that `at` holds.
    head = w.lines(T["head"], crumb=T["crumbs"], title=title, date=date_lines, **{**at, **date_values(published)})
    return Statement(page(head, paras, rng.choice(T["tails"])), org, genre, holder=org, event=event)
