"""Chinese theme cues on sentences of the Chinese foreign ministry's press conferences.

Each sentence is quoted from the page named with it (sources/statements/<id>/source.html) and
coded by reading it with the theme definitions of sources/codebook/themes.yaml. Polite formulas
and words the definitions do not cover give no theme. The same sentence in Traditional script,
with Hong Kong or Taiwan vocabulary (網絡/網路, 資訊, 資料), gets the same themes.
"""
from __future__ import annotations

import re

import pytest
from opencc import OpenCC

from cybergov.annotations.base import DocView, Sentence
from cybergov.annotations.themes import ThemeAnnotator
from cybergov.paths import Paths
from cybergov.sources.codebook import load_codebook
from cybergov.sources.matcher import fold

CASES = [
    ("2018-07-11-mfa-china-press-conference-zh/p14/s03", "中国坚决反对并打击任何形式的网络攻击，是网络安全的坚定维护者。",
     {"threats-cyberattacks"}),
    ("2017-06-06-mfa-china-press-conference-zh/p30/s02", "越来越多的国家认识到，打击网络恐怖主义是当前国际反恐斗争的重点工作。",
     {"counter-terrorism", "counter-terrorism-cyber-terrorism"}),
    ("2017-06-28-mfa-china-press-conference-zh/p37/s01", "问：新一轮的从乌克兰出现的“勒索病毒”已经蔓延到亚洲国家，中国是否受到了影响？",
     {"threats"}),
    ("2018-10-24-mfa-china-press-conference-zh/p14/s01",
     "我们反对在反恐问题上奉行双重标准，希望媒体朋友不要偏听偏信，而应正确认识和理解其他国家依法采取有效预防性反恐和去极端化措施的努力。",
     {"counter-terrorism", "counter-terrorism-politicisation", "counter-terrorism-root-causes"}),
    ("2017-05-16-mfa-china-press-conference-zh/p35/s02", "各方应切实强化共同安全理念，维护网络空间和平，防止网络军备竞赛，确保网络技术促进人类福祉。",
     {"militarisation-fragmentation-militarisation"}),
    ("2019-11-25-mfa-china-press-conference-zh/p17/s01",
     "在此，我们再次敦促美方停止泛化国家安全概念，停止对中国的蓄意抹黑和指责，停止对中国特定企业的无理打压，"
     "为中国企业在美国正常经营提供公平、公正、非歧视的环境。",
     {"militarisation-fragmentation-politicisation"}),
    ("2017-12-20-mfa-china-press-conference-zh/p27/s01", "“一带一路”倡议不是要搞什么“小圈子”，也不针对任何国家，而是开放、包容的。",
     {"cooperation-south-south", "militarisation-fragmentation-fragmentation"}),
    ("2020-06-10-mfa-china-press-conference-zh/p36/s01", "香港事务纯属中国内政，不容任何外国干涉。", {"sovereignty-non-interference"}),
    ("2019-02-13-mfa-china-press-conference-zh/p18/s03", "同时，中国其它法律对于保障公民和组织的数据安全和隐私权利等合法权益也作了相关规定。",
     {"data-supply-chain-data-security"}),
    ("2020-02-05-mfa-china-t1740789-zh/p10/s02", "世卫组织近期多次反复强调，没有理由采取不必要的国际旅行限制措施，呼吁国际社会勿信谣言，坚持科学。",
     {"threats-disinformation"}),
    ("2020-06-29-mfa-china-press-conference-zh/p31/s02", "我愿强调以下几点。", {"conduct-of-meeting"}),
    # Double standards on human rights are not those of counter-terrorism; politicising human rights is not
    # politicising technology.
    ("2018-12-10-mfa-china-press-conference-zh/p22/s04", "同许多发展中国家一样，中方也一向反对把人权问题政治化，采取选择性和双重标准。", set()),
    # Thanks to another state is a polite formula, not the conduct of the meeting.
    ("2017-10-18-mfa-china-press-conference-zh/p11/s03", "我们对此表示感谢。", set()),
    # The path of peaceful development is no claim of sovereignty.
    ("2019-05-06-mfa-china-press-conference-zh/p35/s01", "答：中国始终不渝走和平发展道路，奉行防御性国防政策。", set()),
]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(Paths.at())


@pytest.fixture(scope="module")
def annotate(codebook):
    annotator = ThemeAnnotator(codebook)

    def themes(text: str, language: str = "zh-Hans") -> dict[str, tuple[str, str]]:
        doc = DocView("t", text, language, "china", [Sentence("t/p01/s01", "body", 0, len(text), text)], [])
        return {r["theme_id"]: (r["cue"], r["surface"]) for r in annotator(doc)}
    return themes


@pytest.mark.parametrize("sentence_id, text, expected", CASES, ids=[c[0].split("/", 1)[0][:10] + "/" + c[0].split("/", 1)[1] for c in CASES])
def test_themes_of_press_conference_sentences(annotate, sentence_id, text, expected):
    got = annotate(text)
    assert set(got) == expected
    for cue, surface in got.values():  # the evidence is the cue as published, wherever it stands
        assert surface in text and fold(surface, chinese=True).startswith(fold(cue.rstrip("*"), chinese=True))


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2twp"])
def test_traditional_script_and_vocabulary_get_the_same_themes(annotate, config):
    convert = OpenCC(config).convert
    for _, text, expected in CASES:
        assert set(annotate(convert(text), "zh-Hant")) == expected, convert(text)


def _chinese(cue: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", cue))


def test_every_theme_has_chinese_cues_and_no_redundant_traditional_form(codebook):
    """A Traditional cue is listed only where the word differs: one that folds to a Simplified cue of the
    same theme (網絡攻擊, 网络攻击) would match the same text twice."""
    for theme in codebook.themes:
        chinese = [c for c in theme["cues"] if _chinese(c)]
        assert chinese, theme["id"]
        folded = [fold(c, chinese=True) for c in chinese]
        assert len(folded) == len(set(folded)), (theme["id"], [c for c in chinese if folded.count(fold(c, chinese=True)) > 1])
