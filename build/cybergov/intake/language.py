"""The language of a statement: en, zh-Hans or zh-Hant."""
from __future__ import annotations

import re
from functools import lru_cache

from ..sources.matcher import fold
from ..sources.wording import HAN, Wording


@lru_cache(maxsize=1)
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


def detect_language(text: str, wording: Wording) -> str | None:
    """en, zh-Hans or zh-Hant; None for text in another language."""
    han = len(re.findall(f"[{HAN}]", text))
    latin = len(re.findall(r"[A-Za-zÀ-ÿ]", text))
    if han and han * 2 >= latin:
        chars = set(re.findall(f"[{HAN}]", text))
        traditional = sum(1 for c in chars if fold(c, chinese=True) != c)
        simplified = sum(1 for c in chars if len(_s2t().convert(c)) == 1 and _s2t().convert(c) != c)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    words = re.findall(r"[A-Za-z]+", text.lower())
    if not words:
        return None
    share = sum(1 for w in words if w in wording.english_words) / len(words)
    return "en" if share >= 0.08 else None
