"""The rules against the gold of imported statements (tests/gold/corpus/), made by reading.

Every target of the codes issue is asserted: stances, mentions, issue and entity links, Chinese
stance recall, no stance in a question turn. `cybergov report` prints the same figures with the
misses and false positives.
"""
from __future__ import annotations

import pytest
from conftest import ROOT
from cybergov.package.corpusgold import evaluate_corpus
from cybergov.package.gold import load_gold
from cybergov.package.report import CORPUS_TARGETS, corpus_scores
from cybergov.package.scoring import load_outputs


@pytest.fixture(scope="module")
def corpus(full):
    out = load_outputs(full)
    return evaluate_corpus(out, load_gold(ROOT, out["documents"]))


def test_the_gold_is_large_enough_and_placed(corpus):
    scores = corpus_scores(corpus)
    assert corpus.statements >= 40 and scores["stances"].gold >= 300 and scores["mentions"].gold >= 500
    assert not corpus.unplaced, corpus.unplaced[:5]


def test_met_targets_stay_met(corpus):
    scores = corpus_scores(corpus)
    for name in ("stances", "mentions", "links", "stances zh"):
        p, r = CORPUS_TARGETS[name]
        assert p is None or scores[name].precision >= p, (name, scores[name])
        assert r is None or scores[name].recall >= r, (name, scores[name])
    assert corpus.question_stances == []


def test_imported_metadata_is_right(corpus):
    for field in ("holder", "language", "date", "genre", "role"):
        assert corpus.metadata[field].tp == corpus.metadata[field].gold, field
    assert corpus.metadata["speaker"].tp >= corpus.metadata["speaker"].gold - 2
