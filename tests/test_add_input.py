"""`cybergov add` on bad input: one clear message (file, line where there is one, and the fix),
a non-zero exit, and nothing written; encodings that must be read; the same statement saved
twice; pages no reader should parse; an `add` killed half-way, undone at the next start.
"""
from __future__ import annotations

import codecs
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, copy_project, tree_digest
from test_add import SCRIPTED_HTML
from cybergov import pipeline
from cybergov.cli import main
from cybergov.errors import InputError
from cybergov.intake import journal
from cybergov.paths import Paths
from cybergov.sources.context import Context

FIXTURES = Path(__file__).parent / "fixtures" / "statements"
SEED = "2024-06-20-fu-cong-unsc-cybersecurity"


def cli(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *map(str, args)])


def snapshot(paths: Paths) -> dict:
    return {"sources": tree_digest(paths.sources), "data": tree_digest(paths.data) if paths.data.is_dir() else {}}


def leftovers(paths: Paths) -> list[str]:
    return [p.name for d in (paths.statements, paths.sources, paths.codebook) for p in d.iterdir()
            if p.name.startswith((".add", ".events-"))]


@pytest.fixture
def fresh(tmp_path) -> Paths:
    return copy_project(tmp_path / "project")


# --- bad input: one message, non-zero exit, nothing written ----------------------------

@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Paths:
    """A project copy with its committed outputs, which refused additions must leave as it is."""
    return copy_project(tmp_path_factory.mktemp("clean"), with_outputs=True)


def refused(paths: Paths, args: list, *needles: str) -> str:
    before = snapshot(paths)
    result = cli(paths.root, "add", *args)
    assert result.exit_code != 0, result.output
    message = result.output
    assert message.startswith("error: ") and "fix:" in message, message
    for needle in needles:
        assert needle in message, message
    assert snapshot(paths) == before, "a refused `add` changed sources/ or data/"
    assert not [p for p in paths.statements.iterdir() if p.name.startswith(".")], "a staging folder was left behind"
    assert not leftovers(paths), "a refused `add` left files behind"
    return message


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


STATEMENT = """Permanent Mission of Testland to the United Nations

Statement by Ambassador Ana Example at the Open-ended Working Group on ICT Security

{date}

Mr. Chair,

Testland supports a single, permanent and action-oriented mechanism on ICT security under the United Nations.

Thank you, Mr. Chair.
"""


def test_empty_file(clean, tmp_path):
    refused(clean, [write(tmp_path, "empty.txt", b"")], "empty.txt", "the file is empty")
    refused(clean, [write(tmp_path, "blank.txt", b" \r\n\t\n")], "the file is empty")


def test_binary_files(clean, tmp_path):
    refused(clean, [write(tmp_path, "page.txt", bytes(range(256)) * 40)], "binary", "NUL bytes")
    refused(clean, [write(tmp_path, "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")], "a PDF document")
    refused(clean, [write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(300))], "a PNG image")


def test_utf16_without_bom(clean, tmp_path):
    page = write(tmp_path, "no-bom.txt", STATEMENT.format(date="June 20, 2024").encode("utf-16-le"))
    refused(clean, [page], "UTF-16 without a byte-order mark")


def test_file_over_the_size_limit(clean, tmp_path):
    page = write(tmp_path, "huge.txt", b"Statement by Ambassador Ana Example.\n" * (10 * 1024 * 1024 // 37 + 1))
    assert page.stat().st_size >= 10 * 1024 * 1024
    refused(clean, [page], "over the 5,242,880-byte limit")


def test_only_boilerplate(clean, tmp_path):
    page = write(tmp_path, "chrome.txt", "Home | Statements | News | Contact\nHome > Statements\n\nShare: Facebook | X\nPrint\n© 2024 Testland\n")
    refused(clean, [page], "no text besides boilerplate")


def test_no_date(clean, tmp_path):
    refused(clean, [write(tmp_path, "undated.txt", STATEMENT.format(date=""))], "states no publication date", "date_lines")


def test_date_lines_that_disagree(clean, tmp_path):
    page = write(tmp_path, "two-dates.txt", STATEMENT.format(date="June 20, 2024\n2024-06-21 10:00"))
    message = refused(clean, [page], "date lines that disagree", "'June 20, 2024'", "'2024-06-21 10:00'")
    assert "two-dates.txt:6:" in message  # the line of the date that disagrees with the first


def test_unsupported_language(clean, tmp_path):
    page = write(tmp_path, "fr.txt", STATEMENT.format(date="June 20, 2024").replace(
        "Testland supports a single, permanent and action-oriented mechanism on ICT security under the United Nations.",
        "Le Testland soutient la création d'un mécanisme unique et permanent sur la sécurité des TIC au sein des Nations Unies, "
        "dans le respect du consensus et de la participation de tous les États."))
    refused(clean, [page, "--publisher", "china-un-mission"], "neither in English nor in Chinese")


@pytest.mark.parametrize("bad_id", ["../x", "Bad_Id", "-x", "a--b", "x/y", "a" * 121])
def test_invalid_id(clean, tmp_path, bad_id):
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))
    refused(clean, [page, "--id", bad_id, "--publisher", "china-un-mission"], "is not a valid statement id")
    assert not (clean.sources / "x").exists() and not (clean.root / "x").exists()


def test_id_collision(clean, tmp_path):
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))
    refused(clean, [page, "--id", "2024-06-20-fu-cong-unsc-cybersecurity", "--publisher", "china-un-mission"], "already exists")


def test_duplicate_source(clean):
    source = clean.statements / "2025-05-01-wang-yi-brics-nsa" / "source.txt"
    refused(clean, [source], "already added as '2025-05-01-wang-yi-brics-nsa'", "same sha256")


def test_publisher_problems(clean, tmp_path):
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))  # Testland is in no registry of states
    refused(clean, [page], "nothing on the page names its publisher", "--publisher", "--url")
    refused(clean, [page, "--publisher", "testland-mission"], "'testland-mission' is not an entity id")
    refused(clean, [FIXTURES / "cnmission_un_unga_ict_statement.txt", "--publisher", "mfa-china"], "differs from 'china-un-mission'")


def test_bad_url_and_missing_file(clean, tmp_path):
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))
    refused(clean, [page, "--url", "not a url", "--publisher", "china-un-mission"], "is not a web address")
    refused(clean, [tmp_path / "missing.txt"], "no such file")


def test_failure_while_moving_into_place_rolls_back(clean, tmp_path, monkeypatch):
    """The folder is moved first, then events.yaml and entities.yaml: if one of those fails, all is undone."""
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024").replace("Testland to", "Ireland to"))
    before = snapshot(clean)

    failed = []

    def broken_replace(src, dst):
        if str(dst).endswith("entities.yaml") and not failed:  # events.yaml was replaced just before: it is restored
            failed.append(dst)
            raise OSError(28, "No space left on device")
        return os.rename(src, dst)

    monkeypatch.setattr(journal.os, "replace", broken_replace)
    with pytest.raises(InputError, match="could not write the statement .No space left on device.; nothing was added"):
        pipeline.add(clean, page)
    monkeypatch.undo()
    assert failed and snapshot(clean) == before
    assert not leftovers(clean)


def test_truncated_text_is_added_with_a_warning(fresh):
    result = cli(fresh.root, "add", FIXTURES / "cl_mission_gdc_statement_truncated.txt")
    assert result.exit_code == 0, result.output
    assert "warning (truncated): the text ends mid-sentence" in result.output
    meta = yaml.safe_load(next(fresh.statements.glob("2024-04-05-*/metadata.yaml")).read_text(encoding="utf-8"))
    assert any("ends mid-sentence" in t for t in meta["todo"])


# --- encodings that must be read, and mixtures that must not ----------------------------

def test_cp1252_text_is_read_as_cp1252(fresh, tmp_path):
    text = (FIXTURES / "cl_mission_gdc_statement_truncated.txt").read_text(encoding="utf-8")
    page = tmp_path / "chile-cp1252.txt"
    page.write_bytes(text.encode("cp1252"))
    d = pipeline.add(fresh, page)
    assert d.encoding == "cp1252" and "Tomás Echeverría Lagos" in d.title and d.speaker == "Tomás Echeverría Lagos"
    assert (fresh.statements / d.document_id / "source.txt").read_bytes() == page.read_bytes()


def test_a_short_genuine_cp1252_file_is_read_as_cp1252(fresh, tmp_path):
    short = ("Permanent Mission of Chile to the United Nations\n\nStatement by Ambassador José Pérez\n\n5 April 2024\n\n"
             "Chile’s delegation welcomes the report – and supports its adoption.\n")
    assert len(short) < 200
    page = write(tmp_path, "short.txt", short.encode("cp1252"))
    d = pipeline.add(fresh, page)
    assert (d.encoding, d.title, d.warnings) == ("cp1252", "Statement by Ambassador José Pérez", [])
    assert d.body == ["Chile’s delegation welcomes the report – and supports its adoption."]


def test_big5_and_gb18030_are_read(fresh, tmp_path):
    hk = (FIXTURES / "zh_hant_hk_cybercrime_convention_press_release.txt").read_text(encoding="utf-8")
    hk = hk.replace("简体版", "簡體版").replace("隨着", "隨著")  # characters Big5 lacks
    page = tmp_path / "hk-big5.txt"
    page.write_bytes(hk.encode("big5"))
    d = pipeline.add(fresh, page)
    assert (d.encoding, d.language, d.title) == ("big5", "zh-Hant", "政府歡迎聯合國大會通過《聯合國打擊網絡犯罪公約》")
    d = pipeline.add(fresh, FIXTURES / "zh_hans_cnmission_unsc_ai_remarks_gb18030.txt")
    assert (d.encoding, d.language) == ("gb18030", "zh-Hans")  # not GBK: the page has U+4DAE
    assert "李䶮" in (fresh.statements / d.document_id / "source.txt").read_bytes().decode("gb18030")


def test_utf16_bom_and_crlf(fresh):
    d = pipeline.add(fresh, FIXTURES / "cr_mission_cybercrime_statement_utf16.txt")
    assert d.encoding == "utf-16" and not d.title.startswith("\ufeff") and "\r" not in d.title
    d = pipeline.add(fresh, FIXTURES / "joint_statement_ai_governance_utf8bom_crlf.txt")
    assert d.encoding == "utf-8-sig" and d.title.startswith("Joint Statement")


def test_a_file_mixing_utf8_and_cp1252_is_refused_at_the_line_where_the_mixture_starts(clean, tmp_path):
    text = STATEMENT.format(date="June 20, 2024").replace("Ana Example", "Ana Pérez")
    lines = text.splitlines(keepends=True)
    raw = b"".join(line.encode("cp1252" if i == 8 else "utf-8") for i, line in enumerate(
        [*lines[:8], "Testland’s delegation thanks the Chair.\n", *lines[8:]]))
    message = refused(clean, [write(tmp_path, "mixed.txt", raw), "--publisher", "china-un-mission"], "mixes encodings",
                      "line 3 is UTF-8 and line 9 is not", "one encoding")
    assert "mixed.txt:9:" in message


@pytest.mark.parametrize("char", ["\x1b", "\x0b", "\x7f", "\x85"])
def test_a_control_character_is_refused_with_its_line(clean, tmp_path, char):
    text = STATEMENT.format(date="June 20, 2024").replace("Mr. Chair,", f"Mr. Chair,{char}")
    message = refused(clean, [write(tmp_path, "control.txt", text), "--publisher", "china-un-mission"], "a control character",
                      f"U+{ord(char):04X}", "on line 7")
    assert "control.txt:7:" in message


# --- pages no reader should parse ---------------------------------------------------------

def test_a_300000_character_word_is_refused(clean, tmp_path):
    text = STATEMENT.format(date="June 20, 2024").replace("Mr. Chair,", "Mr. Chair, " + "x" * 300_000)
    refused(clean, [write(tmp_path, "word.txt", text), "--publisher", "china-un-mission"],
            "run of 300,000 characters without a space", "not a readable page")


def test_200000_nested_elements_are_refused(clean, tmp_path):
    html = "<!DOCTYPE html><html><body><h1>Statement</h1>" + "<div>" * 200_000 + "<p>Text.</p>" + "</div>" * 200_000 + "</body></html>"
    refused(clean, [write(tmp_path, "deep.html", html), "--publisher", "china-un-mission"], "nests its elements over 500 deep")


# --- the same statement saved twice ---------------------------------------------------------

def html_version(text: str) -> str:
    """The page as its site would serve it in HTML: the title as <h1>, each paragraph of the text as <p>."""
    title = next(line.strip() for line in text.splitlines() if line.startswith("Remarks by"))
    blocks = [" ".join(b.split()) for b in text.split(title, 1)[1].split("\n\n")]
    body = [b for b in blocks if len(b.split()) > 3 or re.fullmatch(r"[\d: -]+", b)]  # the date line, and the text
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{b}</p>" for b in body) + "</article></body></html>")


@pytest.mark.parametrize("variant", ["crlf", "trailing newline", "utf-16", "html"])
def test_the_same_statement_saved_again_is_refused_as_a_duplicate(clean, tmp_path, variant):
    raw = (clean.statements / SEED / "source.txt").read_bytes()
    text = raw.decode("utf-8")
    name, data = {"crlf": lambda: ("again.txt", text.replace("\n", "\r\n").encode("utf-8")),
                  "trailing newline": lambda: ("again.txt", raw + b"\n\n"),
                  "utf-16": lambda: ("again.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
                  "html": lambda: ("again.html", html_version(text).encode("utf-8"))}[variant]()
    assert data != raw
    refused(clean, [write(tmp_path, name, data), "--publisher", "china-un-mission"], f"this page's text is that of {SEED!r}")


# --- an `add` killed half-way ---------------------------------------------------------------

KILLED = """
import os, signal, sys
sys.path.insert(0, {build!r})
from pathlib import Path
from cybergov import pipeline
from cybergov.paths import Paths
real = os.replace
def killed(src, dst):  # the process dies as the statement is in place and events.yaml is next
    if str(dst).endswith("events.yaml"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
os.replace = killed
pipeline.add(Paths.at({root!r}), Path({page!r}))
"""


def test_an_add_killed_half_way_is_undone_at_the_next_start(fresh, tmp_path):
    page = write(tmp_path, "irish.txt", STATEMENT.format(date="June 20, 2024").replace("Testland", "Ireland"))
    events, entities = (fresh.sources / "events.yaml").read_bytes(), (fresh.codebook / "entities.yaml").read_bytes()
    script = KILLED.format(build=str(ROOT / "build"), root=str(fresh.root), page=str(page))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    (half,) = [p for p in fresh.statements.iterdir() if p.name.startswith("2024-06-20-ana-example")]
    event = yaml.safe_load((half / "metadata.yaml").read_text(encoding="utf-8"))["event"]
    assert event and event.encode() not in (fresh.sources / "events.yaml").read_bytes()  # a statement whose event is missing
    assert (fresh.sources / journal.JOURNAL).is_file() and leftovers(fresh)
    (fresh.statements / ".add-old").mkdir()  # and what an older run left
    (fresh.sources / ".events-123.tmp").write_text("- id: x\n", encoding="utf-8")

    result = cli(fresh.root, "add", page)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"note: an interrupted `add` of {half.name!r} was undone")
    assert not leftovers(fresh)
    meta = yaml.safe_load((fresh.statements / half.name / "metadata.yaml").read_text(encoding="utf-8"))
    ctx = Context.load(fresh)  # the codebook loads: the new event and the new organ are there, once
    assert meta["event"] in ctx.event_ids and meta["publisher"] == "ireland-un-mission" in ctx.entity_ids
    assert (fresh.sources / "events.yaml").read_bytes().startswith(events)
    assert (fresh.codebook / "entities.yaml").read_bytes().startswith(entities)
    assert (fresh.codebook / "entities.yaml").read_text(encoding="utf-8").count("- id: ireland-un-mission\n") == 1


# --- hand-edited metadata: the build refuses it with file and line ---------------------

@pytest.mark.parametrize("key, old, new, needle", [
    ("colour", None, "colour: blue", "Additional properties are not allowed ('colour' was unexpected)"),
    ("source_url", "source_url: null", "source_url: 42", "42 is not of type 'string', 'null'"),
    ("retrieved", "retrieved: null", "retrieved: !!python/object/apply:os.system [ls]", "uses a YAML tag"),
    ("  - entity", "  - entity: fu-cong", "  - entity: [fu-cong]", "['fu-cong'] is not of type 'string'"),
])
def test_build_refuses_bad_metadata_with_file_and_line(tmp_path, key, old, new, needle):
    paths = copy_project(tmp_path, with_outputs=True)
    meta = paths.statements / "2024-06-20-fu-cong-unsc-cybersecurity" / "metadata.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text + new + "\n" if old is None else text.replace(old, new), encoding="utf-8")
    line = next(i for i, x in enumerate(meta.read_text(encoding="utf-8").splitlines(), 1) if x.startswith(key))
    before = snapshot(paths)
    result = cli(paths.root, "build", "--jobs", "1", "--no-cache")
    assert result.exit_code != 0
    where = re.search(r"sources/statements/2024-06-20-fu-cong-unsc-cybersecurity/metadata.yaml:(\d+): ", result.output)
    assert where, result.output
    assert int(where.group(1)) == line, result.output
    assert needle in result.output and "fix:" in result.output
    assert snapshot(paths) == before


def test_unknown_metadata_key_is_reported_at_its_own_line(tmp_path):
    paths = copy_project(tmp_path)
    meta = paths.statements / "2024-06-20-fu-cong-unsc-cybersecurity" / "metadata.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text + "colour: blue\n", encoding="utf-8")
    result = cli(paths.root, "build", "--jobs", "1", "--no-cache", "--out", tmp_path / "out")
    assert f"metadata.yaml:{len(text.splitlines()) + 1}:" in result.output


# --- reading unseen layouts --------------------------------------------------------------

def test_bom_in_the_first_line_is_not_part_of_the_title(fresh, tmp_path):
    page = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + STATEMENT.format(date="June 20, 2024").replace(
        "Permanent Mission of Testland to the United Nations\n\n", "").encode("utf-8"))
    d = pipeline.add(fresh, page, publisher="china-un-mission")
    assert d.encoding == "utf-8-sig" and d.title.startswith("Statement by Ambassador Ana Example")


def test_chrome_never_becomes_speaker_title_or_body(fresh, tmp_path):
    """Menus in other scripts, breadcrumbs, counters, delivery notes and lone paragraph numbers are dropped."""
    page = write(tmp_path, "numbered.txt", """Permanent Mission of Testland to the United Nations
简体 | 繁體 | English | Русский | العربية
Home » Statements » 2025

Statement by Ambassador Ana Example at the Open-ended Working Group on ICT Security
[Bilingual, as delivered]

March 3, 2025
Views: 2,045

Mr. Chair,

1.
Testland supports a single, permanent and action-oriented mechanism on ICT security under the United Nations.

(2)
Capacity building must respond to the needs of developing countries, and the mechanism should decide by consensus.

Thank you, Mr. Chair.

Share: Facebook | X | Email
""")
    d = pipeline.add(fresh, page, publisher="china-un-mission")
    assert d.profile == "generic"
    assert d.title == "Statement by Ambassador Ana Example at the Open-ended Working Group on ICT Security"
    assert (d.speaker, d.role, d.date) == ("Ana Example", "Ambassador", "2025-03-03")
    assert d.body == ["Mr. Chair,",
                      "Testland supports a single, permanent and action-oriented mechanism on ICT security under the United Nations.",
                      "Capacity building must respond to the needs of developing countries, and the mechanism should decide by consensus.",
                      "Thank you, Mr. Chair."]
    for line in ("1.", "(2)", "[Bilingual, as delivered]", "简体 | 繁體 | English | Русский | العربية", "Views: 2,045"):
        assert line in d.boilerplate


def test_lone_paragraph_numbers_on_the_un_mission_layout(fresh, tmp_path):
    text = (FIXTURES / "cnmission_un_unga_ict_statement.txt").read_text(encoding="utf-8")
    page = write(tmp_path, "numbered.txt", re.sub(r"^(\d)\. ", r"\1.\n", text, flags=re.M))
    d = pipeline.add(fresh, page)
    assert d.profile == "china-un-mission-en" and len(d.body) == 8 and d.body[1].startswith("China welcomes today's debate")
    assert not any(re.fullmatch(r"\d\.", p) for p in d.body) and "[Bilingual, as delivered]" in d.boilerplate


def test_html_saved_as_txt_is_kept_as_html(fresh, tmp_path):
    page = write(tmp_path, "saved-page.txt", SCRIPTED_HTML)
    d = pipeline.add(fresh, page, publisher="china-un-mission")
    folder = fresh.statements / d.document_id
    assert d.format == "html" and (folder / "source.html").read_bytes() == page.read_bytes()
    assert yaml.safe_load((folder / "metadata.yaml").read_text(encoding="utf-8"))["format"] == "html"
    assert not any("MUST-NOT-APPEAR" in p for p in [d.title, *d.body])
