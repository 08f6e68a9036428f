"""The reading room: highlighting, the statement, entity, search and home pages, and safety.

The pages are requested through Datasette's test client from a temporary project holding
the seed statements and one more whose title and text contain markup, which must come out
as text.
"""
from __future__ import annotations

import asyncio
import csv as csv_module
import hashlib
import html
import io
import json
import re
import shutil
import sqlite3
import urllib.parse
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEEDS, copy_project, rows
from cybergov.package.tables import columns
from cybergov.paths import DATABASE, Paths
from cybergov.pipeline import build
from cybergov.publication.database import build_database
from cybergov.publication.pages import entity as entity_page
from cybergov.publication.pages import statement as statement_page
from cybergov.publication.pages.highlight import KINDS, Span, marked, render, sentence_anchor
from cybergov.publication.site import SETTINGS, datasette_app, metadata
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape as esc

PAYLOAD = "<script>alert(1)</script>"
HOSTILE = "2024-06-21-markup-in-the-text"


def add_hostile_statement(paths: Paths) -> str:
    """A copy of a seed statement with markup in its title and first body paragraph; returns its id."""
    seed = SEEDS["remarks"]
    title = next(r["title"] for r in rows(paths, "documents") if r["document_id"] == seed)
    folder = paths.statements / HOSTILE
    shutil.copytree(paths.statements / seed, folder)
    source = folder / "source.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    at_title = lines.index(title)
    first, rest = title.split(" ", 1)
    lines[at_title] = f"{first} {PAYLOAD} {rest}"
    longest = max(range(at_title + 1, len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = f'{PAYLOAD} & <b onmouseover="alert(2)">bold</b> "quoted". {lines[longest]}'
    source.write_text("\n".join(lines), encoding="utf-8")
    meta = (folder / "metadata.yaml").read_text(encoding="utf-8")
    meta = re.sub(r"(?m)^document_id: .*$", f"document_id: {HOSTILE}", meta)
    meta = re.sub(r"(?m)^sha256: .*$", f"sha256: {hashlib.sha256(source.read_bytes()).hexdigest()}", meta)
    (folder / "metadata.yaml").write_text(meta, encoding="utf-8")
    return HOSTILE


def reading_room_project(dst: Path) -> Paths:
    """A built project (seeds plus the statement with markup) with its database."""
    paths = copy_project(dst)
    build(paths, jobs=1, use_cache=False)
    add_hostile_statement(paths)
    build(paths, jobs=1, use_cache=False)
    build_database(paths)
    return paths


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Paths:
    return reading_room_project(tmp_path_factory.mktemp("room"))


@pytest.fixture(scope="module")
def ds(room):
    return datasette_app(room)


def get(ds, path: str):
    return asyncio.run(ds.client.get(path))


def page(ds, path: str, status: int = 200) -> str:
    r = get(ds, path)
    assert r.status_code == status, (path, r.status_code, r.text[:500])
    return r.text


# --- highlighting ----------------------------------------------------------------------
class _Marks(HTMLParser):
    """For each character of the text: the annotation keys of the <mark>s around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.chars: list[tuple[str, frozenset]] = []
        self.parts: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        assert tag == "mark", tag
        key = dict(attrs)["data-ann"]
        self.stack.append(key)
        self.parts[key] += 1

    def handle_endtag(self, tag):
        assert tag == "mark" and self.stack, "a closing tag without its opening tag"
        self.stack.pop()

    def handle_data(self, data):
        self.chars += [(c, frozenset(self.stack)) for c in data]


def parse_marks(fragment: str) -> _Marks:
    parser = _Marks()
    parser.feed(fragment)
    parser.close()
    assert not parser.stack, "an opening tag left open"
    return parser


def test_overlapping_spans_are_split_and_nested():
    text = "abcdefghij"
    out = render(text, [Span(0, 6, "stance", "a", "A"), Span(3, 9, "mention", "b", "B")])
    assert out == ('<mark class="hl hl-stance" data-ann="a" tabindex="0" title="A">abc'
                   '<mark class="hl hl-mention" data-ann="b" tabindex="0" title="B">def</mark></mark>'
                   '<mark class="hl hl-mention hl-cont" data-ann="b" tabindex="0" title="B">ghi</mark>j')
    # Same words: the kind ranked outer holds the other, whatever the input order.
    same = render("xy", [Span(0, 2, "mention", "m", "M"), Span(0, 2, "stance", "s", "S")])
    assert same.index('data-ann="s"') < same.index('data-ann="m"')


def test_offsets_are_code_points_and_text_is_escaped():
    text = "𝕏 <b>&\"'</b> 中文"
    spans = [Span(0, 1, "mention", "x", 'say "<hi>"'), Span(2, 5, "theme", "t", "T"), Span(13, 15, "mention", "z", "Z")]
    out = render(text, spans)
    assert ">𝕏</mark>" in out and ">&lt;b&gt;</mark>" in out and ">中文</mark>" in out
    assert 'title="say &#34;&lt;hi&gt;&#34;"' in out
    assert "<b>" not in out
    # A slice of a longer text: spans are in document offsets and clipped to the slice.
    assert render("cde", [Span(0, 3, "mention", "k", "K")], offset=2) == \
        '<mark class="hl hl-mention" data-ann="k" tabindex="0" title="K">c</mark>de'


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_rendered_highlights_cover_exactly_their_characters(data):
    text = data.draw(st.text(alphabet=st.sampled_from("ab <>&\"'é中𝕏\n"), min_size=1, max_size=30))
    n = len(text)
    bounds = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).filter(lambda b: b[0] < b[1])
    spans = [Span(a, b, data.draw(st.sampled_from(KINDS)), f"k{i}", f"<{i}>")
             for i, (a, b) in enumerate(data.draw(st.lists(bounds, max_size=6)))]
    parsed = parse_marks(render(text, spans))
    assert "".join(c for c, _ in parsed.chars) == text
    for i, (_, keys) in enumerate(parsed.chars):
        assert keys == {s.key for s in spans if s.start <= i < s.end}
    assert set(parsed.parts) == {s.key for s in spans}


def test_snippet_markers_always_pair():
    assert marked("a \x02<b>\x03 c", "\x02", "\x03") == "a <mark>&lt;b&gt;</mark> c"
    # Stray markers in the text cannot leave a tag open.
    out = marked("\x03x \x02y \x02z\x03 \x03", "\x02", "\x03")
    assert out.count("<mark>") == out.count("</mark>") == 2


# --- statement page --------------------------------------------------------------------
def test_statement_page_shows_the_statement_and_its_codes(ds, room):
    doc_id = SEEDS["remarks"]
    doc = next(r for r in rows(room, "documents") if r["document_id"] == doc_id)
    entities = {r["entity_id"]: r for r in rows(room, "entities")}
    text = page(ds, f"/statements/{doc_id}")
    assert esc(doc["title"]) in text
    assert esc(entities[doc["publisher_id"]]["name"]) in text
    assert doc["date_published"] in text
    event = next(r for r in rows(room, "events") if r["event_id"] == doc["event_id"])
    assert esc(event["name"]) in text
    for sp in (r for r in rows(room, "document_speakers") if r["document_id"] == doc_id):
        assert f'href="/entities/{sp["entity_id"]}"' in text
    # Every sentence has its anchor, and the page's text is the published text.
    sentences = [r for r in rows(room, "sentences") if r["document_id"] == doc_id]
    for s in sentences:
        assert f'id="{sentence_anchor(s["sentence_id"], doc_id)}"' in text
    body = re.search(r'<div class="rr-text"[^>]*>(.*)</div>\s*<section class="rr-cite-block"', text, re.S).group(1)
    spans = re.findall(r'<span class="rr-sentence" id="[^"]+">(.*?)</span>', body, re.S)
    assert [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in spans] == [s["text"] for s in sentences]
    # Each mention is highlighted with its code, method and cue, and its card links to the entity page.
    mentions = [r for r in rows(room, "mentions") if r["document_id"] == doc_id]
    assert mentions
    for m in mentions:
        key = "m-" + m["mention_id"].removeprefix(doc_id + "/").replace("/", "-")
        tag = re.search(rf'<mark class="hl hl-mention[^"]*" data-ann="{key}" tabindex="0" title="([^"]*)"', text)
        assert tag, key
        title = html.unescape(tag.group(1))
        assert m["entity_id"] in title and f"method {m['method']}" in title and m["surface"] in title
        card = re.search(rf'<li class="rr-card rr-card-mention" id="ann-{key}">(.*?)</li>', text, re.S).group(1)
        assert f'href="/entities/{m["entity_id"]}"' in card
    for t in (r for r in rows(room, "stances") if r["document_id"] == doc_id):
        key = "t-" + t["stance_id"].removeprefix(doc_id + "/").replace("/", "-")
        assert f'data-ann="{key}"' in text
    for c in (r for r in rows(room, "sentence_themes") if r["document_id"] == doc_id):
        assert f'data-ann="c-{c["sentence_id"].removeprefix(doc_id + "/").replace("/", "-")}-{c["theme_id"]}"' in text


def test_errata_are_shown_beside_the_text(ds, room):
    errata = rows(room, "errata")
    assert errata
    for e in errata:
        text = page(ds, f"/statements/{e['document_id']}")
        margin = "".join(re.findall(r'<aside class="rr-margin"[^>]*>(.*?)</aside>', text, re.S))
        assert esc(e["correction"]) in margin and esc(e["surface"]) in margin
        assert 'class="hl hl-erratum"' in text


def test_every_statement_is_linked_from_the_tables(ds, room):
    ids = [r["document_id"] for r in rows(room, "documents")]
    for table in ("documents", "statements"):
        text = page(ds, f"/{DATABASE}/{table}")
        for doc_id in ids:
            assert f'href="/statements/{doc_id}"' in text, (table, doc_id)
    for doc_id in ids:
        assert f'href="/statements/{doc_id}"' in page(ds, f"/{DATABASE}/documents/{doc_id}")
    assert f'href="/statements/{ids[0]}"' in page(ds, "/")


def test_unknown_pages_are_404(ds):
    for path in ("/statements/no-such-statement", "/entities/no-such-entity", "/statements/NO"):
        r = get(ds, path)
        assert r.status_code == 404 and "Traceback" not in r.text


# --- entity page -----------------------------------------------------------------------
def test_entity_page_gathers_its_mentions_and_stances(ds, room):
    mentions = rows(room, "mentions")
    entity_id, _ = Counter(m["entity_id"] for m in mentions).most_common(1)[0]
    text = page(ds, f"/entities/{entity_id}")
    entity = next(r for r in rows(room, "entities") if r["entity_id"] == entity_id)
    assert esc(entity["name"]) in text
    sentences = {m["sentence_id"] for m in mentions if m["entity_id"] == entity_id}
    sentences |= {t["sentence_id"] for t in rows(room, "stances") if t["object_entity_id"] == entity_id}
    # A sentence is linked by the passage that holds it (?at=) and its anchor.
    links = set(re.findall(r'href="/statements/([^"#?]+)\?at=(s-[^"#]+)#\2"', text))
    assert {(s.split("/")[0], sentence_anchor(s, s.split("/")[0])) for s in sentences} == links
    # Latest statement first, and each link lands on a sentence of its statement page.
    dates = re.findall(r'<h2><time datetime="([^"]+)">', text)
    assert dates == sorted(dates, reverse=True) and dates
    doc_id, anchor = sorted(links)[0]
    assert f'id="{anchor}"' in page(ds, f"/statements/{doc_id}")


def test_entity_page_shows_only_the_latest_statements_and_counts_them_all(room, monkeypatch):
    """The most mentioned entities are in most statements: the page shows the latest few in
    full, with counts over all of them and links to the tables that hold the rest."""
    mentions = rows(room, "mentions")
    entity_id = Counter(m["entity_id"] for m in mentions).most_common(1)[0][0]
    docs = {m["document_id"] for m in mentions if m["entity_id"] == entity_id}
    docs |= {t["document_id"] for t in rows(room, "stances") if t["object_entity_id"] == entity_id}
    assert len(docs) >= 2
    dates = {r["document_id"]: r["date_published"] for r in rows(room, "documents")}
    conn = sqlite3.connect(room.database)
    full = entity_page.entity(conn, entity_id)
    one = entity_page.entity(conn, entity_id, limit=1)
    assert [s["document_id"] for s in one["statements"]] == [max(docs, key=lambda d: (dates[d], d))]
    assert one["counts"]["shown"] == 1 and one["counts"]["statement"] == len(docs) == full["counts"]["statement"]
    assert one["counts"]["mention"] == sum(m["entity_id"] == entity_id for m in mentions)
    assert (one["first"], one["last"]) == (min(dates[d] for d in docs), max(dates[d] for d in docs))
    monkeypatch.setattr(entity_page, "ENTITY_STATEMENTS", 1)
    text = page(datasette_app(room), f"/entities/{entity_id}")
    assert len(re.findall(r'<h2><time datetime="([^"]+)">', text)) == 1
    assert f"the latest 1 of its {len(docs)} statements" in text
    assert f'href="/{DATABASE}/entity_documents?entity_id={entity_id}&amp;_sort_desc=date_published"' in text
    assert f'href="/{DATABASE}/mentions?entity_id={entity_id}"' in text


def test_a_long_statement_is_shown_in_passages_that_reach_every_sentence(room, monkeypatch):
    """A statement longer than a page's budget is shown in passages of whole paragraphs: each
    sentence on exactly one of them, in order, an anchor (?at=) landing on the passage that holds
    it, and the counts of the whole statement on every one."""
    doc_id = max(rows(room, "documents"), key=lambda d: int(d["n_paragraphs"]))["document_id"]
    paragraphs = [p for p in rows(room, "paragraphs") if p["document_id"] == doc_id]
    sentences = [s for s in rows(room, "sentences") if s["document_id"] == doc_id]
    budget = max(int(p["char_end"]) - int(p["char_start"]) for p in paragraphs) + 1
    monkeypatch.setattr(statement_page, "PASSAGE_CHARS", budget)
    ds = datasette_app(room)
    first = page(ds, f"/statements/{doc_id}")
    parts = re.findall(r'<a href="\?part=(\d+)">', first)
    n = len(set(parts)) + 1
    assert n > 1 and 'aria-current="page"' in first
    seen = []
    for k in range(1, n + 1):
        text = page(ds, f"/statements/{doc_id}?part={k}")
        body = re.search(r'<div class="rr-text"[^>]*>(.*)</div>', text, re.S).group(1)
        shown_paras = re.findall(r'<section class="rr-para[^"]*" id="(p\d+)">', body)
        assert sum(int(p["char_end"]) - int(p["char_start"]) for p in paragraphs
                   if p["paragraph_id"].rsplit("/", 1)[1] in shown_paras) <= budget or len(shown_paras) == 1
        seen += re.findall(r'<span class="rr-sentence" id="([^"]+)">', body)
        # The legend counts the whole statement's mentions on every passage.
        assert re.search(rf'hl-mention">mention</mark> {sum(m["document_id"] == doc_id for m in rows(room, "mentions"))} ', text)
    assert seen == [sentence_anchor(s["sentence_id"], doc_id) for s in sentences]
    last = sentence_anchor(sentences[-1]["sentence_id"], doc_id)
    assert f'id="{last}"' not in first
    assert f'id="{last}"' in page(ds, f"/statements/{doc_id}?at={last}")
    # A part out of range, or an anchor that is not one, shows a passage rather than failing.
    assert f'id="{last}"' in page(ds, f"/statements/{doc_id}?part=999")
    assert 'class="rr-sentence"' in page(ds, f"/statements/{doc_id}?at=nothing&part=x")


def test_passages_keep_paragraphs_whole_within_the_budget():
    paras = [{"ordinal": i + 1, "char_start": i * 100, "char_end": i * 100 + size} for i, size in enumerate([40, 50, 30, 250, 10])]
    parts = statement_page.passages(paras, budget=100)
    assert [(p["first_ordinal"], p["last_ordinal"]) for p in parts] == [(1, 2), (3, 3), (4, 4), (5, 5)]
    assert statement_page.passages(paras, budget=10_000)[0]["last_ordinal"] == 5


def test_statement_page_links_each_mention_to_an_entity_page_that_exists(ds, room):
    text = page(ds, f"/statements/{SEEDS['readout']}")
    for entity_id in sorted(set(re.findall(r'href="/entities/([^"]+)"', text)))[:8]:
        page(ds, f"/entities/{entity_id}")


# --- search ----------------------------------------------------------------------------
def test_search_finds_sentences_with_highlighted_words(ds):
    text = page(ds, "/search?q=cyberspace")
    assert 'id="hits-sentences"' in text
    assert re.search(r"<mark>cyberspace</mark>", text, re.I)
    assert re.search(r'href="/statements/[^"#?]+\?at=(s-p\d+-s\d+)#\1"', text)
    for q in ('"', "AND (", "*", "cyber*", "NEAR(", "a" * 500, "\x02", "OR", "a NOT", "()", "(a", "a)"):
        r = get(ds, "/search?q=" + urllib.parse.quote(q))
        assert r.status_code == 200 and "Traceback" not in r.text


# --- home page -------------------------------------------------------------------------
def test_home_page_draws_the_overview_with_local_scripts(ds, room):
    text = page(ds, "/")
    specs = {name: json.loads(spec) for name, spec in
             re.findall(r'<script type="application/json" id="rr-(\w+)-spec">(.*?)</script>', text, re.S)}
    assert set(specs) == {"timeline", "themes"}
    assert all(s["$schema"].endswith(".json") and "vega-lite" in s["$schema"] for s in specs.values())
    # Both count, so that they stay small however many statements there are, on whole-number axes.
    docs = {r["document_id"]: r for r in rows(room, "documents")}
    coded = Counter(t for t, _ in {(r["theme_id"], r["document_id"]) for r in rows(room, "sentence_themes")})
    bars = {v["theme_id"]: v["statements"] for v in specs["themes"]["data"]["values"]}
    assert bars == {t["theme_id"]: coded.get(t["theme_id"], 0) for t in rows(room, "themes")}
    # Sub-themes come right after their parent.
    order = [v["theme_id"] for v in specs["themes"]["data"]["values"]]
    parent = {t["theme_id"]: t["parent_id"] for t in rows(room, "themes")}
    for i, theme_id in enumerate(order):
        if parent[theme_id]:
            assert order[i - 1] == parent[theme_id] or parent[order[i - 1]] == parent[theme_id], theme_id
    years = Counter((r["date_published"][:4], r["publisher_id"]) for r in docs.values())
    bars = {(v["year"], v["publisher_id"]): v["statements"] for v in specs["timeline"]["data"]["values"]}
    assert bars == dict(years)
    assert specs["timeline"]["encoding"]["y"]["axis"]["format"] == "d"
    assert specs["timeline"]["encoding"]["y"]["axis"]["tickMinStep"] == 1
    for name in specs:
        assert re.search(rf'<figcaption id="rr-{name}-summary"[^>]*>[^<]{{20,}}', text), name
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', text)
    assert any("vega-embed" in s for s in scripts)
    for src in scripts:
        assert src.startswith("/"), f"{src} is not served locally"
        assert get(ds, src).status_code == 200, src
    # No inline script: only JSON data islands, so a policy allowing the site's own scripts suffices.
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert " src=" in tag or 'type="application/json"' in tag, tag


# --- tables, facets, downloads ---------------------------------------------------------
def test_table_rows_are_written_as_datasette_writes_them(ds, room):
    """The rows of a table page come from Python (rr_table_body) with the markup of Datasette's _table.html."""
    text = page(ds, f"/{DATABASE}/documents?_size=3")
    body = re.search(r"<tbody>(.*?)</tbody>", text, re.S).group(1)
    cells = re.findall(r'<td class="col-([\w-]+) type-(\w+)">', body)
    columns = [c.strip() for c in re.findall(r'scope="col" data-column="([^"]+)"', text)]
    assert len(re.findall(r"<tr>", body)) == 3 and [c for c, _ in cells[:len(columns)]] == columns
    doc = sorted(r["document_id"] for r in rows(room, "documents"))[0]
    assert f'href="/statements/{doc}"' in body and "type-int" in body and "type-str" in body


def test_a_table_search_is_counted_in_the_index_and_says_when_it_stops(ds, room, monkeypatch):
    """A full-text search on a table page is not counted by Datasette (_nocount) but in the index,
    up to a ceiling past which the page says "more than"; with a column filter Datasette counts."""
    from datasette.plugins import pm
    loaded = [m for m in pm.get_plugins() if str(getattr(m, "__file__", "")).endswith("table_search.py")]
    assert loaded
    table_search = loaded[0]
    n = sum("cyberspace" in re.findall(r"\w+", s["text"].lower()) for s in rows(room, "sentences"))
    assert n > 2
    text = page(ds, f"/{DATABASE}/sentences?_search=cyberspace")
    assert re.search(rf'data-what="search-rows">{n}</data> rows match this search\.', text)
    assert "rr-estimate" not in text and not re.search(r"<h3>[\d,]+ rows?\s+where", text)
    # The next page, whose link carries _nocount on, says the same.
    first = page(ds, f"/{DATABASE}/sentences?_search=cyberspace&_size=2")
    following = urllib.parse.urlsplit(html.unescape(re.search(r'href="([^"]*_next=[^"]*)"', first).group(1)))
    assert "_nocount=1" in following.query
    assert re.search(rf'data-what="search-rows">{n}</data>', page(ds, f"{following.path}?{following.query}"))
    for module in loaded:
        monkeypatch.setattr(module, "SEARCH_COUNT_CAP", 2)
    text = page(ds, f"/{DATABASE}/sentences?_search=cyberspace&_bust=1")
    assert 'class="rr-estimate">More than</span> <data class="rr-n" value="2"' in text
    doc = next(s["document_id"] for s in rows(room, "sentences") if "cyberspace" in s["text"].lower())
    text = page(ds, f"/{DATABASE}/sentences?_search=cyberspace&document_id={doc}")
    assert "rr-search-count" not in text, re.findall(r".{200}rr-search-count.{100}", text, re.S)
    assert re.search(r"<h3>[\d,]+ rows?\s+where", text)
    assert table_search.only_search([("_search", "x"), ("_size", "5")])
    # The next page (its link carries _nocount on) is counted the same way.
    assert table_search.only_search([("_search", "x"), ("_nocount", "1"), ("_next", "a")])
    assert not table_search.only_search([("_search", "x"), ("document_id", "d")])
    assert not table_search.only_search([("_search", "x"), ("_where", "1")]) and not table_search.only_search([("_size", "5")])
    assert not table_search.only_search([("_search", "x"), ("_through", "{}")])


def test_a_table_search_page_is_found_the_cheapest_way_with_datasettes_rows(ds, room):
    """A search page that Datasette does not count gets its search condition rewritten for the
    plan search_plan chooses; page after page, the rows are those of Datasette's own condition
    in key order. A counted page keeps Datasette's condition, which its count reads."""
    db = sqlite3.connect(room.database)
    expected = [r[0] for r in db.execute(
        "select sentence_id from sentences where rowid in (select rowid from sentences_fts where sentences_fts match '\"the\"') "
        "order by sentence_id")]
    db.close()
    assert len(expected) > 20
    got, conditions, url = [], set(), f"/{DATABASE}/sentences.json?_search=the&_size=7&_nocount=1&_shape=objects"
    while url and len(got) < 21:
        data = json.loads(page(ds, url))
        got += [r["sentence_id"] for r in data["rows"]]
        conditions.add(re.search(r"where (.*) order by", data["query"]["sql"]).group(1))
        url = data.get("next_url") and urllib.parse.urlsplit(data["next_url"])._replace(scheme="", netloc="").geturl()
    assert got == expected[:len(got)] and len(got) == 21
    # "the" is in most sentences: the key index is walked, not every match looked up and sorted.
    assert all(c.startswith(("+rowid in (select rowid from sentences_fts", "exists (select 1 from sentences_fts"))
               for c in conditions), conditions
    # Counted (an empty _nocount counts, as Datasette reads it), streamed or refused: Datasette's own way.
    for url in ("sentences.json?_search=the&_size=7", "sentences.json?_search=the&_size=7&_nocount="):
        counted = json.loads(page(ds, f"/{DATABASE}/{url}"))
        assert counted["query"]["sql"].count("where rowid in (select rowid from sentences_fts") == 1
        assert counted["filtered_table_rows_count"] == len(expected)
    streamed = page(ds, f"/{DATABASE}/sentences.csv?_search=the&_stream=1&_nocount=1&_size=max")
    assert [r["sentence_id"] for r in csv_module.DictReader(io.StringIO(streamed))] == expected
    assert get(ds, f"/{DATABASE}/sentences.json?_search=the&_nocount=1&_size=99999999999999999999").status_code == 400


def test_query_rows_are_written_as_datasette_writes_them(ds):
    """The rows of a canned query come from Python (rr_query_body) with the markup of Datasette's query.html."""
    text = page(ds, f"/{DATABASE}/stances_by_holder_and_object")
    columns = re.findall(r'<th class="col-([\w-]+)" scope="col">', text)
    body = re.search(r"<tbody>(.*?)</tbody>", text, re.S).group(1)
    row = re.search(r"<tr>(.*?)</tr>", body, re.S).group(1)
    assert re.findall(r'<td class="col-([\w-]+)">', row) == columns == [
        "holder_id", "holder", "polarity", "object_id", "object", "stances", "statements"]
    assert len(re.findall(r"<tr>", body)) == len(re.findall(r"</tr>", body)) > 0


def test_a_started_server_is_out_of_the_collectors_reach(ds):
    """Startup freezes the objects that live as long as the server, so a full collection walks only
    what requests made since (the frozen ones go back to the collector at exit)."""
    import gc
    get(ds, "/")
    assert gc.get_freeze_count() > 10_000


def test_tables_facets_and_hidden_fts(ds, room):
    tables = {t["name"]: t for t in get(ds, f"/{DATABASE}.json").json()["tables"]}
    fts = [name for name in tables if "_fts" in name]
    assert fts and all(tables[name]["hidden"] for name in fts)
    meta = metadata(room)["databases"][DATABASE]["tables"]
    for table, column in (("entities", "kind"), ("stances", "polarity"), ("sentence_themes", "theme_id"),
                          ("documents", "publisher_id"), ("statements", "year"), ("statements", "publisher")):
        assert column in meta[table]["facets"]
    r = get(ds, f"/{DATABASE}/statements.json?_facet=year&_facet=publisher")
    facets = r.json()["facet_results"]
    years = Counter(d["date_published"][:4] for d in rows(room, "documents"))
    assert {str(v["value"]): v["count"] for v in facets["year"]["results"]} == dict(years)
    assert all(meta[t].get("sortable_columns") for t in meta if not meta[t].get("hidden"))
    # Statements are long rows: their table pages are shorter, and page on to every one.
    assert meta["documents"]["size"] == 20
    r = get(ds, f"/{DATABASE}/documents.json?_size=2")
    assert len(r.json()["rows"]) == 2 and r.json()["next"]


def test_every_table_downloads_as_csv_and_json(ds, room):
    pkg = json.loads(room.datapackage.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        name, cols = res["name"], columns(room, res["name"])
        csv = get(ds, f"/{DATABASE}/{name}.csv?_stream=on")
        assert csv.status_code == 200 and csv.text.startswith(",".join(cols[:2]))
        assert len(list(csv_module.reader(io.StringIO(csv.text)))) == len(rows(room, name)) + 1
        js = get(ds, f"/{DATABASE}/{name}.json?_size=1")
        assert js.status_code == 200 and js.json()["filtered_table_rows_count"] == len(rows(room, name))


def test_query_results_link_to_the_reading_room(ds):
    text = page(ds, f"/{DATABASE}/entity_statements?entity_id=brics")
    assert re.search(r'href="/statements/[^"#?]+\?at=(s-p\d+-s\d+)#\1"', text)


# --- page cache ------------------------------------------------------------------------
def _plugin():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "datasette" / "plugins" / "reading_room.py"
    spec = importlib.util.spec_from_file_location("reading_room_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pages_are_served_again_from_memory_unless_personal(room, monkeypatch):
    ds = datasette_app(room)
    path = f"/statements/{SEEDS['remarks']}"
    first = page(ds, path)

    def rendered_again(*args, **kwargs):
        raise RuntimeError("rendered again")

    monkeypatch.setattr(statement_page, "statement", rendered_again)
    assert page(ds, path) == first
    # Anything that may make a page personal (a cookie, credentials) or a request other than GET skips the cache.
    assert asyncio.run(ds.client.get(path, headers={"cookie": "a=b"})).status_code == 500
    assert asyncio.run(ds.client.get(path, headers={"authorization": "Bearer x"})).status_code == 500
    # A page not seen before is rendered; an error is not kept.
    other = f"/statements/{HOSTILE}"
    assert get(ds, other).status_code == 500
    monkeypatch.undo()
    assert get(ds, other).status_code == 200


def test_mutable_databases_are_not_cached(room, monkeypatch):
    from datasette.app import Datasette

    folder = room.root / "datasette"
    ds = Datasette([str(room.database)], metadata=metadata(room), settings=SETTINGS,
                   plugins_dir=str(folder / "plugins"), template_dir=str(folder / "templates"))
    path = f"/statements/{SEEDS['remarks']}"
    page(ds, path)
    monkeypatch.setattr(statement_page, "statement", lambda *a, **k: None)
    assert get(ds, path).status_code == 404


def test_page_cache_keeps_the_latest_pages_within_its_size():
    cache = _plugin().PageCache(max_bytes=100)
    for i in range(5):
        cache.put(i, 200, [], b"x" * 30)
    assert list(cache.entries) == [2, 3, 4] and cache.size == 90
    cache.get(2)
    cache.put(5, 200, [], b"y" * 30)
    assert list(cache.entries) == [4, 2, 5]  # 2 was used again, so 3 went first
    cache.put(6, 200, [], b"z" * 101)  # bigger than the whole cache: not kept
    assert 6 not in cache.entries and cache.size == 90


def test_only_shared_responses_are_kept():
    shared = _plugin()._shared
    assert shared([(b"content-type", b"text/html"), (b"vary", b"Cookie, Authorization"), (b"cache-control", b"max-age=5")])
    assert not shared([(b"set-cookie", b"ds_messages=x")])
    assert not shared([(b"cache-control", b"private, no-store")])
    assert not shared([(b"vary", b"Accept-Encoding")])


# --- safety ----------------------------------------------------------------------------
def test_markup_in_a_statement_is_shown_as_text(ds, room):
    assert any(PAYLOAD in r["title"] for r in rows(room, "documents"))
    escaped = esc(PAYLOAD)
    speaker = next(r["entity_id"] for r in rows(room, "document_speakers") if r["document_id"] == HOSTILE)
    for path in (f"/statements/{HOSTILE}", "/search?q=alert", f"/entities/{speaker}", f"/{DATABASE}/documents",
                 f"/{DATABASE}/statements", f"/{DATABASE}/documents/{HOSTILE}", "/"):
        text = page(ds, path)
        assert "<script>alert" not in text and "<b onmouseover" not in text, path
        assert escaped in text or "\\u003cscript\\u003ealert" in text, path


def test_the_database_is_read_only_and_limited(ds, room):
    meta = metadata(room)
    assert SETTINGS["sql_time_limit_ms"] <= 1000
    assert not any(q.get("write") for q in meta["databases"][DATABASE]["queries"].values())
    assert get(ds, f"/{DATABASE}.json").json().get("tables")
    db = ds.get_database(DATABASE)
    assert db.is_mutable is False
    r = get(ds, f"/{DATABASE}.json?sql=" + "delete from documents")
    assert r.status_code == 400
    assert rows(room, "documents") and asyncio.run(db.execute("select count(*) from documents")).single_value() == \
        len(rows(room, "documents"))


def test_robots_policy(ds):
    r = get(ds, "/robots.txt")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    lines = r.text.splitlines()
    assert "User-agent: *" in lines and f"Disallow: /{DATABASE}" in lines and "Disallow: /search" in lines
    assert "Allow: /statements/" in lines


def test_server_errors_tell_the_client_nothing(tmp_path):
    """A database that breaks the pages: the client sees a plain 500, not the SQLite message."""
    paths = copy_project(tmp_path / "broken", with_outputs=True)
    broken = paths.dist / "cybergov.db"
    broken.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(broken).execute("create table unrelated (x)").connection.commit()
    ds = datasette_app(paths, broken)
    for path in ("/statements/anything", "/"):
        r = get(ds, path)
        assert r.status_code == 500
        assert "no such table" not in r.text and "Traceback" not in r.text and "sqlite" not in r.text.lower()
        assert "Something went wrong on the server" in r.text


def test_vendored_vega_lite_is_the_version_altair_writes_for():
    import altair as alt

    version = alt.SCHEMA_VERSION.lstrip("v")
    static = Path(__file__).resolve().parents[1] / "datasette" / "static" / "vendor"
    assert (static / f"vega-lite-{version}.min.js").is_file()
    index = (static.parents[1] / "templates" / "_rr.html").read_text(encoding="utf-8")
    assert f"vega-lite-{version}.min.js" in index
