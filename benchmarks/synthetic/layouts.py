"""The kinds of page (pages.yaml `layouts`), the function that writes each, and how many of each a corpus holds."""
from __future__ import annotations

import random
from typing import Callable

from .data import PAGES
from .pages_china import cnun_remarks, fmprc_readout, fmprc_speech, mfa_generic
from .pages_org import org_page
from .pages_zh import zh_page
from .statement import Context, Statement
from .writer import Writer

Layout = Callable[[Writer, Context], Statement]
LAYOUTS: dict[str, Layout] = {"fmprc-readout": fmprc_readout, "fmprc-speech": fmprc_speech, "cnun-remarks": cnun_remarks,
                              "org-page": org_page, "mfa-generic": mfa_generic, "zh": zh_page}
if list(LAYOUTS) != list(PAGES["layouts"]):
    raise RuntimeError(f"pages.yaml has the layouts {list(PAGES['layouts'])}, the generator writes {list(LAYOUTS)}")


def schedule(size: int, rng: random.Random, with_organisations: bool = True) -> list[str]:
    """Exactly apportioned page kinds, in random order; at least one Chinese page from size 2 on.
    Without organisations to publish them, their pages are the ministry's position papers."""
    quotas = [(name, layout["share"] * size) for name, layout in PAGES["layouts"].items()]
    counts = {name: int(q) for name, q in quotas}
    rest = size - sum(counts.values())
    for name, q in sorted(quotas, key=lambda x: (-(x[1] - int(x[1])), x[0]))[:rest]:  # largest remainders
        counts[name] += 1
    if size >= 2 and counts["zh"] == 0:
        biggest = max(counts, key=lambda k: (counts[k], k))
        counts[biggest] -= 1
        counts["zh"] += 1
    kinds = [name for name, _ in quotas for _ in range(counts[name])]
    rng.shuffle(kinds)
    if not with_organisations:
        kinds = ["mfa-generic" if k == "org-page" else k for k in kinds]
    return kinds


def document_id(index: int, kind: str, st: Statement) -> str:
    """bench-000001-<kind's id>-<first speaker, or the publisher>."""
    who = st.speakers[0][0] if st.speakers else st.publisher
    return f"bench-{index + 1:06d}-{PAGES['layouts'][kind]['id']}-{who}"
