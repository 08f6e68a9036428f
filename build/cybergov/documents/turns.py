"""Whose turn each paragraph of a press conference is: a journalist's question or the spokesperson's answer.

The markers are conventions of the genre (sources/conventions.yaml `turns`): "Q:", "A:",
"问：", "答：", an outlet's name ("Reuters:", "路透社记者："); the spokesperson's own name
and a colon opens an answer too. A paragraph without a marker continues the turn above it;
before the first question the spokesperson makes announcements (`opening`).
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8)
def _compiled(questions: tuple[str, ...], answers: tuple[str, ...]) -> tuple[list[re.Pattern], list[re.Pattern]]:
    return [re.compile(p) for p in questions], [re.compile(p) for p in answers]


def assign_turns(paragraphs: list[dict], turns: dict, speaker_names: list[str]) -> None:
    """Set `turn` and `asker` on each paragraph row (in place); the title has neither."""
    questions, answers = _compiled(tuple(turns["question"]), tuple(turns["answer"]))
    names = [n for n in speaker_names if n]
    by_name = re.compile(r"^(?:" + "|".join(map(re.escape, names)) + r")\s*[:：]") if names else None
    current, asker = "opening", None
    for row in paragraphs:
        if row["kind"] == "title":
            continue
        text = row["text"]
        if any(rx.match(text) for rx in answers) or (by_name and by_name.match(text)):
            current, asker = "answer", None
        else:
            m = next((m for rx in questions if (m := rx.match(text))), None)
            if m:  # a continuing paragraph keeps the turn and the asker above it
                current, asker = "question", m.groupdict().get("asker") or None
        row["turn"], row["asker"] = current, asker
