"""`cybergov add`: every fixture page goes in on a copy of the project as it is, with the
metadata a careful reader would write (tests/fixtures/statements/*.expected.yaml), and what a
page lacks can be given with a flag, checked as a detected value is.

The fixture sites are invented and none has a profile: their publishers are read off the
pages (a header, the HTML title, a signature line), and those the codebook lacks are added
to it as new organs under their state, for review. Bad input is in test_add_input.py.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import copy_project, rows
from cybergov import pipeline
from cybergov.cli import main
from cybergov.errors import InputError
from cybergov.intake.given import Given
from cybergov.package.validate import validate
from cybergov.paths import Paths
from cybergov.pipeline import build

FIXTURES = Path(__file__).parent / "fixtures" / "statements"
EXPECTED = {p.name.removesuffix(".expected.yaml"): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(FIXTURES.glob("*.expected.yaml"))}

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

PAGE = """Permanent Mission of Ireland to the United Nations

Statement by Ambassador Aoife Example at the Informal Dialogue on ICT Security

{date}

Mr. Chair,

Ireland supports a single, permanent and action-oriented mechanism on ICT security under the United Nations, open to stakeholders.

Thank you, Mr. Chair.
"""


def cli(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *map(str, args)])


def added_id(output: str) -> str:
    return re.search(r"added sources/statements/([a-z0-9-]+)/", output).group(1)


def metadata(paths: Paths, doc_id: str) -> dict:
    return yaml.safe_load((paths.statements / doc_id / "metadata.yaml").read_text(encoding="utf-8"))


def entities(paths: Paths) -> dict:
    return {e["id"]: e for e in yaml.safe_load((paths.codebook / "entities.yaml").read_text(encoding="utf-8"))}


def norm(value):
    return None if value is None else str(value)


# --- the fixtures, added to the project as it is, built and validated -------------------

@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """Every fixture added through the CLI to one copy of the project (its codebook as committed), then built and validated once."""
    paths = copy_project(tmp_path_factory.mktemp("added"))
    before = entities(paths)
    outcome = {}
    for name, exp in EXPECTED.items():
        result = cli(paths.root, "add", FIXTURES / exp["file"], *exp.get("args", []))
        assert result.exit_code == 0, (name, result.output)
        outcome[name] = {"id": added_id(result.output), "output": result.output}
    page = paths.root / "scripted.html"
    page.write_text(SCRIPTED_HTML, encoding="utf-8")
    result = cli(paths.root, "add", page, "--publisher", "china-un-mission", "--url", "https://example.org/statement", "--id", "scripted-page")
    assert result.exit_code == 0, result.output
    build(paths, jobs=1, use_cache=False)
    report = validate(paths)
    assert report.ok, report.render()
    return paths, outcome, before


def test_every_fixture_goes_in_builds_and_validates(added):
    paths, outcome, _ = added
    assert len(outcome) == len(EXPECTED) >= 22
    documents = {d["document_id"] for d in rows(paths, "documents")}
    assert {o["id"] for o in outcome.values()} | {"scripted-page"} <= documents
    for table in ("paragraphs", "sentences", "mentions"):
        assert {o["id"] for o in outcome.values()} <= {r["document_id"] for r in rows(paths, table)}, table


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metadata(added, name):
    paths, outcome, _ = added
    exp = EXPECTED[name]
    doc_id = outcome[name]["id"]
    folder = paths.statements / doc_id
    meta = metadata(paths, doc_id)
    ext = "html" if exp["format"] == "html" else "txt"
    assert (folder / f"source.{ext}").read_bytes() == (FIXTURES / exp["file"]).read_bytes()  # byte for byte
    assert meta["source_file"] == f"source.{ext}"
    assert (meta["encoding"], meta["format"], meta["language"], meta["genre"]) == (exp["encoding"], exp["format"], exp["language"], exp["genre"])
    assert (meta["publisher"], meta["holder"]) == (exp["publisher"], exp["holder"])
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
    paths, outcome, _ = added
    exp = EXPECTED[name]
    meta = metadata(paths, outcome[name]["id"])
    output = outcome[name]["output"]
    if exp.get("speaker_entity"):  # a person of the codebook is listed with the role the page gives
        assert meta["speakers"] == [{"entity": exp["speaker_entity"], "role": exp["speaker_role"]}]
    elif exp["speaker"]:  # others go to the summary and the todo list, not to speakers
        assert meta["speakers"] == []
        assert f"speaker:    {exp['speaker']} (not in the codebook), {exp['speaker_role']}" in output
        assert any(exp["speaker"] in t for t in meta["todo"])
    elif exp["speaker_role"]:
        assert f"speaker:    -, {exp['speaker_role']}" in output
    else:
        assert meta["speakers"] == [] and "speaker:    -\n" in output
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


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_new_publishers_are_organs_under_their_state_marked_for_review(added, name):
    paths, outcome, before = added
    exp = EXPECTED[name]
    meta = metadata(paths, outcome[name]["id"])
    now = entities(paths)
    if exp["new_publisher"] is None:  # known before, or added by an earlier page of the same site
        assert not any(t.startswith("publisher:") for t in meta["todo"])
        assert exp["publisher"] in before or exp["publisher"] in {EXPECTED[n]["publisher"] for n in EXPECTED if n < name}
        return
    assert exp["publisher"] not in before
    organ = now[exp["publisher"]]
    assert organ["name"] == exp["new_publisher"] and organ["description"].endswith("to review.")
    assert organ["kind"] == ("organisation" if organ["parent"] in (None, "european-union") else "state_organ")
    if organ["parent"] is not None:
        states = {s["id"] for s in yaml.safe_load((paths.codebook / "states.yaml").read_text(encoding="utf-8"))}
        assert organ["parent"] in before or organ["parent"] in states
    review = [t for t in meta["todo"] if t.startswith(f"publisher: {exp['publisher']!r}")]
    assert len(review) == 1 and "review" in review[0]


def test_holder_follows_the_publisher(added):
    paths, outcome, _ = added
    joint = metadata(paths, outcome["joint_statement_ai_governance_utf8bom_crlf"]["id"])
    assert joint["holder"] == "indonesia" and any("joint statement" in t for t in joint["todo"])
    news = metadata(paths, outcome["news_china_asean_cyber_forum_remarks"]["id"])
    assert news["holder"] == "eastern-daily-online" and any(t.startswith("holder:") for t in news["todo"])
    eu = metadata(paths, outcome["eu_delegation_oewg_date_in_lead_line"]["id"])
    assert eu["holder"] == "european-union" and not any(t.startswith("holder:") for t in eu["todo"])


def test_a_page_with_no_date_is_refused_and_goes_in_with_date(added):
    paths, outcome, _ = added
    fresh = copy_project(paths.root.parent / "undated")
    result = cli(fresh.root, "add", FIXTURES / "undated_statement_needs_date_flag.txt")
    assert result.exit_code == 2 and "states no publication date" in result.output and "--date YYYY-MM-DD" in result.output
    meta = metadata(paths, outcome["undated_statement_needs_date_flag"]["id"])
    assert meta["date_published"] == "2024-10-08" and meta["given"] == ["date_published"]


def test_html_scripts_and_styles_are_not_text(added):
    paths, _, _ = added
    doc = next(d for d in rows(paths, "documents") if d["document_id"] == "scripted-page")
    assert "MUST-NOT-APPEAR" not in doc["text"] and "{" not in doc["text"]
    assert doc["title"] == "Statement by Ambassador Lan Qingshan at the Informal Dialogue on ICT Security"
    assert doc["date_published"] == "2025-03-03" and doc["source_url"] == "https://example.org/statement"
    assert metadata(paths, "scripted-page")["given"] == ["publisher"]  # --publisher is recorded as given too
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
        meta = metadata(paths, d.document_id)
        for key in ("sha256", "encoding", "format", "publisher", "genre", "language", "speakers", "holder", "event"):
            assert meta[key] == hand[key], key
        assert (paths.sources / "events.yaml").read_bytes() == events_before


# --- flags for what a page lacks ----------------------------------------------------------

@pytest.fixture
def fresh(tmp_path) -> Paths:
    return copy_project(tmp_path / "project")


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_given_values_are_checked_and_recorded_as_given(fresh, tmp_path):
    page = write(tmp_path, "undated.txt", PAGE.format(date=""))
    given = Given(date="2024-10-08", speaker="Aoife Example", role="Permanent Representative of Ireland", holder="european-union",
                  genre="remarks", event="2025-04-30-brics-nsa-15")
    d = pipeline.add(fresh, page, given=given)
    meta = metadata(fresh, d.document_id)
    assert meta["given"] == ["date_published", "speakers", "holder", "genre", "event"]
    assert meta["date_published"] == "2024-10-08" and meta["genre"] == "remarks" and meta["event"] == "2025-04-30-brics-nsa-15"
    assert meta["speakers"] == [{"entity": None, "name": "Aoife Example", "role": "Permanent Representative of Ireland"}]
    assert meta["holder"] == "european-union" and not any(t.startswith(("speakers:", "genre:", "event:", "holder:")) for t in meta["todo"])
    speakers = [s for s in rows(build_of(fresh), "document_speakers") if s["document_id"] == d.document_id]
    assert [(s["entity_id"], s["name"], s["role"]) for s in speakers] == [("", "Aoife Example", "Permanent Representative of Ireland")]


def build_of(paths: Paths) -> Paths:
    build(paths, jobs=1, use_cache=False)
    return paths


def test_a_given_speaker_of_the_codebook_is_listed_by_entity(fresh, tmp_path):
    page = write(tmp_path, "page.txt", PAGE.format(date="8 October 2024"))
    d = pipeline.add(fresh, page, given=Given(speaker="Wang Yi", role="Minister of Foreign Affairs", language="en"))
    assert metadata(fresh, d.document_id)["speakers"] == [{"entity": "wang-yi", "name": "Wang Yi", "role": "Minister of Foreign Affairs"}]
    assert metadata(fresh, d.document_id)["given"] == ["speakers", "language"]


def test_a_given_title_must_be_a_line_of_the_page(fresh, tmp_path):
    page = write(tmp_path, "page.txt", PAGE.format(date="8 October 2024"))
    with pytest.raises(InputError, match="is not a line of the page"):
        pipeline.add(fresh, page, given=Given(title="Some Other Title"))
    line = "Permanent Mission of Ireland to the United Nations"
    d = pipeline.add(fresh, page, given=Given(title=line))
    assert d.title == line and metadata(fresh, d.document_id)["title"] == line
    doc = next(r for r in rows(build_of(fresh), "documents") if r["document_id"] == d.document_id)
    assert doc["title"] == line  # the build takes the line named in metadata.yaml as the title


@pytest.mark.parametrize("flag, value, needle", [
    ("--date", "2024-13-01", "is not a date"), ("--date", "20 June 2024", "is not a date"), ("--date", "2999-01-01", "in the future"),
    ("--speaker", "Human Rights", "is not a person's name"), ("--speaker", "Republic of Korea", "is not a person's name"),
    ("--speaker", "china-un-mission", "not of a person"), ("--role", "Ireland", "is not a post"),
    ("--holder", "wang-yi", "not the id of a state or organisation"), ("--holder", "atlantis", "not the id"),
    ("--language", "fr", "not a supported language"), ("--language", "zh-Hans", "does not agree with the text"),
    ("--genre", "poem", "is not a genre"), ("--event", "no-such-event", "is not an event id"),
])
def test_given_values_that_cannot_be_right_are_refused(fresh, tmp_path, flag, value, needle):
    page = write(tmp_path, "page.txt", PAGE.format(date="8 October 2024"))
    before = sorted(p.name for p in fresh.statements.iterdir())
    result = cli(fresh.root, "add", page, flag, value)
    assert result.exit_code == 2 and needle in result.output and "fix:" in result.output, result.output
    assert sorted(p.name for p in fresh.statements.iterdir()) == before


def test_a_role_without_any_speaker_is_refused(fresh, tmp_path):
    page = write(tmp_path, "page.txt", PAGE.format(date="8 October 2024").replace("by Ambassador Aoife Example ", ""))
    result = cli(fresh.root, "add", page, "--role", "Permanent Representative")
    assert result.exit_code == 2 and "needs a speaker" in result.output and "--speaker" in result.output


def test_a_given_date_settles_date_lines_that_disagree(fresh, tmp_path):
    page = write(tmp_path, "two-dates.txt", PAGE.format(date="June 20, 2024\n2024-06-21 10:00"))
    result = cli(fresh.root, "add", page)
    assert result.exit_code == 2 and "date lines that disagree" in result.output and "--date" in result.output
    d = pipeline.add(fresh, page, given=Given(date="2024-06-20"))
    assert d.date == "2024-06-20" and any("2024-06-21" in w.message for w in d.warnings)
    doc = next(r for r in rows(build_of(fresh), "documents") if r["document_id"] == d.document_id)
    assert doc["date_published"] == "2024-06-20"
    with pytest.raises(InputError, match="differs from the date the page states"):
        other = PAGE.format(date="5 May 2024").replace("Informal Dialogue", "Open Dialogue").replace("open to", "with")
        pipeline.add(fresh, write(tmp_path, "dated.txt", other), given=Given(date="2024-05-06"))


# --- speakers, titles and publishers on pages of unknown sites ---------------------------

def test_an_office_is_never_a_speaker(fresh, tmp_path):
    page = write(tmp_path, "office.txt", PAGE.format(date="8 October 2024").replace(
        "Statement by Ambassador Aoife Example at the", "Statement by the High Commissioner for Human Rights at the"))
    d = pipeline.add(fresh, page)
    assert d.speaker is None and d.role == "High Commissioner for Human Rights"
    assert metadata(fresh, d.document_id)["speakers"] == []


def test_a_name_line_above_a_post_line_gives_speaker_and_title(fresh, tmp_path):
    page = write(tmp_path, "byline.txt", PAGE.format(date="8 October 2024").replace(
        "Statement by Ambassador Aoife Example at the Informal Dialogue on ICT Security",
        "Statement at the Informal Dialogue on ICT Security\nH.E. Ms. Aoife Example\nPermanent Representative of Ireland to the United Nations"))
    d = pipeline.add(fresh, page)
    assert d.title == "Statement at the Informal Dialogue on ICT Security" and d.title_written
    assert (d.speaker, d.role) == ("Aoife Example", "Permanent Representative of Ireland to the United Nations")
    assert d.event.name == "Informal Dialogue on ICT Security"
    doc = next(r for r in rows(build_of(fresh), "documents") if r["document_id"] == d.document_id)
    assert doc["title"] == d.title


def test_a_known_person_who_said_is_the_speaker_in_chinese(fresh, tmp_path):
    page = write(tmp_path, "zh.txt", "中华人民共和国外交部\n\n王毅谈网络空间国际合作\n\n2025-03-12 10:30\n\n"
                 "王毅说，网络空间是人类共同的家园，各国应当加强对话与合作，共同构建网络空间命运共同体。\n")
    d = pipeline.add(fresh, page)
    assert (d.speaker, d.speaker_entity) == ("王毅", "wang-yi")


def test_a_date_given_with_the_precision_the_source_states(fresh, tmp_path):
    page = write(tmp_path, "zh.txt", "中华人民共和国外交部\n\n林浩然出席人工智能能力建设之友小组第三次会议\n\n"
                 "外交部副部长林浩然在纽约联合国总部出席人工智能能力建设之友小组第三次会议。来自60多个国家的代表与会。\n")
    d = pipeline.add(fresh, page, given=Given(date="2025-06"))
    assert (d.date, d.speaker, d.role, d.event.ordinal) == ("2025-06", "林浩然", "外交部副部长", 3)
    doc = next(r for r in rows(build_of(fresh), "documents") if r["document_id"] == d.document_id)
    assert (doc["date_published"], doc["date_precision"]) == ("2025-06", "month")


def test_the_publisher_from_the_address_when_the_page_names_none(fresh, tmp_path):
    page = write(tmp_path, "bare.txt", PAGE.format(date="8 October 2024").replace("Permanent Mission of Ireland to the United Nations\n", ""))
    for extra in ([], ["--url", "https://www.example.org/statements/ict"]):
        result = cli(fresh.root, "add", page, *extra)
        assert result.exit_code == 2 and "nothing on the page names its publisher" in result.output and "--url" in result.output
    d = pipeline.add(fresh, page, url="https://mfa.gov.ie/en/statements/ict")
    assert (d.publisher, d.holder, d.new_organ.parent) == ("mfa-ireland", "ireland", "ireland")
    d = pipeline.add(fresh, write(tmp_path, "china.txt", PAGE.format(date="9 October 2024").replace(
        "Permanent Mission of Ireland to the United Nations\n", "").replace("Ireland supports", "China supports").replace(
        "Aoife Example", "Lan Qingshan")),
        url="http://un.china-mission.gov.cn/eng/hyyfy/202410/t1.htm")
    assert (d.publisher, d.new_organ) == ("china-un-mission", None)  # the codebook's entity whose site it is
