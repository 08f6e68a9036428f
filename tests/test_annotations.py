"""Annotations: quality against the gold, evidence, curated rows, and the nested view."""
from __future__ import annotations

import json

import pytest
from conftest import SEEDS, rows
from cybergov.package.report import TARGETS, evaluate, targets_met
from cybergov.package.scoring import load_outputs
from cybergov.sources.codebook import alias_is_case_sensitive


@pytest.fixture(scope="module")
def result(built):
    return evaluate(built, load_outputs(built))


def test_rule_annotators_meet_the_targets_on_the_seeds(result):
    for name, (p, r) in TARGETS.items():
        score = result["scores"][name]
        assert score.gold > 30, name
        assert score.precision >= p and score.recall >= r, (name, score)
    assert result["coverage"] == 1.0, [s["text"] for s in result["unthemed"]]
    assert not result["segmentation"], result["segmentation"]
    assert targets_met(result)


def test_longest_alias_wins_and_acronyms_keep_their_case(built):
    mentions = rows(built, "mentions")
    surfaces = {(m["surface"], m["entity_id"]) for m in mentions}
    assert ("UN Security Council", "un-security-council") in surfaces
    assert ("UN OEWG on ICT security", "un-oewg-ict") in surfaces
    assert ("UN", "united-nations") in surfaces
    # No mention of the UN inside the longer names it is part of.
    for m in mentions:
        if m["entity_id"] == "united-nations":
            assert not any(o is not m and o["sentence_id"] == m["sentence_id"] and int(o["char_start"]) <= int(m["char_start"])
                           and int(m["char_end"]) <= int(o["char_end"]) for o in mentions)
    assert alias_is_case_sensitive("UN") and alias_is_case_sensitive("ICTs") and not alias_is_case_sensitive("Cold War mentality")


def test_formulations_are_found(built):
    by_entity = {m["entity_id"] for m in rows(built, "mentions")}
    entities = {e["entity_id"]: e for e in rows(built, "entities")}
    formulations = {e for e in by_entity if entities[e]["kind"] == "formulation"}
    assert len(formulations) >= 6
    surfaces = {m["surface"] for m in rows(built, "mentions")}
    assert {"small yards with high fences", "double standards", "Cold War mentality", "zero-sum game", "digital Iron Curtain"} <= surfaces
    assert "community with a shared future in cyberspace" in surfaces


def test_stances_carry_holder_polarity_cue_and_object(built):
    stances = rows(built, "stances")
    oppose = next(s for s in stances if s["object"].startswith("the use of cyberspace for spreading extremism"))
    assert oppose["cue"].endswith("oppose")
    assert oppose["polarity"] == "oppose" and oppose["holder_id"] == "china" and oppose["sentence_id"].startswith(SEEDS["remarks"])
    criticism = next(s for s in stances if s["cue"] == "will only lead to")
    assert criticism["polarity"] == "oppose" and criticism["object"].startswith("Using so-called security risk prevention")
    # The object is a practice that contains the formulation, not the formulation itself: no entity link.
    assert not criticism["object_entity_id"]
    assert any(s["cue"] == "must never become" or (s["cue"] == "become" and s["polarity"] == "oppose") for s in stances)
    # "stands ready to work with the international community to build X": the goal is the position, and X is an entity.
    built_ = [s for s in stances if s["cue"] == "build" and s["object"] == "a community with a shared future in cyberspace"]
    assert built_ and all(s["polarity"] == "support" and s["object_entity_id"] == "community-with-a-shared-future-in-cyberspace"
                          for s in built_)
    for s in stances:
        text = s["object"]
        assert text == text.strip() and len(text.split()) >= 1 and int(s["object_start"]) < int(s["object_end"])


def test_proposals(built):
    props = rows(built, "proposals")
    assert [(p["ordinal"], p["marker"]) for p in props] == [("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth")]
    assert props[0]["text"] == "First, we need to build a more peaceful and secure cyberspace."
    assert all(p["document_id"] == SEEDS["remarks"] for p in props)


def test_quantities(built):
    q = {r["surface"]: r for r in rows(built, "quantities")}
    users = q["nearly 1.1 billion internet users"]
    assert (users["kind"], float(users["value"]), users["unit"], users["qualifier"]) == ("amount", 1.1e9, "internet users", "nearly")
    meeting = q["15th Meeting"]
    assert (meeting["kind"], meeting["value"], meeting["unit"]) == ("ordinal", "15", "Meeting")
    assert not any(r["surface"] in ("30", "2025") for r in rows(built, "quantities")), "dates are not quantities"


def test_errata_are_curated_and_point_at_the_typo(built):
    errata = {e["surface"]: e for e in rows(built, "errata")}
    assert errata["technolog"]["correction"] == "technology"
    assert errata["non=use"]["correction"] == "non-use"
    assert {e["method"] for e in errata.values()} == {"curated"}


def test_curated_themes_are_marked(built):
    curated = [t for t in rows(built, "sentence_themes") if t["method"] == "curated"]
    assert {t["theme_id"] for t in curated} == {"cooperation-civilizations", "development"}


def test_json_and_csv_carry_the_same_rows(built):
    """Flatten the nested view back into tables and compare with the CSVs, cell by cell."""
    from cybergov.package.nested import SENTENCE_CHILDREN

    flat = {t: [] for t in ("documents", "document_speakers", "paragraphs", "sentences", "proposals", *SENTENCE_CHILDREN)}
    for line in built.nested.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        d = doc["document_id"]
        flat["documents"].append({k: v for k, v in doc.items() if k not in ("speakers", "paragraphs", "proposals")})
        flat["document_speakers"] += [{"document_id": d, **s} for s in doc["speakers"]]
        flat["proposals"] += [{"document_id": d, **p} for p in doc["proposals"]]
        for p in doc["paragraphs"]:
            flat["paragraphs"].append({"document_id": d, **{k: v for k, v in p.items() if k != "sentences"}})
            for s in p["sentences"]:
                flat["sentences"].append({"document_id": d, "paragraph_id": p["paragraph_id"],
                                          **{k: v for k, v in s.items() if k not in SENTENCE_CHILDREN.values()}})
                for table, key in SENTENCE_CHILDREN.items():
                    flat[table] += [{"document_id": d, "sentence_id": s["sentence_id"], **r} for r in s[key]]

    def as_csv(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    for table, items in flat.items():
        csv_rows = rows(built, table)
        assert len(items) == len(csv_rows), table
        for a, b in zip(items, csv_rows):
            assert {k: as_csv(v) for k, v in a.items()} == b, table
