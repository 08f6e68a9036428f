#!/usr/bin/env python3
"""Generate a synthetic corpus of statements on cyberspace governance, for benchmarking the build.

    python benchmarks/generate.py --size 1000 --seed 1 --out /tmp/bench-1000

writes a complete project root in --out: the repository's profiles, codebook, conventions,
package metadata, schemas (and datasette/ if present) are copied; sources/events.yaml holds
the repository's events followed by generated ones; sources/statements/<id>/ holds N
statements, each a saved page (source.txt) and the metadata.yaml a maintainer would write
for it (valid against schemas/inputs/metadata.schema.json).

Every statement is INVENTED: it is composed from sentence templates written for this
generator and from the names and aliases in the codebook. No real statement is copied.
Pages take the shapes that the publisher profiles read (the Chinese MFA English site,
the Chinese UN mission site, and pages read by the generic profile), in English and,
for about one statement in twenty, in Simplified Chinese.

The output is a pure function of (size, seed): no clock, no environment, no iteration over
sets or unordered mappings. Each statement is drawn with its own random.Random seeded by
(seed, index), so statements do not depend on one another; events are drawn first from a
generator seeded by (seed, size).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# Share of each page kind in the corpus (exact counts by largest remainder, then shuffled).
LAYOUT_SHARES = [
    ("fmprc-readout", 0.27),     # MFA English site, reported speech ("Wang Yi said that ...")
    ("fmprc-speech", 0.10),      # MFA English site, a speech in direct speech
    ("cnun-remarks", 0.30),      # UN mission English site, "President, ... Thank you, President."
    ("org-page", 0.18),          # another publisher (organisation) read by the generic profile
    ("mfa-generic", 0.10),       # MFA page saved without the site header: `profile: generic`
    ("zh", 0.05),                # Simplified Chinese page, generic profile, date line YYYY-MM-DD HH:MM
]


# --------------------------------------------------------------------------------------
# The codebook: surface forms of the entities the templates name
# --------------------------------------------------------------------------------------

# Formulations the holder criticises: (entity id, [(words before, alias, words after), ...]).
# The alias must be the entity's name or one of its English aliases (checked on loading),
# so that the text names the entity in the codebook's own words.
NEGATIVE = [
    ("bloc-confrontation", [("", "bloc confrontation", ""), ("", "bloc politics", ""), ("", "camp confrontation", "")]),
    ("cold-war-mentality", [("the ", "Cold War mentality", ""), ("the ", "Cold War mindset", ""), ("", "Cold War thinking", "")]),
    ("digital-iron-curtain", [("erecting a ", "digital Iron Curtain", ""), ("a ", "digital iron curtain", "")]),
    ("double-standards", [("", "double standards", "")]),
    ("ideological-lines", [("", "forming cliques along ideological lines", ""), ("", "drawing lines based on ideology", "")]),
    ("overstretching-national-security", [("", "overstretching the concept of national security", "")]),
    ("politicization-of-counter-terrorism", [("the ", "politicization of counter-terrorism", ""),
                                             ("the ", "instrumentalization of counter-terrorism", ""),
                                             ("the ", "politicization and instrumentalization of counter-terrorism issues", "")]),
    ("politicization-of-technology", [("the ", "politicization of technology issues", ""), ("", "politicizing technology issues", "")]),
    ("small-yard-high-fence", [('building "', "small yards with high fences", '"'), ("a ", "small yard with high fences", " approach")]),
    ("technological-hegemony", [("", "technological hegemony", ""), ("the pursuit of ", "technological dominance", ""),
                                ("", "tech hegemony", "")]),
    ("zero-sum-game", [("the ", "zero-sum game", ""), ("", "zero-sum thinking", ""), ("the ", "zero-sum mentality", "")]),
]
NEGATIVE_ZH = [
    ("bloc-confrontation", [("", "阵营对抗", ""), ("", "集团对抗", "")]),
    ("cold-war-mentality", [("", "冷战思维", "")]),
    ("digital-iron-curtain", [("打造“", "数字铁幕", "”")]),
    ("double-standards", [("搞", "双重标准", "")]),
    ("ideological-lines", [("", "以意识形态划线", "")]),
    ("overstretching-national-security", [("", "泛化国家安全概念", "")]),
    ("politicization-of-counter-terrorism", [("", "反恐问题政治化、工具化", ""), ("", "反恐问题政治化", "")]),
    ("politicization-of-technology", [("", "科技问题政治化", "")]),
    ("small-yard-high-fence", [("搞“", "小院高墙", "”")]),
    ("technological-hegemony", [("谋求", "科技霸权", "")]),
    ("zero-sum-game", [("", "零和博弈", "")]),
]
# Formulations the holder puts forward, by id.
POSITIVE = {
    "community-with-a-shared-future-in-cyberspace": [("a ", "community with a shared future in cyberspace", ""),
                                                     ("a ", "community of shared future in cyberspace", "")],
    "community-with-a-shared-future": [("a ", "community with a shared future for mankind", ""),
                                       ("a ", "community with a shared future for humanity", "")],
    "peaceful-secure-open-cooperative-orderly-cyberspace": [("a ", "peaceful, secure, open, cooperative and orderly cyberspace", ""),
                                                            ("a ", "peaceful, secure, open, cooperative, and orderly cyberspace", "")],
    "common-comprehensive-cooperative-sustainable-security": [
        ("the vision of ", "common, comprehensive, cooperative and sustainable security", ""),
        ("the ", "common, comprehensive, cooperative and sustainable security concept", "")],
    "common-values-of-humanity": [("the ", "common values of humanity", ""), ("the ", "shared values of humanity", "")],
    "cyber-sovereignty": [("", "cyber sovereignty", ""), ("", "sovereignty in cyberspace", "")],
    "win-win-cooperation": [("", "win-win cooperation", ""), ("", "mutual benefit and win-win results", "")],
    "zero-tolerance-for-terrorism": [("", "zero tolerance for terrorism", ""), ("", "zero tolerance towards terrorism", "")],
    "symptoms-and-root-causes": [("", "both the symptoms and root causes", " of terrorism")],
    "greater-brics": [("", "Greater BRICS cooperation", "")],
}
POSITIVE_ZH = {
    "community-with-a-shared-future-in-cyberspace": [("", "网络空间命运共同体", "")],
    "community-with-a-shared-future": [("", "人类命运共同体", "")],
    "peaceful-secure-open-cooperative-orderly-cyberspace": [("", "和平、安全、开放、合作、有序的网络空间", "")],
    "common-comprehensive-cooperative-sustainable-security": [("", "共同、综合、合作、可持续的安全观", "")],
    "common-values-of-humanity": [("", "全人类共同价值", "")],
    "cyber-sovereignty": [("", "网络主权", "")],
    "win-win-cooperation": [("", "合作共赢", ""), ("", "互利共赢", "")],
    "zero-tolerance-for-terrorism": [("坚持", "对恐怖主义零容忍", "")],
    "symptoms-and-root-causes": [("坚持", "标本兼治", "")],
}
# Names that take no article in running text.
NO_ARTICLE = {"BRICS", "ASEAN", "APEC", "Agenda 2030", "Greater BRICS", "Greater BRICS cooperation", "BRICS Plus", "ICTs", "ICT", "AI", "PRC"}
NO_ARTICLE_KINDS = {"person", "state", "technology", "party_organ"}


@dataclass
class Lexicon:
    """English and Chinese surface forms of codebook entities, checked against the codebook."""

    kinds: dict[str, str]
    en: dict[str, list[str]]
    zh: dict[str, list[str]]
    negative: list[tuple[str, list[tuple[str, str, str]]]]
    negative_zh: list[tuple[str, list[tuple[str, str, str]]]]
    positive: dict[str, list[tuple[str, str, str]]]
    positive_zh: dict[str, list[tuple[str, str, str]]]
    ids_by_kind: dict[str, list[str]]
    parents: dict[str, str | None] = field(default_factory=dict)

    def within(self, ent_id: str | None, ancestor: str) -> bool:
        """Whether ent_id is ancestor or lies under it (parent chain in the codebook)."""
        seen = 0
        while ent_id is not None and seen < 50:
            if ent_id == ancestor:
                return True
            ent_id, seen = self.parents.get(ent_id), seen + 1
        return False

    @classmethod
    def load(cls, entities_file: Path) -> "Lexicon":
        entities = yaml.safe_load(entities_file.read_text(encoding="utf-8"))
        kinds, en, zh, by_kind, parents = {}, {}, {}, {}, {}
        for ent in entities:
            kinds[ent["id"]] = ent["kind"]
            parents[ent["id"]] = ent.get("parent")
            by_kind.setdefault(ent["kind"], []).append(ent["id"])
            forms_en, forms_zh = [ent["name"]], []
            for a in ent.get("aliases") or []:
                item = {"alias": a} if isinstance(a, str) else a
                text = item["alias"].strip()
                lang = item.get("lang", "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en")
                (forms_zh if lang == "zh" else forms_en).append(text)
            en[ent["id"]], zh[ent["id"]] = forms_en, forms_zh

        def checked(table, lang_forms):
            out = []
            for ent_id, forms in table:
                if ent_id not in kinds:
                    continue  # the codebook no longer has it: leave it out rather than invent a name
                known = {f.lower() for f in lang_forms[ent_id]}
                kept = [f for f in forms if f[1].lower() in known]
                if kept:
                    out.append((ent_id, kept))
            return out

        return cls(kinds=kinds, en=en, zh=zh,
                   negative=checked(NEGATIVE, en), negative_zh=checked(NEGATIVE_ZH, zh),
                   positive=dict(checked(sorted(POSITIVE.items()), en)), positive_zh=dict(checked(sorted(POSITIVE_ZH.items()), zh)),
                   ids_by_kind=by_kind, parents=parents)

    def name(self, rng: random.Random, ent_id: str, article: bool = True, alias: bool = True) -> str:
        """An English name of the entity, with "the" where running text needs it."""
        forms = [f for f in self.en[ent_id] if not f.startswith("the ")]
        surface = rng.choice(forms) if alias else forms[0]
        if not article or surface in NO_ARTICLE or self.kinds[ent_id] in NO_ARTICLE_KINDS:
            return surface
        if self.kinds[ent_id] == "group" and surface[0].islower():
            return surface  # "developing countries"
        return "the " + surface

    def name_zh(self, rng: random.Random, ent_id: str) -> str:
        forms = self.zh.get(ent_id) or []
        if not forms:
            raise KeyError(f"entity {ent_id!r} has no Chinese alias in the codebook")
        return rng.choice(forms)


# --------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------
# Slots, filled fresh at every use (see Writer.slot):
#   {We} {we} {our} {Our}        the holder as subject: "We"/"our" in direct speech,
#                                "China"/"its" in reported speech, "The SCO Member States" in a release
#   {a|b}                        the form for a plural subject | for a singular subject
#   {neg} {Neg}                  a criticised formulation (codebook alias, with its article)
#   {pos} {pos2} {pos:ID}        one / two different / a given promoted formulation
#   {e:ID} {e:ID-cap}            a named entity with its article (capitalised)
#   {init} {Init} {forum} {fw}   an initiative; a forum or organisation; a framework
#   {vp} {vps} {vpo} {vpo_bare}  one / three coordinated predicates after a modal; an opposing
#                                predicate; a predicate for "should not"
#   {only} {outcome} {undermine} "X will only lead to Y" and its kin
#   {threat} {domain} {tech} {group} {group_cap}
#   {pct} {pct2} {n} {nc} {n2} {n3} {nword} {tn} {users} {offline} {year} {year2}   numbers
# Chinese templates use {zWe} {zneg} {zneg_bare} {zpos:ID} {z:ID} {zinit} {zforum} {zvp} {zvps}
# {zdomain} {zusers} {zoffline} and the numbers above.

VP = [
    "uphold the purposes and principles of {e:un-charter}",
    "abide by {e:un-framework-responsible-state-behaviour}",
    "strengthen dialogue and cooperation on {domain}",
    "enhance mutual trust through regular exchanges",
    "deepen practical cooperation on {domain}",
    "build {pos:peaceful-secure-open-cooperative-orderly-cyberspace}",
    "build {pos:community-with-a-shared-future-in-cyberspace}",
    "support {e:united-nations} in playing a central role in {domain}",
    "bridge the digital divide between the North and the South",
    "step up capacity building for {group}",
    "ensure the openness, stability and security of global ICT supply chains",
    "respect {pos:cyber-sovereignty} and the right of every country to choose its own path of internet development",
    "promote the formulation of universal rules on data security",
    "give full play to the role of {forum}",
    "implement {init}",
    "leverage {tech} to advance {e:sustainable-development-goals}",
    "protect critical information infrastructure against cyberattacks",
    "maintain peace and stability in cyberspace",
    "safeguard the security of personal information and important data",
    "pursue {pos:common-comprehensive-cooperative-sustainable-security}",
    "foster an open, fair, just and non-discriminatory environment for digital development",
    "share experience and good practices in {domain}",
    "refrain from attacking the critical infrastructure of other countries",
    "address {pos:symptoms-and-root-causes}",
    "uphold {pos:zero-tolerance-for-terrorism}",
    "pursue {pos:win-win-cooperation} in the digital economy",
    "improve the global governance of {tech}",
    "respond to cyber incidents through dialogue and consultation",
    "encourage exchanges and mutual learning among civilizations",
    "ensure that {tech} always remains under human control",
    "increase the representation and voice of {group} in global digital governance",
    "strengthen law enforcement cooperation against cybercrime and online fraud",
    "translate the consensus of the international community into binding rules",
]
VP_OPPOSE = [
    "oppose {neg}",
    "reject {neg}",
    "abandon {neg}",
    "prevent an arms race in cyberspace",
    "combat all forms of terrorism, including cyber terrorism",
    "resist {neg} and unilateral sanctions",
    "be vigilant against {neg}",
    "guard against the militarization of cyberspace",
    "curb the spread of disinformation and hate speech online",
]
DOMAIN = ["ICT security", "cybersecurity", "data security", "artificial intelligence", "the digital economy",
          "counter-terrorism", "the fight against cybercrime", "cyberspace governance", "AI governance",
          "the protection of critical infrastructure", "emergency response", "digital connectivity"]
TECH = ["ICTs", "artificial intelligence", "AI", "information and communications technologies", "emerging technologies",
        "digital technologies", "big data and cloud computing"]
GROUP = ["developing countries", "the Global South", "the least developed countries", "small and medium-sized countries",
         "African countries", "developing nations"]
OUTCOME = [
    "new risks and even confrontation",
    "the fragmentation of the internet and of global markets",
    "an arms race in cyberspace",
    "deeper mistrust among countries",
    "a divided and more dangerous world",
    "higher costs for consumers everywhere",
    "the erosion of international rules",
    "greater instability in cyberspace",
]
ONLY_CUES = ["will only lead to", "will only lead to", "would only lead to"]
ONLY_UNDERMINE = [
    "will only undermine mutual trust among countries",
    "will only hinder the development of the global digital economy",
    "will only harm the common interests of the international community",
    "will only damage the security of global supply chains",
    "will only escalate tension and confrontation in cyberspace",
    "will only aggravate the digital divide",
    "would only undermine the authority of {e:united-nations}",
]
# Predicates that a negated modal turns into opposition: "Countries should not <vp>."
VP_BAD = [
    "use ICTs to interfere in the internal affairs of other countries",
    "attack the critical infrastructure of other countries",
    "install backdoors in ICT products and services",
    "turn cyberspace into a new battlefield",
    "impose unilateral sanctions on the technology companies of other countries",
    "abuse export controls to contain the development of others",
    "seek absolute security at the expense of others",
    "use data to conduct mass surveillance against other countries",
]

THREATS = [
    "cyber attacks, cyber espionage and cyber crimes continue unabated, and cyber terrorism has become a global public menace",
    "ransomware attacks against hospitals, power grids and financial systems are on the rise",
    "critical information infrastructure is increasingly exposed to malicious ICT activities",
    "the malicious use of {tech} by terrorists and criminals poses a growing threat to international peace and security",
    "disinformation and hate speech spread across borders faster than ever",
    "the digital divide among countries and regions continues to widen",
    "cyberspace is increasingly militarized, fragmented and driven by ideology",
    "emerging technologies such as quantum computing, drones and artificial intelligence add new uncertainties to the security landscape",
    "certain countries develop offensive cyber capabilities and build exclusive cyber alliances",
    "global ICT supply chains are disrupted by unilateral sanctions and export controls",
    "terrorist groups use encrypted platforms and virtual assets to recruit, raise funds and plan attacks",
    "online fraud and telecom fraud cause heavy losses to ordinary people",
    "deepfakes and other synthetic content are being used to manipulate public opinion",
    "large-scale cyber incidents disrupt public services and endanger people's livelihoods",
]
THREAT_OPENERS = ["At present, ", "Today, ", "In recent years, ", "Currently, ", "Meanwhile, ", "At the same time, "]

# Claims in the holder's voice; a few open reported-speech paragraphs ("X said that ...").
CLAIMS = [
    "Cyberspace is the common home of humanity, and its future should be decided by all countries together.",
    "The international community should deepen exchanges, enhance mutual trust and jointly promote the governance of cyberspace.",
    "All parties should {vps}.",
    "All countries should {vps}.",
    "The international community should {vp} and {vp}.",
    "{group_cap} should be supported in their efforts to {vp}.",
    "Developed countries should help {group} enhance their capacity for risk prevention and emergency response.",
    "No country should seek its own security at the expense of the security of others.",
    "Terrorism is the common enemy of humanity and must be fought without double standards.",
    "The United Nations should remain the main channel for the formulation of international rules in cyberspace.",
    "Artificial intelligence should be an international public good that benefits all of humanity.",
    "Data security concerns the interests of every country, and universally accepted rules are needed.",
    "Cyberspace must never become a new battlefield.",
    "The peaceful nature of cyberspace should be firmly upheld.",
    "Countries should settle their differences in cyberspace through dialogue and consultation.",
    "The governance of {tech} should follow a people-centred approach and the principle of AI for good.",
    "{forum_cap} has become an important platform for cooperation on {domain}.",
    "Multilateralism is the right way to address the challenges in cyberspace.",
]
STANCES = [
    "{We} firmly {oppose|opposes} {neg}.",
    "{We} firmly {oppose|opposes} {neg} and {neg}.",
    "{We} {reject|rejects} {neg} in any form.",
    "{We} resolutely {oppose|opposes} the use of cyberspace for spreading extremism, terrorism and disinformation.",
    "{Neg} {only} {outcome}.",
    "{Neg} {undermine}.",
    "The practice of {neg} {only} {outcome}.",
    "Clinging to {neg} {undermine}.",
    "The practice of {neg} runs counter to the trend of the times.",
    "All parties should {vps}.",
    "All parties should {vpo} and {vp}.",
    "All parties should abandon {neg} and {vp}.",
    "The international community must never allow cyberspace to become an arena of {neg}.",
    "{We} {call|calls} for {pos2}.",
    "{We} {support|supports} {e:united-nations} in playing a central role in {domain}.",
    "{We} {stand|stands} ready to work with all parties to {vp} and {vp}.",
    "{We} {are|is} willing to {vp} together with all countries.",
    "Countries should not {vpo_bare}.",
    "{We} must be vigilant against {neg}.",
    "{We} {uphold|upholds} {pos2}.",
    "{We} {welcome|welcomes} the efforts of {forum} to {vp}.",
]
SIGNATURE = [
    "{We} {stand|stands} ready to work with the international community to build {pos:peaceful-secure-open-cooperative-orderly-cyberspace} and {pos:community-with-a-shared-future-in-cyberspace}.",
    "Let us join hands to build {pos:community-with-a-shared-future-in-cyberspace}.",
    "{We} will continue to act on {pos:common-comprehensive-cooperative-sustainable-security} and to promote {pos:win-win-cooperation}.",
    "{We} {call|calls} on all countries to uphold {pos:common-values-of-humanity} and build {pos:community-with-a-shared-future}.",
    "{Our} goal is {pos:peaceful-secure-open-cooperative-orderly-cyberspace} that benefits people of all countries.",
]
INITIATIVE = [
    "{Init} put forward by China offers a blueprint for {domain}.",
    "More than {nc} countries have expressed support for {init}.",
    "{We} {welcome|welcomes} more countries to join {init} and {init}.",
    "China has put forward {init}, which provides constructive solutions to {domain}.",
    "The constructive proposals in {init} can serve as a basis for future rule-making.",
    "{We} {call|calls} for the full implementation of {fw}.",
]
QUANTITY = [
    "China is now home to {users} internet users.",
    "The digital economy accounts for more than {pct} percent of China's GDP.",
    "Since {year}, China has trained more than {n} officials and technicians from over {n2} developing countries.",
    "An estimated {offline} people around the world still have no access to the internet.",
    "Over {n2} countries have taken part in capacity-building programmes on {domain}.",
    "Nearly {pct}% of the world's population lives in countries that lack basic cybersecurity capabilities.",
    "In {year}, cross-border data flows grew by about {pct} percent.",
    "China has built more than {n3} 5G base stations, over {pct2} percent of the world's total.",
    "Some {n} cases of cyber fraud involving {n2} countries were solved through joint operations.",
    "China has signed cooperation documents on the digital economy with {nword} countries and regions.",
    "Up to {pct} percent of ransomware attacks last year targeted hospitals and other public services.",
    "The global digital economy is expected to exceed {tn} trillion US dollars by {year2}.",
]
PRACTICE = [
    "China is a witness to and a beneficiary of the development of the internet.",
    "China has put in place a sound legal and policy system for cyberspace governance.",
    "China actively takes part in the work of {e:un-oewg-ict} and other multilateral processes.",
    "China has deepened policy communication and experience sharing with {e:global-south}.",
    "China is engaged in cybersecurity cooperation under frameworks including {forum}, {forum} and {forum}.",
    "China has held training courses on {domain} for officials from {group}.",
]
BRICS_LINES = [
    "BRICS countries should join hands to {vp} and {vp}.",
    "BRICS countries should give play to the role of {e:brics-ict-security-roadmap}.",
    "{e:greater-brics-cap} has opened up new prospects for practical cooperation on {domain}.",
    "BRICS countries should support {e:united-nations} in playing a central role and promote the implementation of {e:un-global-counter-terrorism-strategy}.",
]
# Proposal heads: "First, <head>. <support sentences>"
PROPOSAL_HEADS = [
    "we need to build a more peaceful and secure cyberspace",
    "we need to build a more prosperous and inclusive digital world",
    "we need to build a more equitable and orderly cyberspace",
    "we need to uphold multilateralism and the authority of {e:united-nations}",
    "we should stay committed to development and bridge the digital divide",
    "we should jointly safeguard data security and supply chain security",
    "we should strengthen the governance of {tech} and keep it safe, reliable and controllable",
    "we should address {pos:symptoms-and-root-causes} and fight terrorism in all its forms",
    "we should deepen exchanges and mutual learning among civilizations in cyberspace",
    "we should respect {pos:cyber-sovereignty} and the principle of non-interference in internal affairs",
    "all parties should promote law enforcement cooperation against cybercrime",
    "all parties should enhance capacity building for {group}",
]
ENUM_EN = [["First", "Second", "Third", "Fourth", "Fifth"], ["Firstly", "Secondly", "Thirdly", "Fourthly", "Fifthly"]]
NUMBER_WORDS = ["two", "three", "four", "five"]

TOPICS_EN = ["Cybersecurity", "ICT Security", "Data Security", "Artificial Intelligence Governance", "Counter-Terrorism",
             "the Digital Divide", "Global Digital Governance", "Critical Infrastructure Protection", "the Fight against Cybercrime",
             "Emerging Technologies and International Peace and Security", "Capacity Building in the Use of ICTs"]

# Chinese templates
ZVP = [
    "维护{z:un-charter}宗旨和原则", "加强网络安全对话与合作", "深化数据安全领域务实合作", "共同构建{zpos:community-with-a-shared-future-in-cyberspace}",
    "支持{z:united-nations}在全球数字治理中发挥主渠道作用", "弥合南北之间的数字鸿沟", "加强{z:developing-countries}能力建设",
    "确保全球信息通信技术产业链供应链开放、稳定、安全", "尊重{zpos:cyber-sovereignty}", "推动制定数据安全全球规则",
    "落实{zinit}", "保护关键信息基础设施免受网络攻击", "维护网络空间和平与稳定", "践行{zpos:common-comprehensive-cooperative-sustainable-security}",
    "坚持{zpos:win-win-cooperation}", "推动人工智能安全、可靠、可控发展", "加强打击网络犯罪和电信诈骗的执法合作",
    "{zpos:symptoms-and-root-causes}，铲除恐怖主义滋生土壤", "{zpos:zero-tolerance-for-terrorism}",
]
ZSTANCES = [
    "{zWe}坚决反对{zneg}。",
    "{zWe}坚决反对{zneg}和{zneg}。",
    "{zneg}只会导致新的风险甚至对抗。",
    "{zneg}只会破坏国家间互信，损害国际社会共同利益。",
    "各方应{zvps}。",
    "国际社会应摒弃{zneg}，{zvp}。",
    "{zWe}支持{z:united-nations}在{zdomain}领域发挥核心作用。",
    "{zWe}愿同各方一道，{zvp}，{zvp}。",
    "网络空间不能成为新的战场，更不能成为{zneg}的工具。",
    "{zWe}呼吁各国{zvp}，{zvp}。",
]
ZTHREATS = [
    "当前，网络攻击、网络窃密、网络犯罪持续泛滥，网络恐怖主义已成为全球公害。",
    "当前，网络空间军事化、阵营化、意识形态化趋势加剧，数字鸿沟不断扩大。",
    "近年来，勒索软件攻击频发，关键信息基础设施面临严峻威胁。",
    "人工智能等新兴技术迅猛发展，在带来巨大机遇的同时，也带来前所未有的风险挑战。",
    "恐怖分子利用互联网宣扬极端思想、招募人员、筹集资金，严重威胁各国安全。",
    "虚假信息和仇恨言论在网上快速传播，对各国社会稳定造成冲击。",
]
ZCLAIMS = [
    "网络空间是人类共同的活动空间，网络空间前途命运应由世界各国共同掌握。",
    "网络空间不是法外之地，各国应在{z:un-charter}框架下规范自身行为。",
    "发展中国家在数字时代面临被边缘化的风险，数字鸿沟问题亟待解决。",
    "没有网络安全就没有国家安全，没有信息化就没有现代化。",
    "任何国家都不应以牺牲他国安全为代价谋求自身安全。",
    "{z:developed-countries}应帮助{z:developing-countries}提升网络安全防护和应急响应能力。",
    "人工智能治理事关全人类命运，需要各国共同参与。",
    "{z:global-south}国家应加强团结协作，共同提升在全球数字治理中的代表性和发言权。",
    "人工智能应当成为造福全人类的国际公共产品。",
    "数据安全关乎各国利益，需要制定各方普遍接受的全球规则。",
    "恐怖主义是人类公敌，打击恐怖主义不能搞{zneg_bare}。",
    "联合国应当继续发挥制定网络空间国际规则的主渠道作用。",
    "各国应通过对话协商解决网络空间分歧。",
    "{zforum}已成为{zdomain}合作的重要平台。",
]
ZINIT = [
    "中方提出的{zinit}为{zdomain}提供了建设性方案。",
    "已有{nc}多个国家表示支持{zinit}。",
    "{zWe}欢迎更多国家加入{zinit}。",
]
ZQUANT = [
    "中国网民规模已近{zusers}亿。",
    "数字经济规模占中国国内生产总值的比重超过{pct}%。",
    "{year}年以来，中方已为{nc}多个发展中国家培训了{n}多名官员和技术人员。",
    "全球仍有约{zoffline}亿人未接入互联网。",
]
ZSIGNATURE = [
    "中方愿同国际社会一道，共同构建{zpos:peaceful-secure-open-cooperative-orderly-cyberspace}，携手构建{zpos:community-with-a-shared-future-in-cyberspace}。",
    "让我们携手努力，推动构建{zpos:community-with-a-shared-future}。",
    "中方将继续践行{zpos:common-comprehensive-cooperative-sustainable-security}，推动{zpos:win-win-cooperation}。",
]
ZPROPOSAL_HEADS = [
    "坚持和平安全，共同维护网络空间和平稳定", "坚持发展繁荣，弥合数字鸿沟", "坚持公平正义，推动制定网络空间国际规则",
    "坚持开放包容，促进文明交流互鉴", "坚持多边主义，支持{z:united-nations}发挥主渠道作用", "坚持以人为本、智能向善",
    "坚持{zpos:symptoms-and-root-causes}，综合施策打击恐怖主义", "坚持数据安全与发展并重",
]
ZENUM = [["第一", "第二", "第三", "第四", "第五"], ["一是", "二是", "三是", "四是", "五是"]]
ZDOMAIN = ["网络安全", "数据安全", "人工智能治理", "数字经济", "反恐", "打击网络犯罪", "网络空间治理", "信息通信技术安全"]
ZNUM = ["两", "三", "四", "五"]


_SLOT = re.compile(r"\{([^{}]+)\}")


def _compile(template: str) -> tuple:
    """A template as alternating literal text and slot names: ("lit", "slot", "lit", ...)."""
    return tuple(_SLOT.split(template))


_CACHE: dict[str, tuple] = {}
_NOT_CHINA: dict[int, list[str]] = {}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# Words a reported-speech paragraph lowercases after "said that".
_LOWERABLE = {"The", "All", "At", "In", "Cyberspace", "Terrorism", "Artificial", "Developing", "Developed", "Currently", "Today",
              "Any", "Countries", "No", "Multilateralism", "Data", "Meanwhile", "We", "Nearly", "An", "Over", "Some", "Up", "Since",
              "More", "Let", "Our"}


# --------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventType:
    key: str
    name: str            # English, with {ord} and/or {topic}
    name_zh: str         # Chinese, with {n} and/or {ztopic}
    series: str | None
    body: str | None
    base: int | None     # ordinal of the first meeting in the corpus, None when unnumbered
    venue: str           # "un" (UN mission statements) or "other" (MFA readouts, organisations)
    cities: tuple[tuple[str, str, str], ...]  # (English, Chinese, ISO country code)


NY = (("New York", "纽约", "US"),)
EVENT_TYPES = [
    EventType("brics-nsa", "{ord} Meeting of BRICS National Security Advisers and High Representatives on National Security",
              "第{n}次金砖国家安全事务高级代表会议", "brics-nsa-meeting", "brics", 9, "other",
              (("Brasilia", "巴西利亚", "BR"), ("Moscow", "莫斯科", "RU"), ("New Delhi", "新德里", "IN"), ("Beijing", "北京", "CN"),
               ("Cape Town", "开普敦", "ZA"), ("Kazan", "喀山", "RU"), ("Rio de Janeiro", "里约热内卢", "BR"))),
    EventType("brics-ictwg", "{ord} Meeting of the BRICS Working Group on Security in the Use of ICTs",
              "金砖国家网络安全工作组第{n}次会议", "brics-ict-security-wg", "brics", 5, "other",
              (("Brasilia", "巴西利亚", "BR"), ("Moscow", "莫斯科", "RU"), ("Beijing", "北京", "CN"), ("Johannesburg", "约翰内斯堡", "ZA"),
               ("New Delhi", "新德里", "IN"))),
    EventType("brics-ctwg", "{ord} Meeting of the BRICS Counter-Terrorism Working Group",
              "金砖国家反恐工作组第{n}次会议", "brics-ctwg", "brics", 4, "other",
              (("Moscow", "莫斯科", "RU"), ("New Delhi", "新德里", "IN"), ("Beijing", "北京", "CN"), ("Pretoria", "比勒陀利亚", "ZA"))),
    EventType("oewg", "{ord} Substantive Session of the Open-ended Working Group on ICT security",
              "联合国信息安全开放式工作组第{n}次实质性会议", "un-oewg-ict", "un-general-assembly", 1, "un", NY),
    EventType("arf-ism", "{ord} ASEAN Regional Forum Inter-Sessional Meeting on Security of and in the Use of ICTs",
              "第{n}次东盟地区论坛信息通信技术安全会间会", "asean-regional-forum", "asean", 1, "other",
              (("Singapore", "新加坡", "SG"), ("Bangkok", "曼谷", "TH"), ("Jakarta", "雅加达", "ID"), ("Kuala Lumpur", "吉隆坡", "MY"),
               ("Phnom Penh", "金边", "KH"), ("Vientiane", "万象", "LA"), ("Hanoi", "河内", "VN"))),
    EventType("sco-security", "{ord} Meeting of Secretaries of Security Councils of SCO Member States",
              "第{n}次上海合作组织成员国安全会议秘书会议", None, "sco", 14, "other",
              (("Beijing", "北京", "CN"), ("Moscow", "莫斯科", "RU"), ("Astana", "阿斯塔纳", "KZ"), ("Tashkent", "塔什干", "UZ"),
               ("Bishkek", "比什凯克", "KG"), ("Dushanbe", "杜尚别", "TJ"))),
    EventType("unsc-debate", "UN Security Council Open Debate on {topic}", "联合国安理会{ztopic}问题公开辩论会", None,
              "un-security-council", None, "un", NY),
    EventType("unsc-briefing", "UN Security Council Briefing on {topic}", "联合国安理会{ztopic}问题通报会", None,
              "un-security-council", None, "un", NY),
    EventType("unga-debate", "UN General Assembly Debate on {topic}", "联合国大会{ztopic}问题辩论会", None,
              "un-general-assembly", None, "un", NY),
    EventType("g20-digital", "G20 Digital Economy Ministers' Meeting", "二十国集团数字经济部长会议", None, "g20", None, "other",
              (("Osaka", "大阪", "JP"), ("Riyadh", "利雅得", "SA"), ("Trieste", "的里雅斯特", "IT"), ("Gandhinagar", "甘地讷格尔", "IN"),
               ("Maceio", "马塞约", "BR"), ("Johannesburg", "约翰内斯堡", "ZA"))),
    EventType("apec-digital", "APEC Digital and AI Ministerial Meeting", "亚太经合组织数字和人工智能部长会议", None, "apec", None, "other",
              (("Lima", "利马", "PE"), ("San Francisco", "旧金山", "US"), ("Bangkok", "曼谷", "TH"), ("Gyeongju", "庆州", "KR"),
               ("Shenzhen", "深圳", "CN"))),
]
UN_TOPICS = [("Cybersecurity", "网络安全"), ("Artificial Intelligence", "人工智能"), ("Threats to International Peace and Security Caused by Terrorist Acts", "恐怖主义行为对国际和平与安全的威胁"),
             ("Emerging Technologies", "新兴技术"), ("Maintaining International Peace and Security in Cyberspace", "维护网络空间国际和平与安全"),
             ("Countering Terrorism in the Digital Age", "数字时代反恐"), ("the Digital Divide", "数字鸿沟"), ("Data Security", "数据安全")]


@dataclass
class Event:
    id: str
    type: EventType
    name: str
    name_zh: str
    ordinal: int | None
    date: dt.date
    city: str
    city_zh: str
    country: str


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-")


def _day(rng: random.Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def make_events(rng: random.Random, count: int, taken: set[str], lex: Lexicon) -> list[Event]:
    types = [t for t in EVENT_TYPES if (t.series is None or t.series in lex.kinds) and (t.body is None or t.body in lex.kinds)]
    drawn = []
    for i in range(count):
        t = types[i % len(types)] if i < len(types) else rng.choice(types)  # every type at least once
        drawn.append((_day(rng, FIRST_DAY, LAST_DAY - dt.timedelta(days=3)), i, t, rng.randrange(1 << 30)))
    drawn.sort(key=lambda x: (x[0], x[1]))
    counters: dict[str, int] = {}
    events = []
    for day, _, t, sub in drawn:
        r = random.Random(sub)
        n = None
        if t.base is not None:
            n = t.base + counters.get(t.key, 0)
            counters[t.key] = counters.get(t.key, 0) + 1
        topic, ztopic = r.choice(UN_TOPICS)
        name = t.name.format(ord=ordinal(n) if n else "", topic=topic)
        name_zh = t.name_zh.format(n=n, ztopic=ztopic)
        city, city_zh, cc = r.choice(t.cities)
        words = [w for w in slug(topic, 80).split("-") if w not in ("the", "and", "of", "in", "to", "by")][:3]
        base_id = f"{day.isoformat()}-{t.key}" + ("-" + "-".join(words) if "{topic}" in t.name else "") + (f"-{n}" if n else "")
        eid, k = base_id, 2
        while eid in taken:
            eid, k = f"{base_id}-{k}", k + 1
        taken.add(eid)
        events.append(Event(eid, t, name, name_zh, n, day, city, city_zh, cc))
    return events


def _yaml_scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if re.fullmatch(r"[A-Za-z0-9\u4e00-\u9fff][\w\u4e00-\u9fff ,.'’()、&/-]*", s) and not re.search(r"\s$|: | #", s) \
            and not re.fullmatch(r"[\d.:+_ -]+", s) \
            and s.lower() not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n", "~", ".nan", ".inf"):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def events_yaml(events: list[Event]) -> str:
    out = []
    for e in events:
        out.append(
            f"- id: {e.id}\n  name: {_yaml_scalar(e.name)}\n  series: {_yaml_scalar(e.type.series)}\n"
            f"  ordinal: {_yaml_scalar(e.ordinal)}\n  date: {e.date.isoformat()}\n  city: {_yaml_scalar(e.city)}\n"
            f"  country: {e.country}\n  body: {_yaml_scalar(e.type.body)}\n")
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# Composing one statement
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Voice:
    We: str
    we: str
    our: str
    plural: bool
    zWe: str = "中方"


DIRECT = Voice("We", "we", "our", True)
REPORTED = Voice("China", "China", "its", False)


@dataclass
class Writer:
    """Fills templates for one statement with its own random generator."""

    rng: random.Random
    lex: Lexicon
    voice: Voice = DIRECT
    china: bool = True  # False: the holder is not China, so sentences about China's own record are left out
    forums: list[str] = field(default_factory=list)
    inits: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # sentences already in the statement (membership only)
    profiles: "Profiles | None" = None
    last_opener: str = ""

    def __post_init__(self):
        k = self.lex.ids_by_kind
        self.forums = [i for i in k.get("forum", []) + k.get("organisation", []) if self.lex.en[i]]
        self.inits = list(k.get("initiative", []))
        self.frameworks = k.get("framework", []) + k.get("strategy", []) + k.get("agenda", [])

    # -- slots ---------------------------------------------------------------------
    def _neg(self) -> str:
        _, forms = self.rng.choice(self.lex.negative)
        pre, alias, post = self.rng.choice(forms)
        return pre + alias + post

    def _pos(self, ent_id: str | None = None) -> str:
        if ent_id is None:
            ent_id = self.rng.choice([i for i in sorted(self.lex.positive) if i != "symptoms-and-root-causes"])
        forms = self.lex.positive.get(ent_id)
        if not forms:
            return "dialogue and cooperation"
        pre, alias, post = self.rng.choice(forms)
        return pre + alias + post

    def _zneg(self, bare: bool = False) -> str:
        _, forms = self.rng.choice(self.lex.negative_zh)
        pre, alias, post = self.rng.choice(forms)
        return alias if bare else pre + alias + post

    def _zpos(self, ent_id: str) -> str:
        forms = self.lex.positive_zh.get(ent_id)
        if not forms:
            return "合作共赢"
        pre, alias, post = self.rng.choice(forms)
        return pre + alias + post

    def slot(self, name: str) -> str:
        rng, v = self.rng, self.voice
        if "|" in name:
            plural, singular = name.split("|", 1)
            return plural if v.plural else singular
        if name == "We":
            return v.We
        if name == "we":
            return v.we
        if name == "our":
            return v.our
        if name == "Our":
            return _cap(v.our)
        if name == "neg":
            return self._neg()
        if name == "Neg":
            return _cap(self._neg())
        if name == "pos":
            return self._pos()
        if name == "pos2":
            a = self._pos()
            for _ in range(5):
                b = self._pos()
                if b.split(" ", 1)[-1][:12] != a.split(" ", 1)[-1][:12]:
                    break
            return f"{a} and {b}"
        if name.startswith("pos:"):
            return self._pos(name[4:]) if name[4:] in self.lex.positive else "mutual respect"
        if name.startswith("e:"):
            ent = name[2:]
            cap = ent.endswith("-cap")
            ent = ent[:-4] if cap else ent
            s = self.lex.name(rng, ent) if ent in self.lex.kinds else "the international community"
            return _cap(s) if cap else s
        if name in ("init", "Init"):
            s = self.lex.name(rng, rng.choice(self.inits)) if self.inits else "China's initiatives"
            return _cap(s) if name == "Init" else s
        if name in ("forum", "forum_cap"):
            s = self.lex.name(rng, rng.choice(self.forums))
            return _cap(s) if name == "forum_cap" else s
        if name == "fw":
            return self.lex.name(rng, rng.choice(self.frameworks))
        if name == "vp":
            return self.render(rng.choice(VP))
        if name == "vpo":
            return self.render(rng.choice(VP_OPPOSE))
        if name == "vpo_bare":
            return rng.choice(VP_BAD)
        if name == "vps":
            parts = [self.render(t) for t in rng.sample(VP, 2)] + [self.render(rng.choice(VP + VP_OPPOSE))]
            return f"{parts[0]}, {parts[1]} and {parts[2]}"
        if name == "only":
            return rng.choice(ONLY_CUES)
        if name == "undermine":
            return self.render(rng.choice(ONLY_UNDERMINE))
        if name == "outcome":
            return rng.choice(OUTCOME)
        if name == "threat":
            return self.render(rng.choice(THREATS))
        if name == "domain":
            return rng.choice(DOMAIN)
        if name == "tech":
            return rng.choice(TECH)
        if name == "group":
            return rng.choice(GROUP)
        if name == "group_cap":
            return _cap(rng.choice(GROUP))
        if name == "pct":
            return str(rng.randint(12, 65))
        if name == "pct2":
            return str(rng.randint(30, 70))
        if name == "n":
            return str(rng.choice([20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500, 1200, 2000, 3500]))
        if name == "nc":
            return str(rng.choice([20, 30, 40, 50, 60, 70, 80, 100, 120, 140]))
        if name == "n2":
            return str(rng.randint(15, 120))
        if name == "n3":
            return f"{rng.randint(1, 4)}.{rng.randint(1, 9)} million"
        if name == "nword":
            return rng.choice(["dozens of", "more than ten", "over twenty", "some thirty", "fifty"])
        if name == "tn":
            return str(rng.randint(16, 30))
        if name == "users":
            return f"{rng.choice(['nearly', 'more than', 'about', 'over'])} {rng.choice(['1.0', '1.05', '1.1', '1.09', '1.12', '1.2'])} billion"
        if name == "offline":
            return f"{rng.choice(['2.6', '2.7', '2.9', '3'])} billion"
        if name == "year":
            return str(rng.randint(2013, 2018))
        if name == "year2":
            return str(rng.randint(2027, 2035))
        # Chinese
        if name == "zWe":
            return v.zWe
        if name == "zneg":
            return self._zneg()
        if name == "zneg_bare":
            return self._zneg(bare=True)
        if name.startswith("zpos:"):
            return self._zpos(name[5:])
        if name.startswith("z:"):
            return self.lex.name_zh(rng, name[2:])
        if name == "zinit":
            return "《" + self.lex.name_zh(rng, rng.choice(self.inits)) + "》"
        if name == "zforum":
            ids = [i for i in self.forums if self.lex.zh.get(i)]
            return self.lex.name_zh(rng, rng.choice(ids))
        if name == "zvp":
            return self.render(rng.choice(ZVP))
        if name == "zvps":
            a, b, c = (self.render(t) for t in rng.sample(ZVP, 3))
            return f"{a}，{b}，{c}"
        if name == "zdomain":
            return rng.choice(ZDOMAIN)
        if name == "zusers":
            return rng.choice(["10", "10.5", "11", "11.2"])
        if name == "zoffline":
            return rng.choice(["26", "27", "29"])
        raise KeyError(f"unknown template slot {{{name}}}")

    def render(self, template: str) -> str:
        parts = _CACHE.get(template)
        if parts is None:
            parts = _CACHE[template] = _compile(template)
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            out.append(self.slot(parts[i]))
            out.append(parts[i + 1])
        return "".join(out)

    def _pool(self, pool: list[str]) -> list[str]:
        if self.china:
            return pool
        key = id(pool)
        kept = _NOT_CHINA.get(key)
        if kept is None:
            kept = _NOT_CHINA[key] = [t for t in pool if "China" not in t and "中" not in t] or pool
        return kept

    def sentence(self, pool: list[str]) -> str:
        """A sentence from the pool, not yet used in this statement where the pool allows."""
        pool = self._pool(pool)
        for _ in range(8):
            template = self.rng.choice(pool)
            if template not in self.used:
                break
        self.used.add(template)
        for _ in range(4):
            s = _cap(self.render(template))
            if s not in self.used:
                break
        self.used.add(s)
        return s

    def sentences(self, pools: list[list[str]], k: int) -> list[str]:
        """k sentences, each from a pool drawn in turn, without repeating a sentence."""
        out: list[str] = []
        tries = 0
        while len(out) < k and tries < k * 4:
            tries += 1
            s = self.sentence(pools[len(out) % len(pools)])
            if s not in out:
                out.append(s)
        return out

    def threat(self) -> str:
        opener = self.rng.choice([o for o in THREAT_OPENERS if o != self.last_opener])
        self.last_opener = opener
        for _ in range(8):
            clause = self.render(self.rng.choice(THREATS))
            if clause not in self.used:
                break
        self.used.add(clause)
        return opener + clause + "."

    def zthreats(self, k: int) -> str:
        return "".join(self.rng.sample(ZTHREATS, k))

    def body_paragraph(self, k: int | None = None) -> str:
        k = k or self.rng.randint(4, 6)
        pools = self.rng.choice([[CLAIMS, STANCES, STANCES], [STANCES, CLAIMS, INITIATIVE], [CLAIMS, STANCES, QUANTITY],
                                 [STANCES, STANCES, CLAIMS]])
        return " ".join(self.sentences(pools, k))

    def proposals(self, n: int, zh: bool = False) -> list[str]:
        rng = self.rng
        if zh:
            markers = rng.choice(ZENUM)
            heads = rng.sample(ZPROPOSAL_HEADS, n)
            return [f"{markers[i]}，{self.render(h)}。" + "".join(self.sentences([ZSTANCES, ZCLAIMS, ZSTANCES], rng.randint(3, 4)))
                    for i, h in enumerate(heads)]
        markers = rng.choice(ENUM_EN)
        heads = rng.sample(PROPOSAL_HEADS, n)
        return [f"{markers[i]}, {self.render(h)}. " + " ".join(self.sentences([CLAIMS, STANCES, STANCES], rng.randint(3, 5)))
                for i, h in enumerate(heads)]


def _lower_start(s: str) -> str:
    word = s.split(" ", 1)[0].rstrip(",")
    return s[:1].lower() + s[1:] if word in _LOWERABLE else s


# --------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------

@dataclass
class Statement:
    document_id: str
    text: str
    publisher: str
    profile: str | None
    genre: str
    language: str
    speakers: list[tuple[str, str | None]]
    holder: str
    event: str | None


def _long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _time(rng: random.Random) -> str:
    return f"{rng.randint(7, 23):02d}:{rng.choice(range(0, 60, 5)):02d}"


def wang_yi_role(d: dt.date, rng: random.Random) -> str:
    if d < dt.date(2023, 1, 1):
        return "State Councilor and Foreign Minister"
    return rng.choice(["Member of the Political Bureau of the CPC Central Committee and Foreign Minister",
                       "Member of the Political Bureau of the CPC Central Committee and Director of the Office of the Central Commission for Foreign Affairs",
                       "Foreign Minister"])


def _pick_event(rng: random.Random, events: list[Event], venue: str, share: float = 0.8) -> Event | None:
    pool = [e for e in events if e.type.venue == venue]
    if not pool or rng.random() > share:
        return None
    return rng.choice(pool)


def _dates(rng: random.Random, event: Event | None) -> tuple[dt.date, dt.date]:
    """(date of the meeting or of the speech, date the page was published)."""
    held = event.date if event else _day(rng)
    return held, held + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))


def fmprc_readout(w: Writer, events: list[Event]) -> Statement:
    rng = w.rng
    event = _pick_event(rng, events, "other")
    held, published = _dates(rng, event)
    role = wang_yi_role(held, rng)
    w.voice = REPORTED
    paras = []
    if event:
        title = rng.choice([f"Wang Yi Attends the {event.name}",
                            f"Wang Yi on Cooperation in {rng.choice(TOPICS_EN)} at the {event.name}",
                            f"Wang Yi Calls for Joint Efforts on {rng.choice(TOPICS_EN)}"])
        paras.append(f"On {_long_date(held)} local time, {role} Wang Yi attended the {event.name} in {event.city}. "
                     + w.sentence([f"The meeting reviewed the work of {{forum}} on {rng.choice(DOMAIN)}.",
                                   "Representatives of the participating countries exchanged views on {domain}.",
                                   "The meeting was chaired by the host country and focused on {domain} and {domain}."]))
    else:
        title = rng.choice([f"Wang Yi Elaborates on China's Position on {rng.choice(TOPICS_EN)}",
                            f"Wang Yi Meets the Press on {rng.choice(TOPICS_EN)}",
                            f"Wang Yi Speaks on {rng.choice(TOPICS_EN)} at a Symposium in Beijing"])
        paras.append(f"On {_long_date(held)}, {role} Wang Yi elaborated on China's position on {rng.choice(DOMAIN)} "
                     f"in Beijing. " + w.threat())
    verbs = ["said", "stated", "noted", "stressed", "pointed out", "emphasized", "expressed"]
    with_proposals = rng.random() < 0.45
    n_body = rng.randint(3, 5) if with_proposals else rng.randint(4, 7)
    for i in range(n_body):
        verb = rng.choice(verbs)
        lead = w.sentence(CLAIMS if i % 2 == 0 else STANCES)
        local = BRICS_LINES if event and event.type.body == "brics" else INITIATIVE
        rest = w.sentences([STANCES, CLAIMS, QUANTITY, INITIATIVE] if i % 3 else [STANCES, local], rng.randint(2, 4))
        if verb == "expressed":
            first = f"Wang Yi expressed that {_lower_start(w.threat())}"
        else:
            first = f"Wang Yi {verb} that {_lower_start(lead)}"
        if with_proposals and i == 0:
            n = rng.choice([3, 3, 4, 4, 5])
            rest.append(f"Wang Yi put forward {NUMBER_WORDS[n - 2]} proposals on {rng.choice(DOMAIN)}.")
        paras.append(" ".join([first, *rest]))
        if with_proposals and i == 0:
            w.voice = Voice("We", "we", "our", True)
            paras.extend(w.proposals(n))
            w.voice = REPORTED
    paras.append(rng.choice([
        "Wang Yi expressed China's willingness to work with all parties to " + w.render("{vp}") + " and " + w.render("{vp}") + ".",
        "The participants agreed to " + w.render("{vp}") + " and to keep in close communication.",
        "Wang Yi also held bilateral meetings on the sidelines with heads of delegation and exchanged views on " + w.render("{domain}") + ".",
    ]))
    page = ["Ministry of Foreign Affairs", "The People’s Republic of China", title,
            f"Updated: {MONTHS[published.month - 1]} {published.day:02d}, {published.year} {_time(rng)}", ""]
    text = "\n".join(page) + "\n" + "\n\n".join(paras) + rng.choice(["", "\n"])
    return Statement("", text, "mfa-china", None, "readout", "en", [("wang-yi", role)], "china", event.id if event else None)


def fmprc_speech(w: Writer, events: list[Event]) -> Statement:
    rng = w.rng
    event = _pick_event(rng, events, "other", share=0.7)
    held, published = _dates(rng, event)
    role = wang_yi_role(held, rng)
    w.voice = DIRECT
    where = f"the {event.name}" if event else rng.choice(["the World Internet Conference", "the Lanting Forum on Global Cyberspace Governance",
                                                           "the International Symposium on AI Governance"])
    title = rng.choice([f"Remarks by Wang Yi at {where}", f"Keynote Speech by Foreign Minister Wang Yi at {where}",
                        f"Working Together for {rng.choice(['a Safer', 'an Open', 'a Shared', 'a Fairer'])} Cyberspace: Speech by Wang Yi at {where}"])
    paras = [rng.choice(["Dear Colleagues,", "Excellencies, Ladies and Gentlemen,", "Ladies and Gentlemen,", "Dear Friends,"])]
    paras.append(f"It is a great pleasure to join you at {where}. " + w.threat() + " " + w.sentence(CLAIMS))
    third = [w.threat(), w.threat(), w.sentence(STANCES), w.sentence(CLAIMS)]
    if rng.random() < 0.6:
        n = rng.choice([3, 3, 4, 4, 5])
        third.append(f"To this end, I wish to share {NUMBER_WORDS[n - 2]} observations.")
        paras.append(" ".join(third))
        paras.extend(w.proposals(n))
    else:
        paras.append(" ".join(third))
    for _ in range(rng.randint(1, 3)):
        paras.append(w.body_paragraph())
    paras.append(" ".join(w.sentences([PRACTICE, QUANTITY, QUANTITY], rng.randint(3, 4))))
    paras.append(w.sentence(SIGNATURE) + " " + w.sentence(SIGNATURE))
    paras.append(rng.choice(["Thank you.", "Thank you all.", "Thank you for your attention."]))
    page = ["Ministry of Foreign Affairs", "The People’s Republic of China", title,
            f"Updated: {MONTHS[published.month - 1]} {published.day:02d}, {published.year} {_time(rng)}", ""]
    text = "\n".join(page) + "\n" + "\n\n".join(paras) + rng.choice(["", "\n"])
    return Statement("", text, "mfa-china", None, "speech", "en", [("wang-yi", role)], "china", event.id if event else None)


def cnun_remarks(w: Writer, events: list[Event]) -> Statement:
    rng = w.rng
    event = _pick_event(rng, events, "un", share=0.85)
    held, _ = _dates(rng, event)
    published = held  # the mission posts on the day
    w.voice = DIRECT
    fu_cong = held >= dt.date(2024, 2, 1)
    where = f"the {event.name}" if event else f"the Informal Consultations on {rng.choice(TOPICS_EN)}"
    if fu_cong and rng.random() < 0.75:
        title = rng.choice([f"Remarks by Ambassador Fu Cong at {where}", f"Statement by Ambassador Fu Cong at {where}"])
        speakers = [("fu-cong", rng.choice(["Ambassador", "Permanent Representative of China to the United Nations"]))]
    else:
        title = rng.choice([f"Statement by the Chinese Delegation at {where}", f"Remarks by the Chinese Delegation at {where}"])
        speakers = []
    chair = "Chair" if event and event.type.key == "oewg" else rng.choice(["President", "Madam President", "Mr. President"])
    sal = f"{chair},"
    paras = [sal]
    thanks = rng.choice([
        "I thank you for presiding over today's meeting.",
        "I thank Secretary-General Guterres for his briefing.",
        "I thank the briefers for their insights.",
        "China welcomes the convening of this meeting.",
    ])
    paras.append(thanks + " " + w.threat() + " " + w.threat())
    second = [w.sentence(CLAIMS), w.sentence(STANCES), w.sentence(STANCES), w.sentence(CLAIMS)]
    if rng.random() < 0.65:
        n = rng.choice([3, 3, 4, 4, 5])
        second.append(rng.choice(["China wishes to propose the following.", "I wish to stress the following points.",
                                  f"China would like to make {NUMBER_WORDS[n - 2]} points."]))
        paras.append(" ".join(second))
        if rng.random() < 0.4:
            paras.append(sal)
        paras.extend(w.proposals(n))
    else:
        paras.append(" ".join(second))
        for _ in range(rng.randint(2, 4)):
            paras.append(w.body_paragraph())
    if rng.random() < 0.6:
        paras.append(sal)
    paras.append(" ".join(w.sentences([PRACTICE, QUANTITY, INITIATIVE, PRACTICE], rng.randint(4, 5))))
    paras.append(w.sentence(CLAIMS) + " " + w.sentence(SIGNATURE))
    paras.append(f"Thank you, {chair}.")
    page = ["Home Meetings & Statements Events & Activities China & UN 中文",
            "\u00a0\u00a0Home\u00a0>\u00a0Meetings & Statements", title, "",
            f"{published.isoformat()} {_time(rng)}", ""]
    text = "\n".join(page) + "\n" + "\n\n".join(paras) + "\n\n\nSuggest to a friend\n\u00a0 Print" + rng.choice(["", "\n"])
    return Statement("", text, "china-un-mission", None, rng.choice(["remarks", "remarks", "statement"]), "en", speakers, "china",
                     event.id if event else None)


def org_page(w: Writer, events: list[Event], publishers: list[str]) -> Statement:
    """A page of another publisher (organisation), read by the generic profile."""
    rng, lex = w.rng, w.lex
    org = rng.choice(publishers)
    w.china = lex.within(org, "china")
    short = min((f for f in lex.en[org] if f[:1].isupper()), key=len)
    pool = [e for e in events if lex.within(e.type.body, org)]
    event = rng.choice(pool) if pool and rng.random() < 0.7 else None
    held, published = _dates(rng, event)
    speakers: list[tuple[str, str | None]] = []
    paras = []
    if org == "united-nations" and "antonio-guterres" in lex.kinds and rng.random() < 0.6:
        genre = "speech"
        w.voice = DIRECT
        where = f"the {event.name}" if event else f"the High-level Dialogue on {rng.choice(TOPICS_EN)}"
        title = f"Secretary-General's Remarks at {where}"
        speakers = [("antonio-guterres", "Secretary-General")]
        paras.append(rng.choice(["Madam President,", "Mr. President,", "Excellencies, Ladies and Gentlemen,"]))
        paras.append(f"I thank {rng.choice(['the presidency', 'the organizers', 'all Member States'])} for convening {where}. "
                     + w.threat() + " " + w.threat())
        for _ in range(rng.randint(3, 5)):
            paras.append(w.body_paragraph())
        paras.append(" ".join(w.sentences([QUANTITY, CLAIMS], 3)))
        paras.append("Thank you.")
        head = ["Home > Press Centre > Secretary-General's Statements", title,
                f"Published: {_long_date(published)}", "[As delivered]", ""]
        foot = ["", "Share", "Print"]
    else:
        w.voice = Voice(f"The {short} Member States", "they", "their", True)
        if event:
            titles = [f"{short} Members Discuss {rng.choice(TOPICS_EN)} at the {event.name}"]
            if event.ordinal:  # a numbered meeting of the organisation's own members adopts a joint statement
                titles.append(f"Joint Statement of the {event.name}")
            title = rng.choice(titles)
        else:
            title = rng.choice([f"{short} Statement on {rng.choice(TOPICS_EN)}", f"{short} Members Reaffirm Cooperation on {rng.choice(TOPICS_EN)}"])
        genre = "joint_statement" if title.startswith("Joint") else rng.choice(["press_release", "statement"])
        if event:
            paras.append(f"The {event.name} was held in {event.city} on {_long_date(event.date)}. "
                         f"Delegations of the {short} Member States took part in the meeting.")
        else:
            paras.append(f"The {short} Member States issued the following statement on {rng.choice(DOMAIN)}. " + w.threat())
        paras.append(w.threat() + " " + w.threat() + " " + w.sentence(CLAIMS))
        for _ in range(rng.randint(3, 5)):
            paras.append(w.body_paragraph())
        if rng.random() < 0.4:
            n = rng.randint(3, 4)
            paras.append(f"The Member States agreed on {NUMBER_WORDS[n - 2]} priorities for the coming year.")
            paras.extend(w.proposals(n))
        paras.append(w.sentence(SIGNATURE))
        dates = [f"{_long_date(published)}", f"{published.day} {MONTHS[published.month - 1]} {published.year}"]
        if event:
            dates.append(f"{published.day} {MONTHS[published.month - 1]} {published.year}, {event.city}")
        head = [rng.choice(["Home > News", "Home > Press Releases", "Home / Statements"]), title, rng.choice(dates), ""]
        foot = ["", rng.choice(["Share", "Print", "Back to top"])]
    text = "\n".join(head) + "\n" + "\n\n".join(paras) + "\n" + "\n".join(foot) + "\n"
    return Statement("", text, org, None, genre, "en", speakers, org, event.id if event else None)


def mfa_generic(w: Writer, events: list[Event]) -> Statement:
    """An MFA position paper saved from its print view: no site header, so `profile: generic`."""
    rng = w.rng
    _, published = _dates(rng, None)
    w.voice = REPORTED
    topic = rng.choice(TOPICS_EN)
    title = rng.choice([f"China's Position on {topic}", f"China's Proposals on {topic}",
                        f"Position Paper of the People's Republic of China on {topic}"])
    paras = [w.threat() + " " + w.threat() + " " + w.sentence(CLAIMS),
             "China " + rng.choice(["believes", "holds", "maintains"]) + " that " + _lower_start(w.sentence(CLAIMS)) + " " + w.sentence(STANCES)]
    n = rng.randint(3, 5)
    paras.append(f"China proposes the following {NUMBER_WORDS[n - 2]} points.")
    w.voice = Voice("We", "we", "our", True)
    paras.extend(w.proposals(n))
    w.voice = REPORTED
    for _ in range(rng.randint(1, 3)):
        paras.append(w.body_paragraph())
    paras.append(" ".join(w.sentences([PRACTICE, QUANTITY], 3)))
    paras.append(w.sentence(SIGNATURE))
    head = [title, f"Updated: {MONTHS[published.month - 1]} {published.day:02d}, {published.year} {_time(rng)}", ""]
    text = "\n".join(head) + "\n" + "\n\n".join(paras) + "\n\n" + rng.choice(["Print", "Close", "Print\nClose"]) + "\n"
    return Statement("", text, "mfa-china", "generic", "statement", "en", [], "china", None)


def zh_page(w: Writer, events: list[Event]) -> Statement:
    rng = w.rng
    w.voice = Voice("中方", "中方", "中方", False, zWe=rng.choice(["中方", "中国"]))
    if rng.random() < 0.5:  # MFA readout, reported speech
        event = _pick_event(rng, events, "other")
        held, published = _dates(rng, event)
        role = "中共中央政治局委员、外交部长" if held >= dt.date(2023, 1, 1) else "国务委员兼外交部长"
        name = "王毅"
        if event:
            title = f"王毅出席{event.name_zh}"
            paras = [f"{held.year}年{held.month}月{held.day}日，{role}王毅在{event.city_zh}出席{event.name_zh}。"
                     + w.render(rng.choice(["与会各方围绕{zdomain}等议题深入交换意见。", "会议回顾了{zdomain}领域合作进展。"]))]
        else:
            topic = rng.choice(ZDOMAIN)
            title = f"王毅阐述中方在{topic}问题上的立场"
            paras = [f"{held.year}年{held.month}月{held.day}日，{role}王毅在北京阐述中方在{topic}问题上的立场。"
                     + w.zthreats(1)]
        with_proposals = rng.random() < 0.5
        for i in range(rng.randint(3, 4) if with_proposals else rng.randint(4, 6)):
            verb = rng.choice(["表示", "指出", "强调"])
            body = "".join(w.sentences([ZCLAIMS, ZSTANCES, ZQUANT, ZINIT, ZSTANCES], rng.randint(4, 6)))
            paras.append(f"{name}{verb}，{body}")
            if i == 0 and with_proposals:
                n = rng.randint(3, 5)
                paras.append(f"王毅就此提出{ZNUM[n - 2]}点主张。")
                paras.extend(w.proposals(n, zh=True))
        paras.append(w.sentence(ZSIGNATURE))
        meta = ("mfa-china", "readout", [("wang-yi", role)], event)
    else:  # UN mission remarks, direct speech
        event = _pick_event(rng, events, "un", share=0.85)
        held, published = _dates(rng, event)
        published = held
        where = event.name_zh if event else f"{rng.choice(ZDOMAIN)}问题非正式磋商"
        fu_cong = held >= dt.date(2024, 2, 1)
        if fu_cong:
            title = f"傅聪大使在{where}上的发言"
            speakers = [("fu-cong", "大使")]
        else:
            title = f"中国代表团在{where}上的发言"
            speakers = []
        chair = rng.choice(["主席先生", "主席女士"])
        paras = [f"{chair}：", rng.choice(["我感谢秘书长的通报。", "中方欢迎召开今天的会议。", "我感谢各位通报人的介绍。"])
                 + w.zthreats(2)]
        paras.append("".join(w.sentences([ZCLAIMS, ZSTANCES], rng.randint(4, 6))))
        paras.append(f"{chair}：")
        n = rng.randint(3, 5)
        paras.extend(w.proposals(n, zh=True))
        paras.append("".join(w.sentences([ZQUANT, ZINIT, ZSTANCES, ZCLAIMS], rng.randint(4, 6))))
        paras.append(w.sentence(ZSIGNATURE))
        paras.append(f"谢谢{chair}。")
        meta = ("china-un-mission", "remarks", speakers, event)
    publisher, genre, speakers, event = meta
    date_line = f"{published.isoformat()} {_time(rng)}"
    masthead, footer = ZH_SITE[publisher]
    footer = rng.choice(footer)
    profile = "generic"
    # The Chinese site's own masthead, when the project has a profile that recognises it as this
    # publisher's page and drops it as boilerplate; otherwise the bare page, read by `generic`.
    if rng.random() < 0.6:
        site = w.profiles.detect([*masthead, title, date_line])
        if site is not None and site.publisher == publisher and all(site.is_boilerplate(line) for line in masthead):
            profile = None
            head = [*masthead, "", title, "", date_line, ""]
            tail = ("\n\n" + footer) if site.is_boilerplate(_normalise(footer)) else ""
    if profile is not None:
        head, tail = [title, "", date_line, ""], ""
    text = "\n".join(head) + "\n" + "\n\n".join(paras) + tail + rng.choice(["", "\n"])
    return Statement("", text, publisher, profile, genre, "zh-Hans", speakers, "china", event.id if event else None)


# Mastheads and footers of the publishers' Chinese sites (used only where a profile reads them).
ZH_SITE = {
    "mfa-china": (["中华人民共和国外交部", "首页 > 外交部 > 外交动态 > 部领导活动"], ["【打印本页】\u3000【关闭窗口】", "【打印】\u3000【关闭】"]),
    "china-un-mission": (["中华人民共和国常驻联合国代表团", "首页 | 代表团简介 | 会议与发言 | 活动与交流 | 中国与联合国 | English",
                          "首页 > 会议与发言"], ["【打印】\u3000【关闭】"]),
}


_LAYOUT_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t\u000b\u000c]")


def _normalise(line: str) -> str:
    """A line as the build reads it (NFC, layout spaces as one space, stripped)."""
    line = _LAYOUT_SPACES.sub(" ", unicodedata.normalize("NFC", line)).replace("\ufeff", "")
    return re.sub(r" {2,}", " ", line).strip()


@dataclass(frozen=True)
class SiteProfile:
    id: str
    publisher: str | None
    priority: int
    detect: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(_normalise(line)) for p in self.boilerplate)


@dataclass
class Profiles:
    """The project's publisher profiles, to know which one will read a page."""

    items: list[SiteProfile]

    @classmethod
    def load(cls, folder: Path) -> "Profiles":
        items = []
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            items.append(SiteProfile(data.get("id", path.stem), data.get("publisher"), int(data.get("priority", 0)),
                                     tuple(re.compile(p) for p in data.get("detect") or []),
                                     tuple(re.compile(p) for p in data.get("boilerplate") or [])))
        return cls(sorted(items, key=lambda p: (-p.priority, p.id)))

    def detect(self, lines: list[str]) -> SiteProfile | None:
        """The profile whose detect patterns all match the page's first lines (None: the fallback)."""
        head = [x for x in (_normalise(line) for line in lines[:15]) if x]
        for p in self.items:
            if p.detect and all(any(rx.search(line) for line in head) for rx in p.detect):
                return p
        return None


def metadata_yaml(s: Statement, digest: str) -> str:
    lines = [f"document_id: {s.document_id}", "source_file: source.txt", f"sha256: {digest}", "encoding: utf-8", "format: text",
             f"publisher: {s.publisher}"]
    if s.profile:
        lines.append(f"profile: {s.profile}")
    lines += [f"genre: {s.genre}", f"language: {s.language}", "source_url: null", "retrieved: null"]
    if s.speakers:
        lines.append("speakers:")
        for ent, role in s.speakers:
            lines.append(f"  - entity: {ent}")
            lines.append(f"    role: {_yaml_scalar(role)}")
    else:
        lines.append("speakers: []")
    lines += [f"holder: {s.holder}", f"event: {_yaml_scalar(s.event)}"]
    return "\n".join(lines) + "\n"


def _schedule(size: int, rng: random.Random) -> list[str]:
    """Exactly apportioned page kinds, in random order; at least one Chinese page from size 2 on."""
    quotas = [(name, share * size) for name, share in LAYOUT_SHARES]
    counts = {name: int(q) for name, q in quotas}
    rest = size - sum(counts.values())
    for name, q in sorted(quotas, key=lambda x: (-(x[1] - int(x[1])), x[0]))[:rest]:
        counts[name] += 1
    if size >= 2 and counts["zh"] == 0:
        biggest = max(counts, key=lambda k: (counts[k], k))
        counts[biggest] -= 1
        counts["zh"] += 1
    kinds = [name for name, _ in LAYOUT_SHARES for _ in range(counts[name])]
    rng.shuffle(kinds)
    return kinds


_SHORT = {"fmprc-readout": "mfa-readout", "fmprc-speech": "mfa-speech", "cnun-remarks": "un-mission", "org-page": "org",
          "mfa-generic": "mfa-position", "zh": "zh"}


def _copy_project(out: Path) -> None:
    src = REPO / "sources"
    dst = out / "sources"
    (dst / "statements").mkdir(parents=True)
    shutil.copytree(src / "profiles", dst / "profiles")
    shutil.copytree(src / "codebook", dst / "codebook")
    for name in ("conventions.yaml", "package.yaml"):
        shutil.copyfile(src / name, dst / name)
    shutil.copytree(REPO / "schemas", out / "schemas")
    if (REPO / "datasette").is_dir():
        shutil.copytree(REPO / "datasette", out / "datasette")


def generate(out: Path, size: int, seed: int, overwrite: bool = False) -> list[str]:
    """Write a project root with `size` synthetic statements under `out`; return their document ids."""
    out = Path(out)
    if size < 1:
        raise ValueError("size must be at least 1")
    if (out / "sources").exists() or (out / "schemas").exists():
        if not overwrite:
            raise FileExistsError(f"{out} already holds a project (sources/ or schemas/); choose an empty folder or overwrite")
        for name in ("sources", "schemas", "datasette", "data", "datapackage.json", ".cache"):
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    _copy_project(out)
    lex = Lexicon.load(out / "sources" / "codebook" / "entities.yaml")
    profiles = Profiles.load(out / "sources" / "profiles")
    for needed in ("mfa-china", "china-un-mission", "china", "wang-yi", "fu-cong"):
        if needed not in lex.kinds:
            raise RuntimeError(f"the codebook has no entity {needed!r}, which the generator's page layouts need")

    repo_events_text = (REPO / "sources" / "events.yaml").read_text(encoding="utf-8")
    repo_events = yaml.safe_load(repo_events_text) or []
    taken = {e["id"] for e in repo_events}
    master = random.Random(f"cybergov-bench:{seed}:{size}")
    events = make_events(master, max(8, size // 5), taken, lex)
    (out / "sources" / "events.yaml").write_text(
        repo_events_text.rstrip("\n") + "\n\n# Generated for benchmarking (benchmarks/generate.py): invented meetings.\n" + events_yaml(events),
        encoding="utf-8")

    publishers = [i for i in lex.ids_by_kind.get("state_organ", []) + lex.ids_by_kind.get("organisation", [])
                  if i not in ("mfa-china", "china-un-mission")]
    kinds = _schedule(size, master)
    if not publishers:
        kinds = ["mfa-generic" if k == "org-page" else k for k in kinds]
    makers = {"fmprc-readout": fmprc_readout, "fmprc-speech": fmprc_speech, "cnun-remarks": cnun_remarks,
              "org-page": lambda w, ev: org_page(w, ev, publishers), "mfa-generic": mfa_generic, "zh": zh_page}
    seen: set[str] = set()
    ids = []
    root = out / "sources" / "statements"
    for i, kind in enumerate(kinds):
        attempt = 0
        while True:
            w = Writer(random.Random(f"cybergov-bench:{seed}:{i}:{attempt}"), lex, profiles=profiles)
            st = makers[kind](w, events)
            raw = st.text.encode("utf-8")
            digest = hashlib.sha256(raw).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        who = st.speakers[0][0] if st.speakers else st.publisher
        st.document_id = f"bench-{i + 1:06d}-{_SHORT[kind]}-{who}"
        folder = root / st.document_id
        folder.mkdir()
        (folder / "source.txt").write_bytes(raw)
        (folder / "metadata.yaml").write_bytes(metadata_yaml(st, digest).encode("utf-8"))
        ids.append(st.document_id)
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, required=True, help="number of statements")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same size and seed: the same bytes)")
    ap.add_argument("--out", type=Path, required=True, help="project root to create")
    ap.add_argument("--force", action="store_true", help="replace sources/, schemas/ and build outputs already in --out")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    try:
        ids = generate(args.out, args.size, args.seed, overwrite=args.force)
    except (FileExistsError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = sum((args.out / "sources" / "statements" / d / "source.txt").stat().st_size for d in ids)
    print(f"wrote {len(ids)} statements ({total / len(ids) / 1024:.1f} KB on average) to {args.out} "
          f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
