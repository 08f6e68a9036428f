"""The reading room in a real browser: Debian's Chromium driven by Playwright against
`cybergov serve` on a free local port. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SEEDS, rows
from served import serving
from test_reading_room import HOSTILE, PAYLOAD, reading_room_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "tests" / "vendor" / "axe-core-4.10.3.min.js"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    paths = reading_room_project(tmp_path_factory.mktemp("served"))
    with serving(paths.root, paths.root / "serve.log") as (base, _):
        yield base, paths


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. Install it with "
                    "`make browser` (as root), or `sudo apt-get update && sudo apt-get install -y chromium`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def tab(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.problems = []  # script errors and dialogs (a dialog would mean injected script ran)
    page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    # What the Content-Security-Policy blocks is reported on the console: the site's own pages must need no exception.
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if "Content Security Policy" in m.text else None)
    yield page
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_reading_a_statement_from_search_to_entity_and_back(server, tab):
    base, paths = server
    page = tab
    page.goto(base + "/")
    page.wait_for_selector("#rr-themes svg")
    page.wait_for_selector("#rr-timeline svg")
    assert page.get_by_role("heading", name="Statements", exact=True).is_visible()
    shot(page, "01-home")

    page.fill("#rr-q", "cyberspace")
    page.press("#rr-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=cyberspace"))
    hits = page.locator("#hits-sentences a.rr-snippet")
    assert hits.count() > 0
    assert "cyberspace" in hits.first.locator("mark").first.inner_text().lower()
    shot(page, "02-search")

    hits.first.click()
    page.wait_for_url(re.compile(r"/statements/[^#]+#s-p\d+-s\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    assert page.locator(f"#{anchor}").evaluate("el => el.matches(':target')")
    statement_url = page.url
    title = page.locator("h1").inner_text()
    shot(page, "03-statement")

    mention = page.locator(".rr-text mark.hl-mention").first
    mention.scroll_into_view_if_needed()
    mention.click()
    popover = page.locator("#rr-popover")
    popover.wait_for(state="visible")
    text = popover.inner_text()
    assert "MENTION" in text.upper() and "Method" in text and "Cue" in text
    assert mention.get_attribute("title").startswith("Mention:")
    shot(page, "04-popover")

    entity_link = popover.locator("a[href^='/entities/']").first
    entity_name = entity_link.inner_text()
    entity_link.click()
    page.wait_for_url(re.compile(r"/entities/[a-z0-9-]+$"))
    assert page.locator("h1").inner_text() == entity_name
    assert page.locator("a.rr-in-context").count() > 0
    shot(page, "05-entity")

    page.go_back()
    page.wait_for_url(statement_url)
    assert page.locator("h1").inner_text() == title
    page.keyboard.press("Escape")
    assert popover.is_hidden()

    page.go_forward()
    page.locator("a.rr-in-context").first.click()
    page.wait_for_url(re.compile(r"/statements/[^#]+#s-p\d+-s\d+$"))
    assert page.locator(f"#{page.url.rsplit('#', 1)[1]}").evaluate("el => el.matches(':target')")
    assert page.problems == []


def test_markup_in_a_statement_is_text_in_the_browser(server, tab):
    base, _ = server
    page = tab
    page.goto(f"{base}/statements/{HOSTILE}")
    assert PAYLOAD in page.locator("h1").inner_text()
    assert PAYLOAD in page.locator(".rr-text").inner_text()
    assert page.locator(".rr-text b, .rr-text script, h1 script").count() == 0
    shot(page, "06-markup-as-text")
    page.goto(f"{base}/search?q=alert")
    assert page.locator(".rr-snippet mark").count() > 0
    assert page.problems == []


def test_table_pages_link_to_the_reading_room(server, tab):
    base, paths = server
    page = tab
    page.goto(f"{base}/cybergov/statements")
    assert page.locator(".facet-info[data-column='year']").is_visible()
    page.get_by_role("link", name=next(r["title"] for r in rows(paths, "documents") if r["document_id"] == SEEDS["readout"])).click()
    page.wait_for_url(f"{base}/statements/{SEEDS['readout']}")
    assert page.locator(".rr-text mark.hl").count() > 0
    shot(page, "07-from-the-table")
    assert page.problems == []


def test_the_sql_editor_and_table_menus_run_under_the_content_security_policy(server, tab):
    """Datasette's own inline scripts are allowed by their hashes: the SQL editor starts and
    the column menus of a table open, with nothing blocked."""
    base, _ = server
    page = tab
    page.goto(f"{base}/cybergov?sql=select+document_id+from+documents")
    page.wait_for_load_state("load")
    assert page.locator(".CodeMirror").count() == 1
    page.goto(f"{base}/cybergov/documents")
    page.wait_for_load_state("load")
    page.locator("th .dropdown-menu-icon").first.click()
    assert page.locator(".dropdown-menu").first.is_visible()
    assert page.problems == []


def test_from_home_to_a_state_an_issue_a_quote_the_statement_its_translation_and_downloads(server, tab):
    base, paths = server
    page = tab
    stances = rows(paths, "stances")
    translated = {r["document_id"] for r in rows(paths, "translations")} | {r["translation_id"] for r in rows(paths, "translations")}
    # A position on an issue, taken in a statement that has a translation: the walk below follows it.
    stance = next(t for t in stances if t["issue_id"] and t["document_id"] in translated)
    holder = next(e for e in rows(paths, "entities") if e["entity_id"] == stance["holder_id"])
    page.goto(base + "/")
    page.get_by_role("link", name="States", exact=True).first.click()
    page.wait_for_url(f"{base}/states")
    page.get_by_role("link", name=holder["name"], exact=True).click()
    page.wait_for_url(f"{base}/states/{holder['entity_id']}")
    page.wait_for_selector("#rr-statements-chart svg")
    shot(page, "10-state")
    page.locator(f"#issues a[href='/issues/{stance['issue_id']}']").first.click()
    page.wait_for_url(f"{base}/issues/{stance['issue_id']}")
    page.wait_for_selector("#rr-holders-chart svg")
    assert page.locator("#rr-holders-chart-summary").inner_text()
    shot(page, "11-issue")
    doc, rest = stance["sentence_id"].split("/", 1)
    anchor = "s-" + rest.replace("/", "-")
    page.locator(f"#quotes a[href='/statements/{doc}?at={anchor}#{anchor}']").first.click()
    page.wait_for_url(f"{base}/statements/{doc}?at={anchor}#{anchor}")
    assert page.locator(f"#{anchor}").evaluate("el => el.matches(':target')")
    shot(page, "12-quote-in-statement")
    page.locator("a[href$='/translation']").first.click()
    page.wait_for_url(f"{base}/statements/{doc}/translation")
    assert page.locator("td[lang^='zh']").count() > 0 and page.locator("table.rr-aligned tbody tr").count() > 1
    shot(page, "13-translation")
    page.get_by_role("link", name="Downloads", exact=True).first.click()
    page.wait_for_url(f"{base}/downloads")
    assert page.locator("a[href='/downloads/datapackage.json']").count() == 1
    assert page.locator("code.rr-sha").count() > 10
    shot(page, "14-downloads")
    assert page.problems == []


@pytest.mark.parametrize("query, mark", [("cyber*", "cyber"), ("militarisation", "militari"), ("网络", "网络")])
def test_search_for_a_prefix_a_british_spelling_and_a_chinese_word(server, tab, query, mark):
    base, _ = server
    page = tab
    page.goto(base + "/search")
    page.fill("#rr-q2", query)
    page.press("#rr-q2", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    hits = page.locator("#hits-sentences a.rr-snippet")
    assert hits.count() > 0, query
    assert mark in hits.first.locator("mark").first.inner_text().lower()
    shot(page, f"15-search-{len(query)}")
    assert page.problems == []


@pytest.mark.parametrize("path", ["/", f"/statements/{CORPUS['speech']}", f"/statements/{CORPUS['press_zh']}", "/states/china"])
def test_a_400_pixel_screen_needs_no_horizontal_scrolling(server, browser, path):
    base, _ = server
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # the charts are drawn on load
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (path, widths)
        if path == "/":
            box = page.locator("#rr-timeline svg").bounding_box()
            assert box and box["width"] > 300  # the chart fills the narrow screen rather than shrinking to a sliver
        page.screenshot(path=str(ARTIFACTS / f"16-narrow-{path.strip('/').replace('/', '-') or 'home'}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/states/china", f"/statements/{CORPUS['press_zh']}", f"/statements/{CORPUS['press_en']}/translation",
                                  "/issues", "/themes", "/search?q=cyber*", "/downloads", "/compare"])
def test_axe_finds_no_serious_accessibility_violations(server, tab, path):
    base, _ = server
    page = tab
    page.goto(base + path)
    page.wait_for_load_state("load")
    # Evaluated by the test harness, not added as an inline <script>, which the site's CSP refuses.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
    }""")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
