"""The site built from the real pipeline over the sample corpus (texts/, glossary/), gloss engine.

Also where the screenshots come from: a document page at desktop and phone
width, light and dark, saved to builds/test-artifacts/.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import GLOSSARY, ROOT, TEXTS
from reader.site import render_site
from site_helpers import Watch, broken_links, chromium, parse_page, validate_html

ARTIFACTS = ROOT / "builds" / "test-artifacts"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """(edition, site directory) for a throwaway copy of the sample project."""
    from reader.edition import build_edition
    from reader.project import Project

    root = tmp_path_factory.mktemp("project")
    shutil.copytree(TEXTS, root / "texts")
    shutil.copytree(GLOSSARY, root / "glossary")
    if (ROOT / "reader.toml").is_file():
        shutil.copy(ROOT / "reader.toml", root / "reader.toml")
    project = Project.at(root)
    edition = build_edition(project, engine="gloss")
    render_site(edition, project.site_dir)
    return edition, project.site_dir


def test_every_document_and_term_has_a_page(real):
    edition, site = real
    assert len(edition.documents) == 5
    assert len(list((site / "doc").glob("*.html"))) == 5
    assert len(list((site / "term").glob("*.html"))) == len(edition.glossary)
    home = " ".join(parse_page(site / "index.html").text)
    for doc in edition.documents:
        assert doc.document.title in home


def test_links_and_anchors_resolve(real):
    assert broken_links(real[1]) == []


def test_pages_are_valid_html(real):
    assert validate_html(real[1]) == 0


def test_search_index_finds_corpus_terms(real):
    source = (real[1] / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(source[len("window.READER_SEARCH = ") : -2])
    # The simplified form is left empty where it is the text itself.
    assert any("影子银行" in (row[3] or row[2]) for row in index["sentences"])
    assert any("影子銀行" in row[4] for row in index["sentences"])  # the traditional form, for 影子銀行 typed
    assert any("shadow banking" in row[5].lower() for row in index["sentences"])


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.mark.browser
def test_real_pages_load_cleanly_and_search_works(real, browser):
    site = real[1]
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page)
    for html in sorted(site.glob("*.html")) + sorted((site / "doc").glob("*.html")):
        page.goto(html.as_uri())
    for query, minimum in (("影子银行", 1), ("shadow banking", 1), ("yingzi yinhang", 1)):
        page.goto((site / "search.html").as_uri() + "?q=" + query.replace(" ", "%20"))
        assert page.locator("#results li").count() >= minimum, query
    assert watch.problems == [] and watch.dialogs == []
    context.close()


@pytest.mark.browser
def test_screenshots_desktop_and_phone_light_and_dark(real, browser):
    edition, site = real
    # The document with tables and lists shows the most structure.
    doc = max(edition.documents, key=lambda d: sum(b.kind in ("table", "list") for b in d.document.blocks))
    page_path = next(p for p in (site / "doc").glob("*.html") if doc.document.title in p.read_text(encoding="utf-8"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for device, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=viewport, device_scale_factor=1, color_scheme=scheme)
            page = context.new_page()
            watch = Watch(page)
            page.goto(page_path.as_uri())
            page.emulate_media(color_scheme=scheme)
            first = page.locator(".row:not(.col-heads)").nth(2)
            zh, en = first.locator(".zh").bounding_box(), first.locator(".en").bounding_box()
            if device == "phone":
                assert en["y"] >= zh["y"] + zh["height"] - 1  # columns stack
            else:
                assert en["x"] > zh["x"] + zh["width"] - 1  # side by side
            background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
            assert (background == "rgb(22, 22, 22)") == (scheme == "dark")
            target = ARTIFACTS / f"site-document-{device}-{scheme}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size > 10_000
            assert watch.problems == []
            context.close()
