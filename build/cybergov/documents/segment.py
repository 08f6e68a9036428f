"""Paragraphs and sentences with code-point offsets into the published text.

The sentence ends are those of spaCy's rule-based sentencizer over a blank language pipeline
(no model weights), computed without tokenizing every word: a sentence can only end at a
sentence-final mark (`sentence_end` in sources/conventions.yaml), so only the whitespace-
delimited chunks around such marks are tokenized, by spaCy's own tokenizer (English, which
knows abbreviations such as "No." from conventions.yaml) or character by character (Chinese),
and the sentencizer's rule is applied to those tokens. The result is the sentencizer's, at a
fraction of the cost (benchmarks/segmentation.py measures both).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

_OPENERS = "([{“‘\"'«「『（【《〈〔［｛"
_CJK_LANGS = ("zh",)
_STRAIGHT = "\"'"
_NUMBER = re.compile(r"\d{1,4}\.")
_CHUNK = re.compile(r"\S+")
# Tokenized chunks kept per process; cleared when full (a corpus has a few hundred thousand).
_MEMO_MAX = 200_000


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    ordinal: int
    kind: str
    start: int
    end: int
    sentences: tuple[Span, ...]


def language_family(language: str) -> str:
    return language.split("-")[0]


def _all_punctuation(token: str) -> bool:
    """spaCy's `is_punct`: every character is in a Unicode punctuation category."""
    return all(unicodedata.category(ch)[0] == "P" for ch in token)


class _Rule:
    """The sentencizer's rule for one language: after a sentence-final token, the next token
    that is neither punctuation nor sentence-final starts a sentence (whitespace other than a
    single space is a token of its own)."""

    def __init__(self, ends: list[str], tokenize=None):
        """`tokenize(chunk)` gives (offset, token) pairs; without it every character is a token."""
        self.ends = frozenset(ends)
        self.tokenize = tokenize
        if tokenize is None:  # a longer mark can never be a one-character token
            ends = [e for e in ends if len(e) == 1]
        self.mark = re.compile("|".join(re.escape(e) for e in sorted(ends, key=len, reverse=True)))
        self.first = frozenset(e[0] for e in ends)
        self.memo: dict[str, tuple[tuple[int, bool, bool], ...]] = {}

    def tokens(self, chunk: str) -> tuple[tuple[int, bool, bool], ...]:
        """(offset, sentence-final, punctuation) of each token of a chunk without whitespace."""
        found = self.memo.get(chunk)
        if found is None:
            if len(self.memo) >= _MEMO_MAX:
                self.memo.clear()
            found = self.memo[chunk] = tuple((off, tok in self.ends, _all_punctuation(tok)) for off, tok in self.tokenize(chunk))
            return found
        return found

    def starts(self, text: str) -> list[int]:
        """Offsets where a sentence other than the first starts."""
        if self.tokenize is None:
            return self._starts_by_character(text)
        out: list[int] = []
        pos, n = 0, len(text)
        while (m := self.mark.search(text, pos)) is not None:
            # From the start of the chunk that holds the mark, token by token, until a sentence starts.
            pos = m.start()
            while pos > 0 and not text[pos - 1].isspace():
                pos -= 1
            seen = False
            while pos < n:
                chunk = _CHUNK.match(text, pos)
                if chunk is None:  # whitespace, after a sentence-final token
                    gap = pos
                    while pos < n and text[pos].isspace():
                        pos += 1
                    if pos - gap > 1 or text[gap] != " ":  # more than the previous token's trailing space
                        out.append(gap + 1 if text[gap] == " " else gap)
                        break
                    continue
                start = chunk.start()
                if seen and unicodedata.category(text[start])[0] != "P" and text[start] not in self.first:
                    out.append(start)
                    break
                for off, final, punct in self.tokens(chunk.group()):
                    if seen and not punct and not final:
                        out.append(start + off)
                        seen = False
                    elif final:
                        seen = True
                pos = chunk.end()
                if not seen:
                    break
            pos = max(pos, m.end())
        return out

    def _starts_by_character(self, text: str) -> list[int]:
        out: list[int] = []
        pos, n = 0, len(text)
        while (m := self.mark.search(text, pos)) is not None:
            pos = m.end()
            while pos < n:
                ch = text[pos]
                if ch.isspace():
                    gap = pos
                    while pos < n and text[pos].isspace():
                        pos += 1
                    if pos - gap > 1 or ch != " ":
                        out.append(gap + 1 if ch == " " else gap)
                        break
                elif ch in self.ends or unicodedata.category(ch)[0] == "P":
                    pos += 1
                else:
                    out.append(pos)
                    break
        return out


def english(conventions):
    """A blank English pipeline whose tokenizer keeps the conventions' abbreviations ("No.") whole."""
    # Imported here: spaCy takes most of a second to import, which a rebuild that reads no new
    # statement, or reads it in a worker, need not wait for.
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank("en")
    for abbr in conventions["abbreviations"]:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    return nlp


def full_pipeline(conventions):
    """The splitter the build's replaced, kept as its reference: spaCy's sentencizer over every
    token, with the same clean-up of the spans. The same spans, several times slower; the tests
    and benchmarks/segmentation.py compare the two. Returns spans(text, language)."""
    import spacy

    en = english(conventions)
    en.add_pipe("sentencizer", config={"punct_chars": conventions["sentence_end"]["en"]})
    zh = spacy.blank("zh")
    zh.add_pipe("sentencizer", config={"punct_chars": conventions["sentence_end"]["zh"]})

    def spans(text: str, language: str) -> list[tuple[int, int]]:
        doc = (zh if language_family(language) in _CJK_LANGS else en)(text)
        return Segmenter._spans([s.start_char for s in doc.sents][1:], text)
    return spans


class Segmenter:
    def __init__(self, conventions):
        self.conventions = conventions

    @cached_property
    def _en(self) -> _Rule:
        tokenizer = english(self.conventions).tokenizer
        return _Rule(self.conventions["sentence_end"]["en"], lambda chunk: [(t.idx, t.text) for t in tokenizer(chunk)])

    @cached_property
    def _zh(self) -> _Rule:
        # spaCy's Chinese default: one token per character, so no tokenizer is needed.
        return _Rule(self.conventions["sentence_end"]["zh"])

    def rule(self, language: str) -> _Rule:
        return self._zh if language_family(language) in _CJK_LANGS else self._en

    def sentences(self, text: str, language: str) -> list[tuple[int, int]]:
        """Sentence spans (start, end) within `text`, without surrounding whitespace."""
        return self._spans(self.rule(language).starts(text), text)

    @staticmethod
    def _spans(starts: list[int], text: str) -> list[tuple[int, int]]:
        bounds = [0, *starts, len(text)]
        raw = [[a, b] for a, b in pairwise(bounds)]
        # The sentencizer leaves an opening bracket or quote at the end of the sentence
        # before it ("... delegate. (PoA) ..."); it belongs to the next one.
        for a, b in zip(raw, raw[1:]):
            cut = a[1]
            while cut > a[0] and (text[cut - 1] in _OPENERS or text[cut - 1].isspace()):
                # A straight quote right after the full stop closes the sentence ('rules." US ...').
                if text[cut - 1] in _STRAIGHT and cut - 1 > a[0] and not text[cut - 2].isspace() and text[cut - 2] not in _OPENERS:
                    break
                cut -= 1
            if cut > a[0] and cut < a[1] and any(ch in _OPENERS for ch in text[cut:a[1]]):
                a[1] = cut
                b[0] = cut
        spans = []
        for start, end in raw:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
        # A paragraph number ("73.", "154.") starts the first sentence; it is not one.
        if len(spans) > 1 and _NUMBER.fullmatch(text, spans[0][0], spans[0][1]):
            spans[:2] = [(spans[0][0], spans[1][1])]
        return spans

    def segment(self, title: str | None, paragraphs: list[str], language: str) -> tuple[str, list[Paragraph]]:
        """The published text (paragraphs joined by one blank line) and its segmentation.

        The title is the first paragraph when the source states one; a corpus file without a
        title starts with its body.
        """
        blocks = [title, *paragraphs] if title is not None else list(paragraphs)
        text = "\n\n".join(blocks)
        out = []
        offset = 0
        for ordinal, block in enumerate(blocks, start=1):
            spans = tuple(Span(offset + s, offset + e) for s, e in self.sentences(block, language))
            kind = self.conventions.paragraph_kind(ordinal if title is not None else ordinal + 1, block)
            out.append(Paragraph(ordinal, kind, offset, offset + len(block), spans))
            offset += len(block) + 2
        return text, out
