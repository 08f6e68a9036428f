"""Bad input stops the build with one clear message, a non-zero exit and data/ untouched."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS, tree_digest

CLI = str(Path(sys.executable).parent / "cybergov")


def run_build(paths) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "--root", str(paths.root), "build", "--jobs", "1", "--no-cache"], capture_output=True, text=True)


def folder(paths, which: str) -> Path:
    return paths.statements / SEEDS[which]


def set_source(paths, which: str, raw: bytes) -> None:
    """Replace a source and record its checksum, as a maintainer replacing a file would."""
    f = folder(paths, which)
    (f / "source.txt").write_bytes(raw)
    meta = (f / "metadata.yaml").read_text(encoding="utf-8")
    old = next(line for line in meta.splitlines() if line.startswith("sha256:"))
    (f / "metadata.yaml").write_text(meta.replace(old, f"sha256: {hashlib.sha256(raw).hexdigest()}"), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_refused(paths, *needles: str) -> str:
    before = tree_digest(paths.data), paths.datapackage.read_bytes()
    out = run_build(paths)
    assert out.returncode != 0
    message = out.stderr
    assert message.startswith("error: "), message
    assert message.count("error: ") == 1  # one message, not a traceback
    assert "Traceback" not in message and "fix:" in message
    for needle in needles:
        assert needle in message, message
    assert (tree_digest(paths.data), paths.datapackage.read_bytes()) == before, "a failed build changed data/"
    assert not list(paths.root.glob(".build-*")), "a failed build left its staging folder"
    return message


def test_empty_source(project):
    set_source(project, "readout", b"")
    assert_refused(project, f"sources/statements/{SEEDS['readout']}/source.txt", "empty")


def test_whitespace_only_source(project):
    set_source(project, "readout", b"  \n\n \n")
    assert_refused(project, "source.txt", "empty")


def test_non_utf8_source_names_the_line(project):
    raw = (folder(project, "remarks") / "source.txt").read_bytes()
    bad = raw.replace(b"President,", "Président,".encode("latin-1"), 1)
    set_source(project, "remarks", bad)
    assert_refused(project, "source.txt:7:", "not valid utf-8", "encoding")


def test_binary_source(project):
    set_source(project, "readout", b"%PDF-1.7\n\x00\x01\x02binary")
    assert_refused(project, "source.txt:2:", "binary")


def test_edited_source_fails_the_checksum(project):
    path = folder(project, "readout") / "source.txt"
    path.write_bytes(path.read_bytes().replace(b"technolog,", b"technology,"))
    assert_refused(project, "sha256", "byte-for-byte")


def test_malformed_metadata_yaml(project):
    edit(folder(project, "remarks") / "metadata.yaml", "genre: remarks", "genre: [remarks")
    assert_refused(project, f"{SEEDS['remarks']}/metadata.yaml:", "invalid YAML")


def test_metadata_with_unknown_key_and_line(project):
    edit(folder(project, "remarks") / "metadata.yaml", "genre: remarks", "genre: remarks\nspeaker_mood: calm")
    assert_refused(project, "metadata.yaml:8:", "speaker_mood")


def test_metadata_with_yaml_tag_is_refused(project):
    edit(folder(project, "remarks") / "metadata.yaml", "source_url: null", "source_url: !!python/object/apply:os.system ['true']")
    assert_refused(project, "metadata.yaml:9:", "tag")


def test_metadata_date_contradicting_the_page(project):
    edit(folder(project, "remarks") / "metadata.yaml", "retrieved: null", "retrieved: null\ndate_published: 2024-06-21")
    assert_refused(project, "metadata.yaml:11:", "2024-06-21", "2024-06-20")


def test_publisher_contradicting_the_page_layout(project):
    edit(folder(project, "remarks") / "metadata.yaml", "publisher: china-un-mission", "publisher: mfa-china")
    assert_refused(project, "metadata.yaml:6:", "china-un-mission")


def test_unknown_speaker_entity(project):
    edit(folder(project, "remarks") / "metadata.yaml", "entity: fu-cong", "entity: fu-kong")
    assert_refused(project, "metadata.yaml", "fu-kong", "entities.yaml")


def test_curated_quote_not_in_text(project):
    edit(folder(project, "remarks") / "curated.yaml", "quote: non=use", "quote: non-use")
    assert_refused(project, "curated.yaml:3:", "'non-use' is not in the text")


def test_curated_quote_found_twice(project):
    edit(folder(project, "readout") / "curated.yaml", "    context: progress of AI technolog,\n", "")
    edit(folder(project, "readout") / "curated.yaml", "quote: technolog", "quote: AI")
    assert_refused(project, "curated.yaml:3:", "occurs", "context")


def test_duplicate_entity_id(project):
    path = project.codebook / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- id: brics\n  kind: forum\n  name: Another BRICS\n  description: A second entry with the same id.\n", encoding="utf-8")
    line = text.count("\n") + 1
    assert_refused(project, f"entities.yaml:{line}:", "duplicate entity id 'brics'")


def test_alias_claimed_by_two_entities(project):
    path = project.codebook / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- id: brics-two\n  kind: forum\n  name: Brics Two\n  description: Claims an alias that BRICS has.\n  aliases: [BRICS]\n", encoding="utf-8")
    assert_refused(project, "entities.yaml:", "alias 'BRICS'", "already an alias of 'brics'")


def test_duplicate_statement(project):
    src = folder(project, "readout")
    dup = project.statements / "2025-05-02-copy-of-readout"
    dup.mkdir()
    (dup / "source.txt").write_bytes((src / "source.txt").read_bytes())
    (dup / "metadata.yaml").write_text((src / "metadata.yaml").read_text(encoding="utf-8").replace(SEEDS["readout"], dup.name), encoding="utf-8")
    assert_refused(project, "same sha256")


def test_invalid_codebook_value_names_line(project):
    themes = project.codebook / "themes.yaml"
    edit(themes, "- id: threats\n  parent: null", "- id: threats\n  parent: 7")
    line = themes.read_text(encoding="utf-8").splitlines().index("  parent: 7") + 1
    assert_refused(project, f"themes.yaml:{line}:", "not of type")


def test_unknown_event_is_refused_even_from_the_cache(project):
    subprocess.run([CLI, "--root", str(project.root), "build", "--jobs", "1"], check=True, capture_output=True)
    edit(project.sources / "events.yaml", "- id: 2024-06-20-unsc-briefing-cybersecurity", "- id: 2024-06-20-unsc-briefing")
    out = subprocess.run([CLI, "--root", str(project.root), "build", "--jobs", "1"], capture_output=True, text=True)
    assert out.returncode != 0 and "2024-06-20-unsc-briefing-cybersecurity" in out.stderr and "metadata.yaml" in out.stderr
