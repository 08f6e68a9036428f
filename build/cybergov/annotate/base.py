"""What every annotator sees of a document, and helpers shared by them."""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    sentence_id: str
    paragraph_kind: str
    start: int
    end: int
    text: str


@dataclass
class DocView:
    document_id: str
    text: str
    language: str
    holder_id: str
    sentences: list[Sentence]
    paragraphs: list[dict]

    @property
    def chinese(self) -> bool:
        return self.language.startswith("zh")

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
