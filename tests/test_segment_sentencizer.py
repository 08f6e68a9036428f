"""The build's sentence ends are exactly those of spaCy's sentencizer over fully tokenized text.

The build tokenizes only the chunks around sentence-final marks (documents/segment.py); the
reference here is the pipeline it replaced: a blank spaCy pipeline with the abbreviations of
conventions.yaml and the sentencizer, run over every token. Same spans on the real paragraphs
of the package, in English and Chinese, and on generated text full of odd whitespace.
"""
from __future__ import annotations

import csv

import pytest
from conftest import ROOT
from cybergov.documents.segment import Segmenter, full_pipeline, language_family
from cybergov.paths import Paths
from cybergov.sources.codebook import load_codebook
from hypothesis import given, settings
from test_segment_properties import TEXTS


@pytest.fixture(scope="module")
def conventions():
    return load_codebook(Paths.at()).conventions


@pytest.fixture(scope="module")
def segmenter(conventions) -> Segmenter:
    return Segmenter(conventions)


@pytest.fixture(scope="module")
def reference(conventions):
    return full_pipeline(conventions)


def test_same_sentences_as_spacy_on_the_package(segmenter, reference):
    with (ROOT / "data" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        language = {r["document_id"]: r["language"] for r in csv.DictReader(fh)}
    with (ROOT / "data" / "paragraphs.csv").open(encoding="utf-8", newline="") as fh:
        paragraphs = [(r["text"], language[r["document_id"]]) for r in csv.DictReader(fh)]
    assert {language_family(lang) for _, lang in paragraphs} >= {"en", "zh"}
    differ = [text[:80] for text, lang in paragraphs if segmenter.sentences(text, lang) != reference(text, lang)]
    assert differ == [], f"{len(differ)} of {len(paragraphs)} paragraphs split differently, e.g. {differ[:3]}"


@pytest.mark.parametrize("text", [
    "It ended. Then it began.", "See No. 5 of the U.S. plan. Next.", "Wait...  Two spaces. \nNewline.", "He said: \"Stop.\" (PoA) Then.",
    "End.\u00a0Non-breaking space. End.\u3000Ideographic.", "Quote.” Next one?! Yes.", "1. First point. 2. Second.", "Trailing.  ",
])
def test_same_sentences_as_spacy_on_hard_cases(segmenter, reference, text):
    assert segmenter.sentences(text, "en") == reference(text, "en")


@pytest.mark.parametrize("text", ["我们反对。他们支持！ 是吗？对；好。", "“好。”他说。\n\n新的一段。", "第一句。 第二句。  第三句。"])
def test_same_sentences_as_spacy_in_chinese(segmenter, reference, text):
    assert segmenter.sentences(text, "zh") == reference(text, "zh")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_same_sentences_as_spacy_on_generated_text(segmenter, reference, text):
    for language in ("en", "zh"):
        assert segmenter.sentences(text, language) == reference(text, language)
