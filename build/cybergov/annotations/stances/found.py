"""A stance as a rule finds it in one sentence, before its holder and links are decided."""
from __future__ import annotations

from dataclasses import dataclass

# Who holds a stance found by a rule: the statement's side (advice, criticism, "we ..."), or the
# clause's subject (stance verbs, stated intentions), which may be another party.
# OWN: held only when the subject is the speaker's side ("China upholds X"); another party's action is described, not a position.
# NEAREST: the subject's when it names a party, else the statement's ("..., instead of X").
SPEAKER, SUBJECT, OWN, NEAREST = "speaker", "subject", "own", "nearest"


@dataclass
class Found:
    frame: str
    cue: tuple[int, int]  # offsets within the sentence
    obj: tuple[int, int]
    polarity: str
    holder_rule: str
    subject: tuple[int, int] | None = None  # the clause's subject, for SUBJECT

    def overlaps(self, other: "Found") -> bool:
        return self.cue[0] < other.cue[1] and other.cue[0] < self.cue[1]
