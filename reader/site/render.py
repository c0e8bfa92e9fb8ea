"""Render an edition as a static site: pages from Jinja2 templates, assets copied from static/.

The site is written into a staging directory and swapped in whole
(``atomic_directory``), so a render that fails halfway leaves the previous
site exactly as it was. Nothing in the output depends on the clock or on
dictionary order, so the same edition renders to the same bytes.

Links are relative ("../glossary.html") so the site works opened from
``file://`` as well as through ``reader serve``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2

from reader.edition import Edition
from reader.fsutil import atomic_directory
from reader.site.context import SiteView, site_view
from reader.site.search import search_index_script

STATIC_FILES = ("site.css", "prefs.js", "reader.js", "glossary.js", "search.js")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reader.site", "templates"),
        autoescape=True,  # every page; source text is never marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # |tojson escapes <, >, & and ' so embedded JSON cannot close its <script>.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["thousands"] = lambda n: f"{n:,}"
    return env


def render_site(edition: Edition, out_dir: Path) -> None:
    """Write the whole site for ``edition`` to ``out_dir``, replacing what was there only on success."""
    site = site_view(edition)
    env = environment()
    with atomic_directory(out_dir) as staging:
        _render_pages(env, site, staging)
        _copy_static(staging / "static")
        (staging / "search-index.js").write_text(search_index_script(site), encoding="utf-8")


def _render_pages(env: jinja2.Environment, site: SiteView, out: Path) -> None:
    common = {"site": site, "engine": site.engine}

    def page(template: str, path: str, **context) -> None:
        depth = path.count("/")
        html = env.get_template(template).render(root="../" * depth, path=path, **common, **context)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    page("home.html", "index.html", nav="home")
    page("glossary.html", "glossary.html", nav="glossary")
    page("qa.html", "qa.html", nav="qa")
    page("search.html", "search.html", nav="search")
    for doc in site.documents:
        page("document.html", f"doc/{doc.slug}.html", nav="document", doc=doc)
    for term in site.terms:
        page("term.html", f"term/{term.slug}.html", nav="glossary", term=term)


def _copy_static(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    static = resources.files("reader.site") / "static"
    for name in STATIC_FILES:
        (target / name).write_bytes((static / name).read_bytes())
