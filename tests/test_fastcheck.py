"""`validate --fast` (DuckDB) finds exactly the defects frictionless finds."""
from __future__ import annotations

import csv
import io

from cybergov.package.fastcheck import fast_check
from cybergov.package.problems import Report
from cybergov.package.validate import evidence_check, frictionless_check


def _edit(paths, table, change) -> None:
    path = paths.data / f"{table}.csv"
    data = list(csv.reader(path.open(encoding="utf-8", newline="")))
    change(data)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(data)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _keys(report):
    return {(p.resource, p.row, p.field, p.code) for p in report.problems}


def _both(paths):
    a, b = Report(), Report()
    frictionless_check(paths, a)
    fast_check(paths, b, evidence=False)
    return _keys(a), _keys(b)


def test_both_accept_the_valid_package(project):
    slow, fast = _both(project)
    assert slow == fast == set()


def test_one_defect_of_each_kind(project):
    _edit(project, "documents", lambda r: r[1].__setitem__(5, "2025-13-01"))        # type: date
    _edit(project, "sentences", lambda r: r[2].__setitem__(3, "x"))                 # type: integer
    _edit(project, "paragraphs", lambda r: r[2].__setitem__(3, "preamble"))         # constraint: enum
    _edit(project, "mentions", lambda r: (r[2].__setitem__(3, ""),                  # constraint: required
                                          r[4].__setitem__(3, "Bad ID")))            # a bad value that is also in entities
    _edit(project, "entities", lambda r: r[3].__setitem__(0, "Bad ID"))             # constraint: pattern (and the foreign keys to it)
    _edit(project, "quantities", lambda r: r[1].__setitem__(7, "-5"))               # constraint: minimum
    _edit(project, "sentence_themes", lambda r: r[3].__setitem__(1, "Bad Theme"))   # constraint: pattern of a repeated column
    _edit(project, "themes", lambda r: r.append(list(r[1])))                        # unique and primary key
    _edit(project, "stances", lambda r: r[1].__setitem__(3, "nobody"))              # foreign key
    _edit(project, "errata", lambda r: r[1].append("extra"))                        # extra cell
    _edit(project, "events", lambda r: r[1].pop())                                  # missing cell
    _edit(project, "proposals", lambda r: [x.pop() for x in r])                     # missing column
    _edit(project, "document_speakers", lambda r: [x.append("z") for x in r])       # extra column
    # Every edit above also changes bytes and hash; events.csv keeps its size on purpose below.
    slow, fast = _both(project)
    assert slow == fast
    codes = {k[3] for k in slow}
    assert codes >= {"type-error", "constraint-error", "unique-error", "primary-key", "foreign-key", "extra-cell",
                     "missing-cell", "missing-label", "extra-label", "hash-count", "byte-count"}


def test_hash_only_defect(project):
    path = project.data / "themes.csv"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"Conduct of the meeting", b"Conduct of the meetinG"))  # same size, other hash
    slow, fast = _both(project)
    assert slow == fast == {("themes", None, None, "hash-count")}


def test_evidence_checks_agree(project):
    """The SQL evidence checks report the same rows and fields as the Python ones."""
    _edit(project, "sentences", lambda r: (r[3].__setitem__(4, str(int(r[3][4]) + 3)),   # gap before it, text differs
                                           r[7].__setitem__(5, str(int(r[7][5]) + 40)),  # runs past its paragraph and into the next
                                           r[9].__setitem__(4, "x")))                    # not a number
    _edit(project, "mentions", lambda r: (r[1].__setitem__(4, str(int(r[1][4]) - 1)), r[2].__setitem__(1, r[2][1] + "9")))
    _edit(project, "stances", lambda r: r[1].__setitem__(7, str(int(r[1][7]) + 1)))     # cue offset
    _edit(project, "quantities", lambda r: r[1].__setitem__(2, "no-such-document"))
    a, b = Report(), Report()
    evidence_check(project, a)
    fast_check(project, b)
    slow = {(p.resource, p.row, p.field) for p in a.problems}
    fast = {(p.resource, p.row, p.field) for p in b.problems if p.check == "evidence"}
    assert slow == fast
    assert len(slow) >= 8


def test_empty_and_repeated_keys(project):
    """Empty key cells (frictionless: a primary-key error on every such row) and a repeated composite key."""
    _edit(project, "mentions", lambda r: (r[1].__setitem__(0, ""), r[2].__setitem__(0, "")))
    _edit(project, "sentence_themes", lambda r: r.append(list(r[1])))
    _edit(project, "document_speakers", lambda r: r.append([r[1][0], "01", *r[1][2:]]))  # "01" is the integer 1 again
    slow, fast = _both(project)
    assert slow == fast
    assert ("mentions", 2, None, "primary-key") in slow and ("mentions", 3, None, "primary-key") in slow
    assert any(k[0] == "sentence_themes" and k[3] == "primary-key" for k in slow)
    assert any(k[0] == "document_speakers" and k[3] == "primary-key" for k in slow)
