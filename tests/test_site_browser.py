"""The site in a real browser: Debian's Chromium driven by Playwright.

One browser for the module; each test gets a fresh context (so fresh
localStorage). Pages are opened from file:// (how a reader opens a copied
site) and, in one test, through ``reader.site.serve`` on 127.0.0.1.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.site import make_server, render_site
from site_helpers import HOSTILE, Watch, chromium, sample_edition

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    render_site(sample_edition(), out)
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    context.close()


def url(site: Path, path: str) -> str:
    return (site / path.split("#")[0].split("?")[0]).as_uri() + path[len(path.split("#")[0].split("?")[0]) :]


def word(page, sentence: str, text: str) -> str:
    """A selector for the word ``text`` in a sentence: tokens name their word data by index."""
    index = page.evaluate(
        "t => JSON.parse(document.getElementById('word-data').textContent).findIndex(w => w.t === t)", text
    )
    assert index >= 0, text
    return f'#{sentence} .w[data-w="{index}"]'


def test_every_page_loads_without_errors_or_outside_requests(site, page):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for html in pages:
        page.goto(html.as_uri(), wait_until="load")
    assert page.watch.problems == []


def test_controls_work_and_are_remembered(site, page):
    page.goto(url(site, "doc/policy-essay.html"))
    root = page.locator("html")
    controls = page.locator("#controls")
    assert controls.is_visible()

    page.click("[data-pref=ruby]")
    assert "no-ruby" in root.get_attribute("class")
    assert not page.locator("#s1-0-0 rt").first.is_visible()
    page.click("[data-pref=tones]")
    colour = page.locator("#s1-0-0 ruby.t4").first.evaluate("el => getComputedStyle(el).color")
    assert colour not in ("rgb(28, 28, 28)",)  # the body colour: tone 4 is coloured now
    page.click("[data-pref=english]")
    assert not page.locator("#en-s1-0-0").is_visible()
    page.click("[data-pref=english]")
    assert page.locator("#en-s1-0-0").is_visible()
    page.click("[data-script=traditional]")
    assert page.inner_text("#s1-0-0 a.term") == "影子銀行"
    assert page.locator(".row .zh").first.get_attribute("lang") == "zh-Hant"
    page.click("[data-layout=interleaved]")
    zh_box = page.locator("#s1-0-0").bounding_box()
    en_box = page.locator("#en-s1-0-0").bounding_box()
    assert en_box["y"] > zh_box["y"] + zh_box["height"] - 1  # English under the Chinese, not beside it
    page.locator("#font-size").fill("150")
    assert page.inner_text("#font-size-value") == "150%"
    page.click("[data-pref=english]")

    page.reload()
    assert "no-ruby" in root.get_attribute("class") and "tones" in root.get_attribute("class")
    assert page.locator("#s1-0-0 ruby.t4").count() > 0  # tone classes come from the <rt> on load too
    assert "interleaved" in root.get_attribute("class")
    assert not page.locator("#en-s1-0-0").is_visible()
    assert page.get_attribute("[data-pref=english]", "aria-pressed") == "false"
    assert page.get_attribute("[data-pref=ruby]", "aria-pressed") == "false"
    assert page.get_attribute("[data-pref=tones]", "aria-pressed") == "true"
    assert page.get_attribute("[data-script=traditional]", "aria-pressed") == "true"
    assert page.get_attribute("[data-layout=interleaved]", "aria-pressed") == "true"
    assert page.inner_text("#s1-0-0 a.term") == "影子銀行"
    assert page.input_value("#font-size") == "150"
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--scale').trim()") == "1.5"

    # The preference follows the reader to a traditional document shown in simplified, and back.
    page.click("[data-script=simplified]")
    page.goto(url(site, "doc/liquidity-tw.html"))
    assert page.inner_text("#s1-0-0 a.term") == "影子银行"
    assert page.inner_text("#s1-0-0").count("芯片") == 1  # Taiwan 晶片 shown with the mainland word
    assert page.watch.problems == []


def test_controls_are_keyboard_reachable(site, page):
    page.goto(url(site, "doc/policy-essay.html"))
    reached = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.dataset.pref || document.activeElement.dataset.layout || ''"))
    assert {"ruby", "tones", "english", "side", "interleaved"} <= reached
    page.focus("[data-pref=ruby]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Enter")
    assert page.get_attribute("[data-pref=ruby]", "aria-pressed") == "false"
    assert outline != "none"


def test_sentence_and_term_counterparts_highlight(site, page):
    page.goto(url(site, "doc/policy-essay.html"))
    page.hover("#en-s1-0-0")
    assert "hl" in page.get_attribute("#s1-0-0", "class")
    page.focus("#s1-0-1")
    assert "hl" in page.get_attribute("#en-s1-0-1", "class")
    page.hover("#s1-0-1 a.term >> nth=0")
    assert "hl" in page.get_attribute('#en-s1-0-1 a.term[data-pair="s1-0-1.0"]', "class")
    page.hover('#en-s1-0-1 a.term[data-pair="s1-0-1.1"]')
    assert "hl" in page.get_attribute('#s1-0-1 a.term[data-pair="s1-0-1.1"]', "class")


def test_term_popover_opens_with_click_and_keyboard(site, page):
    page.goto(url(site, "doc/policy-essay.html"))
    page.click("#s1-0-0 a.term")
    popover = page.locator("#term-popover")
    assert popover.is_visible()
    text = popover.inner_text()
    for expected in ("影子银行", "影子銀行", "yǐngzi yínháng", "shadow banking", "Credit outside the regulated banking system"):
        assert expected in text
    assert popover.locator("a[href$='.html']", has_text="occurrences").count() == 1
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    page.focus("#en-s1-0-1 a.term >> nth=0")
    page.keyboard.press("Enter")
    assert popover.is_visible() and "East Data, West Computing" in popover.inner_text()
    popover.locator("a", has_text="occurrences").click()
    assert page.url.endswith(".html") and "/term/" in page.url
    assert page.watch.problems == []


def test_word_popup_shows_pinyin_and_gloss(site, page):
    page.goto(url(site, "doc/policy-essay.html"))
    page.hover(word(page, "s5-0-0", "银行"))
    popup = page.locator("#word-popup")
    assert popup.is_visible()
    assert "yín háng" in popup.inner_text() and "bank" in popup.inner_text()
    page.mouse.move(5, 5)
    page.wait_for_timeout(400)
    assert not popup.is_visible()
    page.click(word(page, "s1-0-0", "中国"))  # tap
    assert popup.is_visible() and "China" in popup.inner_text()


def test_text_is_one_tab_stop_per_column_with_arrow_keys_inside(site, page):
    page.goto(url(site, "doc/policy-essay.html"))
    stops = page.evaluate("""[...document.querySelectorAll('.parallel *')].filter(e => e.tabIndex >= 0).map(e => e.id)""")
    assert stops == ["s0-0-0", "en-s0-0-0"]  # not every sentence and term
    page.focus("#s1-0-0")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "s1-0-1"
    assert "hl" in page.get_attribute("#en-s1-0-1", "class")  # the counterpart lights up
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowRight")  # first item of 影子银行在中国迅速扩张: the term
    assert page.evaluate("document.activeElement.classList.contains('term')")
    assert "hl" in page.get_attribute('#en-s1-0-0 a.term[data-pair="s1-0-0.0"]', "class")
    page.keyboard.press("ArrowRight")  # 在: a word, its popup opens
    popup = page.locator("#word-popup")
    assert popup.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "word-popup"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus on a word
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "s1-0-0" and not popup.is_visible()
    page.keyboard.press("ArrowLeft")  # from the sentence: its last item
    assert page.evaluate("document.activeElement.closest('.s').id") == "s1-0-0"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowDown")
    # The sentence last visited is the tab stop in both columns: Tab goes to its English and back.
    assert page.evaluate("document.activeElement.id") == "s1-0-1"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "en-s1-0-1"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.parallel')") is None  # out of the text
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "s1-0-1"
    # The term popover from the keyboard: Enter on a term, Esc returns to it.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    assert page.locator("#term-popover").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('term')")
    assert page.watch.problems == []


def test_search_finds_chinese_english_and_pinyin(site, page):
    cases = {
        "影子银行": 6,  # inside longer sentences and in the traditional document
        "影子銀行": 6,  # typed in traditional, finds the simplified documents too
        "shadow banking": 5,
        "yingzi yinhang": 6,
        "yingziyinhang": 6,
        "jiezhi": 0,  # not a syllable boundary match of anything
    }
    for query, at_least in cases.items():
        page.goto(url(site, "search.html"))
        page.fill("#q", query)
        page.press("#q", "Enter")
        results = page.locator("#results li")
        assert results.count() >= at_least, query
        if at_least:
            href = results.first.locator("a").get_attribute("href")
            assert href.startswith("doc/") and "#s" in href
    page.goto(url(site, "search.html") + "?q=%E5%BD%B1%E5%AD%90%E9%93%B6%E8%A1%8C")
    assert page.locator("#results li").count() >= 6
    assert page.locator("#term-list a").first.get_attribute("href").startswith("term/yingzi-yinhang-")
    assert page.locator("#results a[href^='doc/liquidity-tw.html#s']").count() >= 1  # the traditional document
    page.locator("#results li a").first.click()
    page.wait_for_load_state("load")
    assert "#s" in page.url and page.locator(":target").count() == 1
    landed = page.evaluate("location.hash.slice(1)")
    assert "landed" in page.get_attribute(f"#en-{landed}", "class")  # its English is marked too
    assert page.evaluate("document.getElementById(location.hash.slice(1)).tabIndex") == 0  # keyboard starts here
    assert page.watch.problems == []


def test_header_search_form_and_print_stylesheet(site, page):
    page.goto(url(site, "index.html"))
    page.fill("#site-q", "shadow banking")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search.html?q=shadow+banking")
    assert page.locator("#results li").count() >= 5
    page.goto(url(site, "doc/policy-essay.html"))
    page.emulate_media(media="print")
    assert not page.locator("#controls").is_visible() and not page.locator(".site-header").is_visible()
    zh, en = page.locator("#s1-0-0").bounding_box(), page.locator("#en-s1-0-0").bounding_box()
    assert en["x"] > zh["x"]  # the printed page keeps the two columns
    assert page.watch.problems == []


def test_glossary_filters(site, page):
    page.goto(url(site, "glossary.html"))
    rows = page.locator("#terms tbody tr:visible")
    assert rows.count() == 5
    page.fill("#term-filter", "yingzi")
    assert rows.count() == 1 and "影子银行" in rows.first.inner_text()
    page.fill("#term-filter", "")
    page.select_option("#domain-filter", "compute")
    assert rows.count() == 1 and "算力" in rows.first.inner_text()
    page.select_option("#domain-filter", "")
    page.select_option("#status-filter", "draft")
    assert rows.count() == 1 and "美元霸权" in rows.first.inner_text()
    assert page.inner_text("#term-count") == "1 of 5 terms"


def test_hostile_document_is_inert(site, page):
    hostile = next((site / "doc").glob("hostile*.html"))
    page.goto(hostile.as_uri())
    body = page.inner_text("main")
    for snippet in HOSTILE:
        assert snippet in body
    assert page.locator("main img, main b, main iframe").count() == 0
    page.hover("#s1-0-5")
    page.click("#s1-0-5")
    words = page.locator("#s1-0-5 .w")
    assert words.count() == 1  # the helper makes the whole hostile sentence one word
    words.first.hover()
    assert "</script><!--" in page.inner_text("#word-popup")
    assert page.watch.dialogs == []
    assert page.watch.problems == []


def test_served_over_http_on_localhost(site, browser):
    server = make_server(site, 0)
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch(page, allowed_prefix=base)
        for path in ("index.html", "doc/policy-essay.html", "glossary.html", "search.html?q=shadow%20banking"):
            page.goto(base + path)
        assert page.locator("#results li").count() >= 5
        assert watch.problems == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
        thread.join(5)
