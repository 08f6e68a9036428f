"""`cybergov validate`: frictionless on the package, then what frictionless cannot check.

1. frictionless: types, constraints, primary and foreign keys, bytes and hashes.
2. Evidence: for every row with offsets, documents.text[char_start:char_end] equals its
   text, surface or quote; children lie inside their parents; paragraphs and sentences
   do not overlap and sentences cover their paragraph apart from whitespace.
3. The nested view: every line of dist/statements.jsonl (written by the build) against its JSON Schema.
4. The sources (sourcecheck.py): read as the build reads them, and the same statements as data/.
Every problem is collected and reported; the exit code is non-zero if there is one.
"""
from __future__ import annotations

import datetime as dt
import gc
import json
from collections import defaultdict

import jsonschema
import orjson

from ..paths import Paths
from .problems import Report
from .sourcecheck import sources_check
from .tables import CALENDAR, EXTRA_SPANS, SPAN_TEXT, read_csv


def frictionless_check(paths: Paths, report: Report) -> None:
    from frictionless import Package, system

    with system.use_context(trusted=False):
        package = Package(str(paths.datapackage), basepath=str(paths.root))
        result = package.validate()
    for task in result.tasks:
        for err in task.errors:
            report.add("frictionless", task.name or "package", getattr(err, "row_number", None),
                       getattr(err, "field_name", None) or None, f"{err.type}: {err.message}", err.type)
    for err in result.errors:
        report.add("frictionless", "package", None, None, f"{err.type}: {err.message}", err.type)
    report.checked["frictionless rows"] = sum(t.stats.get("rows", 0) or 0 for t in result.tasks)


def _int(value: str):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def evidence_check(paths: Paths, report: Report) -> None:
    data = paths.data
    texts = {r["document_id"]: r["text"] for r in read_csv(data / "documents.csv")}
    parents = {"paragraphs": {}, "sentences": {}}
    count = 0
    for table, column in SPAN_TEXT.items():
        path = data / f"{table}.csv"
        if not path.is_file():
            report.add("evidence", table, None, None, "file is missing")
            continue
        spans_by_parent = defaultdict(list)
        for rowno, r in enumerate(read_csv(path), start=2):
            count += 1
            text = texts.get(r["document_id"])
            if text is None:
                report.add("evidence", table, rowno, "document_id", f"no document {r['document_id']!r}")
                continue
            for s_key, e_key, col in [("char_start", "char_end", column), *EXTRA_SPANS.get(table, [])]:
                s, e = _int(r.get(s_key)), _int(r.get(e_key))
                if s is None or e is None or not 0 <= s < e <= len(text):
                    report.add("evidence", table, rowno, s_key, f"span [{r.get(s_key)}, {r.get(e_key)}) is not inside the document text")
                elif text[s:e] != r[col]:
                    report.add("evidence", table, rowno, col, f"documents.text[{s}:{e}] is {text[s:e][:60]!r}, not {r[col][:60]!r}")
            s, e = _int(r["char_start"]), _int(r["char_end"])
            if s is None or e is None:
                continue
            if table == "paragraphs":
                parents["paragraphs"][r["paragraph_id"]] = (s, e, r["document_id"])
                spans_by_parent[r["document_id"]].append((s, e, rowno))
            elif table == "sentences":
                parents["sentences"][r["sentence_id"]] = (s, e, r["document_id"])
                parent = parents["paragraphs"].get(r["paragraph_id"])
                if parent is None:
                    report.add("evidence", table, rowno, "paragraph_id", f"no paragraph {r['paragraph_id']!r}")
                elif not (parent[0] <= s and e <= parent[1]):
                    report.add("evidence", table, rowno, "char_start", f"sentence [{s}, {e}) is outside its paragraph [{parent[0]}, {parent[1]})")
                spans_by_parent[r["paragraph_id"]].append((s, e, rowno))
            else:
                parent = parents["sentences"].get(r["sentence_id"])
                if parent is None:
                    report.add("evidence", table, rowno, "sentence_id", f"no sentence {r['sentence_id']!r}")
                elif not (parent[0] <= s and e <= parent[1]):
                    report.add("evidence", table, rowno, "char_start", f"[{s}, {e}) is outside its sentence [{parent[0]}, {parent[1]})")
        if table in ("paragraphs", "sentences"):
            _check_tiling(table, spans_by_parent, texts, parents["paragraphs"], report)
    report.checked["evidence rows"] = count


def calendar_check(paths: Paths, report: Report) -> None:
    """Dates given to the day are days of the calendar (the Table Schema's pattern admits 2024-02-30)."""
    for table, column in CALENDAR.items():
        path = paths.data / f"{table}.csv"
        if not path.is_file():
            continue
        for rowno, r in enumerate(read_csv(path), start=2):
            value = r.get(column) or ""
            if len(value) == 10:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    report.add("evidence", table, rowno, column, f"{value!r} is not a calendar date")


def _check_tiling(table, spans_by_parent, texts, paragraphs, report: Report) -> None:
    """No overlaps; sentences cover their paragraph apart from whitespace."""
    for parent_id, spans in spans_by_parent.items():
        spans.sort()
        for (s1, e1, _), (s2, e2, row2) in zip(spans, spans[1:]):
            if s2 < e1:
                report.add("evidence", table, row2, "char_start", f"[{s2}, {e2}) overlaps [{s1}, {e1}) in {parent_id}")
        if table == "sentences" and parent_id in paragraphs:
            ps, pe, doc_id = paragraphs[parent_id]
            text = texts[doc_id]
            pos = ps
            for s, e, rowno in spans:
                if text[pos:s].strip():
                    report.add("evidence", table, rowno, "char_start", f"text {text[pos:s][:40]!r} of {parent_id} is in no sentence")
                pos = max(pos, e)
            if text[pos:pe].strip():
                report.add("evidence", table, None, None, f"text {text[pos:pe][:40]!r} at the end of {parent_id} is in no sentence")


def nested_check(paths: Paths, report: Report, fast: bool = False) -> None:
    """Each line of statements.jsonl against its schema: python-jsonschema by default, the
    Rust implementation of the same draft with --fast."""
    schema_path = paths.schemas / "statement.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    if fast:
        import jsonschema_rs

        validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    else:
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    if not paths.nested.is_file():
        report.notes.append(f"{paths.rel(paths.nested)} is not built here (it is not committed): run `cybergov build` to check it too")
        return
    ids = [r["document_id"] for r in read_csv(paths.data / "documents.csv")]
    seen = []
    # Parsed JSON holds no cycles (reference counting frees each line): no garbage collection meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with paths.nested.open("rb") as fh:
            for lineno, line in enumerate(fh, start=1):
                obj = orjson.loads(line)
                seen.append(obj.get("document_id"))
                if validator.is_valid(obj):
                    continue
                for err in validator.iter_errors(obj):
                    where = "/".join(map(str, err.absolute_path if hasattr(err, "absolute_path") else err.instance_path))
                    report.add("json", "statements.jsonl", lineno, where or None, err.message)
    finally:
        if collecting:
            gc.enable()
    if seen != ids:
        report.add("json", "statements.jsonl", None, "document_id", "the documents are not those of documents.csv, in the same order")
    report.checked["json documents"] = len(seen)


def validate(paths: Paths, fast: bool = False) -> Report:
    report = Report()
    if not paths.datapackage.is_file():
        report.add("package", "datapackage.json", None, None, "missing: run `cybergov build` first")
        return report
    if not paths.data.is_dir():
        report.add("package", "data", None, None, "missing: run `cybergov build` first")
        return report
    if fast:
        from concurrent.futures import ThreadPoolExecutor

        from .fastcheck import fast_check

        # DuckDB releases the GIL, so the JSON check and the sources check run beside it, each
        # into a report of its own, merged after: the output keeps its order whichever finishes first.
        nested, sources = Report(), Report()
        with ThreadPoolExecutor(max_workers=2) as pool:
            running = [pool.submit(nested_check, paths, nested, True), pool.submit(sources_check, paths, sources)]
            fast_check(paths, report)  # the frictionless and the evidence checks, in DuckDB
            for future in running:
                future.result()
        report.problems += nested.problems
        report.problems.sort(key=lambda p: (p.check, p.resource, p.row or 0, p.field or ""))
        report.problems += sources.problems  # last, as in the full check
        for part in (nested, sources):
            report.checked.update(part.checked)
            report.notes += part.notes
    else:
        frictionless_check(paths, report)
        evidence_check(paths, report)
        calendar_check(paths, report)
        nested_check(paths, report)
        sources_check(paths, report)
    return report
