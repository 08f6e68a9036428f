"""Hand edits that bite (issue 16): each refused at once with one message naming the file and
the line, the previous outputs untouched; and `validate` notices sources that no longer make
the committed data."""
from __future__ import annotations

import os
import shutil
import time

import pytest
from conftest import SEEDS, tree_digest
from cybergov.errors import InputError
from cybergov.package.validate import validate
from cybergov.pipeline import build
from test_bad_input import assert_refused, edit, folder

BOMB = """  &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def refused(paths, *needles: str) -> str:
    """The build, in this process, stops with one short InputError; data/ is as it was."""
    before = tree_digest(paths.data), paths.datapackage.read_bytes()
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        build(paths, jobs=1, use_cache=False)
    message = str(caught.value)
    assert time.monotonic() - start < 60
    assert len(message) < 1500 and "fix:" in message, message[:3000]
    for needle in needles:
        assert needle in message, message
    assert (tree_digest(paths.data), paths.datapackage.read_bytes()) == before
    assert not list(paths.root.glob(".build-*"))
    return message


def test_an_alias_bomb_in_a_statements_notes_is_refused_at_its_line(project):
    meta = folder(project, "readout") / "metadata.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "notes:" + BOMB, encoding="utf-8")
    lines = meta.read_text(encoding="utf-8").count("\n")
    message = assert_refused(project, "metadata.yaml:", "alias")
    assert f"metadata.yaml:{lines - 7}:" in message  # the line of b, the first to use an alias


def test_an_alias_bomb_in_a_curated_note_is_refused(project):
    curated = folder(project, "readout") / "curated.yaml"
    curated.write_text(curated.read_text(encoding="utf-8") + "x:" + BOMB, encoding="utf-8")
    refused(project, "curated.yaml:", "alias")


def test_a_merge_key_is_refused_too(project):
    curated = folder(project, "readout") / "curated.yaml"
    curated.write_text("base: &x {quote: a}\nother:\n  <<: *x\n" + curated.read_text(encoding="utf-8"), encoding="utf-8")
    refused(project, "curated.yaml:3:", "alias")


@pytest.mark.parametrize("cue", ['"   "', '"**"'])
def test_a_cue_of_spaces_or_punctuation_is_refused_with_its_line(project, cue):
    themes = project.codebook / "themes.yaml"
    edit(themes, "    - malicious\n", f"    - {cue}\n")
    line = next(i for i, text in enumerate(themes.read_text(encoding="utf-8").splitlines(), 1) if text == f"    - {cue}")
    refused(project, f"sources/codebook/themes.yaml:{line}:")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
def test_source_url_is_http_or_https_only(project, url):
    meta = folder(project, "readout") / "metadata.yaml"
    edit(meta, "source_url: null", f'source_url: "{url}"')
    refused(project, "metadata.yaml:", "source_url")


def test_a_symlinked_source_is_refused(project):
    source = folder(project, "readout") / "source.txt"
    outside = project.root.parent / "elsewhere.txt"
    shutil.copy2(source, outside)
    source.unlink()
    os.symlink(outside, source)
    refused(project, "source.txt", "symbolic link")


def test_a_symlinked_statement_folder_is_refused(project):
    src = folder(project, "readout")
    outside = project.root.parent / SEEDS["readout"]
    shutil.move(src, outside)
    os.symlink(outside, src)
    refused(project, SEEDS["readout"], "symbolic link")


def test_a_long_value_is_cut_in_the_message(project):
    meta = folder(project, "readout") / "metadata.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "notes: [" + "x" * 200_000 + "]\n", encoding="utf-8")
    message = refused(project, "metadata.yaml:", "notes")
    assert "characters in all" in message


def test_validate_says_when_the_sources_no_longer_make_the_data(project):
    report = validate(project, fast=True)
    assert report.ok and report.checked["sources"] == len(list(project.statements.iterdir()))
    assert any("not made again" in n for n in report.notes)
    edit(project.codebook / "themes.yaml", "    - malicious\n", '    - "**"\n')
    report = validate(project, fast=True)
    assert not report.ok and "the sources do not build" in report.render() and "themes.yaml:" in report.render()
    edit(project.codebook / "themes.yaml", '    - "**"\n', "    - malicious\n")
    shutil.rmtree(folder(project, "remarks"))
    report = validate(project, fast=True)
    assert not report.ok and f"{SEEDS['remarks']} has no statement folder any more" in report.render()


def test_validate_reads_again_only_what_changed_since_the_build(project):
    """The statements the last build read, unchanged since, are known from .cache/; an edited one is read."""
    build(project, jobs=1)
    report = validate(project, fast=True)
    assert report.ok and report.checked["sources read again"] == 0
    meta = folder(project, "remarks") / "metadata.yaml"
    event = next(line for line in meta.read_text(encoding="utf-8").splitlines() if line.startswith("event:"))
    edit(meta, event, "event: no-such-meeting")
    report = validate(project, fast=True)
    assert report.checked["sources read again"] == 1
    assert not report.ok and "event 'no-such-meeting' is not in sources/events.yaml" in report.render()


def test_a_theme_context_that_names_no_shared_list_is_refused_at_its_line(project):
    path = project.codebook / "themes.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  context: ict\n" in text
    line = text[:text.index("  context: ict\n")].count("\n") + 1
    path.write_text(text.replace("  context: ict\n", "  context: ict_typo\n", 1), encoding="utf-8")
    refused(project, f"themes.yaml:{line}:", "ict_typo", "contexts.yaml")
