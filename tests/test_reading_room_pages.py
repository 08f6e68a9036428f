"""The reading room's pages for states, issues, themes, meetings, comparison, translations,
search, provenance and downloads: every count a page shows is counted again here from the
package's CSVs (data/), and every link is followed to a page that exists."""
from __future__ import annotations

import asyncio
import csv
import hashlib
import html
import io
import json
import re
from collections import Counter, defaultdict

import pytest
from conftest import rows
from test_reading_room import reading_room_project

from cybergov.publication.downloads import MANIFEST
from cybergov.publication.pages import search as search_page
from cybergov.publication.site import datasette_app


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    return reading_room_project(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def ds(room):
    return datasette_app(room)


def get(ds, path: str):
    return asyncio.run(ds.client.get(path))


def page(ds, path: str) -> str:
    r = get(ds, path)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    return r.text


def shown(text: str) -> dict[str, int]:
    """Every count a page marks as one (<data class="rr-n" data-what=...>), by what it counts."""
    found = re.findall(r'<data class="rr-n" value="(\d+)" data-what="([^"]+)">(\d+)</data>', text)
    for value, _, visible in found:
        assert value == visible
    return {what: int(value) for value, what, _ in found}


def year(d: str) -> str:
    return d[:4]


@pytest.fixture(scope="module")
def data(room):
    docs = {r["document_id"]: r for r in rows(room, "documents")}
    stances = rows(room, "stances")
    return {"docs": docs, "stances": stances, "themes": rows(room, "themes"), "coded": rows(room, "sentence_themes")}


def test_state_page_counts_what_the_state_said(ds, data):
    docs, stances = data["docs"], data["stances"]
    holders = {d["holder_id"] for d in docs.values()}
    assert len(holders) >= 2
    for holder in holders:
        text = page(ds, f"/states/{holder}")
        counts = shown(text)
        mine = [t for t in stances if t["holder_id"] == holder]
        assert counts["statements"] == sum(d["holder_id"] == holder for d in docs.values())
        assert counts["held"] == len(mine)
        assert counts["held_statements"] == len({t["document_id"] for t in mine})
        assert counts["meetings"] == len({d["event_id"] for d in docs.values() if d["holder_id"] == holder and d["event_id"]})
        for kind, column in (("issues", "issue_id"), ("entities", "object_entity_id")):
            expected = Counter((t[column], t["polarity"]) for t in mine if t[column])
            for key, value in counts.items():
                pol, _, rest = key.partition(":")
                if rest.startswith(kind + ":"):
                    assert value == expected[(rest.split(":", 1)[1], pol)], key
        # Each statement listed links to its page, with the language of Chinese titles marked.
        for d in (d for d in docs.values() if d["holder_id"] == holder):
            lang = f' lang="{d["language"]}"' if d["language"] != "en" else ""
            assert f'href="/statements/{d["document_id"]}"{lang}>' in text
    assert get(ds, "/states/no-such-state").status_code == 404


def test_states_list_counts_statements_and_positions(ds, data):
    counts = shown(page(ds, "/states"))
    held = Counter(t["holder_id"] for t in data["stances"])
    docs = Counter(d["holder_id"] for d in data["docs"].values())
    for holder in set(held) | set(docs):
        assert counts[f"statements:{holder}"] == docs[holder]
        assert counts[f"held:{holder}"] == held[holder]


def test_issue_pages_show_who_supports_and_opposes_with_the_csv_of_the_chart(ds, data, room):
    issues = rows(room, "issues")
    linked = [t for t in data["stances"] if t["issue_id"]]
    assert linked, "the sample holds a stance on an issue"
    listed = shown(page(ds, "/issues"))
    for issue in issues:
        mine = [t for t in linked if t["issue_id"] == issue["issue_id"]]
        assert listed[f"support:{issue['issue_id']}"] == sum(t["polarity"] == "support" for t in mine)
        assert listed[f"oppose:{issue['issue_id']}"] == sum(t["polarity"] == "oppose" for t in mine)
        assert listed[f"holders:{issue['issue_id']}"] == len({t["holder_id"] for t in mine})
    issue_id = linked[0]["issue_id"]
    text = page(ds, f"/issues/{issue_id}")
    mine = [t for t in linked if t["issue_id"] == issue_id]
    counts = shown(text)
    by_holder = defaultdict(Counter)
    for t in mine:
        by_holder[t["holder_id"]][t["polarity"]] += 1
    for holder, c in by_holder.items():
        assert counts[f"support:{holder}"] == c["support"] and counts[f"oppose:{holder}"] == c["oppose"]
        assert f'href="/states/{holder}"' in text
    # The CSV holds exactly the rows the chart draws.
    spec = json.loads(html.unescape(re.search(r'id="rr-holders-chart-spec">(.*?)</script>', text, re.S).group(1)))
    table = list(csv.DictReader(io.StringIO(page(ds, f"/issues/{issue_id}.csv?chart=holders"))))
    assert [(r["holder_id"], int(r["support"]), int(r["oppose"])) for r in table] == \
        [(v["holder_id"], v["support"], v["oppose"]) for v in spec["data"]["values"]]
    assert {r["holder_id"]: (int(r["support"]), int(r["oppose"])) for r in table} == \
        {h: (c["support"], c["oppose"]) for h, c in by_holder.items()}
    years = list(csv.DictReader(io.StringIO(page(ds, f"/issues/{issue_id}.csv?chart=years"))))
    for polarity in ("support", "oppose"):
        expected = Counter(year(data["docs"][t["document_id"]]["date_published"]) for t in mine if t["polarity"] == polarity)
        assert {r["year"]: int(r[polarity]) for r in years if int(r[polarity])} == dict(expected), polarity
    assert spec["encoding"]["x"]["axis"]["format"] == "d"
    # Each quote links to its sentence.
    for sentence_id in {t["sentence_id"] for t in mine}:
        doc, rest = sentence_id.split("/", 1)
        assert f'href="/statements/{doc}?at=s-{rest.replace("/", "-")}#s-{rest.replace("/", "-")}"' in text


def test_theme_pages_group_sub_themes_and_count_positions(ds, data):
    themes, coded, stances = data["themes"], data["coded"], data["stances"]
    children = defaultdict(list)
    for t in themes:
        if t["parent_id"]:
            children[t["parent_id"]].append(t["theme_id"])
    listed = shown(page(ds, "/themes"))
    per_theme = Counter(c["theme_id"] for c in coded)
    for t in themes:
        assert listed[f"sentences:{t['theme_id']}"] == per_theme[t["theme_id"]]
    parent = max(children, key=lambda p: per_theme[p] + sum(per_theme[c] for c in children[p]))
    text = page(ds, f"/themes/{parent}")
    counts = shown(text)
    assert counts["sentences"] == per_theme[parent]
    assert counts["statements"] == len({c["document_id"] for c in coded if c["theme_id"] == parent})
    family = {parent, *children[parent]}
    sentences = {c["sentence_id"] for c in coded if c["theme_id"] in family}
    mine = [t for t in stances if t["sentence_id"] in sentences]
    assert counts["support"] == sum(t["polarity"] == "support" for t in mine)
    assert counts["oppose"] == sum(t["polarity"] == "oppose" for t in mine)
    assert counts["holders"] == len({t["holder_id"] for t in mine})
    for child in children[parent]:
        assert f'href="/themes/{child}"' in text
        assert f'href="/themes/{parent}"' in page(ds, f"/themes/{child}")


def test_event_page_sets_the_statements_of_one_meeting_side_by_side(ds, data):
    by_event = defaultdict(list)
    for d in data["docs"].values():
        if d["event_id"]:
            by_event[d["event_id"]].append(d)
    event_id = max(by_event, key=lambda e: len(by_event[e]))
    text = page(ds, f"/events/{event_id}")
    counts = shown(text)
    assert counts["statements"] == len(by_event[event_id])
    for d in by_event[event_id]:
        assert f'href="/statements/{d["document_id"]}"' in text
        mine = [t for t in data["stances"] if t["document_id"] == d["document_id"]]
        assert counts[f"support:{d['document_id']}"] == sum(t["polarity"] == "support" for t in mine)
        assert counts[f"oppose:{d['document_id']}"] == sum(t["polarity"] == "oppose" for t in mine)
    assert get(ds, "/events/no-such-meeting").status_code == 404


def test_compare_sets_states_side_by_side_with_the_csv(ds, data):
    holders = sorted({t["holder_id"] for t in data["stances"]})[:2]
    theme = Counter(c["theme_id"] for c in data["coded"]).most_common(1)[0][0]
    query = f"state={holders[0]}&state={holders[1]}&theme={theme}"
    text = page(ds, f"/compare?{query}")
    counts = shown(text)
    rows_ = list(csv.DictReader(io.StringIO(page(ds, f"/compare.csv?{query}"))))
    assert [r["holder_id"] for r in rows_] == holders
    sentences = {c["sentence_id"] for c in data["coded"] if c["theme_id"] == theme}
    sub = {t["theme_id"] for t in data["themes"] if t["parent_id"] == theme}
    sentences |= {c["sentence_id"] for c in data["coded"] if c["theme_id"] in sub}
    for r in rows_:
        mine = [t for t in data["stances"] if t["holder_id"] == r["holder_id"] and t["sentence_id"] in sentences]
        assert int(r["support"]) == counts[f"support:{r['holder_id']}"] == sum(t["polarity"] == "support" for t in mine)
        assert int(r["oppose"]) == counts[f"oppose:{r['holder_id']}"] == sum(t["polarity"] == "oppose" for t in mine)
    # A request the page cannot answer gets a message, not an error.
    for bad in ("state=china&theme=" + theme, f"{query}&issue=x", "state=a&state=b&state=c&state=d&state=e&state=f&theme=" + theme):
        r = get(ds, "/compare?" + bad)
        assert r.status_code == 200 and "message-error" in r.text
    assert get(ds, "/compare.csv?state=china").status_code == 400


def test_translation_side_by_side_is_aligned_by_paragraph(ds, room):
    pair = rows(room, "translations")[0]
    alignments = [a for a in rows(room, "paragraph_alignments") if a["document_id"] == pair["document_id"]]
    assert alignments and int(pair["aligned"]) == len(alignments)
    text = page(ds, f"/statements/{pair['translation_id']}/translation")
    assert f'href="/statements/{pair["document_id"]}/translation"' in page(ds, f"/statements/{pair['document_id']}")
    cells = re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*</tr>", text, re.S)
    row_of = {}
    for i, (left, right) in enumerate(cells):
        for pid in re.findall(r'id="[lr]-(p\d+)"', left + right):
            row_of.setdefault(pid, set()).add(i)
    # Left is the translation (whose page this is), right the other version: each aligned pair shares a row.
    for a in alignments:
        left_p, right_p = a["aligned_paragraph_id"].rsplit("/", 1)[1], a["paragraph_id"].rsplit("/", 1)[1]
        assert re.search(rf'id="l-{left_p}"', text) and re.search(rf'id="r-{right_p}"', text)
        left_rows = {i for i, (l, _) in enumerate(cells) if f'id="l-{left_p}"' in l}
        right_rows = {i for i, (_, r) in enumerate(cells) if f'id="r-{right_p}"' in r}
        assert left_rows == right_rows
    zh = next(d for d in rows(room, "documents") if d["document_id"] in (pair["document_id"], pair["translation_id"])
              and d["language"].startswith("zh"))
    assert f'<td lang="{zh["language"]}">' in text


def test_chinese_text_is_shown_without_spaces_added(ds, room):
    doc = next(d for d in rows(room, "documents") if d["language"].startswith("zh"))
    text = page(ds, f"/statements/{doc['document_id']}")
    assert f'<div class="rr-text" lang="{doc["language"]}">' in text
    paragraphs = [p for p in rows(room, "paragraphs") if p["document_id"] == doc["document_id"]]
    shown_paras = re.findall(r'<section class="rr-para[^"]*" id="(p\d+)">.*?<p>(.*?)</p>', text, re.S)
    assert len(shown_paras) == len(paragraphs)
    for (_, inner), para in zip(shown_paras, paragraphs):
        assert html.unescape(re.sub(r"<[^>]+>", "", inner)) == para["text"]


def test_search_counts_are_bounded_and_say_when_they_are_estimates(room, monkeypatch):
    """Past COUNT_CAP matches the count says "more than"; a filtered search past CAP matches says
    "at least"; the hits are the best-ranked of the CAP matches read, in pages that all exist."""
    sentences = rows(room, "sentences")
    n = sum("cyber" in s["text"].lower() for s in sentences)
    assert n > 6
    monkeypatch.setattr(search_page, "COUNT_CAP", 4)
    monkeypatch.setattr(search_page, "CAP", 3)
    monkeypatch.setattr(search_page, "PAGE_SIZE", 2)
    ds = datasette_app(room)
    text = page(ds, "/search?q=cyber*")
    assert shown(text)["total"] == 4 and 'class="rr-estimate">More than<' in text and "an estimate" in text
    assert "best-ranked of the first 3 matches" in text and "page 1 of 2" in text
    assert len(re.findall(r'class="rr-snippet"', text)) == 2
    assert len(re.findall(r'class="rr-snippet"', page(ds, "/search?q=cyber*&page=2"))) == 1
    language = rows(room, "documents")[0]["language"]
    text = page(ds, f"/search?q=cyber*&language={language}")
    assert 'class="rr-estimate">At least<' in text and shown(text)["total"] <= 3
    # Under the ceilings the count is exact and says nothing of an estimate.
    monkeypatch.setattr(search_page, "COUNT_CAP", 10**6)
    monkeypatch.setattr(search_page, "CAP", 10**6)
    assert "rr-estimate" not in page(datasette_app(room), "/search?q=cyber*")


def test_search_reads_prefixes_spellings_chinese_and_filters(ds, room):
    sentences = rows(room, "sentences")
    docs = {d["document_id"]: d for d in rows(room, "documents")}

    def words(text):
        return re.findall(r"[^\W_]+", text.lower())

    def total(q, **filters):
        text = page(ds, "/search?q=" + q + "".join(f"&{k}={v}" for k, v in filters.items()))
        return shown(text).get("total"), text

    expected = sum(any(w.startswith("cyber") for w in words(s["text"])) for s in sentences)
    assert expected and total("cyber*")[0] == expected
    assert total("cyber*")[0] > total("cyberspace")[0]
    # A British spelling finds the American one (the sample's texts use -ize).
    american = next(w for s in sentences for w in words(s["text"]) if w.endswith("ization") and len(w) > 10)
    british = american[:-7] + "isation"
    found, text = total(british)
    assert found >= sum(american in words(s["text"]) for s in sentences) > 0
    assert re.search(rf"<mark>{american}</mark>", text, re.I)
    # Chinese: a two-character word, inside longer runs of characters.
    phrase = "网络"
    found, text = total(phrase)
    assert found == sum(phrase in s["text"] for s in sentences) > 0
    assert f"<mark>{phrase}</mark>" in text and 'lang="zh-Hans"' in text
    # Filters narrow to the statements they name.
    china = sum("cyberspace" in words(s["text"]) and docs[s["document_id"]]["holder_id"] == "china" for s in sentences)
    assert total("cyberspace", state="china", language="en")[0] == sum(
        "cyberspace" in words(s["text"]) and docs[s["document_id"]]["holder_id"] == "china"
        and docs[s["document_id"]]["language"] == "en" for s in sentences) <= china
    # The filters offer every state holding a statement, every year and language, and keep the choice made.
    _, text = total("cyberspace", state="china", language="en")
    selects = dict(re.findall(r'<select id="rr-f-(\w+)" name="\w+">(.*?)</select>', text))
    chosen = {name: re.findall(r'<option value="([^"]*)" selected>', body) for name, body in selects.items()}
    assert chosen == {"state": ["china"], "year": [], "language": ["en"], "source": []}
    years = re.findall(r'<option value="(\d{4})"', selects["year"])
    assert years == sorted({d["date_published"][:4] for d in docs.values()}, reverse=True)
    assert '<option value="en" selected>English</option>' in selects["language"]
    holders = {d["holder_id"] for d in docs.values() if d["holder_id"]}
    assert set(re.findall(r'<option value="([^"]*)"', selects["state"])) >= holders | {""}
    # Phrases, operators and their mistakes.
    assert total('"digital divide"')[0] == sum("digital divide" in " ".join(words(s["text"])) for s in sentences)
    for bad, says in (("(cyber", "parenthesis"), ('"cyber', "quotation"), ("NOT cyber", "NOT"), ("cyber OR", "OR")):
        r = get(ds, "/search?q=" + bad)
        assert r.status_code == 200 and "message-error" in r.text and says in html.unescape(r.text)


def test_statement_provenance_cite_json_and_source(ds, room):
    doc = next(d for d in rows(room, "documents") if d["source_url"] and d["retrieved"])
    text = page(ds, f"/statements/{doc['document_id']}")
    assert f'href="{doc["source_url"]}"' in text and f'datetime="{doc["retrieved"]}"' in text
    assert "@misc{" in text and "cff-version: 1.2.0" in text and html.escape(doc["title"], quote=False) in html.unescape(text)
    source = get(ds, f"/statements/{doc['document_id']}/source")
    saved = (room.root / doc["source_file"]).read_bytes()
    assert source.status_code == 200 and source.content == saved
    assert hashlib.sha256(source.content).hexdigest() == doc["sha256"]
    assert "attachment" in source.headers["content-disposition"]
    assert not source.headers["content-type"].startswith("text/html")
    line = next(json.loads(x) for x in room.nested.read_text(encoding="utf-8").splitlines()
                if json.loads(x)["document_id"] == doc["document_id"])
    assert get(ds, f"/statements/{doc['document_id']}.json").json() == line
    sentences = get(ds, f"/cybergov/sentences.csv?document_id={doc['document_id']}&_stream=on")
    assert len(list(csv.reader(io.StringIO(sentences.text)))) - 1 == int(doc["n_sentences"])


def test_downloads_page_lists_every_file_with_size_and_checksum(ds, room):
    manifest = json.loads((room.dist / MANIFEST).read_text(encoding="utf-8"))
    paths = {f["path"] for f in manifest["files"]}
    package = json.loads(room.datapackage.read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert res["path"] in paths and f"dist/parquet/{res['name']}.parquet" in paths
    assert {"datapackage.json", "dist/cybergov.db"} <= paths
    for doc in ("CITATION.cff", "CODEBOOK.md"):
        assert (doc in paths) == (room.root / doc).is_file()
    assert any(p.startswith("schemas/") for p in paths)
    text = page(ds, "/downloads")
    for f in manifest["files"]:
        file = room.root / f["path"]
        assert f["size"] == file.stat().st_size and f["sha256"] == hashlib.sha256(file.read_bytes()).hexdigest()
        assert f'href="/downloads/{f["path"]}"' in text and f["sha256"] in text
    small = next(f for f in manifest["files"] if f["path"] == "datapackage.json")
    assert get(ds, "/downloads/datapackage.json").content == (room.root / small["path"]).read_bytes()
    for bad in ("/downloads/../sources/package.yaml", "/downloads/sources/package.yaml", "/downloads/nothing.csv"):
        assert get(ds, bad).status_code == 404
    # Linked from every page of the reading room.
    for path in ("/", "/states", "/issues", "/search?q=cyber", f"/statements/{rows(room, 'documents')[0]['document_id']}"):
        assert 'href="/downloads"' in page(ds, path)
