"""An object linked to what it is: an entity of the codebook, or a contested issue.

Only when the object IS the entity or the issue: the name (or an issue's cue) must stand at
the head of the object, after an article or a quantifier ("the", "all forms of"), and for an
entity cover the object. A topic that merely occurs inside the object is no link.
"""
from __future__ import annotations

import re

from ...sources.matcher import Hit

_LEAD = re.compile(r"^(?:(?:the|a|an|any|all|its|their|our|such|so-called|further|growing|increasing|all forms of|any form of|"
                   r"every form of|the so-called)\s+)*", re.I)
_LEAD_ZH = re.compile(r"^(?:一切|任何|所谓的?|各种形式的)*")
# An issue's cue may follow a verb of speech or action at the object's head ("making baseless accusations").
_FIRST_WORDS = re.compile(r"(?:\S+\s+){0,3}")
_TAIL = " .,;:!?\"'”’)）。，；"


def _head(text: str, start: int, end: int) -> int:
    m = (_LEAD_ZH if re.match(r"[\u4e00-\u9fff]", text[start:start + 1]) else _LEAD).match(text[start:end])
    return start + (m.end() if m else 0)


def object_entity(text: str, start: int, end: int, mentions: list[dict]) -> str | None:
    """The entity the object is: a mention from the object's head to its end."""
    head = _head(text, start, end)
    while end > head and text[end - 1] in _TAIL:
        end -= 1
    for m in mentions:
        if m["char_start"] == head and m["char_end"] == end:
            return m["entity_id"]
    return None


def object_issue(text: str, start: int, end: int, issue_hits: list[Hit], in_context: set[str]) -> str | None:
    """The issue whose cue stands at the object's head (within its first words; anywhere in a Chinese object, whose head
    noun comes last), among the issues whose context the sentence holds."""
    head = _head(text, start, end)
    chinese = bool(re.match(r"[\u4e00-\u9fff]", text[head:head + 1]))
    reach = end if chinese else (m.end() if (m := _FIRST_WORDS.match(text, head, end)) else head)
    for h in issue_hits:
        issue, kind = h.phrase.value
        if kind == "cue" and head <= h.start <= reach and h.end <= end and issue in in_context:
            return issue
    return None
