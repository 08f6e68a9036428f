"""`cybergov validate` finds injected defects and names them."""
from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from conftest import SEEDS
from cybergov.package.validate import validate


def _edit(paths, table: str, change) -> None:
    """Rewrite one CSV through `change(rows)` and keep bytes and hash in the descriptor right,
    so that only the defect itself is reported."""
    path = paths.data / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, data = reader.fieldnames, list(reader)
    change(data)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(data)
    path.write_text(buf.getvalue(), encoding="utf-8")
    pkg = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        if res["name"] == table:
            res["bytes"] = path.stat().st_size
            res["hash"] = f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}"
    paths.datapackage.write_text(json.dumps(pkg, indent=2), encoding="utf-8")


def test_committed_package_is_valid(project):
    report = validate(project)
    assert report.ok, report.render()
    assert report.checked["frictionless rows"] > 700


@pytest.mark.parametrize("table, change, check, needle", [
    ("sentences", lambda d: d[0].update(document_id="no-such-document"), "frictionless", "foreign-key"),
    ("paragraphs", lambda d: d.append(dict(d[0])), "frictionless", "primary-key"),
    # date_published is ISO 8601 with the source's precision (a pattern), n_chars an integer
    ("documents", lambda d: d[0].update(date_published="2025-13-45"), "frictionless", "constraint-error"),
    ("documents", lambda d: d[0].update(n_chars="many"), "frictionless", "type-error"),
    ("sentences", lambda d: d[3].update(char_end=str(int(d[3]["char_end"]) + 1)), "evidence", "not"),
    ("mentions", lambda d: d[0].update(char_start=str(int(d[0]["char_start"]) - 1)), "evidence", "not"),
])
def test_injected_defects_are_named(project, table, change, check, needle):
    _edit(project, table, change)
    report = validate(project)
    assert not report.ok
    hits = [p for p in report.problems if p.check == check and p.resource == table]
    assert hits, report.render()
    assert any(needle in str(h) for h in hits), report.render()
    assert "INVALID" in report.render()


def test_overlapping_and_uncovering_sentences_are_reported(project):
    def shrink(data):
        s = next(r for r in data if r["document_id"] == SEEDS["remarks"] and r["ordinal"] == "2")
        s["char_start"] = str(int(s["char_start"]) + 5)
        s["text"] = s["text"][5:]

    _edit(project, "sentences", shrink)
    report = validate(project)
    assert any("is in no sentence" in p.message for p in report.problems), report.render()


def test_hash_mismatch_is_reported(project):
    path = project.data / "themes.csv"
    path.write_bytes(path.read_bytes().replace(b"Conduct of the meeting", b"Conduct of the meeting!"))
    report = validate(project)
    assert any(p.resource == "themes" and ("hash" in p.message or "byte" in p.message) for p in report.problems), report.render()


def test_nested_json_is_checked(project):
    path = project.nested
    lines = path.read_text(encoding="utf-8").splitlines()
    obj = json.loads(lines[0])
    obj["paragraphs"][0]["kind"] = "preamble"
    lines[0] = json.dumps(obj, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate(project)
    assert any(p.check == "json" and "preamble" in p.message for p in report.problems), report.render()


def test_fast_mode_checks_the_nested_json_too(project):
    path = project.nested
    lines = path.read_text(encoding="utf-8").splitlines()
    obj = json.loads(lines[1])
    obj["date_published"] = "2024-02-30"
    lines[1] = json.dumps(obj, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fast in (False, True):
        report = validate(project, fast=fast)
        assert [(p.check, p.row, p.field) for p in report.problems] == [("json", 2, "date_published")], report.render()
