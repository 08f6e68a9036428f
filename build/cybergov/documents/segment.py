"""Paragraphs and sentences with code-point offsets into the published text.

Sentences come from spaCy's rule-based sentencizer over a blank language pipeline (no
model weights): fast enough for tens of thousands of statements, and abbreviations such
as "No." are taught to its tokenizer from sources/conventions.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import spacy
from spacy.symbols import ORTH

_OPENERS = "([{“‘\"'«「『（【《〈〔［｛"
_CJK_LANGS = ("zh",)
_STRAIGHT = "\"'"
_NUMBER = re.compile(r"\d{1,4}\.")


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


class Segmenter:
    def __init__(self, conventions):
        self.conventions = conventions

    @cached_property
    def _en(self):
        nlp = spacy.blank("en")
        for abbr in self.conventions["abbreviations"]:
            nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
        nlp.add_pipe("sentencizer", config={"punct_chars": self.conventions["sentence_end"]["en"]})
        return nlp

    @cached_property
    def _zh(self):
        nlp = spacy.blank("zh")  # character segmentation: no dictionary needed
        nlp.add_pipe("sentencizer", config={"punct_chars": self.conventions["sentence_end"]["zh"]})
        return nlp

    def nlp(self, language: str):
        return self._zh if language_family(language) in _CJK_LANGS else self._en

    def sentences(self, text: str, language: str) -> list[tuple[int, int]]:
        """Sentence spans (start, end) within `text`, without surrounding whitespace."""
        return self._spans(self.nlp(language)(text), text)

    @staticmethod
    def _spans(doc, text: str) -> list[tuple[int, int]]:
        raw = [[s.start_char, s.end_char] for s in doc.sents]
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
        docs = self.nlp(language).pipe(blocks)
        for ordinal, (block, doc) in enumerate(zip(blocks, docs), start=1):
            spans = tuple(Span(offset + s, offset + e) for s, e in self._spans(doc, block))
            kind = self.conventions.paragraph_kind(ordinal if title is not None else ordinal + 1, block)
            out.append(Paragraph(ordinal, kind, offset, offset + len(block), spans))
            offset += len(block) + 2
        return text, out
