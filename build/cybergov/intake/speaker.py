"""Speaker and role from a title, the first paragraphs and the lines around them, in English and Chinese.

The shapes are few ("Statement by H.E. X, Minister of ...", "Remarks by X", "X attends the
...", "X said", a name line above a post line, "王毅在……上的讲话", "王毅说"); the words that fill
them are data (sources/wording.yaml). Every name goes through `ok` (detect.py), which checks
it against the person entities and the registry of states: an office or a site is no speaker.
"""
from __future__ import annotations

import re
from typing import Callable

from ..sources.wording import HAN, Wording

Check = Callable[[str], bool]


def _has_role_head(text: str, w: Wording) -> bool:
    return any(t.lower().strip(",") in w.role_heads for t in text.split())


def _name_like(tokens: list[str], w: Wording) -> bool:
    return all(re.fullmatch(rf"[{w.upper}][\w’'.-]*", t) and t.lower() not in w.role_words for t in tokens)


def split_role_name(phrase: str, w: Wording) -> tuple[str | None, str | None]:
    """"Vice Foreign Minister Song Yuwen" -> ("Vice Foreign Minister", "Song Yuwen"); either may be None."""
    phrase = " ".join(phrase.split()).strip(" ,")
    if "," in phrase:  # "H.E. Mr. Kofi Mensah, Permanent Representative of Ghana"
        first, rest = (p.strip() for p in phrase.split(",", 1))
        name_tokens = [t for t in first.split() if t.lower() not in w.honorifics]
        role = rest if _has_role_head(rest, w) else None
        return role, " ".join(name_tokens) if 1 < len(name_tokens) <= 4 and _name_like(name_tokens, w) else None
    tokens = phrase.split()
    i = len(tokens)
    while i > 0 and tokens[i - 1].lower() not in w.role_words | w.connectors and re.match(f"[{w.upper}]", tokens[i - 1]):
        i -= 1
    name_tokens = tokens[i:]
    if i > 0 and tokens[i - 1].lower() in w.connectors and len(name_tokens) > 2:
        # "... of the Republic of Korea Park Ji-hoon": the organisation's name runs into the person's
        name_tokens, i = name_tokens[-2:], len(tokens) - 2
    elif i > 0 and tokens[i - 1].lower() in w.connectors:
        # "High Commissioner for Human Rights": the words after "for" end the post, they name no one
        name_tokens, i = [], len(tokens)
    role_tokens = [t for t in tokens[:i] if t.lower() not in w.honorifics]
    if role_tokens and role_tokens[0].lower() == "the":
        role_tokens = role_tokens[1:]
    while name_tokens and name_tokens[0].lower() in w.honorifics:
        name_tokens = name_tokens[1:]
    role = " ".join(role_tokens) if role_tokens and _has_role_head(" ".join(role_tokens), w) else None
    name = " ".join(name_tokens) if 1 < len(name_tokens) <= 4 and _name_like(name_tokens, w) else None
    return role, name


def speaker_en(title: str, texts: list[str], w: Wording, ok: Check, known: Check) -> tuple[str | None, str | None, str | None, str | None]:
    """(name, role, genre from the title, event phrase from the title); `ok` accepts a name as a person's,
    `known` says whether the codebook has the person."""
    name = role = genre = event = None
    m = w.title_by.match(title)
    if m:
        genre = w.title_kinds[" ".join(m["kind"].lower().split())]
        if genre != "joint_statement" and m["who"]:
            role, name = split_role_name(m["who"], w)
        if m["prep"] and (m["who"] or m["prep"].lower() != "to"):  # "Remarks to the press" names no meeting
            event = m["rest"]
    else:
        m = w.title_verb.match(title)
        if m:
            who_role, who_name = split_role_name(m["who"], w)
            if who_name:
                name, role = who_name, who_role
            if m["verb"] != "on":
                event = m["rest"]
    if genre == "joint_statement":
        return None, None, genre, event
    if name is not None and not ok(name):
        name = None
    if name is None:
        name, found_role = _speaker_in_text(texts, w, ok, known)
        role = role or found_role
    if name and role is None:
        role = role_of_en(name, [title, *texts], w)
    return name, role, genre, event


def _speaker_in_text(texts: list[str], w: Wording, ok: Check, known: Check) -> tuple[str | None, str | None]:
    """ "Vice Minister X said ...": a role and a name before a speech verb; a known person's name alone."""
    for text in texts:
        for sm in re.finditer(rf"(?P<who>{w.capphrase})\s+{w.speech_verbs}\b", text):
            r, n = split_role_name(sm["who"], w)
            if n and ok(n) and (r or known(n)):
                return n, r
    return None, None


def is_post(line: str, w: Wording) -> bool:
    """A line that is a post ("Permanent Representative of Estonia to the United Nations"): its words up to the first
    "of"/"for" are all words of posts, one of them a head."""
    lead = []
    for t in line.replace(",", " ").split():
        if t.lower() in w.connectors:
            break
        lead.append(t.lower())
    return bool(lead) and len(line) <= 150 and all(t in w.role_words | w.honorifics for t in lead) and any(t in w.role_heads for t in lead)


def speaker_lines(lines: list[str], w: Wording, ok: Check) -> tuple[str | None, str | None]:
    """A name on its own line with the post on the next ("H.E. Ms. Liisa Tamm" / "Permanent Representative of ...")."""
    for a, b in zip(lines, lines[1:]):
        tokens = [t for t in a.replace(",", " ").split() if t.lower() not in w.honorifics]
        name = " ".join(tokens)
        if 2 <= len(tokens) <= 5 and is_post(b, w) and ok(name):
            return name, b.strip(" ,.")
        m = re.fullmatch(rf"(?P<role>[{HAN}]{{0,20}}?{w.zh_role})[：:\s]*(?P<name>[{HAN}·]{{2,6}})", a)
        if m and ok(m["name"]):
            return m["name"], m["role"]
    return None, None


def role_of_en(name: str, texts: list[str], w: Wording) -> str | None:
    for text in texts:
        m = re.search(rf"(?P<role>{w.capphrase})\s+{re.escape(name)}\b", text)
        if m:
            role, _ = split_role_name(m["role"] + " " + name, w)
            if role:
                return role
        m = re.search(rf"\b{re.escape(name)},\s+(?:the\s+)?(?P<role>[{w.upper}][^,;.()]*?)[,;.]", text)
        if m and _has_role_head(m["role"], w):
            return m["role"].strip()
    return None


def speaker_zh(title: str, texts: list[str], w: Wording, ok: Check, known: Check) -> tuple[str | None, str | None, str | None, str | None]:
    name = role = genre = event = None
    m = w.zh_title_speech.match(title)
    if m:
        genre, event = "remarks", m["event"]
        name, role = _zh_who(m["who"], w)
    else:
        m = w.zh_title_verb.match(title)
        if m:
            name, role = _zh_who(m["who"], w)
            if m["verb"] in w.zh_event_verbs:
                event = re.split(r"并|並", m["rest"])[0]
    if name is not None and not ok(name):
        name = None
    if name is None:
        name, role = _zh_speaker_in_text(texts, w, ok, known) if role is None else (None, role)
    if name and role is None:
        for text in texts:
            rm = re.search(rf"(?P<role>[{HAN}]{{0,10}}?{w.zh_role}){re.escape(name)}", text)
            if rm:
                role = rm["role"]
                break
    if name is None and role is None:
        for text in texts:  # "政府發言人表示，……": a spokesperson without a name
            rm = re.match(rf"(?P<role>[{HAN}]{{0,8}}(?:发言人|發言人)){w.zh_speech_verbs}", text)
            if rm:
                role = rm["role"]
                break
    return name, role, genre, event


def _zh_speaker_in_text(texts: list[str], w: Wording, ok: Check, known: Check) -> tuple[str | None, str | None]:
    """ "外交部副部长林浩然表示", "王毅说", "李松在会上发言": a name after a post, or a person the codebook knows."""
    for text in texts:
        m = re.search(rf"(?P<role>{w.zh_role})(?P<name>[{HAN}]{{2,3}}?)(?:{w.zh_speech_verbs}|在)", text)
        if m and ok(m["name"]):
            return m["name"], m["role"]
        for m in re.finditer(rf"(?=(?P<name>[{HAN}]{{2,3}}?)(?:{w.zh_speech_verbs}|在))", text):  # at every position
            if known(m["name"]):
                return m["name"], None
    return None, None


def _zh_who(who: str, w: Wording) -> tuple[str | None, str | None]:
    m = re.fullmatch(rf"(?P<name>[{HAN}]{{2,4}}?)(?P<role>{w.zh_role})", who)
    if m:
        return m["name"], m["role"]
    m = re.fullmatch(rf"(?P<role>[{HAN}]*{w.zh_role})(?P<name>[{HAN}]{{2,4}})", who)
    if m:
        return m["name"], m["role"]
    if 2 <= len(who) <= 4 and not w.zh_not_person.search(who):
        return who, None
    return None, None
