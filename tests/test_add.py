"""`cybergov add`: the fixture pages go in with the metadata a careful reader would write, and
every kind of bad input is refused with one clear message, a non-zero exit and nothing written.

All of it runs on temporary copies of the project (conftest.copy_project). The fixture sites
are invented, so their publishers (tests/fixtures/entities.yaml) are added to the copy's codebook, as a maintainer
would before running `add` for a new site.
"""
from __future__ import annotations

import codecs
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import copy_project, rows, tree_digest, with_test_entities
from cybergov import pipeline
from cybergov.cli import main
from cybergov.errors import InputError
from cybergov.intake import folder as intake_folder
from cybergov.package.validate import validate
from cybergov.paths import Paths
from cybergov.pipeline import build

FIXTURES = Path(__file__).parent / "fixtures" / "statements"
EXPECTED = {p.name.removesuffix(".expected.yaml"): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(FIXTURES.glob("*.expected.yaml"))}

# Publishers of the invented sites (names as the pages give them), for the project copies.
# Sites whose pages do not name the publisher in a way the codebook knows: --publisher is given.
PUBLISHER_OPTION = {"lu_mfa_cyber_workshop_press_release_cp1252": "mfa-luxembourg", "vn_mfa_cyber_dialogue_readout": "mfa-viet-nam"}
EXPECTED_PUBLISHER = {
    "cl_mission_gdc_statement_truncated": "chile-un-mission", "cnmission_un_unga_ict_statement": "china-un-mission",
    "cnmission_un_unsc_counterterrorism_remarks": "china-un-mission", "cr_mission_cybercrime_statement_utf16": "costa-rica-un-mission",
    "gh_mission_oewg_statement": "ghana-un-mission", "joint_statement_ai_governance_utf8bom_crlf": "mfa-indonesia",
    "lu_mfa_cyber_workshop_press_release_cp1252": "mfa-luxembourg", "mfa_en_ai_capacity_forum_remarks": "mfa-china",
    "mfa_en_sco_astana_readout": "mfa-china", "news_china_asean_cyber_forum_remarks": "eastern-daily-online",
    "vn_mfa_cyber_dialogue_readout": "mfa-viet-nam", "zh_hans_cnmission_unsc_ai_remarks_gb18030": "china-un-mission",
    "zh_hans_mfa_ai_capacity_readout": "mfa-china", "zh_hant_hk_cybercrime_convention_press_release": "hksar-government",
}

SCRIPTED_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Statement on ICT security</title>
<style>.content p { color: #123456; } body::after { content: "STYLE-TEXT-MUST-NOT-APPEAR"; }</style>
<script>var tracker = "SCRIPT-TEXT-MUST-NOT-APPEAR"; function go() { return 1 < 2 && "x"; }</script>
<script type="application/ld+json">{"@type": "Article", "headline": "JSON-LD-TEXT-MUST-NOT-APPEAR"}</script>
</head><body><noscript>NOSCRIPT-TEXT-MUST-NOT-APPEAR</noscript>
<nav><a href="/">Home</a> | <a href="/s">Statements</a> | <a href="/n">News</a></nav>
<article><h1>Statement by Ambassador Lan Qingshan at the Informal Dialogue on ICT Security</h1>
<p>March 3, 2025</p>
<p>Mr. Chair,</p>
<p>China thanks you for convening this informal dialogue. Capacity building remains the foundation of every norm we have agreed, and developing countries need sustained and practical support.</p>
<p onclick="alert('HANDLER-TEXT-MUST-NOT-APPEAR')">China supports a single, permanent and action-oriented mechanism under the United Nations, with decisions taken by consensus.</p>
<p>Thank you, Mr. Chair.</p></article>
<script>document.write("LATE-SCRIPT-MUST-NOT-APPEAR");</script></body></html>
"""


def cli(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *map(str, args)])


def snapshot(paths: Paths) -> dict:
    return {"sources": tree_digest(paths.sources), "data": tree_digest(paths.data) if paths.data.is_dir() else {}}


def norm(value):
    return None if value is None else str(value)


# --- the fixtures, added, built and validated ------------------------------------------

@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """Every fixture added through the CLI to one project copy, then built and validated once."""
    paths = with_test_entities(copy_project(tmp_path_factory.mktemp("added")))
    outcome = {}
    for name, exp in EXPECTED.items():
        args = ["add", FIXTURES / exp["file"]]
        if name in PUBLISHER_OPTION:
            args += ["--publisher", PUBLISHER_OPTION[name]]
        result = cli(paths.root, *args)
        assert result.exit_code == 0, (name, result.output)
        outcome[name] = {"id": re.match(r"added sources/statements/([a-z0-9-]+)/", result.output).group(1), "output": result.output}
    page = paths.root / "scripted.html"
    page.write_text(SCRIPTED_HTML, encoding="utf-8")
    result = cli(paths.root, "add", page, "--publisher", "china-un-mission", "--url", "https://example.org/statement", "--id", "scripted-page")
    assert result.exit_code == 0, result.output
    build(paths, jobs=1, use_cache=False)
    report = validate(paths)
    assert report.ok, report.render()
    return paths, outcome


def test_every_fixture_builds_and_validates(added):
    paths, outcome = added
    documents = {d["document_id"] for d in rows(paths, "documents")}
    assert {o["id"] for o in outcome.values()} | {"scripted-page"} <= documents
    for table in ("paragraphs", "sentences", "mentions"):
        assert {o["id"] for o in outcome.values()} <= {r["document_id"] for r in rows(paths, table)}, table


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metadata(added, name):
    paths, outcome = added
    exp = EXPECTED[name]
    doc_id = outcome[name]["id"]
    folder = paths.statements / doc_id
    meta = yaml.safe_load((folder / "metadata.yaml").read_text(encoding="utf-8"))
    ext = "html" if exp["format"] == "html" else "txt"
    assert (folder / f"source.{ext}").read_bytes() == (FIXTURES / exp["file"]).read_bytes()  # byte for byte
    assert meta["source_file"] == f"source.{ext}"
    assert (meta["encoding"], meta["format"], meta["language"], meta["genre"]) == (exp["encoding"], exp["format"], exp["language"], exp["genre"])
    assert meta["publisher"] == EXPECTED_PUBLISHER[name]
    assert meta["source_url"] is None and meta["todo"]

    doc = next(d for d in rows(paths, "documents") if d["document_id"] == doc_id)
    assert doc["title"] == exp["title"]
    assert doc["date_published"] == str(exp["date_published"])
    assert (doc["time_published"] or None) == exp["time_published"]
    assert doc["speech_mode"] == exp["speech_mode"]
    assert doc["profile_id"] in ("generic", "fmprc-en", "fmprc-zh", "china-un-mission-en", "china-un-mission-zh")

    paragraphs = [p for p in rows(paths, "paragraphs") if p["document_id"] == doc_id]
    body = [p["text"] for p in paragraphs[1:]]
    assert len(body) == exp["body_paragraphs"]
    assert body[0].startswith(exp["first_body_paragraph_starts"].rstrip())
    assert body[-1].startswith(exp["last_body_paragraph_starts"].rstrip())
    published = [paragraphs[0]["text"], *body]
    for line in exp["boilerplate_lines"]:
        assert line not in published, f"boilerplate {line!r} was published as a paragraph"
        assert not any(p.startswith(line + " ") for p in body if len(line) > 12), f"boilerplate {line!r} opens a paragraph"
    assert "\r" not in doc["text"] and "\ufeff" not in doc["text"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_speaker_event_and_warnings(added, name):
    """What `add` detects and writes: speaker, role, event (in events.yaml), warnings."""
    paths, outcome = added
    exp = EXPECTED[name]
    doc_id = outcome[name]["id"]
    meta = yaml.safe_load((paths.statements / doc_id / "metadata.yaml").read_text(encoding="utf-8"))
    output = outcome[name]["output"]
    # No fixture speaker is in the codebook: the name goes to the summary and the todo list, not to speakers.
    assert meta["speakers"] == []
    if exp["speaker"]:
        assert f"speaker:    {exp['speaker']} (not in the codebook), {exp['speaker_role']}" in output
        assert any(exp["speaker"] in t for t in meta["todo"])
    elif exp["speaker_role"]:
        assert f"speaker:    -, {exp['speaker_role']}" in output
    else:
        assert "speaker:    -\n" in output
    events = {e["event_id"]: e for e in rows(paths, "events")}
    event = events[meta["event"]] if meta["event"] else None
    if exp["event"] is None:
        assert event is None
    else:
        assert event is not None, output
        assert event["name"] == exp["event"]["name"]
        assert norm(event["ordinal"] or None) == norm(exp["event"]["ordinal"])
        assert (event["city"] or None) == exp["event"]["city"]
        assert (event["date"] or None) == norm(exp["event"]["date"])
    for code in exp["warnings"]:
        assert f"warning ({code})" in output
    assert output.count("warning (") == len(exp["warnings"])


def test_holder_follows_the_publisher(added):
    paths, outcome = added
    meta = lambda name: yaml.safe_load((paths.statements / outcome[name]["id"] / "metadata.yaml").read_text(encoding="utf-8"))  # noqa: E731
    assert meta("zh_hant_hk_cybercrime_convention_press_release")["holder"] == "china"
    assert meta("gh_mission_oewg_statement")["holder"] == "ghana"
    joint = meta("joint_statement_ai_governance_utf8bom_crlf")
    assert joint["holder"] == "indonesia" and any("joint statement" in t for t in joint["todo"])
    news = meta("news_china_asean_cyber_forum_remarks")
    assert news["holder"] == "eastern-daily-online" and any(t.startswith("holder:") for t in news["todo"])


def test_html_scripts_and_styles_are_not_text(added):
    paths, _ = added
    doc = next(d for d in rows(paths, "documents") if d["document_id"] == "scripted-page")
    assert "MUST-NOT-APPEAR" not in doc["text"] and "{" not in doc["text"]
    assert doc["title"] == "Statement by Ambassador Lan Qingshan at the Informal Dialogue on ICT Security"
    assert doc["date_published"] == "2025-03-03" and doc["source_url"] == "https://example.org/statement"
    kinds = [p["kind"] for p in rows(paths, "paragraphs") if p["document_id"] == "scripted-page"]
    assert kinds == ["title", "salutation", "body", "body", "closing"]


def test_seed_statements_are_read_as_their_hand_written_metadata(tmp_path):
    """Removing the two seeds and adding their pages again gives their metadata back, events reused."""
    paths = copy_project(tmp_path)
    for seed in ("2024-06-20-fu-cong-unsc-cybersecurity", "2025-05-01-wang-yi-brics-nsa"):
        hand = yaml.safe_load((paths.statements / seed / "metadata.yaml").read_text(encoding="utf-8"))
        shutil.move(paths.statements / seed, tmp_path / seed)
        events_before = (paths.sources / "events.yaml").read_bytes()
        d = pipeline.add(paths, tmp_path / seed / "source.txt")
        meta = yaml.safe_load((paths.statements / d.document_id / "metadata.yaml").read_text(encoding="utf-8"))
        for key in ("sha256", "encoding", "format", "publisher", "genre", "language", "speakers", "holder", "event"):
            assert meta[key] == hand[key], key
        assert (paths.sources / "events.yaml").read_bytes() == events_before


# --- encodings and line endings that must be read -------------------------------------

@pytest.fixture
def fresh(tmp_path) -> Paths:
    return with_test_entities(copy_project(tmp_path / "project"))


def test_cp1252_text_is_read_as_cp1252(fresh, tmp_path):
    text = (FIXTURES / "cl_mission_gdc_statement_truncated.txt").read_text(encoding="utf-8")
    page = tmp_path / "chile-cp1252.txt"
    page.write_bytes(text.encode("cp1252"))
    d = pipeline.add(fresh, page)
    assert d.encoding == "cp1252" and "Tomás Echeverría Lagos" in d.title and d.speaker == "Tomás Echeverría Lagos"
    assert (fresh.statements / d.document_id / "source.txt").read_bytes() == page.read_bytes()


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
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))
    refused(clean, [page], "the publisher is unknown", "Permanent Mission of Testland to the United Nations", "--publisher")
    refused(clean, [page, "--publisher", "testland-mission"], "'testland-mission' is not an entity id")
    refused(clean, [FIXTURES / "cnmission_un_unga_ict_statement.txt", "--publisher", "mfa-china"], "differs from 'china-un-mission'")


def test_bad_url_and_missing_file(clean, tmp_path):
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))
    refused(clean, [page, "--url", "not a url", "--publisher", "china-un-mission"], "is not a web address")
    refused(clean, [tmp_path / "missing.txt"], "no such file")


def test_failure_while_moving_into_place_rolls_back(clean, tmp_path, monkeypatch):
    """The folder is moved first and events.yaml second: if the second fails, the first is undone."""
    page = write(tmp_path, "ok.txt", STATEMENT.format(date="June 20, 2024"))
    before = snapshot(clean)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intake_folder.os, "replace", broken_replace)
    with pytest.raises(InputError, match="could not write the statement .No space left on device.; nothing was added"):
        pipeline.add(clean, page, publisher="china-un-mission")
    monkeypatch.undo()
    assert snapshot(clean) == before
    assert not [p for p in clean.statements.iterdir() if p.name.startswith(".")]
    assert not [p for p in clean.sources.iterdir() if p.name.startswith(".events-")]


def test_truncated_text_is_added_with_a_warning(fresh):
    result = cli(fresh.root, "add", FIXTURES / "cl_mission_gdc_statement_truncated.txt")
    assert result.exit_code == 0, result.output
    assert "warning (truncated): the text ends mid-sentence" in result.output
    meta = yaml.safe_load(next(fresh.statements.glob("2024-04-05-*/metadata.yaml")).read_text(encoding="utf-8"))
    assert any("ends mid-sentence" in t for t in meta["todo"])


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
