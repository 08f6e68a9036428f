"""China's English pages: the foreign ministry's readouts, speeches and position papers, the UN mission's remarks."""
from __future__ import annotations

import datetime as dt

from .data import CLAIMS, EN, INITIATIVE, PAGES, PRACTICE, QUANTITY, SIGNATURE, STANCES, count_word
from .statement import Context, Statement, clock, date_values, dates, page, pick_event, wang_yi_role
from .writer import DIRECT, REPORTED, Writer, lower_start

_COUNTS = [3, 3, 4, 4, 5]  # proposals or points in a list: three or four as often, five less often


def _text(w: Writer, head: list[str], tails: list[str], title: str, day: dt.date, paras: list[str]) -> str:
    """The page: header lines dated `day` at a drawn time, the paragraphs, one of the tails."""
    lines = w.lines(head, title=title, time=clock(w.rng), **date_values(day))
    return page(lines, paras, w.rng.choice(tails))


def fmprc_readout(w: Writer, ctx: Context) -> Statement:
    """A readout on the ministry's site, in reported speech: "Wang Yi said that ..."."""
    rng, T = w.rng, PAGES["fmprc-readout"]
    event = pick_event(rng, ctx.events, "other")
    held, published = dates(rng, event)
    role = wang_yi_role(held, rng)
    w.voice = REPORTED
    at = {"role": role, **date_values(held)}
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
        lead = w.sentence(CLAIMS if i % 2 == 0 else STANCES)  # drawn even where a threat replaces it
        local = EN["brics"] if event and event.type.body == "brics" else INITIATIVE
        rest = w.sentences([STANCES, CLAIMS, QUANTITY, INITIATIVE] if i % 3 else [STANCES, local], rng.randint(2, 4))
        first = w.render(T["said"], verb=verb, clause=lower_start(w.threat() if verb in T["verbs_for_threats"] else lead))
        if with_proposals and i == 0:
            n = rng.choice(_COUNTS)
            paras.append(" ".join([first, *rest, w.render(T["proposals"], count=count_word(n))]))
            paras.extend(w.proposals(n, speech=DIRECT))
        else:
            paras.append(" ".join([first, *rest]))
    paras.append(w.pick(T["closings"]))
    text = _text(w, PAGES["fmprc_head"], T["tails"], title, published, paras)
    return Statement(text, "mfa-china", "readout", speakers=[("wang-yi", role)], event=event)


def fmprc_speech(w: Writer, ctx: Context) -> Statement:
    """A speech by the foreign minister on the ministry's site, in direct speech."""
    rng, T = w.rng, PAGES["fmprc-speech"]
    event = pick_event(rng, ctx.events, "other", share=0.7)
    held, published = dates(rng, event)
    role = wang_yi_role(held, rng)
    w.voice = DIRECT
    where = w.render(T["where_at_event"], event=event.name) if event else rng.choice(T["venues"])
    title = w.pick(T["titles"], where=where, aim=T["aim"])
    paras = [rng.choice(T["salutations"]), " ".join([w.render(T["opening"], where=where), w.threat(), w.sentence(CLAIMS)])]
    third = [w.threat(), w.threat(), w.sentence(STANCES), w.sentence(CLAIMS)]
    if rng.random() < 0.6:
        n = rng.choice(_COUNTS)
        paras.append(" ".join([*third, w.render(T["observations"], count=count_word(n))]))
        paras.extend(w.proposals(n))
    else:
        paras.append(" ".join(third))
    paras.extend(w.body_paragraph() for _ in range(rng.randint(1, 3)))
    paras.append(" ".join(w.sentences([PRACTICE, QUANTITY, QUANTITY], rng.randint(3, 4))))
    paras.append(w.sentence(SIGNATURE) + " " + w.sentence(SIGNATURE))
    paras.append(rng.choice(T["thanks"]))
    text = _text(w, PAGES["fmprc_head"], T["tails"], title, published, paras)
    return Statement(text, "mfa-china", "speech", speakers=[("wang-yi", role)], event=event)


def mfa_generic(w: Writer, ctx: Context) -> Statement:
    """An MFA position paper saved from its print view: no site header, so `profile: generic`."""
    rng, T = w.rng, PAGES["mfa-generic"]
    _, published = dates(rng, None)
    w.voice = REPORTED
    title = w.pick(T["titles"], subject=w.slot("topic"))
    paras = [" ".join([w.threat(), w.threat(), w.sentence(CLAIMS)]),
             # the verb is drawn before the sentences, as the text reads (keyword arguments run left to right)
             w.render(T["position"], verb=rng.choice(T["verbs"]), clause=lower_start(w.sentence(CLAIMS)),
                      stance=w.sentence(STANCES))]
    n = rng.randint(3, 5)
    paras.append(w.render(T["points"], count=count_word(n)))
    paras.extend(w.proposals(n, speech=DIRECT))
    paras.extend(w.body_paragraph() for _ in range(rng.randint(1, 3)))
    paras += [" ".join(w.sentences([PRACTICE, QUANTITY], 3)), w.sentence(SIGNATURE)]
    text = _text(w, T["head"], T["tails"], title, published, paras)
    return Statement(text, "mfa-china", "statement", profile="generic")


def cnun_remarks(w: Writer, ctx: Context) -> Statement:
    """Remarks on the UN mission's site: "President, ... Thank you, President."."""
    rng, T = w.rng, PAGES["cnun-remarks"]
    event = pick_event(rng, ctx.events, "un", share=0.85)
    held, _ = dates(rng, event)  # the mission posts on the day
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
        n = rng.choice(_COUNTS)
        paras.append(" ".join([*second, w.pick(T["points"], count=count_word(n))]))
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
    text = _text(w, T["head"], T["tails"], title, held, paras)
    return Statement(text, "china-un-mission", rng.choice(T["genres"]), speakers=speakers, event=event)
