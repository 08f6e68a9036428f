"""Statements in Simplified and Traditional Chinese go the same way as English ones: `add`, build,
validate. Sentences split on 。！？；, and aliases of the codebook are found in either script.

The statement below is invented for the test (its speaker is the fictional ambassador of the
fixtures); its Traditional version is made with OpenCC, so both say the same thing.
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import copy_project, rows
from cybergov.cli import main
from cybergov.documents.segment import Segmenter
from cybergov.package.validate import validate
from cybergov.paths import Paths
from cybergov.pipeline import build
from cybergov.sources.codebook import load_codebook

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures" / "statements"

SPEAKER = """- id: zhou-mingyuan
  kind: person
  name: Zhou Mingyuan
  description: A fictional Chinese ambassador of the test fixtures.
  aliases:
    - {alias: 周明远, lang: zh}
"""

SIMPLIFIED = """中华人民共和国常驻联合国代表团
首页 | 代表团简介 | 会议与发言 | 中国与联合国 | English
首页 > 会议与发言

周明远大使在联合国安理会网络安全问题公开会上的发言

2024年6月20日

主席先生：

当前，网络空间风险挑战日益突出；各国应当加强对话与合作。中方支持联合国安理会就网络安全问题开展讨论！面对共同挑战，各国难道不应携手应对吗？

第一，要坚持多边主义。金砖国家和上海合作组织成员国都主张在联合国框架下制定网络空间国际规则。

第二，要践行全球安全倡议。中方强调：“网络空间不应成为新的战场。”我们愿同各方一道，推动构建网络空间命运共同体。

谢谢主席先生。

【打印】 【关闭】
"""

EXPECTED_SENTENCES = [
    ["周明远大使在联合国安理会网络安全问题公开会上的发言"],
    ["主席先生："],
    ["当前，网络空间风险挑战日益突出；", "各国应当加强对话与合作。", "中方支持联合国安理会就网络安全问题开展讨论！", "面对共同挑战，各国难道不应携手应对吗？"],
    ["第一，要坚持多边主义。", "金砖国家和上海合作组织成员国都主张在联合国框架下制定网络空间国际规则。"],
    ["第二，要践行全球安全倡议。", "中方强调：“网络空间不应成为新的战场。”", "我们愿同各方一道，推动构建网络空间命运共同体。"],
    ["谢谢主席先生。"],
]
ENTITIES = {"un-security-council", "brics", "sco", "global-security-initiative", "community-with-a-shared-future-in-cyberspace", "united-nations"}


def traditional(text: str) -> str:
    from opencc import OpenCC

    return OpenCC("s2t").convert(text)


def cli(root, *args):
    return CliRunner().invoke(main, ["--root", str(root), *map(str, args)])


@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    """The invented statement in both scripts and the three Chinese fixtures, added, built and validated."""
    root = tmp_path_factory.mktemp("zh")
    paths = copy_project(root / "project")
    entities = paths.codebook / "entities.yaml"  # the speaker is known here, unlike in test_add's fixture
    entities.write_text(entities.read_text(encoding="utf-8") + SPEAKER, encoding="utf-8")
    (root / "hans.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (root / "hant.txt").write_text(traditional(SIMPLIFIED), encoding="utf-8")
    ids = {}
    for name, page, extra in [("hans", root / "hans.txt", ["--id", "zh-hans-test"]), ("hant", root / "hant.txt", ["--id", "zh-hant-test"]),
                              ("readout", FIXTURES / "zh_hans_mfa_ai_capacity_readout.txt", []),
                              ("gb18030", FIXTURES / "zh_hans_cnmission_unsc_ai_remarks_gb18030.txt", []),
                              ("hk", FIXTURES / "zh_hant_hk_cybercrime_convention_press_release.txt", [])]:
        result = cli(paths.root, "add", page, *extra)
        assert result.exit_code == 0, result.output
        ids[name] = re.search(r"added sources/statements/([a-z0-9-]+)/", result.output).group(1)
    build(paths, jobs=1, use_cache=False)
    report = validate(paths)
    assert report.ok, report.render()
    return paths, ids


def of(paths: Paths, table: str, doc_id: str) -> list[dict]:
    return [r for r in rows(paths, table) if r["document_id"] == doc_id]


def test_languages_and_layouts(zh):
    paths, ids = zh
    docs = {d["document_id"]: d for d in rows(paths, "documents")}
    got = {name: (docs[i]["language"], docs[i]["profile_id"], docs[i]["publisher_id"]) for name, i in ids.items()}
    assert got == {
        "hans": ("zh-Hans", "china-un-mission-zh", "china-un-mission"),
        "hant": ("zh-Hant", "generic", "china-un-mission"),  # the Simplified masthead alias still names the publisher
        "readout": ("zh-Hans", "fmprc-zh", "mfa-china"),
        "gb18030": ("zh-Hans", "china-un-mission-zh", "china-un-mission"),
        "hk": ("zh-Hant", "generic", "hong-kong-government"),  # a new organ under Hong Kong, named by the page
    }
    assert docs[ids["readout"]]["speech_mode"] == "reported" and docs[ids["hans"]]["speech_mode"] == "direct"
    assert "李䶮" in docs[ids["gb18030"]]["text"]


def test_sentences_split_on_chinese_punctuation(zh):
    paths, ids = zh
    sentences = of(paths, "sentences", ids["hans"])
    paragraphs = of(paths, "paragraphs", ids["hans"])
    got = [[s["text"] for s in sentences if s["paragraph_id"] == p["paragraph_id"]] for p in paragraphs]
    assert got == EXPECTED_SENTENCES
    assert [p["kind"] for p in paragraphs] == ["title", "salutation", "body", "body", "body", "closing"]
    hant = of(paths, "sentences", ids["hant"])
    assert [s["text"] for s in hant] == [traditional(s) for para in EXPECTED_SENTENCES for s in para]
    assert [p["kind"] for p in of(paths, "paragraphs", ids["hant"])] == ["title", "salutation", "body", "body", "body", "closing"]


def test_aliases_are_found_in_both_scripts(zh):
    paths, ids = zh
    hans = [(m["entity_id"], m["surface"]) for m in of(paths, "mentions", ids["hans"])]
    hant = [(m["entity_id"], m["surface"]) for m in of(paths, "mentions", ids["hant"])]
    assert ENTITIES <= {e for e, _ in hans}
    assert [e for e, _ in hans] == [e for e, _ in hant]  # the same entities at the same places
    assert [traditional(s) for _, s in hans] == [s for _, s in hant]  # surfaces as published
    assert ("un-security-council", "聯合國安理會") in hant and ("brics", "金磚國家") in hant
    assert ("community-with-a-shared-future-in-cyberspace", "網絡空間命運共同體") in hant
    hk = {m["entity_id"] for m in of(paths, "mentions", ids["hk"])}
    assert "un-general-assembly" in hk


def test_speaker_resolved_through_the_chinese_alias_in_both_scripts(zh):
    paths, ids = zh
    for name in ("hans", "hant"):
        assert [(s["entity_id"], s["role"]) for s in of(paths, "document_speakers", ids[name])] == [("zhou-mingyuan", "大使")]
    events = {e["event_id"]: e for e in rows(paths, "events")}
    hans = next(d for d in rows(paths, "documents") if d["document_id"] == ids["hans"])
    assert events[hans["event_id"]]["name"] == "联合国安理会网络安全问题公开会"
    assert events[hans["event_id"]]["body_id"] == "un-security-council"


def test_stances_are_read_alike_in_both_scripts(zh):
    """The Chinese stance rules give the same positions at the same places in Simplified and Traditional text."""
    paths, ids = zh
    key = lambda t: (t["holder_id"], t["polarity"], t["cue_start"], t["object_start"], t["object_end"])  # noqa: E731
    hans, hant = of(paths, "stances", ids["hans"]), of(paths, "stances", ids["hant"])
    assert hans and [key(t) for t in hans] == [key(t) for t in hant]
    assert [traditional(t["object"]) for t in hans] == [t["object"] for t in hant]


def test_chinese_codes_in_both_scripts_and_enumerations_are_found(zh):
    """Theme cues and quantities read Chinese in either script: the Traditional copy gets the same themes
    on the same sentences, and neither gets a quantity (its numbers are a date and the markers 第一, 第二).
    Proposals open with 第一/第二 (conventions.yaml), so they are found in both scripts."""
    paths, ids = zh
    themes = {name: [(t["sentence_id"].split("/", 1)[1], t["theme_id"]) for t in of(paths, "sentence_themes", ids[name])]
              for name in ("hans", "hant")}
    assert themes["hans"] == themes["hant"]
    assert {"governance", "governance-rule-making", "militarisation-fragmentation-militarisation", "un-centrality"} <= {t for _, t in themes["hans"]}
    for name in ("hans", "hant"):
        assert of(paths, "quantities", ids[name]) == []
        assert [p["ordinal"] for p in of(paths, "proposals", ids[name])] == ["1", "2"]


def test_opening_title_mark_starts_the_next_sentence():
    segmenter = Segmenter(load_codebook(Paths.at()).conventions)
    text = "大会通过了《公约》。《公约》是首份全球性公约。"
    assert [text[s:e] for s, e in segmenter.sentences(text, "zh-Hans")] == ["大会通过了《公约》。", "《公约》是首份全球性公约。"]
