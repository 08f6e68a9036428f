"""The synthetic corpus generator for benchmarks (benchmarks/generate.py).

It must be deterministic, write inputs a maintainer would accept (metadata valid against its
schema, right sha256, references that exist), and produce a corpus that the real build and
validate accept.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from cybergov.paths import Paths
from cybergov.sources.codebook import load_codebook
from cybergov.sources.pages import normalise_line
from cybergov.sources.profiles import choose_profile, load_profiles
from cybergov.sources.yamlio import load_yaml

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "generate.py"
CYBERGOV = Path(sys.executable).parent / "cybergov"


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("corpus")
    ids = gen.generate(out, 20, 11)
    return out, ids


def test_same_size_and_seed_give_the_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    ids_a = gen.generate(a, 15, 3)
    ids_b = gen.generate(b, 15, 3)
    gen.generate(c, 15, 4)
    assert ids_a == ids_b
    files_a, files_b = _files(a / "sources"), _files(b / "sources")
    assert files_a == files_b
    assert len([k for k in files_a if k.endswith("source.txt")]) == 15
    # Another seed gives another corpus.
    files_c = _files(c / "sources")
    differ = [k for k in files_a if k.endswith("source.txt") and files_a[k] != files_c.get(k)]
    assert differ


def test_the_cli_writes_a_project_and_refuses_to_overwrite(tmp_path):
    out, twin = tmp_path / "cli", tmp_path / "twin"
    run = [sys.executable, str(SCRIPT), "--size", "6", "--seed", "2", "--out", str(out)]
    env = lambda hashseed: {**os.environ, "PYTHONHASHSEED": hashseed}  # noqa: E731
    assert subprocess.run(run, capture_output=True, text=True, env=env("1")).returncode == 0
    assert len(list((out / "sources" / "statements").iterdir())) == 6
    # Another process with another string hash seed writes the same bytes.
    twin_run = run[:-1] + [str(twin)]
    assert subprocess.run(twin_run, capture_output=True, text=True, env=env("2")).returncode == 0
    assert _files(out / "sources") == _files(twin / "sources")
    for path in ("sources/profiles/fmprc-en.yaml", "sources/codebook/entities.yaml", "sources/conventions.yaml",
                 "sources/package.yaml", "sources/events.yaml", "schemas/inputs/metadata.schema.json"):
        assert (out / path).is_file(), path
    before = _files(out / "sources")
    again = subprocess.run(run, capture_output=True, text=True)
    assert again.returncode == 2 and "already" in again.stderr
    assert subprocess.run(run + ["--force"], capture_output=True, text=True).returncode == 0
    assert _files(out / "sources") == before


def test_metadata_is_what_a_maintainer_would_write(corpus):
    out, ids = corpus
    schema = json.loads((REPO / "schemas" / "inputs" / "metadata.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    events_schema = json.loads((REPO / "schemas" / "inputs" / "events.schema.json").read_text(encoding="utf-8"))
    events = load_yaml(out / "sources" / "events.yaml")
    jsonschema.Draft202012Validator(events_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(events)
    event_ids = [e["id"] for e in events]
    assert len(event_ids) == len(set(event_ids))
    repo_events = [e["id"] for e in load_yaml(REPO / "sources" / "events.yaml")]
    assert event_ids[: len(repo_events)] == repo_events
    entities = {e["id"]: e["kind"] for e in load_codebook(Paths.at(out)).entities}
    site_profiles = load_profiles(Paths.at(out))

    folders = sorted((out / "sources" / "statements").iterdir())
    assert [f.name for f in folders] == sorted(ids) and len(ids) == 20
    digests, languages, publishers = set(), set(), set()
    for folder in folders:
        meta = load_yaml(folder / "metadata.yaml")
        errors = [e.message for e in validator.iter_errors(meta)]
        assert not errors, (folder.name, errors)
        assert meta["document_id"] == folder.name
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", folder.name) and len(folder.name) <= 120
        raw = (folder / meta["source_file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == meta["sha256"]
        assert (meta["encoding"], meta["format"], meta["source_file"]) == ("utf-8", "text", "source.txt")
        assert meta["language"] in ("en", "zh-Hans")
        text = raw.decode("utf-8")
        if meta["language"] == "zh-Hans":
            assert "。" in text and re.search(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", text, re.M)
        assert meta["publisher"] in entities and entities[meta["publisher"]] in ("state_organ", "organisation")
        assert meta["holder"] in entities
        assert all(s["entity"] in entities and entities[s["entity"]] == "person" for s in meta["speakers"])
        assert meta["event"] is None or meta["event"] in event_ids
        # The profile that will read the page (named, or detected as the build does) is the publisher's or the generic one.
        detected = choose_profile(site_profiles, [normalise_line(x) for x in text.splitlines()], meta.get("profile"))
        assert detected.publisher in (None, meta["publisher"]), (folder.name, detected.id)
        if text.startswith("Ministry of Foreign Affairs\n"):
            assert detected.id == "fmprc-en"
        elif text.startswith("Home Meetings & Statements"):
            assert detected.id == "china-un-mission-en"
        elif detected.publisher is None and meta["publisher"] in ("mfa-china", "china-un-mission"):
            assert meta.get("profile") == "generic", "a page of a publisher with a profile of its own names `profile: generic`"
        digests.add(meta["sha256"])
        languages.add(meta["language"])
        publishers.add(meta["publisher"])
    assert len(digests) == len(folders), "two statements have the same bytes"
    assert languages == {"en", "zh-Hans"}
    assert {"mfa-china", "china-un-mission"} <= publishers


def test_the_build_and_validate_accept_the_corpus(corpus):
    out, ids = corpus
    for command in ("build", "validate"):
        run = subprocess.run([str(CYBERGOV), "--root", str(out), command], capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, f"cybergov {command} failed:\n{run.stdout}\n{run.stderr}"
    with (out / "data" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        docs = list(csv.DictReader(fh))
    assert sorted(d["document_id"] for d in docs) == sorted(ids)
    assert {d["language"] for d in docs} == {"en", "zh-Hans"}
    assert {"fmprc-en", "china-un-mission-en", "generic"} <= {d["profile_id"] for d in docs}
    assert all(d["date_published"][:4] >= "2019" for d in docs)
    for table in ("proposals", "quantities", "stances"):
        with (out / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            assert sum(1 for _ in csv.DictReader(fh)) > 0, f"no {table} in the generated corpus"
