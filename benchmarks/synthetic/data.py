"""The generator's text, read once from the YAML files in this folder (each file's header says what it holds)."""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def _load(name: str):
    return yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))


FORMS, WORDS, SLOTS, NUMBERS = _load("formulations"), _load("words"), _load("slots"), _load("numbers")
EN, ZH, PAGES, EVENTS = _load("sentences_en"), _load("sentences_zh"), _load("pages"), _load("event_types")
CLAIMS, STANCES, SIGNATURE, INITIATIVE, QUANTITY, PRACTICE = (
    EN[k] for k in ("claims", "stances", "signature", "initiative", "quantity", "practice"))
MONTHS, FALLBACK = WORDS["months"], FORMS["fallbacks"]
NO_ARTICLE, NO_ARTICLE_KINDS, LOWERABLE = (set(WORDS[k]) for k in ("no_article", "no_article_kinds", "lowerable"))


def count_word(n: int, lang: str = "en") -> str:
    """A count from two to five in words ("four", "四")."""
    return WORDS["number_words"][lang][n - 2]
