"""Paragraphs from lines: blank-line blocks (saved pages), and plain-text corpus files where line breaks
are not paragraph breaks.

Corpora converted from printed records (the UN General Debate corpus) come in three
shapes, often mixed: a paragraph per line; lines wrapped at a fixed width, paragraphs ending
with a short line; and blocks separated by blank lines, some of them page breaks inside a
paragraph. A line break is kept as a paragraph break only where a sentence ends there; a
sentence that runs on ("... Or / will we fail") is joined again.
"""
from __future__ import annotations

import re
import statistics

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# A sentence (or a heading introducing a list) ends here: a full stop, question or exclamation
# mark, colon or semicolon, optionally followed by closing quotes or brackets.
_ENDS = re.compile(r"[.!?…:;。！？：；][”’\"'）)\]」』»]*$")
# The line that follows starts in the middle of a sentence.
_CONTINUES = re.compile(r"^[a-z0-9(\[\"'“‘,;:–—-]")
# A numbered paragraph of an official record ("211. We wish to ...") always starts anew.
_NUMBERED = re.compile(r"^\d{1,4}\.\s")
# A line ending in one of these small words is cut in mid-phrase, whatever follows.
_OPEN_WORDS = {"the", "a", "an", "of", "and", "or", "to", "in", "for", "on", "with", "by", "from", "at", "as", "that", "our",
               "its", "their", "his", "her", "this", "these", "those", "which", "who", "is", "are", "was", "were", "be", "has",
               "have", "will", "would", "can", "should", "must", "not", "but", "than", "into", "upon", "between", "among"}


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: a space between words, nothing between CJK characters."""
    out = lines[0]
    for line in lines[1:]:
        sep = "" if _CJK.match(out[-1:]) and _CJK.match(line[:1]) else " "
        out += sep + line
    return out


def blocks(lines: list[str]) -> list[str]:
    """Paragraphs separated by blank lines, the lines of each joined (saved web pages)."""
    out, block = [], []
    for line in lines:
        if line:
            block.append(line)
        elif block:
            out.append(join_lines(block))
            block = []
    if block:
        out.append(join_lines(block))
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The width a wrapped file is set to, or None when lines are paragraphs (or runs of them)."""
    if len(lines) < 8:
        return None
    lengths = [len(x) for x in lines]
    open_share = sum(1 for x in lines if not _ENDS.search(x)) / len(lines)
    if statistics.median(lengths) >= 100 or open_share <= 0.5:
        return None
    return sorted(lengths)[int(0.9 * (len(lengths) - 1))]


def _runs_on(prev: str, nxt: str, wrap: int | None) -> bool:
    """Whether `nxt` continues the paragraph that `prev` ends."""
    if _NUMBERED.match(nxt):
        return False
    if _ENDS.search(prev):
        # In a wrapped file a sentence may end where the line is full; a short line ends the paragraph.
        return wrap is not None and len(prev) >= 0.8 * wrap
    if _CONTINUES.match(nxt) or wrap is not None or prev.endswith("-") or len(prev) >= 120:
        return True  # a long line that stops mid-sentence is no heading: a page break cut it
    words = prev.split()
    return bool(words) and words[-1].lower() in _OPEN_WORDS


def paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from lines ('' for a blank line), joined where a sentence runs on across a line or a blank."""
    content = [x for x in lines if x]
    wrap = _wrap_width(content)
    out: list[list[str]] = []
    blank = False
    for line in lines:
        if not line:
            blank = True
            continue
        if out and (not blank or not _ENDS.search(out[-1][-1])) and _runs_on(out[-1][-1], line, wrap):
            # After a blank line only a sentence left open (a page break) runs on: the next line goes on in lower
            # case, or the line before is a long one that stops mid-sentence (not a heading).
            if not blank or _CONTINUES.match(line) or len(out[-1][-1]) >= 120:
                out[-1].append(line)
                blank = False
                continue
        out.append([line])
        blank = False
    return [join_lines(p) for p in out]
