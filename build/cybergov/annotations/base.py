"""What every annotator sees of a document, and helpers shared by them."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..sources.matcher import Hit, MatcherGroup, PhraseMatcher, fold, word_mask


@dataclass(frozen=True)
class Sentence:
    sentence_id: str
    paragraph_kind: str
    start: int
    end: int
    text: str
    turn: str | None = None  # the paragraph's turn in a press conference


@dataclass
class DocView:
    document_id: str
    text: str
    language: str
    holder_id: str
    sentences: list[Sentence]
    paragraphs: list[dict]
    _hits: dict = field(default_factory=dict, repr=False)
    _local: dict = field(default_factory=dict, repr=False)  # per sentence, by matcher
    _starts: list[int] | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, repr=False)
    _mask: str | None = field(default=None, repr=False)

    @property
    def chinese(self) -> bool:
        return self.language.startswith("zh")

    def read_with(self, group: MatcherGroup) -> None:
        """Run every matcher of `group` over the text in one pass, for hits() to take from."""
        self._fold()
        for matcher, found in zip(group.matchers, group.hits(self.text, self.chinese, folded=self._folded, mask=self._mask)):
            self._hits[id(matcher)] = ([h.start for h in found], found)

    def _fold(self) -> None:
        if self._folded is None:
            self._folded, self._mask = fold(self.text, self.chinese), word_mask(self.text)

    def hits(self, matcher: PhraseMatcher, start: int = 0, end: int | None = None, local: bool = False) -> list[Hit]:
        """Hits of `matcher` inside [start, end) of the text.

        Each matcher runs once over the whole text (one fold, one automaton pass, or one for all
        of a group with read_with); callers then take the hits of a sentence or a target. With
        `local`, offsets count from `start`.
        """
        if id(matcher) not in self._hits:
            self._fold()
            found = matcher.hits(self.text, self.chinese, folded=self._folded, mask=self._mask)
            self._hits[id(matcher)] = ([h.start for h in found], found)
        starts, found = self._hits[id(matcher)]
        end = len(self.text) if end is None else end
        inside = [h for h in found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if h.end <= end]
        if local:
            return [Hit(h.start - start, h.end - start, h.phrase) for h in inside]
        return inside

    def by_sentence(self, matcher: PhraseMatcher) -> list[list[Hit]]:
        """The hits of `matcher` in each sentence, offsets counted from the sentence's start:
        `hits(matcher, s.start, s.end, local=True)` for every sentence s, made in one pass."""
        if id(matcher) not in self._local:
            out: list[list[Hit]] = [[] for _ in self.sentences]
            starts = self._sentence_starts()
            for h in self.hits(matcher):
                i = bisect.bisect_right(starts, h.start) - 1
                if i >= 0 and h.start < self.sentences[i].end and h.end <= self.sentences[i].end:
                    out[i].append(Hit(h.start - starts[i], h.end - starts[i], h.phrase))
            self._local[id(matcher)] = out
        return self._local[id(matcher)]

    def _sentence_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [s.start for s in self.sentences]
        return self._starts

    def sentence_at(self, start: int, end: int) -> Sentence | None:
        """The sentence that contains the span [start, end), if one does."""
        starts = self._sentence_starts()
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and self.sentences[i].start <= start and end <= self.sentences[i].end:
            return self.sentences[i]
        return None


def span_row(doc: DocView, sentence: Sentence, start: int, end: int, **values) -> dict:
    """A row with the evidence every coded value carries: sentence, offsets and surface."""
    return {"sentence_id": sentence.sentence_id, "document_id": doc.document_id,
            "char_start": start, "char_end": end, "surface": doc.text[start:end], **values}
