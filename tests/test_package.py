"""The package as a whole: evidence on every row, freshness, determinism, metadata."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE, copy_project, differing, rows, tree_digest
from cybergov import pipeline
from cybergov.package.tables import EXTRA_SPANS, SPAN_TEXT, TABLES


def test_offset_invariant_on_every_row(built):
    texts = {d["document_id"]: d["text"] for d in rows(built, "documents")}
    checked = 0
    for table, column in SPAN_TEXT.items():
        for r in rows(built, table):
            text = texts[r["document_id"]]
            assert text[int(r["char_start"]):int(r["char_end"])] == r[column], (table, r)
            for s, e, col in EXTRA_SPANS.get(table, []):
                assert text[int(r[s]):int(r[e])] == r[col], (table, col, r)
            checked += 1
    assert checked > 300


def test_every_coded_value_carries_sentence_and_method(built):
    for table in ("sentence_themes", "mentions", "stances", "proposals", "quantities", "errata"):
        for r in rows(built, table):
            assert r["sentence_id"].startswith(r["document_id"] + "/p")
            assert r["method"] in ("rule", "curated")


def test_committed_outputs_equal_a_fresh_build(full):
    """data/, datapackage.json, CODEBOOK.md and the generated JSON Schema are what the sources produce."""
    stale = differing(tree_digest(full.data), tree_digest(ROOT / "data"))
    assert not stale, f"data/ is stale ({', '.join(stale)}): run `cybergov build` and commit"
    for made, committed in ((full.datapackage, ROOT / "datapackage.json"),
                            (full.schemas / "statement.schema.json", ROOT / "schemas" / "statement.schema.json"),
                            (full.root / "CODEBOOK.md", ROOT / "CODEBOOK.md")):
        same = hashlib.sha256(made.read_bytes()).digest() == hashlib.sha256(committed.read_bytes()).digest()
        assert same, f"{committed.relative_to(ROOT)} is stale: run `cybergov build` and commit"


def test_codebook_md_documents_every_field_and_theme(built):
    text = (built.root / "CODEBOOK.md").read_text(encoding="utf-8")
    from cybergov.package.tables import load_schema

    for table in TABLES:
        for f in load_schema(built.table_schemas, table)["fields"]:
            assert f"| `{f['name']}` |" in text
    for t in rows(built, "themes"):
        assert f"`{t['theme_id']}`: {t['label']}" in text


def test_build_is_deterministic_and_independent_of_input_order(tmp_path, monkeypatch):
    a = copy_project(tmp_path / "a")
    pipeline.build(a, jobs=1, use_cache=False)
    first = tree_digest(a.data)
    # The same inputs listed in reverse order, processed by two workers: the same bytes.
    b = copy_project(tmp_path / "b")
    real = pipeline.statement_folders
    monkeypatch.setattr(pipeline, "statement_folders", lambda p: list(reversed(real(p))))
    pipeline.build(b, jobs=2, use_cache=False)
    assert tree_digest(b.data) == first
    assert (a.datapackage).read_bytes() == (b.datapackage).read_bytes()


def test_cached_rebuild_gives_the_same_bytes(tmp_path):
    p = copy_project(tmp_path / "p")
    pipeline.build(p, jobs=1)
    first = tree_digest(p.data)
    summary = pipeline.build(p, jobs=1)
    assert summary.reused == summary.documents == len(SAMPLE)
    assert tree_digest(p.data) == first


def test_datapackage_descriptor(built):
    pkg = json.loads(built.datapackage.read_text(encoding="utf-8"))
    assert pkg["name"] == "cybergov"
    assert pkg["version"].count(".") == 2
    assert pkg["created"] == "2025-05-01T00:00:00Z"  # the latest statement date, not the clock
    assert [r["name"] for r in pkg["resources"]] == list(TABLES)
    for res in pkg["resources"]:
        raw = (built.root / res["path"]).read_bytes()
        assert res["bytes"] == len(raw)
        assert res["hash"].startswith("sha256:") and len(res["hash"]) == 7 + 64
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
        schema = json.loads((built.root / res["schema"]).read_text(encoding="utf-8"))
        assert schema["title"] and schema["description"] and schema["primaryKey"]
        assert all(f.get("title") and f.get("description") for f in schema["fields"])
        assert raw.split(b"\n", 1)[0].decode() == ",".join(f["name"] for f in schema["fields"])
    assert {s["title"] for s in pkg["sources"]} >= {"Ministry of Foreign Affairs of the People's Republic of China"}


def test_frictionless_cli_accepts_the_package(built):
    # `make test` validates the committed package itself (`cybergov validate`); here the CLI on the sample.
    exe = Path(sys.executable).parent / "frictionless"
    out = subprocess.run([str(exe), "validate", "datapackage.json"], cwd=built.root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]


def test_source_bytes_are_kept_and_checksummed(built):
    for d in rows(built, "documents"):
        raw = (ROOT / d["source_file"]).read_bytes()
        import hashlib

        assert hashlib.sha256(raw).hexdigest() == d["sha256"]
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if seeds:  # the project's copies are byte-for-byte those of the seeds
        ours = {p.read_bytes() for p in (ROOT / "sources" / "statements").glob("*/source.txt")}
        assert {p.read_bytes() for p in seeds} <= ours
