"""Names in the statements that the codebook does not know: what to add to it next.

A candidate is a run of capitalised words (joined by small words) or an acronym that no
mention covers. Mentions are blanked out first, so a candidate is only the part of a name
the codebook lacks; words that open a sentence, posts and honorifics before a name ("But
Vice President Harris and I"), headings in capitals and Roman numerals are not names.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

_NAME = re.compile(r"\b(?:[A-Z][\w’'.-]*[A-Za-z]|[A-Z])(?:\s+(?:(?:of|on|for|and|the|in|to|de)\s+)*(?:[A-Z][\w’'.-]*[A-Za-z]|[A-Z]))+")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")
_ROMAN = re.compile(r"^(?:[IVXLC]+)$")
# Words that open a sentence or stand before a name without being part of it.
_LEADING = {"the", "a", "an", "and", "but", "or", "so", "yet", "today", "as", "in", "for", "this", "that", "these", "those", "our",
            "we", "i", "it", "however", "moreover", "also", "yesterday", "since", "after", "before", "when", "while", "if", "with",
            "on", "at", "by", "from", "to", "of", "let", "thank", "dear", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
            "his", "her", "excellency", "excellencies", "madam", "sir", "colleagues", "ladies", "gentlemen", "both", "all", "every",
            "last", "next", "first", "then", "here", "there", "now", "what", "why", "how", "who", "where", "q:", "a:"}
_TRAILING = {"and", "i", "of", "the", "we", "he", "she", "they", "said", "has", "have"}


def _trimmed(phrase: str, posts: set[str]) -> str | None:
    """The name left once leading small words and posts and trailing small words are cut; None if nothing is left."""
    words = [w.removesuffix("’s").removesuffix("'s") for w in phrase.split()]
    while words and (words[0].lower() in _LEADING or words[0].lower().strip(",") in posts):
        words = words[1:]
    while words and words[-1].lower() in _TRAILING:
        words = words[:-1]
    if not words or all(w.lower() in posts or w.lower() in _LEADING for w in words):
        return None
    return " ".join(words)


def candidates_not_in_codebook(out, posts: set[str] = frozenset(), english: set[str] = frozenset()) -> list[tuple[str, int]]:
    """(name, occurrences) not covered by a mention, most frequent first.

    `posts` are words of posts and honorifics (sources/wording.yaml), `english` common words:
    "THE" in a heading is no acronym.
    """
    covered = defaultdict(list)
    for m in out["mentions"]:
        covered[m["sentence_id"]].append((int(m["char_start"]), int(m["char_end"])))
    kinds = {p["paragraph_id"]: p["kind"] for p in out["paragraphs"]}
    found = Counter()
    for s in out["sentences"]:
        if kinds[s["paragraph_id"]] == "title":
            continue
        base, text = int(s["char_start"]), list(s["text"])
        for a, b in covered[s["sentence_id"]]:
            text[a - base:b - base] = "|" * (b - a)
        masked = "".join(text)
        for m in _NAME.finditer(masked):
            name = _trimmed(m.group(), posts)
            if name and len(name.split()) > 1:
                found[name] += 1
        letters = [c for c in masked if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > len(letters) / 2:
            continue  # a heading in capitals: its words are no acronyms
        for m in _ACRONYM.finditer(masked):
            word = m.group()
            if word.lower() not in english and not _ROMAN.match(word) and word.lower() not in posts:
                found[word] += 1
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
