"""Writing a corpus: the project's own files copied, invented meetings added, then the statements, one folder each."""
from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import yaml

from .events import Event, make_events
from .layouts import LAYOUTS, document_id, schedule
from .lexicon import Lexicon
from .metadata import events_yaml, metadata_yaml
from .profiles import Profiles
from .statement import Context, Statement
from .writer import Writer

REPO = Path(__file__).resolve().parents[2]
_BUILT = ("sources", "schemas", "datasette", "data", "datapackage.json", ".cache")  # what --force replaces
_NEEDED = ("mfa-china", "china-un-mission", "china", "wang-yi", "fu-cong")  # entities the layouts name
_OWN_LAYOUTS = ("mfa-china", "china-un-mission")  # publishers with layouts of their own, never drawn as org pages


def generate(out: Path, size: int, seed: int, overwrite: bool = False) -> list[str]:
    """Write a project root with `size` synthetic statements under `out`; return their document ids."""
    out = Path(out)
    if size < 1:
        raise ValueError("size must be at least 1")
    _prepare(out, overwrite)
    lex = Lexicon.load(REPO)
    missing = [e for e in _NEEDED if e not in lex.kinds]
    if missing:
        raise RuntimeError(f"the codebook has no entity {missing[0]!r}, which the generator's page layouts need")
    # One generator for the corpus-wide draws (meetings, then the order of pages); each statement has its own.
    master = random.Random(f"cybergov-bench:{seed}:{size}")
    events = _add_events(out, master, max(8, size // 5), lex)
    by_kind = lex.ids_by_kind
    publishers = [i for i in by_kind.get("state_organ", []) + by_kind.get("organisation", []) if i not in _OWN_LAYOUTS]
    ctx = Context(events, publishers, Profiles.load(out / "sources" / "profiles"))
    seen: set[str] = set()
    ids = []
    for i, kind in enumerate(schedule(size, master, with_organisations=bool(publishers))):
        st, raw, digest = _unique_statement(kind, i, seed, lex, ctx, seen)
        st.document_id = document_id(i, kind, st)
        folder = out / "sources" / "statements" / st.document_id
        folder.mkdir()
        (folder / "source.txt").write_bytes(raw)
        (folder / "metadata.yaml").write_bytes(metadata_yaml(st, digest).encode("utf-8"))
        ids.append(st.document_id)
    return ids


def _prepare(out: Path, overwrite: bool) -> None:
    """Empty the project parts of `out` (only with overwrite), then copy the repository's into it."""
    if (out / "sources").exists() or (out / "schemas").exists():
        if not overwrite:
            raise FileExistsError(f"{out} already holds a project (sources/ or schemas/); "
                                  "choose an empty folder or overwrite")
        for name in _BUILT:
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)
    src, dst = REPO / "sources", out / "sources"
    (dst / "statements").mkdir(parents=True)
    for name in ("profiles", "codebook"):
        shutil.copytree(src / name, dst / name)
    for name in ("conventions.yaml", "package.yaml", "corpora.yaml", "wording.yaml"):
        shutil.copyfile(src / name, dst / name)
    shutil.copytree(REPO / "schemas", out / "schemas")
    if (REPO / "datasette").is_dir():
        shutil.copytree(REPO / "datasette", out / "datasette")


def _add_events(out: Path, rng: random.Random, count: int, lex: Lexicon) -> list[Event]:
    """Invented meetings appended to the repository's sources/events.yaml (its text kept as it is)."""
    repo_text = (REPO / "sources" / "events.yaml").read_text(encoding="utf-8")
    taken = {e["id"] for e in yaml.safe_load(repo_text) or []}
    events = make_events(rng, count, taken, lex)
    (out / "sources" / "events.yaml").write_text(
        repo_text.rstrip("\n") + "\n\n# Generated for benchmarking (benchmarks/generate.py): invented meetings.\n"
        + events_yaml(events), encoding="utf-8")
    return events


def _unique_statement(kind: str, index: int, seed: int, lex: Lexicon, ctx: Context,
                      seen: set[str]) -> tuple[Statement, bytes, str]:
    """(statement, its bytes, their sha256) for the index-th page, redrawn until no earlier page has the same bytes.

    Each statement's generator is seeded by (seed, index, attempt) alone, so a statement does
    not depend on the ones before it, except through this rare redraw."""
    attempt = 0
    while True:
        w = Writer(random.Random(f"cybergov-bench:{seed}:{index}:{attempt}"), lex)
        st = LAYOUTS[kind](w, ctx)
        raw = st.text.encode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        if digest not in seen:
            seen.add(digest)
            return st, raw, digest
        attempt += 1
