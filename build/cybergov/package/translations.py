"""One statement in two languages: pairs of documents, and their paragraphs aligned.

The importer records the pair in each version's metadata (`translation: {of, matched_by}`).
Paragraphs are aligned by the press conference's turns: when both versions have the same
sequence of titles, questions and answers paragraph for paragraph, one to one; otherwise by
dynamic programming over paragraphs, where a question or answer must meet one of the same
turn and lengths must agree (allowing for the languages' different lengths), with a
paragraph split or joined by the translator as one paragraph aligned with two.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import InputError

# Costs of the alignment (lower is better): a paragraph left unaligned, turns that differ.
_SKIP = 6.0
_TURN_MISMATCH = 8.0
_SPLIT = 1.5


@dataclass(frozen=True)
class Para:
    paragraph_id: str
    kind: str
    turn: str | None
    length: int


def pairs(declared: dict[str, tuple[str, str]], known: set[str], where: dict[str, str]) -> list[tuple[str, str, str]]:
    """(document_id, translation_id, matched_by), each pair once, the ids in sorted order; the other version must exist."""
    out: dict[tuple[str, str], str] = {}
    for doc, (other, matched_by) in sorted(declared.items()):
        if other not in known:
            raise InputError(f"translation: {other!r} is not a statement", where[doc], None,
                             "correct `translation.of`, or remove `translation` if the other version is not in the package")
        back = declared.get(other)
        if back is not None and back[0] != doc:
            raise InputError(f"translation: {doc!r} names {other!r}, which names {back[0]!r} as its translation", where[doc], None,
                             "make the two versions name each other")
        out.setdefault(tuple(sorted((doc, other))), matched_by)
    return [(a, b, m) for (a, b), m in sorted(out.items())]


def _same_turns(a: list[Para], b: list[Para]) -> bool:
    return len(a) == len(b) and all(x.kind == y.kind and x.turn == y.turn for x, y in zip(a, b))


def _cost(group_a: list[Para], group_b: list[Para], ratio: float) -> float:
    """How unlike two groups of paragraphs are: their turns, and their lengths on the scale of the two versions."""
    turns_a = {p.turn for p in group_a if p.turn}
    turns_b = {p.turn for p in group_b if p.turn}
    mismatch = _TURN_MISMATCH if turns_a != turns_b else 0.0
    length_a = sum(p.length for p in group_a) * ratio
    length_b = sum(p.length for p in group_b)
    return mismatch + abs(math.log((length_a + 20) / (length_b + 20))) * 2 + (_SPLIT if len(group_a) + len(group_b) > 2 else 0.0)


def _dynamic(a: list[Para], b: list[Para], ratio: float) -> list[tuple[Para, Para]]:
    """The cheapest alignment with moves 1-1, 1-2, 2-1, 1-0 and 0-1."""
    inf = float("inf")
    cost = [[inf] * (len(b) + 1) for _ in range(len(a) + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (len(b) + 1) for _ in range(len(a) + 1)]
    cost[0][0] = 0.0
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1)):
                ni, nj = i + di, j + dj
                if ni > len(a) or nj > len(b):
                    continue
                step = _SKIP if di == 0 or dj == 0 else _cost(a[i:ni], b[j:nj], ratio)
                if cost[i][j] + step < cost[ni][nj]:
                    cost[ni][nj], back[ni][nj] = cost[i][j] + step, (di, dj)
    out, i, j = [], len(a), len(b)
    while i or j:
        di, dj = back[i][j]
        out[:0] = [(x, y) for x in a[i - di:i] for y in b[j - dj:j]]
        i, j = i - di, j - dj
    return out


def align(a: list[Para], b: list[Para]) -> tuple[list[tuple[str, str]], str]:
    """Aligned (paragraph of a, paragraph of b), and the method: `turns` or `dynamic`."""
    if _same_turns(a, b):
        return [(x.paragraph_id, y.paragraph_id) for x, y in zip(a, b)], "turns"
    ratio = (sum(p.length for p in b) or 1) / (sum(p.length for p in a) or 1)
    return [(x.paragraph_id, y.paragraph_id) for x, y in _dynamic(a, b, ratio)], "dynamic"
