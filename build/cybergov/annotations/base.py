"""What every annotator sees of a document, and helpers shared by them."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..sources.matcher import Hit, PhraseMatcher, fold, word_mask


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
    _folded: str | None = field(default=None, repr=False)
    _mask: str | None = field(default=None, repr=False)

    @property
    def chinese(self) -> bool:
        return self.language.startswith("zh")

    def hits(self, matcher: PhraseMatcher, start: int = 0, end: int | None = None, local: bool = False) -> list[Hit]:
        """Hits of `matcher` inside [start, end) of the text.

        Each matcher runs once over the whole text (one fold, one automaton pass); callers
        then take the hits of a sentence or a target. With `local`, offsets count from `start`.
        """
        if id(matcher) not in self._hits:
            if self._folded is None:
                self._folded, self._mask = fold(self.text, self.chinese), word_mask(self.text)
            found = matcher.hits(self.text, self.chinese, folded=self._folded, mask=self._mask)
            self._hits[id(matcher)] = ([h.start for h in found], found)
        starts, found = self._hits[id(matcher)]
        end = len(self.text) if end is None else end
        inside = [h for h in found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if h.end <= end]
        if local:
            return [Hit(h.start - start, h.end - start, h.phrase) for h in inside]
        return inside

    def sentence_at(self, start: int, end: int) -> Sentence | None:
        """The sentence that contains the span [start, end), if one does."""
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and self.sentences[i].start <= start and end <= self.sentences[i].end:
            return self.sentences[i]
        return None


def span_row(doc: DocView, sentence: Sentence, start: int, end: int, **values) -> dict:
    """A row with the evidence every coded value carries: sentence, offsets and surface."""
    return {"sentence_id": sentence.sentence_id, "document_id": doc.document_id,
            "char_start": start, "char_end": end, "surface": doc.text[start:end], **values}
