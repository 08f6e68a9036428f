"""The phrase matcher: one pass of a group of matchers gives each the hits of its own pass."""
from __future__ import annotations

from cybergov.paths import Paths
from cybergov.sources.matcher import MatcherGroup, Phrase, PhraseMatcher, fold, word_mask


def own_hits(matcher: PhraseMatcher, text: str, chinese: bool) -> list:
    return MatcherGroup([matcher]).hits(text, chinese)[0]


def test_the_groups_of_the_build_give_each_matcher_its_own_hits():
    from cybergov.runner import load_workbench

    paths = Paths.at()
    annotators = load_workbench(paths).annotators
    english = (paths.statements / "2021-ungd76-usa" / "source.txt").read_text(encoding="utf-8")
    assert len(english) > 10_000, "the sample speech is missing from sources/statements"
    group = annotators.groups[False]
    together = group.hits(english, False, fold(english), word_mask(english))
    assert sum(map(len, together)) > 500
    for matcher, found in zip(group.matchers, together):
        assert found == own_hits(matcher, english, False)


def test_a_key_shared_by_matchers_keeps_each_ones_rules():
    hyphen = PhraseMatcher([Phrase("counter", "h")], hyphen_joins=True)
    plain = PhraseMatcher([Phrase("counter", "p"), Phrase("US", "case", case_sensitive=True)])
    text = "We counter counter-terrorism threats; us and the US agree."
    hy, pl = MatcherGroup([hyphen, plain]).hits(text)
    assert [(h.start, text[h.start:h.end]) for h in hy] == [(3, "counter")]
    assert [text[h.start:h.end] for h in pl] == ["counter", "counter", "US"]


def test_a_prefix_phrase_does_not_lengthen_the_others_of_its_key():
    matcher = PhraseMatcher([Phrase("terroris", "prefix", prefix=True), Phrase("terroris", "word")])
    assert [(h.phrase.value, h.end) for h in own_hits(matcher, "terrorism", False)] == [("prefix", 9)]
    assert sorted(h.phrase.value for h in own_hits(matcher, "terroris.", False)) == ["prefix", "word"]


def test_chinese_text_is_matched_as_simplified_at_its_own_offsets():
    matcher = PhraseMatcher([Phrase("网络安全", "cyber")])
    text = "維護網絡安全。"
    (hit,) = own_hits(matcher, text, True)
    assert text[hit.start:hit.end] == "網絡安全"
