"""The static site renderer over a hand-made edition (tests/site_helpers.py)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jinja2
import pytest

from reader.site import render_site
from reader.site import render as render_module
from reader.site.context import document_slug, term_slug
from reader.site.dictionary import lookup
from reader.site.pinyin import sort_key, tone_of
from site_helpers import HOSTILE, NOTICE, broken_links, parse_page, sample_edition, word_data, word_index


@pytest.fixture(scope="module")
def edition():
    return sample_edition()


@pytest.fixture(scope="module")
def site(edition, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    render_site(edition, out)
    return out


def digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()
    }


def test_every_page_is_written(site):
    names = set(digest(site))
    assert {"index.html", "glossary.html", "qa.html", "search.html", "search-index.js"} <= names
    assert {"doc/policy-essay.html", "doc/liquidity-tw.html"} <= names
    assert {"static/site.css", "static/prefs.js", "static/reader.js", "static/search.js", "static/glossary.js"} <= names
    assert len([n for n in names if n.startswith("term/")]) == 5
    # The hostile id "hostile <doc>/../x" gets a safe file name, not a path.
    hostile = [n for n in names if n.startswith("doc/hostile")]
    assert len(hostile) == 1 and re.fullmatch(r"doc/[A-Za-z0-9_-]+\.html", hostile[0])


def test_internal_links_and_anchors_resolve(site):
    assert broken_links(site) == []


def test_nothing_is_requested_from_outside(site):
    for page in site.rglob("*.html"):
        for tag, attribute, value in parse_page(page).links:
            if tag != "a" and not value.startswith("data:"):
                assert "://" not in value and not value.startswith("//"), (page, value)
    css = (site / "static/site.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_rebuild_is_byte_identical(edition, site, tmp_path):
    again = tmp_path / "again"
    render_site(sample_edition(), again)
    assert digest(again) == digest(site)


def test_failed_render_leaves_previous_site_untouched(edition, tmp_path, monkeypatch):
    out = tmp_path / "builds" / "site"
    render_site(edition, out)
    before = digest(out)
    real_environment = render_module.environment

    def failing_environment():
        env = real_environment()
        # Term pages render after the documents: the failure comes midway.
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"term.html": "{{ explode() }}"}), env.loader])
        env.globals["explode"] = lambda: 1 / 0
        return env

    monkeypatch.setattr(render_module, "environment", failing_environment)
    with pytest.raises(ZeroDivisionError):
        render_site(edition, out)
    assert digest(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no staging directory left behind


def test_document_page_aligns_sentences_and_keeps_structure(site, edition):
    page = parse_page(site / "doc/policy-essay.html")
    for sentence in edition.documents[0].document.sentences():
        assert sentence.id in page.ids and f"en-{sentence.id}" in page.ids
    tags = [t for t, _ in page.tags]
    # Heading levels, the list and the table appear in both columns.
    assert tags.count("h2") == 2 and tags.count("h3") == 2
    assert tags.count("ul") == 2 and tags.count("li") == 6
    assert tags.count("table") == 2 and tags.count("th") == 4 and tags.count("blockquote") == 2
    langs = [a.get("lang") for t, a in page.tags if "zh" in (a.get("class") or "").split()]
    assert set(langs) == {"zh-Hans"}
    trad = parse_page(site / "doc/liquidity-tw.html")
    assert {a.get("lang") for t, a in trad.tags if a.get("class") == "zh"} == {"zh-Hant"}


def test_ruby_tones_and_other_script(site):
    html = (site / "doc/policy-essay.html").read_text()
    # 影子银行 is a term: one ruby per character, traditional form for the toggle. Tone classes are
    # added in the browser from the <rt> text (test_site_browser), not repeated for every character.
    assert ('data-alt="影子銀行"><ruby>影<rt>yǐng</ruby><ruby>子<rt>zi</ruby>'
            '<ruby>银<rt>yín</ruby><ruby>行<rt>háng</ruby></a>') in html
    assert f'<span class="w" data-w="{word_index(html, "中国", "zhōng guó")}" data-alt="中國">' in html
    assert "<strong>" in html  # emphasis in the source is kept
    trad = (site / "doc/liquidity-tw.html").read_text()
    assert 'data-alt="芯片"' in trad  # Taiwan vocabulary swaps to mainland words, not just characters


def test_terms_are_paired_across_columns(site):
    page = parse_page(site / "doc/policy-essay.html")
    pairs = {}
    for tag, attributes in page.tags:
        if tag == "a" and "term" in attributes.get("class", "").split() and attributes.get("data-pair"):
            pairs.setdefault(attributes["data-pair"], []).append(attributes["href"].rsplit("/", 1)[1])
    both = [key for key, slugs in pairs.items() if len(slugs) == 2]
    assert len(both) >= 6 and all(len(set(pairs[k])) == 1 for k in both)


def test_flagged_sentence_says_which_term_is_missing(site):
    html = (site / "doc/policy-essay.html").read_text()
    flag = re.search(r'<span class="s flagged" id="en-s1-0-2" aria-describedby="flag-s1-0-2">.*?<span class="flag" id="flag-s1-0-2">(.*?)</span></p>', html)
    assert flag and "特里芬悖论" in flag.group(1) and "Triffin dilemma" in flag.group(1)


def test_gloss_engine_is_announced_on_every_document(site):
    for page in (site / "doc").glob("*.html"):
        text = " ".join(parse_page(page).text)
        assert NOTICE in text and "(word gloss, not a translation)" in text


def test_word_data_has_pinyin_and_dictionary_glosses(site):
    html = (site / "doc/policy-essay.html").read_text()
    data = word_data(html)
    assert data[word_index(html, "银行", "yín háng")]["e"][0]["g"][0] == "bank"
    assert data[word_index(html, "中国", "zhōng guó")]["e"][0]["g"][0].startswith("China")


def test_word_data_is_not_repeated(site):
    # Each distinct word once; tokens point at it by index; entries leave out what the word already says.
    for page in (site / "doc").glob("*.html"):
        html = page.read_text()
        data = word_data(html)
        assert len({(w["t"], w["p"]) for w in data}) == len(data)
        used = {int(i) for i in re.findall(r'data-w="(\d+)"', html)}
        assert used == set(range(len(data)))
        for word in data:
            for entry in word["e"]:
                assert entry.get("h") != word["t"] and ("p" not in entry or entry["p"] != word["p"])
    trad = word_data((site / "doc/liquidity-tw.html").read_text())
    chip = next(w for w in trad if w["t"] == "晶片")
    assert chip["e"][0]["g"]  # a Taiwan word still gets its senses


def test_hostile_text_is_inert(site):
    page_path = next((site / "doc").glob("hostile*.html"))
    page = parse_page(page_path)
    text = "".join(page.text)
    for snippet in HOSTILE + ['<script>alert("title")</script>', "<b onclick=alert(1)>"]:
        assert snippet in text  # shown as literal text
    assert "49" not in text  # {{ 7*7 }} was never evaluated
    for tag, attributes in page.tags:
        assert tag not in ("img", "b", "iframe"), tag
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        if tag == "script":
            assert attributes.get("src", "").startswith("../static/") or attributes.get("type") == "application/json"
    # Embedded JSON cannot end its <script> early.
    html = page_path.read_text()
    block = re.search(r'id="word-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and "\\u003c/script\\u003e" in block


def test_glossary_note_cannot_inject(site):
    html = (site / "term" / f"{term_slug('美元霸权', 'měiyuán bàquán')}.html").read_text()
    assert "&lt;script&gt;alert('note')&lt;/script&gt;" in html
    assert "javascript:" not in html.split("<main", 1)[1].replace("[x](javascript:alert(1))", "")
    assert "<img" not in html


def test_glossary_is_sorted_by_pinyin_with_filters(site):
    page = parse_page(site / "glossary.html")
    rows = [a["data-text"].split()[0] for t, a in page.tags if t == "tr" and "data-text" in a]
    assert rows == ["东数西算", "美元霸权", "算力", "特里芬悖论", "影子银行"]
    options = [a.get("value") for t, a in page.tags if t == "option"]
    assert options == ["", "compute", "finance", "geopolitics", "policy", "", "checked", "draft"]


def test_term_page_has_a_concordance_linking_to_sentences(site):
    page = parse_page(site / "term" / f"{term_slug('影子银行', 'yǐngzi yínháng')}.html")
    hrefs = [v for t, n, v in page.links if t == "a" and v.startswith("../doc/")]
    assert "../doc/policy-essay.html#s1-0-0" in hrefs and "../doc/liquidity-tw.html#s1-0-0" in hrefs
    assert len(hrefs) == 6
    text = "".join(page.text)
    assert "Credit outside the regulated banking system" in text and "glossary/finance.toml:3" in text
    assert "影子銀行的資金流向晶片產業。" in text and "Money from shadow banks flows to the chip industry." in text


def test_qa_page_lists_flagged_and_untranslated(site):
    text = " ".join(parse_page(site / "qa.html").text)
    assert "Flagged sentences (1)" in text and "Triffin dilemma" in text
    assert "Sentences without a translation (1)" in text and "第三,警惕美元霸权。" in text
    assert "gloss" in text


def test_home_lists_documents_with_counts(site):
    text = " ".join(" ".join(parse_page(site / "index.html").text).split())
    assert "影子银行与东数西算" in text and "流動性危機與演算法" in text
    assert "12 / 13 (1 missing)" in text  # translated / sentences of the policy essay
    assert "English engine: gloss" in text
    page = parse_page(site / "index.html")
    assert ("a", "href", "qa.html#untranslated-h") in page.links and ("a", "href", "qa.html#flagged-policy-essay") in page.links
    assert "Sample <b>edition</b> {{ 7*7 }}" in text


def test_search_index_covers_scripts_and_pinyin(site):
    source = (site / "search-index.js").read_text()
    assert source.startswith("window.READER_SEARCH = ")
    index = json.loads(source[len("window.READER_SEARCH = ") : -2])
    rows = {(index["documents"][r[0]]["href"], r[1]): r for r in index["sentences"]}
    row = rows[("doc/liquidity-tw.html", "s1-0-0")]
    assert row[2] == "影子銀行的資金流向晶片產業。" and "影子银行" in row[3]
    assert "ying zi yin hang" in row[6]
    policy = rows[("doc/policy-essay.html", "s1-0-0")]
    assert "影子銀行" in policy[4] and policy[3] == ""  # the text is its own simplified form: not repeated


def test_slugs_are_safe_and_stable():
    assert term_slug("影子银行", "yǐngzi yínháng") == term_slug("影子银行", "yǐngzi yínháng")
    assert re.fullmatch(r"yingzi-yinhang-[0-9a-f]{6}", term_slug("影子银行", "yǐngzi yínháng"))
    assert term_slug("绿色", "lǜsè").startswith("luse-")
    assert re.fullmatch(r"term-[0-9a-f]{6}", term_slug("<x>", ""))
    taken: set[str] = set()
    assert document_slug("000_abc", taken) == "000_abc"
    assert document_slug("000_ABC", taken) != "000_ABC"  # case-insensitive file systems
    assert re.fullmatch(r"a-b-[0-9a-f]{8}", document_slug("a/../b", taken))


def test_pinyin_helpers():
    assert [tone_of(s) for s in ("mā", "má", "mǎ", "mà", "ma", "lǚ")] == [1, 2, 3, 4, 5, 3]
    # Syllable by syllable (yin before ying), toneless first, then tones.
    words = ["yǐngzi yínháng", "Yīngguó", "yínháng", "yīnháng", "Xī'ān", "xiān"]
    expected = ["Xī'ān", "xiān", "yīnháng", "yínháng", "Yīngguó", "yǐngzi yínháng"]
    assert sorted(words, key=lambda p: sort_key(p, "")) == expected


def test_dictionary_prefers_the_reading_in_context():
    assert lookup("行", ("háng",))[0] == "row"
    assert lookup("行", ("xíng",))[0] == "to walk"
    assert lookup("銀行") == ("bank",)
    assert lookup("不存在的词语") is None


def test_a_match_for_a_term_missing_from_the_glossary_stays_plain_text(tmp_path):
    from reader.glossary.model import TermMatch

    edition = sample_edition(hostile=False)
    policy = edition.documents[0]
    policy.terms["s1-0-0"] = [*policy.terms["s1-0-0"], TermMatch("中国", 5, 7, "中国")]
    render_site(edition, tmp_path / "site")
    assert broken_links(tmp_path / "site") == []
    html = (tmp_path / "site/doc/policy-essay.html").read_text()
    assert f'<span class="w" data-w="{word_index(html, "中国", "zhōng guó")}"' in html


def test_draft_terms_are_marked_as_such(site):
    html = (site / "doc/policy-essay.html").read_text()
    assert '<a class="term draft" href="../term/meiyuan-baquan-' in html
    assert '<a class="term" href="../term/yingzi-yinhang-' in html


# Text colour on background colour, as the stylesheet pairs them; WCAG AA: 4.5 for text, 3 for focus rings
# and term underlines. rt pinyin is --muted on whatever the sentence or term behind it is.
CONTRAST_PAIRS = [(fg, bg, 4.5) for fg in ("fg", "muted", "link", "accent", "t1", "t2", "t3", "t4", "t5")
                  for bg in ("bg", "panel", "hl", "term", "term-hl")]
CONTRAST_PAIRS += [("flag", "flag-bg", 4.5), ("flag", "bg", 4.5), ("focus", "bg", 3), ("focus", "panel", 3),
                   ("term-line", "bg", 3), ("term-line", "term", 3)]


def _palettes() -> dict[str, dict[str, str]]:
    css = (Path(render_module.__file__).parent / "static" / "site.css").read_text()
    light_css, dark_css = css.split("@media (prefers-color-scheme: dark)", 1)
    light = dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", light_css))
    dark = dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", dark_css.split("\n}\n", 1)[0]))
    return {"light": light, "dark": {**light, **dark}}


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b_ = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_contrast_meets_wcag_aa(scheme):
    palette = _palettes()[scheme]
    assert len(palette) >= 17
    poor = [(fg, bg, round(_contrast(palette[fg], palette[bg]), 2)) for fg, bg, need in CONTRAST_PAIRS
            if _contrast(palette[fg], palette[bg]) < need]
    assert poor == []
