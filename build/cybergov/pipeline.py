"""`cybergov build`: sources -> documents -> annotations -> tables, written atomically.

Load inputs (codebook, profiles, package metadata) and check them; process every
statement with the pure function in document.py (over a process pool, reusing cached
results for statements whose inputs did not change); stream the rows into the CSVs in
document order; describe them in datapackage.json; swap the new outputs in.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import codebook_md, document, nested
from .context import Context
from .errors import InputError
from .package import datapackage, dump, load_package_meta
from .paths import Paths
from .sources import load_source, statement_folders
from .tables import DOCUMENT_TABLES, TABLES, csv_rows, load_schema
from .codebook import Codebook

JSONL = "statements.jsonl"
_CODE_DIR = Path(__file__).resolve().parent


@dataclass
class Summary:
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    reused: int = 0


def codebook_rows(cb: Codebook) -> dict[str, list[dict]]:
    return {
        "events": [{"event_id": e["id"], "name": e["name"], "series_id": e.get("series"), "ordinal": e.get("ordinal"),
                    "date": e.get("date"), "city": e.get("city"), "country_code": e.get("country"), "body_id": e.get("body")}
                   for e in cb.events],
        "entities": [{"entity_id": e["id"], "kind": e["kind"], "name": e["name"], "description": " ".join(e["description"].split()),
                      "parent_id": e.get("parent"), "wikidata_id": e.get("wikidata"), "url": e.get("url")} for e in cb.entities],
        "entity_aliases": [{"entity_id": a.entity_id, "alias": a.alias, "language": a.language, "case_sensitive": a.case_sensitive}
                           for a in cb.aliases],
        "themes": [{"theme_id": t["id"], "parent_id": t.get("parent"), "label": t["label"],
                    "definition": " ".join(t["definition"].split()), "cues": "; ".join(t["cues"])} for t in cb.themes],
    }


def _hash_files(h, files) -> str:
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def inputs_fingerprint(paths: Paths) -> str:
    """Hash of everything besides a statement's own files that its rows depend on."""
    # events.yaml is left out: a statement's rows only need its event to exist, which the
    # build checks for every statement, cached or not; adding an event re-annotates nothing.
    files = [*sorted(paths.codebook.rglob("*.yaml")), *sorted(paths.profiles.glob("*.yaml")),
             paths.sources / "conventions.yaml",
             *sorted(paths.table_schemas.glob("*.json")), *sorted(_CODE_DIR.rglob("*.py"))]
    return _hash_files(hashlib.sha256(), files)


def _statement_fingerprint(folder: Path, base: str) -> str:
    return _hash_files(hashlib.sha256(base.encode()), sorted(folder.iterdir()))


# --- worker side -------------------------------------------------------------------
_CTX: Context | None = None


def _load_context(paths: Paths) -> Context:
    ctx = Context.load(paths)
    # The codebook, automata and spaCy pipelines live as long as the process: frozen, the garbage
    # collector stops walking them after every few hundred rows (10-30% of the time per statement).
    gc.freeze()
    return ctx


def _init_worker(root: str) -> None:
    global _CTX
    _CTX = _load_context(Paths.at(root))


def _fragments(rows: dict[str, list[dict]], paths: Paths) -> dict[str, bytes]:
    out = {t: csv_rows(paths, t, rows[t]) for t in DOCUMENT_TABLES}
    out["_counts"] = {t: len(rows[t]) for t in DOCUMENT_TABLES}
    out["_json"] = nested.dumps(nested.nest(rows))
    out["_publisher"] = rows["documents"][0]["publisher_id"]
    out["_date"] = rows["documents"][0]["date_published"]
    out["_sha256"] = rows["documents"][0]["sha256"]
    out["_event"] = rows["documents"][0]["event_id"]
    return out


def _cache_file(cache_dir: Path, folder: Path, fingerprint: str) -> Path:
    """The cache entry of one statement is named by its inputs' fingerprint: a hit is a file that exists."""
    return cache_dir / f"{folder.name}.{fingerprint[:32]}.pickle"


def _load_cached(path: Path) -> dict:
    with path.open("rb") as fh:
        return pickle.load(fh)


def process_folder(folder: Path, fingerprint: str | None, cache_dir: Path | None) -> dict:
    """Rows of one statement as CSV fragments, stored in the cache under its fingerprint."""
    ctx = _CTX
    src = load_source(ctx.paths, folder)
    frags = _fragments(document.process(src, ctx), ctx.paths)
    if cache_dir is not None:
        cache_file = _cache_file(cache_dir, folder, fingerprint)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(frags, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    return frags


def _process_star(args):
    return process_folder(*args)


# --- orchestration -----------------------------------------------------------------
def build(paths: Paths, out_root: Path | None = None, jobs: int | None = None, use_cache: bool = True, progress=None) -> Summary:
    """Build data/ and datapackage.json under out_root (default: the project root).

    `progress(n)`, if given, is called as each statement is written.
    """
    out_root = Path(out_root or paths.root)
    meta = load_package_meta(paths)
    ctx = _load_context(paths)
    # Sorted here, whatever order the listing gave: rows are written in document-id order.
    folders = sorted(statement_folders(paths), key=lambda f: f.name)
    if not folders:
        raise InputError("there are no statements", paths.rel(paths.statements), fix="add one with `cybergov add FILE`")
    base = inputs_fingerprint(paths)
    cache_dir = paths.cache / "statements" if use_cache else None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprints = [_statement_fingerprint(f, base) if cache_dir else None for f in folders]
    jobs = jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(folders)))

    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_root))
    try:
        summary = _write_all(paths, ctx, meta, folders, fingerprints, cache_dir, jobs, staging, progress)
        _swap_in(staging, out_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        gc.unfreeze()  # the caller (a test session, say) collects as usual again
    if cache_dir is not None:
        _prune_cache(cache_dir, {_cache_file(cache_dir, f, fp).name for f, fp in zip(folders, fingerprints)})
    return summary


# Below this many statements to process, a process pool costs more to start than it saves.
POOL_MIN = 16


def _results(ctx: Context, folders: list[Path], fingerprints: list, cache_dir: Path | None, jobs: int):
    """(fragments, reused) per statement, in folder order.

    Cached statements are read here, in the main process; only the others go to the
    workers, so adding one statement to a large corpus does not start a pool at all.
    """
    global _CTX
    hits = [cache_dir is not None and _cache_file(cache_dir, f, fp).is_file() for f, fp in zip(folders, fingerprints)]
    todo = [(f, fp, cache_dir) for f, fp, hit in zip(folders, fingerprints, hits) if not hit]

    def merged(fresh):  # cached entries are loaded one at a time, when their turn comes
        for f, fp, hit in zip(folders, fingerprints, hits):
            yield (_load_cached(_cache_file(cache_dir, f, fp)), True) if hit else (next(fresh), False)

    if jobs == 1 or len(todo) < POOL_MIN:
        _CTX = ctx
        yield from merged(map(_process_star, todo))
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(str(ctx.paths.root),)) as pool:
        # Results come back in the order of `todo`, so the tables are written in a stable order.
        yield from merged(pool.map(_process_star, todo, chunksize=max(1, min(64, len(todo) // (jobs * 8) or 1))))


class _HashingFile:
    """A file written once, whose size and SHA-256 are known when it is closed (no second read)."""

    def __init__(self, path: Path):
        self._fh = path.open("wb")
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._fh.write(data)
        self.sha256.update(data)
        self.size += len(data)

    def close(self) -> None:
        self._fh.close()


def _write_all(paths, ctx, meta, folders, fingerprints, cache_dir, jobs, staging: Path, progress) -> Summary:
    data_dir = staging / "data"
    data_dir.mkdir()
    summary = Summary(rows={t: 0 for t in TABLES})
    handles = {t: _HashingFile(data_dir / f"{t}.csv") for t in TABLES}
    for table, rows in codebook_rows(ctx.codebook).items():
        handles[table].write(csv_rows(paths, table, rows, header=True))
        handles[table].close()
        summary.rows[table] = len(rows)
    jsonl = (data_dir / JSONL).open("wb")
    publishers, dates, seen_sha = set(), [], {}
    try:
        for t in DOCUMENT_TABLES:
            handles[t].write(csv_rows(paths, t, [], header=True))
        for folder, (frags, reused) in zip(folders, _results(ctx, folders, fingerprints, cache_dir, jobs)):
            if frags["_sha256"] in seen_sha:
                raise InputError(f"the source is the same file as that of {seen_sha[frags['_sha256']]} (same sha256)",
                                 paths.rel(folder), fix="remove one of the two statements: a statement is added once")
            seen_sha[frags["_sha256"]] = folder.name
            if frags["_event"] is not None and frags["_event"] not in ctx.event_ids:
                raise InputError(f"event: {frags['_event']!r} is not in sources/events.yaml", paths.rel(folder / "metadata.yaml"),
                                 fix="add the event to sources/events.yaml or set event to null")
            for t in DOCUMENT_TABLES:
                handles[t].write(frags[t])
                summary.rows[t] += frags["_counts"][t]
            jsonl.write(frags["_json"])
            publishers.add(frags["_publisher"])
            dates.append(frags["_date"])
            summary.documents += 1
            summary.reused += reused
            if progress:
                progress(1)
    finally:
        for t in DOCUMENT_TABLES:
            handles[t].close()
        jsonl.close()
    by_id = {e["id"]: e for e in ctx.codebook.entities}
    # `created` comes from the inputs, not the clock, so that the file is reproducible.
    created = f"{max(dates)}T00:00:00Z"
    files = {t: (h.size, h.sha256.hexdigest()) for t, h in handles.items()}
    package = datapackage(paths, files, meta, created, [by_id[p] for p in sorted(publishers)])
    (staging / "datapackage.json").write_bytes(dump(package))
    schema = nested.json_schema(lambda t: load_schema(paths.table_schemas, t))
    (staging / "statement.schema.json").write_bytes((json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode())
    (staging / "CODEBOOK.md").write_text(codebook_md.render(paths, ctx.codebook), encoding="utf-8")
    return summary


def _swap_in(staging: Path, out_root: Path) -> None:
    """Replace data/ and datapackage.json by the staged ones, keeping the old until the new are in place."""
    data, old = out_root / "data", out_root / f".data-old-{os.getpid()}"
    if data.exists():
        os.replace(data, old)
    try:
        os.replace(staging / "data", data)
    except OSError:
        if old.exists():
            os.replace(old, data)
        raise
    os.replace(staging / "datapackage.json", out_root / "datapackage.json")
    (out_root / "schemas").mkdir(exist_ok=True)
    os.replace(staging / "statement.schema.json", out_root / "schemas" / "statement.schema.json")
    os.replace(staging / "CODEBOOK.md", out_root / "CODEBOOK.md")
    shutil.rmtree(old, ignore_errors=True)


def _prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Drop entries of removed statements and of inputs that have since changed."""
    for f in cache_dir.glob("*.pickle"):
        if f.name not in keep:
            f.unlink(missing_ok=True)
