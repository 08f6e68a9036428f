"""What `cybergov import` prints: what it read, took and left, and why."""
from __future__ import annotations

from collections import Counter

from .importer import Outcome

SHOWN = 12


def _listed(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    out = [f"  {title} ({len(lines)}):"] + [f"    {line}" for line in lines[:SHOWN]]
    if len(lines) > SHOWN:
        out.append(f"    ... and {len(lines) - SHOWN} more")
    return out


def render_outcome(o: Outcome) -> str:
    reasons = Counter(reason for _, reason in o.skipped)
    out = [f"read {o.read} items: {o.in_scope} in scope, {o.out_of_scope} out of scope; "
           f"{len(o.added)} added, {o.present} already in, {len(o.changed)} changed in the corpus (not replaced); "
           f"{len(o.skipped)} skipped; {o.events} new events"]
    out += [f"  skipped, {reason}: {n}" for reason, n in reasons.most_common()]
    out += _listed("changed in the corpus", o.changed)
    out += _listed("remarks on the corpus", o.remarks)
    out += _listed("added", o.added)
    return "\n".join(out)
