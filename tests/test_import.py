"""`cybergov import`: the UN General Debate Corpus and a folder of saved pages with a manifest, on small
real slices (tests/fixtures/corpora/: five speeches of the archive with their rows of the speakers
spreadsheet, and seven pages of the Chinese foreign ministry with their manifest lines).

Each quirk of the corpora is tested on the real excerpt that has it; each bad input is refused
with its file, line and fix, a non-zero exit, and nothing written.
"""
from __future__ import annotations

import csv
import io
import shutil
import tarfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from conftest import copy_project, rows, tree_digest
from cybergov import pipeline
from cybergov.cli import main
from cybergov.errors import InputError
from cybergov.intake.corpora import importer
from cybergov.intake.corpora.speakers import clean_name
from cybergov.paths import Paths
from cybergov.sources.wording import load_wording

CORPORA = Path(__file__).parent / "fixtures" / "corpora"
ARCHIVE = CORPORA / "ungdc" / "UNGDC_slice.tgz"
SPEAKERS = CORPORA / "ungdc" / "Speakers_slice.xlsx"
PAGES = CORPORA / "mfa-press"
MANIFEST = PAGES / "index.csv"


def cli(paths: Paths, *args):
    return CliRunner().invoke(main, ["--root", str(paths.root), "import", *map(str, args)])


def ungdc(paths: Paths, *extra):
    return cli(paths, "ungdc", ARCHIVE, "--speakers", SPEAKERS, *extra)


def pages(paths: Paths, manifest: Path = MANIFEST, folder: Path = PAGES):
    return cli(paths, "pages", folder, "--manifest", manifest, "--corpus", "mfa-press")


def meta(paths: Paths, doc_id: str) -> dict:
    return yaml.safe_load((paths.statements / doc_id / "metadata.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def empty(tmp_path) -> Paths:
    """A project without statements."""
    return copy_project(tmp_path / "p", statements=())


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Paths:
    """Both slices imported into one project, then built."""
    paths = copy_project(tmp_path_factory.mktemp("imported"), statements=())
    assert ungdc(paths).exit_code == 0
    assert pages(paths).exit_code == 0
    pipeline.build(paths, jobs=1, use_cache=False)
    return paths


def paragraphs(paths: Paths, doc_id: str) -> list[dict]:
    return [p for p in rows(paths, "paragraphs") if p["document_id"] == doc_id]


# --- the General Debate corpus ------------------------------------------------------------

def test_speeches_in_scope_come_in_with_what_the_corpus_states(empty):
    result = ungdc(empty)
    assert result.exit_code == 0, result.output
    ids = {p.name for p in empty.statements.iterdir()}
    # USA 1993 speaks of none of the scope's topics; the four others do (cyber, ICT, AI).
    assert ids == {"2021-ungd76-usa", "2024-ungd79-chn", "1998-ungd53-rus", "2024-ungd79-bra"}
    assert "read 5 items: 4 in scope, 1 out of scope; 4 added" in result.output
    m = meta(empty, "2021-ungd76-usa")
    assert m["holder"] == "united-states" and m["date_published"] == "2021" and m["event"] == "ungd-76"
    assert m["corpus"] == {"id": "ungdc", "item": "TXT/Session 76 - 2021/USA_76_2021.txt"}
    # The spreadsheet says "Joe Biden" and "President " (trailing space): the post is cleaned.
    assert m["speakers"] == [{"entity": None, "name": "Joe Biden", "role": "President"}]
    events = {e["id"]: e for e in yaml.safe_load((empty.sources / "events.yaml").read_text(encoding="utf-8"))}
    assert events["ungd-76"]["date"] == "2021" and events["ungd-76"]["ordinal"] == 76
    assert events["ungd-76"]["series"] == "un-general-debate" and events["ungd-76"]["body"] == "un-general-assembly"


def test_rows_and_files_without_their_counterpart_are_reported(empty):
    result = ungdc(empty)
    # France 2024 is in the spreadsheet slice but not in the archive; Brazil 2024 the other way round.
    assert "Speakers_slice.xlsx:" in result.output and "FRA session 79 (2024) has no text file" in result.output
    assert "BRA_79_2024.txt: no row in the speakers spreadsheet" in result.output
    assert meta(empty, "2024-ungd79-bra")["speakers"] == []


def test_scope_all_takes_every_speech(empty):
    result = ungdc(empty, "--scope", "all")
    assert result.exit_code == 0, result.output
    assert (empty.statements / "1993-ungd48-usa").is_dir()


def test_an_unpacked_archive_reads_the_same(empty, tmp_path):
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    result = cli(empty, "ungdc", tmp_path / "unpacked", "--speakers", SPEAKERS)
    assert result.exit_code == 0, result.output
    assert len(list(empty.statements.iterdir())) == 4


def test_importing_twice_adds_nothing_and_a_changed_speech_is_reported_not_replaced(empty, tmp_path):
    assert ungdc(empty).exit_code == 0
    before = tree_digest(empty.sources)
    again = ungdc(empty)
    assert again.exit_code == 0 and "0 added, 4 already in" in again.output
    assert tree_digest(empty.sources) == before
    # The same corpus with one speech edited: reported as changed, the imported copy kept.
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(tmp_path / "edited", filter="data")
    speech = tmp_path / "edited" / "TXT" / "Session 76 - 2021" / "USA_76_2021.txt"
    speech.write_bytes(speech.read_bytes().replace(b"pandemic", b"epidemic", 1))
    changed = cli(empty, "ungdc", tmp_path / "edited", "--speakers", SPEAKERS)
    assert changed.exit_code == 0 and "1 changed in the corpus (not replaced)" in changed.output
    assert "2021-ungd76-usa: TXT/Session 76 - 2021/USA_76_2021.txt differs" in changed.output
    assert tree_digest(empty.sources) == before


def test_speaker_names_lose_honorifics_and_capitals_only(empty):
    w = load_wording(empty)
    assert clean_name("Mr. John DAUTH", w) == "John Dauth"
    assert clean_name("H.E. Mr.  Kofi   Mensah ", w) == "Kofi Mensah"
    assert clean_name("His Majesty King Mohammed VI", w) == "King Mohammed VI"
    assert clean_name("R.M. Marty M. Natalegawa", w) == "R.M. Marty M. Natalegawa"
    assert clean_name(None, w) is None


# The quirks of the corpus, each on the speech that has it.

def test_a_line_break_inside_a_sentence_is_joined(imported):
    # USA 2021 breaks "... another one. Or / will we fail ..." across two lines of the file.
    text = next(d["text"] for d in rows(imported, "documents") if d["document_id"] == "2021-ungd76-usa")
    assert "For there will be another one. Or will we fail to harness the tools at our disposal" in text
    assert all(p["kind"] != "title" for p in paragraphs(imported, "2021-ungd76-usa"))


def test_a_sentence_broken_by_a_blank_line_is_joined():
    # SGP 2018 (lines 21-23 of the corpus's file): a page break leaves "United Nations-Singapore / (blank) /
    # Cyber Programme, ..." in the middle of a sentence; the next paragraph after a finished sentence stays apart.
    from cybergov.sources.plaintext import paragraphs as join
    lines = ["Singapore will launch an ASEAN-Singapore Cybersecurity Centre of Excellence in 2019. We have also partnered with the "
             "United Nations Office for Disarmament Affairs on a United Nations-Singapore",
             "", "Cyber Programme, which will raise awareness and build capacity in our region.",
             "Our work in ASEAN is rooted in our belief that regional organizations can demonstrate how multilateralism continues."]
    got = join(lines)
    assert got[0].endswith("on a United Nations-Singapore Cyber Programme, which will raise awareness and build capacity in our region.")
    assert got[1].startswith("Our work in ASEAN") and len(got) == 2
    assert join(["Thank you, Mr. President", "", "Mr. President, distinguished delegates."]) == \
        ["Thank you, Mr. President", "Mr. President, distinguished delegates."]  # a short line: a heading or salutation


def test_markdown_emphasis_is_not_part_of_the_text(imported):
    source = (imported.statements / "2024-ungd79-bra" / "source.txt").read_text(encoding="utf-8")
    assert "**" in source
    text = next(d["text"] for d in rows(imported, "documents") if d["document_id"] == "2024-ungd79-bra")
    assert "**" not in text


def test_a_wrapped_speech_and_a_page_break_inside_a_paragraph(imported):
    rus = [p["text"] for p in paragraphs(imported, "1998-ungd53-rus")]
    # Lines wrapped at about 60 characters: a paragraph ends with a short line that ends a sentence.
    assert rus[1] == "This is not only possible, it is the imperative of our times!"
    assert rus[0].startswith("Mankind is increasingly feeling the winds of the twenty-first century.")
    chn = [p["text"] for p in paragraphs(imported, "2024-ungd79-chn")]
    # A blank line in the middle of a sentence ("Meanwhile, we are / / also embracing") is a page break.
    assert any("Meanwhile, we are also embracing a world full of hope." in p for p in chn)
    assert chn[0] == "Mr. President, Colleagues,"


def test_page_furniture_of_old_records_is_dropped(empty):
    assert ungdc(empty, "--scope", "all").exit_code == 0
    pipeline.build(empty, jobs=1, use_cache=False)
    source = (empty.statements / "1993-ungd48-usa" / "source.txt").read_text(encoding="utf-8")
    assert "10 General Assembly - Forty-eighth session" in source
    text = next(d["text"] for d in rows(empty, "documents") if d["document_id"] == "1993-ungd48-usa")
    assert "General Assembly - Forty-eighth session" not in text and "Forty-eighth session - 27 September" not in text


def test_a_speech_has_a_year_and_no_invented_day(imported):
    doc = next(d for d in rows(imported, "documents") if d["document_id"] == "2021-ungd76-usa")
    assert (doc["date_published"], doc["date_precision"]) == ("2021", "year")
    assert doc["corpus_id"] == "ungdc" and doc["title"].startswith("United States of America: statement in the general debate")


# --- saved pages with a manifest ------------------------------------------------------------

def test_pages_in_scope_come_in_with_their_translation(imported):
    ids = {p.name for p in imported.statements.iterdir() if "mfa" in p.name}
    assert {"2019-09-25-mfa-china-press-conference-en", "2019-09-25-mfa-china-press-conference-zh"} <= ids
    en = meta(imported, "2019-09-25-mfa-china-press-conference-en")
    assert en["genre"] == "press_conference" and en["holder"] == "china"
    assert en["speakers"] == [{"entity": "geng-shuang", "name": "Geng Shuang", "role": "Foreign Ministry Spokesperson"}]
    assert en["retrieved"] == "2020-07-04T03:58:07Z" or en["retrieved"].startswith("2020-07-04T")
    assert en["translation"]["of"] == "2019-09-25-mfa-china-press-conference-zh"
    zh = meta(imported, "2019-09-25-mfa-china-press-conference-zh")
    assert zh["speakers"] == [{"entity": "geng-shuang", "name": "耿爽", "role": "外交部发言人"}] and zh["language"] == "zh-Hans"
    assert zh["event"] == en["event"] == "2019-09-25-mfa-china-regular-press-conference"


def test_the_chinese_page_is_dated_by_its_title_not_its_related_links(imported):
    # trafilatura's date for this page comes from the list of related conferences (2019-09-17).
    doc = next(d for d in rows(imported, "documents") if d["document_id"] == "2019-09-25-mfa-china-press-conference-zh")
    assert doc["date_published"] == "2019-09-25" and doc["date_precision"] == "day"


def test_index_pages_are_skipped_with_the_reason(empty):
    result = pages(empty)
    assert result.exit_code == 0, result.output
    assert "skipped, not a statement: no paragraph of running text (an index or error page): 2" in result.output


def test_turns_questions_and_answers(imported):
    paras = paragraphs(imported, "2019-09-25-mfa-china-press-conference-en")
    assert paras[0]["kind"] == "title" and paras[0]["turn"] == ""
    assert paras[1]["text"].startswith("Q:") and paras[1]["turn"] == "question"
    assert paras[2]["text"].startswith("A:") and paras[2]["turn"] == "answer"
    assert paras[3]["turn"] == "answer"  # a paragraph without a marker continues the answer
    assert {p["turn"] for p in paragraphs(imported, "2019-09-25-mfa-china-press-conference-zh")[1:]} <= {"question", "answer", "opening"}


def test_the_translation_pair_is_linked_and_aligned_turn_by_turn(imported):
    pairs = rows(imported, "translations")
    assert [(p["document_id"], p["translation_id"]) for p in pairs] == [
        ("2019-09-25-mfa-china-press-conference-en", "2019-09-25-mfa-china-press-conference-zh")]
    aligned = rows(imported, "paragraph_alignments")
    assert int(pairs[0]["aligned"]) == len(aligned) > 30
    turn = {p["paragraph_id"]: p["turn"] for p in rows(imported, "paragraphs")}
    # Every aligned pair joins a question to a question and an answer to an answer.
    assert all(turn[a["paragraph_id"]] == turn[a["aligned_paragraph_id"]] for a in aligned)
    en = {p["paragraph_id"] for p in paragraphs(imported, "2019-09-25-mfa-china-press-conference-en")}
    assert {a["paragraph_id"] for a in aligned} == en  # no English paragraph is left out


def test_pages_out_of_scope_stay_out(imported):
    # The conference of 2019-07-24 speaks of none of the scope's topics, in either language.
    assert not any(p.name.startswith("2019-07-24") for p in imported.statements.iterdir())


# --- bad input: one message with file, line and fix; nothing written ------------------------

def refused(paths: Paths, result, *needles):
    before = tree_digest(paths.sources)
    assert result.exit_code != 0
    assert "fix:" in result.output
    for n in needles:
        assert n in result.output, result.output
    assert tree_digest(paths.sources) == before


def test_a_missing_archive_is_refused(empty, tmp_path):
    result = cli(empty, "ungdc", tmp_path / "nowhere.tgz", "--speakers", SPEAKERS)
    refused(empty, result, "nowhere.tgz", "no such archive or folder")


def test_an_unreadable_archive_is_refused(empty, tmp_path):
    bad = tmp_path / "UNGDC.tgz"
    bad.write_text("not an archive")
    refused(empty, cli(empty, "ungdc", bad, "--speakers", SPEAKERS), "UNGDC.tgz", "cannot read the archive")


def test_a_spreadsheet_without_its_columns_is_refused(empty, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Year", "Session", "Country"])
    book.save(tmp_path / "speakers.xlsx")
    result = cli(empty, "ungdc", ARCHIVE, "--speakers", tmp_path / "speakers.xlsx")
    refused(empty, result, "speakers.xlsx:1", "no column 'ISO Code'")
    missing = cli(empty, "ungdc", ARCHIVE, "--speakers", tmp_path / "none.xlsx")
    refused(empty, missing, "none.xlsx", "the speakers spreadsheet is missing")


def _manifest(tmp_path: Path, edit) -> Path:
    lines = list(csv.DictReader(MANIFEST.open(encoding="utf-8")))
    edit(lines)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(lines[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(lines)
    path = tmp_path / "index.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_manifest_row_whose_file_is_missing_is_refused(empty, tmp_path):
    manifest = _manifest(tmp_path, lambda rows: rows[2].update(file="pages/gone.html"))
    refused(empty, pages(empty, manifest), "index.csv:4", "the file pages/gone.html is missing")


def test_a_manifest_row_whose_checksum_differs_is_refused(empty, tmp_path):
    manifest = _manifest(tmp_path, lambda rows: rows[0].update(sha256="0" * 64))
    refused(empty, pages(empty, manifest), "index.csv:2", "sha256")


def test_a_duplicate_url_is_refused(empty, tmp_path):
    manifest = _manifest(tmp_path, lambda rows: rows[3].update(url=rows[1]["url"]))
    refused(empty, pages(empty, manifest), "index.csv:5", "listed twice (also on line 3)")


def test_an_unknown_corpus_is_refused(empty):
    result = cli(empty, "pages", PAGES, "--manifest", MANIFEST, "--corpus", "nowhere")
    refused(empty, result, "--corpus 'nowhere' is not in sources/corpora.yaml")


def test_a_failure_while_moving_folders_in_leaves_nothing(empty, monkeypatch):
    before = tree_digest(empty.sources)
    real, calls = importer.os.rename, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(importer.os, "rename", flaky)
    with pytest.raises(OSError):
        pipeline.import_corpus(empty, "ungdc", ARCHIVE, speakers=SPEAKERS)
    assert tree_digest(empty.sources) == before
    assert not [p for p in empty.statements.iterdir()]


def test_an_interrupted_import_is_undone_at_the_next_run(empty):
    assert ungdc(empty).exit_code == 0
    events = (empty.sources / "events.yaml").read_bytes()
    # As if a run had been killed after moving one folder in: its journal names it.
    shutil.copytree(empty.statements / "2021-ungd76-usa", empty.statements / "2099-ungd99-usa")
    backup = empty.sources / ".events-1.bak"
    backup.write_bytes(events)
    (empty.sources / importer.JOURNAL).write_text(f"{backup}\n2099-ungd99-usa\n", encoding="utf-8")
    result = ungdc(empty)
    assert result.exit_code == 0 and "an interrupted import was undone: 1 folder(s) removed" in result.output
    assert not (empty.statements / "2099-ungd99-usa").exists() and not (empty.sources / importer.JOURNAL).exists()


def test_import_needs_its_inputs(empty):
    refused(empty, cli(empty, "ungdc", ARCHIVE), "--speakers")
    refused(empty, cli(empty, "pages", PAGES), "--manifest")
    with pytest.raises(InputError, match="not in sources/corpora.yaml"):
        pipeline.import_corpus(empty, "pages", PAGES, manifest=MANIFEST, corpus="nope")
