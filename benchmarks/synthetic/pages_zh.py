"""Simplified Chinese pages: the ministry's readouts and the UN mission's remarks, under the site's masthead or bare."""
from __future__ import annotations

import datetime as dt

from .data import PAGES, ZH, count_word
from .profiles import Profiles
from .statement import Context, Statement, clock, date_values, dates, page, pick_event, wang_yi_role
from .writer import Writer, voice

# A page before zh_page frames it: (statement without text, title, paragraphs, date published).
Draft = tuple[Statement, str, list[str], dt.date]
_READOUT_POOLS = [ZH["claims"], ZH["stances"], ZH["quantity"], ZH["initiative"], ZH["stances"]]


def zh_page(w: Writer, ctx: Context) -> Statement:
    """A readout or remarks in Chinese, under the site's masthead for about six in ten where a profile reads it."""
    rng, T = w.rng, PAGES["zh"]
    w.voice = voice("zh", zWe=rng.choice(PAGES["voices"]["zh"]["zWe"]))
    st, title, paras, published = (_readout if rng.random() < 0.5 else _remarks)(w, ctx)
    date_line = w.render(T["date_line"], time=clock(rng), **date_values(published))
    site = T["sites"][st.publisher]
    footer = rng.choice(site["footers"])
    head, tail, st.profile = w.lines(T["head"], title=title, date_line=date_line), "", "generic"
    if rng.random() < 0.6:
        framed = _framed(ctx.profiles, st.publisher, site["masthead"], [title, date_line], footer)
        if framed is not None:
            st.profile, head, tail = None, [*site["masthead"], "", *head], framed
    st.text = page(head, paras, tail + rng.choice(T["endings"]))
    return st


def _framed(profiles: Profiles, publisher: str, masthead: list[str], first: list[str], footer: str) -> str | None:
    """The tail after the paragraphs if the page may carry the site's masthead, else None.

    Only when a profile of the project detects the page as this publisher's and drops the
    masthead as boilerplate; otherwise the masthead would be read as text, so the bare page,
    read by `generic`, is written instead. The footer goes in only if the profile drops it too."""
    found = profiles.detect([*masthead, *first])
    if found is None or found.publisher != publisher or not all(found.is_boilerplate(x) for x in masthead):
        return None
    return ("\n\n" + footer) if found.is_boilerplate(footer) else ""


def _readout(w: Writer, ctx: Context) -> Draft:
    """An MFA readout in reported speech."""
    rng, T = w.rng, PAGES["zh"]["readout"]
    event = pick_event(rng, ctx.events, "other")
    held, published = dates(rng, event)
    role = wang_yi_role(held, rng, zh=True)
    at = {"role": role, **date_values(held)}
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
        paras.append(w.render(T["said"], verb=verb, body="".join(w.sentences(_READOUT_POOLS, rng.randint(4, 6)))))
        if i == 0 and with_proposals:
            n = rng.randint(3, 5)
            paras.append(w.render(T["proposals"], count=count_word(n, "zh")))
            paras.extend(w.proposals(n, zh=True))
    paras.append(w.sentence(ZH["signature"]))
    st = Statement("", "mfa-china", "readout", "zh-Hans", speakers=[("wang-yi", role)], event=event)
    return st, title, paras, published


def _remarks(w: Writer, ctx: Context) -> Draft:
    """UN mission remarks in direct speech."""
    rng, T = w.rng, PAGES["zh"]["remarks"]
    event = pick_event(rng, ctx.events, "un", share=0.85)
    held, _ = dates(rng, event)  # the mission posts on the day
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
    st = Statement("", "china-un-mission", "remarks", "zh-Hans", speakers=speakers, event=event)
    return st, title, paras, held
