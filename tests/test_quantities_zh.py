"""Chinese quantities on sentences of the Chinese foreign ministry's press conferences.

Each sentence is quoted from the page named with it (sources/statements/<id>/source.html). Values
are normalised as English ones are (3.5亿 is 350000000); the surface is the text at the offsets,
qualifier and unit included. Dates, numbered items, list markers and numerals inside words are
no quantities.
"""
from __future__ import annotations

import pytest
from opencc import OpenCC

from cybergov.annotations.base import DocView, Sentence
from cybergov.annotations.quantities import QuantityAnnotator
from cybergov.paths import Paths
from cybergov.sources.codebook import load_codebook

# (sentence id, text, [(surface, kind, value, unit, qualifier)])
CASES = [
    ("2018-10-12-mfa-china-press-conference-zh/p12/s04", "中国近8亿网民通过各种互联网平台对各级政府工作进行监督。",
     [("近8亿网民", "amount", 800000000, "网民", "近")]),
    ("2017-03-01-mfa-china-press-conference-zh/p23/s02",
     "美中贸易全国委员会发布的一份报告显示，2015年中美双边贸易和双向投资为美国创造了约260万个就业岗位。",
     [("约260万个就业岗位", "amount", 2600000, "个就业岗位", "约")]),
    ("2019-03-13-mfa-china-press-conference-zh/p08/s01",
     "问：昨天，美国国务卿蓬佩奥在一个国际能源会议上称，中国在南海阻止地区国家获得价值2.5万亿美元的能源资源。",
     [("2.5万亿美元", "amount", 2500000000000, "美元", None)]),
    ("2019-05-07-mfa-china-press-conference-zh/p26/s03", "中国现在有2000多万穆斯林，3万5千多座清真寺，广大信教群众可以依法自由地从事宗教活动。",
     [("2000多万", "amount", 20000000, None, "多"), ("3万5千多座", "amount", 35000, "座", "多")]),
    ("2017-03-09-mfa-china-press-conference-zh/p25/s01", "答：这2万余名缅甸边民是因为最近缅北冲突进入中方境内的。",
     [("2万余名", "amount", 20000, "名", "余")]),
    ("2018-12-18-mfa-china-press-conference-zh/p20/s03",
     "在中国这样一个有着5000多年文明史、13亿多人口的大国推进改革发展，没有可以奉为金科玉律的教科书，也没有可以对中国人民颐指气使的教师爷。",
     [("5000多年", "amount", 5000, "年", "多"), ("13亿多人口", "amount", 1300000000, "人口", "多")]),
    ("2019-12-03-mfa-china-press-conference-zh/p26/s03", "2009年震惊世界的新疆“7·5”事件造成197人死亡，1700多人受伤。",
     [("197人", "amount", 197, "人", None), ("1700多人", "amount", 1700, "人", "多")]),
    ("2019-08-20-mfa-china-press-conference-zh/p44/s02", "该项目是中巴经济走廊项下重要能源项目，建成后可满足数百万巴基斯坦家庭用电需求。",
     [("数百万", "amount", 1000000, None, "数")]),
    ("2019-09-11-mfa-china-press-conference-zh/p17/s02",
     "当上千名香港警务人员及其家属个人信息被非法暴露、受到疯狂网络霸凌恐吓时，你们所标榜的人权在哪里？",
     [("上千名", "amount", 1000, "名", "上")]),
    ("2017-06-02-mfa-china-press-conference-zh/p17/s04",
     "正如习近平主席今年1月在联合国日内瓦总部发表演讲时所说，中国将继续采取行动应对气候变化，百分之百承担自己的义务。",
     [("百分之百", "percentage", 100, "percent", None)]),
    ("2019-06-25-mfa-china-press-conference-zh/p11/s04", "美俄两国拥有世界上90％以上的核武器，在核裁军方面负有特殊优先责任。",
     [("90％以上", "percentage", 90, "percent", "以上")]),
    ("2019-11-27-mfa-china-press-conference-zh/p30/s04", "作为世界第二大经济体，中国对全球GDP增量的贡献率已连续10年高达34%。",
     [("10年", "amount", 10, "年", None), ("高达34%", "percentage", 34, "percent", "高达")]),
    ("2016-11-15-mfa-china-press-conference-zh/p02/s01",
     "问：近日，美国国务院发布消息称，美国国务院助理国务卿布朗菲尔德将于11月21-22日出席在北京举行的第14次中美执法合作联合联络小组会议。",
     [("第14次中美执法合作联合联络小组会议", "ordinal", 14, "中美执法合作联合联络小组会议", None)]),
    ("2017-10-18-mfa-china-press-conference-zh/p10/s01", "问：今天，中国共产党第十九次全国代表大会召开，朝鲜向中方发来了贺电。",
     [("第十九次全国代表大会", "ordinal", 19, "全国代表大会", None)]),
    ("2018-12-21-mfa-china-press-conference-zh/p20/s01", "明年中俄将迎来建交70周年。", [("70周年", "ordinal", 70, "周年", None)]),
    ("2016-11-15-mfa-china-press-conference-zh/p03/s03", "作为中美执法合作主渠道，JLG成立18年来成果丰硕，多次获两国领导人高度评价。",
     [("18年", "amount", 18, "年", None)]),
    # Years, the first of a kind, a resolution's number, a list marker, 5G, numerals inside words: nothing.
    ("2016-11-15-mfa-china-press-conference-zh/p03/s02",
     "中美执法合作联合联络小组（JLG）系根据1997年两国元首共同发表的《中美联合声明》于1998年正式设立，是中国与外国建立的第一个双边执法合作机制。", []),
    ("2017-12-25-mfa-china-press-conference-zh/p12/s03",
     "联合国互联网治理论坛是联合国框架下讨论互联网治理问题的机制，论坛秘书处严格遵守联大第2758号决议，在台湾问题上恪守一个中国原则。", []),
    ("2017-03-01-mfa-china-press-conference-zh/p04/s02", "二、构建网络空间国际规则体系；", []),
    ("2018-01-29-mfa-china-press-conference-zh/p05/s01",
     "问：据报道，美国国家安全团队正考虑建议在特朗普总统任期内兴建超高速5G网络，以捍卫美国安全，尤其针对来自中国的网络攻击。", []),
    ("2017-12-25-mfa-china-press-conference-zh/p15/s03", "台湾问题是中国内政，中方坚决反对其他国家在此问题上说三道四。", []),
    ("2017-05-17-mfa-china-press-conference-zh/p04/s01",
     "答：南京大屠杀是日本军国主义在第二次世界大战期间犯下的严重罪行，是国际社会公认的历史事实。", []),
]


@pytest.fixture(scope="module")
def annotator():
    return QuantityAnnotator(load_codebook(Paths.at()))


def quantities(annotator, sentences: list[str], language: str = "zh-Hans") -> list[tuple]:
    """The rows of a document made of `sentences`; every row's surface is the text at its offsets."""
    text, spans = "", []
    for s in sentences:
        spans.append((len(text), len(text) + len(s)))
        text += s + "\n\n"
    doc = DocView("t", text, language, "china",
                  [Sentence(f"t/p{i + 1:02d}/s01", "body", a, b, text[a:b]) for i, (a, b) in enumerate(spans)], [])
    rows = annotator(doc)
    for r in rows:
        assert text[r["char_start"]:r["char_end"]] == r["surface"]
        assert r["method"] == "rule"
    return [(r["surface"], r["kind"], r["value"], r["unit"], r["qualifier"]) for r in rows]


@pytest.mark.parametrize("sentence_id, text, expected", CASES, ids=[c[0].split("-mfa")[0] + "/" + c[0].split("/", 1)[1] for c in CASES])
def test_quantities_of_press_conference_sentences(annotator, sentence_id, text, expected):
    assert quantities(annotator, [text]) == expected


def test_offsets_hold_across_sentences(annotator):
    """A document of all the sentences gives each sentence's rows, at offsets into the whole text."""
    assert quantities(annotator, [c[1] for c in CASES]) == [row for c in CASES for row in c[2]]


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2twp"])
def test_traditional_script_gives_the_same_values(annotator, config):
    """個, 億, 萬, 兩 read as 个, 亿, 万, 两; units and qualifiers are kept as published, in Traditional."""
    convert = OpenCC(config).convert
    for _, text, expected in CASES:
        got = quantities(annotator, [convert(text)], "zh-Hant")
        assert [(kind, value) for _, kind, value, _, _ in got] == [(kind, value) for _, kind, value, _, _ in expected], convert(text)
        assert [surface for surface, *_ in got] == [convert(surface) for surface, *_ in expected]
