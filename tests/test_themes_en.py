"""English theme cues: generic words count only with a context word in the same sentence.

A theme's `weak` cues (sources/codebook/themes.yaml) are words that also serve any other subject
("development", "treaty", "threat"); they are evidence of the theme only in a sentence that also
holds one of the theme's `context` phrases (cyber*, ICT*, internet, digital...). The sentences are
quoted from statements of the corpus and coded with the theme definitions.
"""
from __future__ import annotations

import pytest

from cybergov.annotations.base import DocView, Sentence
from cybergov.annotations.themes import ThemeAnnotator
from cybergov.paths import Paths
from cybergov.sources.codebook import load_codebook

CASES = [
    # Development of relations, peaceful development: no ICT, no development theme.
    ("To ensure the sustained, sound and steady development of our bilateral relations, the two sides need to "
     "support each other's peaceful development.", set()),
    ("The world needs greater investment in the development of information and communications technology (ICT) "
     "infrastructure.", {"development"}),
    ("Official development assistance will continue to play an important role in the sustainable development of "
     "many countries.", set()),
    # A treaty of friendship, the Charter in general: international law of cyberspace only with a cyber word.
    ("This trip marks the 40th anniversary of the signing of the China-Japan Treaty of Peace and Friendship.", set()),
    ("China is a staunch defender of the purposes and principles of the UN Charter and multilateralism.",
     {"un-centrality"}),
    ("The GGE affirmed that international law, and in particular the UN Charter, applies in cyberspace.",
     {"institutional-dialogue", "international-law", "international-law-un-charter"}),
    # A threat of terrorism or to cybersecurity is a theme; a threat to well-being or to each other is not.
    ("We must also remain vigilant to the threat that terrorism poses to all our nations.", {"counter-terrorism", "threats"}),
    ("Human well-being is under grave threat.", set()),
    # Sovereignty in general is not sovereignty in cyberspace; interference stays a complaint in any field.
    ("Protecting our common goods is not at odds with the exercise of our sovereignty.", set()),
    ("Dependence on digital technology can call into question the free exercise of sovereignty.", {"sovereignty"}),
    # The norms of international relations and a rules-based order are not norms of state behaviour in cyberspace.
    ("This move has gravely violated the basic norms governing international relations.", set()),
    ("We will continue to stand up for the rules-based international system.", set()),
    # Global governance in general is not the governance of cyberspace.
    ("Fourthly, we should stay true to multilateralism and improve global governance.", {"un-centrality"}),
    ("The digital space is a common good, which requires a new type of governance.", {"governance"}),
    # A blockade or a block is no bloc.
    ("It urges Israel to lift its blockade of the Gaza Strip.", set()),
    # Cold War thinking and hegemony in general are not the militarisation, division or politicisation of cyberspace;
    # a "new battlefield" names a new domain, as 新的战场 does.
    ("China opposes hegemonism, power politics, unilateralism and Cold War mentality.", {"un-centrality"}),
    ("We are not seeking a new Cold War or a world divided into rigid blocs.", set()),
    ("It must never become a new battlefield.", {"militarisation-fragmentation-militarisation"}),
    # A meeting or a session is a venue of dialogue on these questions only when the sentence names them; the
    # thanks for convening it are the conduct of the meeting.
    ("I thank the President for convening this meeting.", {"conduct-of-meeting"}),
    ("The central theme of the sixty-eighth session of the General Assembly is sustainable development.", set()),
    ("The meeting reviewed the work of the Working Group on Security in the Use of ICTs.", {"institutional-dialogue"}),
    # Poverty, soil and double standards are root causes or politicisation of counter-terrorism only next to terrorism.
    ("Poverty reduction offers a viable shortcut to inclusive growth.", set()),
    ("Assistance in addressing those issues, without double standards, must become a priority.", set()),
    ("We must address both the symptoms and root causes of terrorism.", {"counter-terrorism", "counter-terrorism-root-causes"}),
    # "I would like to" announces what follows only with a word of the exchange; "I would like to stress" is substance.
    ("I would like to draw attention to the fact that Russia initiated the discussion 20 years ago.", set()),
    ("I would like to make the following points.", {"conduct-of-meeting"}),
    # New technologies are a risk theme only with a word of risk.
    ("We are encountering a new era of new technologies and possibilities.", set()),
    ("Emerging technologies add complexity to the global counter-terrorism struggle.",
     {"counter-terrorism", "threats-emerging-technologies"}),
    # "impos*" matched "impossible".
    ("It is impossible to predict the outcome.", set()),
    # Stealing secrets and spying through networks are cyberattacks and espionage, as 窃密 is in Chinese.
    ("The Chinese government has never participated in or supported others in stealing commercial secrets in any form.",
     {"threats-cyberattacks"}),
    # Announcing the next subject is the conduct of the meeting.
    ("That brings me to two issues of worldwide importance: cybersecurity and Internet freedom.", {"conduct-of-meeting"}),
    # The English of 联合国为核心 and 网络冲突.
    ("China is firm in supporting the international system, with the United Nations at its core.", {"un-centrality"}),
    ("This will heighten risks of cyber conflicts and frictions between countries.",
     {"militarisation-fragmentation-militarisation"}),
    # Weak cues also add recall where the sentence names the domain.
    ("In the past couple of years, the debate on abuses in cyberspace has become more intense.", {"threats"}),
    ("China has long been proposing to formulate a code of behavior in cyberspace.", {"norms"}),
    ("We are working to establish clear rules of the road for all nations as they relate to cyberspace.",
     {"governance-rule-making"}),
    ("We are working to establish clear rules of the road for world trade.", set()),
    # Hackers are attackers: the sub-theme, as 黑客 is in Chinese.
    ("A Canada-based internet research company says that Chinese hackers have been targeting exiled Tibetans.",
     {"threats-cyberattacks"}),
    # A cue that names the theme by itself needs no context.
    ("Digital transformation is reshaping our societies.", {"development"}),
]


@pytest.fixture(scope="module")
def annotate():
    annotator = ThemeAnnotator(load_codebook(Paths.at()))

    def themes(text: str) -> set[str]:
        doc = DocView("t", text, "en", "china", [Sentence("t/p01/s01", "body", 0, len(text), text)], [])
        return {r["theme_id"] for r in annotator(doc)}
    return themes


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_generic_cues_need_context(annotate, text, expected):
    assert annotate(text) == expected


def test_every_theme_with_weak_cues_has_context():
    for theme in load_codebook(Paths.at()).themes:
        if theme.get("weak"):
            assert theme.get("context"), theme["id"]
