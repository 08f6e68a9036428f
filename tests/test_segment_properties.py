"""Property: sentence spans are exact, ordered, disjoint, and cover all but whitespace, for any text."""
from __future__ import annotations

import pytest
from cybergov.documents.segment import Segmenter
from cybergov.paths import Paths
from cybergov.sources.codebook import load_codebook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Pieces that stress the tokenizer and the sentencizer: sentence ends of both scripts, quotes
# and brackets, combining marks, emoji (with joiners and modifiers), right-to-left text and
# marks, NBSP, zero-width and ideographic spaces, CJK, abbreviations from conventions.yaml.
PIECES = st.sampled_from([
    ".", "!", "?", "。", "！", "？", "；", "…", "...", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u200b", "\u200d", "\u3000", "\u2028",
    "(", ")", "“", "”", "‘", "’", "\"", "'", "«", "»", "「", "」", "《", "》", "（", "）", "【", "】",
    "e\u0301", "\u0301", "a\u0308\u0323", "👍🏽", "👩\u200d💻", "🇨🇳", "مرحبا", "שלום", "\u202e", "\u200f",
    "网络空间", "命运共同体", "聯合國", "No.", "U.N.", "Mr.", "Art. 5", "H.E.", "1.", "2024", "e.g.",
    "The", "States", "we", "cyber", "security",
])
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map("".join),
    st.text(max_size=120),
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(load_codebook(Paths.at()).conventions)


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    covered = [False] * len(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end, "sentences overlap or are out of order"
        sentence = text[start:end]
        assert sentence == sentence.strip(), "a sentence starts or ends with whitespace"
        covered[start:end] = [True] * (end - start)
        previous_end = end
    left = "".join(ch for ch, c in zip(text, covered) if not c)
    assert all(ch.isspace() for ch in left), f"text outside every sentence: {left!r}"


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
@SETTINGS
@given(text=TEXTS)
def test_sentence_spans(segmenter: Segmenter, language: str, text: str) -> None:
    check_spans(text, segmenter.sentences(text, language))


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
@SETTINGS
@given(paragraphs=st.lists(TEXTS.map(str.strip).filter(bool), min_size=1, max_size=3))
def test_segment_offsets_index_the_published_text(segmenter: Segmenter, language: str, paragraphs: list[str]) -> None:
    """What the build publishes: every paragraph and sentence is text[char_start:char_end] of the joined text."""
    text, paras = segmenter.segment("Title", paragraphs, language)
    assert [text[p.start:p.end] for p in paras] == ["Title", *paragraphs]
    for p, block in zip(paras[1:], paragraphs):
        spans = [(s.start - p.start, s.end - p.start) for s in p.sentences]
        check_spans(block, spans)
        assert spans == segmenter.sentences(block, language)
