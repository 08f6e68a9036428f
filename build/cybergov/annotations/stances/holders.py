"""Whose position a stance is: the statement's holder, another party the sentence names, or nobody.

The statement's holder takes its own words ("we", "our country", its own name, 中方) and its
advice to others ("all countries should ..."). A stance verb or a stated intention with
another party as subject ("Russia supports ...") is that party's, when it is an entity of
the codebook; a position reported of a party that is not one ("several developed countries
oppose ...", "some people claim ...") is nobody's, and so is what follows a third party's
reporting verb ("The US claims that ..."), unless that party is an entity.
"""
from __future__ import annotations

import re

from .found import NEAREST, OWN, SPEAKER, Found

# Kinds of entity that can hold a position.
HOLDER_KINDS = {"state", "state_organ", "organisation", "un_body", "forum", "party_organ", "person"}


class Holders:
    def __init__(self, first_person_en: set[str], first_person_zh: tuple[str, ...], kinds: dict[str, str], parents: dict[str, str | None]):
        self.first_en = first_person_en
        self.first_zh = first_person_zh
        self.kinds = kinds
        self.parents = parents

    def _own(self, entity: str, holder: str) -> bool:
        """The entity is the holder, or one of its organs or people (the Chinese Foreign Ministry for China)."""
        seen = set()
        while entity and entity not in seen:
            if entity == holder:
                return True
            seen.add(entity)
            entity = self.parents.get(entity)
        return False

    def _first_person(self, words: str, chinese: bool) -> bool:
        if chinese:
            return any(w in words for w in self.first_zh)
        low = words.lower()
        return any(w in self.first_en for w in re.findall(r"[a-z]+", low)) or any(" " in p and p in low for p in self.first_en)

    def _entities(self, mentions: list[dict], start: int, end: int) -> list[str]:
        return [m["entity_id"] for m in mentions if start <= m["char_start"] and m["char_end"] <= end
                and self.kinds.get(m["entity_id"]) in HOLDER_KINDS]

    def party(self, text: str, base: int, span: tuple[int, int], mentions: list[dict], holder: str, chinese: bool) -> str | None:
        """The party a stretch of the sentence names as its subject: the holder, another entity, or None.

        A pronoun ("it urges Israel to ...") stands for the subject at the head of the sentence.
        """
        words = text[span[0]:span[1]]
        if not chinese and span[0] > 0 and re.fullmatch(r"\W*(?:and\s+)?(?:it|he|she|they)\W*(?:\w+ly\W*)?", words.strip(), re.I):
            head = (0, min(span[0], 60))
            if self._first_person(text[head[0]:head[1]], chinese):
                return holder
            names = self._entities(mentions, base + head[0], base + head[1])
            return None if not names else holder if self._own(names[0], holder) else names[0]  # the sentence's first party
        if not words.strip() or self._first_person(words, chinese):
            return holder
        names = self._entities(mentions, base + span[0], base + span[1])
        if not names:
            return None
        name = names[-1]  # the nearest to the verb
        return holder if self._own(name, holder) else name

    def holder(self, f: Found, text: str, base: int, mentions: list[dict], holder: str, reporter: tuple[int, int] | None,
               chinese: bool) -> str | None:
        """The holder of `f` in a sentence at offset `base` of the document; None when it is nobody's."""
        if reporter is not None and reporter[1] <= f.cue[0]:
            party = self.party(text, base, reporter, mentions, holder, chinese)
            if party != holder:
                return party  # a third party's reported position: its own if it is an entity, else nobody's
        if f.holder_rule == SPEAKER:
            return holder
        party = self.party(text, base, f.subject or (0, 0), mentions, holder, chinese)
        if f.holder_rule == NEAREST:
            return party or holder
        if f.holder_rule == OWN and party != holder:
            return None  # another party's action, described: no position of theirs in so many words
        return party
