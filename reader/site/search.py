"""The offline search index: a script that assigns a global, so it loads from file://.

Browsers refuse to ``fetch`` a JSON file next to a page opened from disk, but
they run a ``<script src>``; so the index is ``search-index.js`` setting
``window.READER_SEARCH``. For each sentence it holds the text as written, its
simplified normal form and a traditional form (so either script finds
either), the English, and toneless pinyin syllables (so ``yingzi yinhang``
and ``yingziyinhang`` both find 影子银行).
"""

from __future__ import annotations

import json
from functools import partial

from reader.script import convert
from reader.site.context import SiteView


def search_index(site: SiteView) -> dict:
    to_traditional = partial(convert, config="s2t")
    documents = []
    sentences = []
    for number, doc in enumerate(site.documents):
        documents.append({"title": doc.document.title, "href": f"doc/{doc.slug}.html", "lang": doc.document.lang})
        for sentence_id, text, normal, english, pinyin in doc.search_rows:
            traditional = to_traditional(normal)
            # A form identical to the text is left empty (search.js fills it in): most of a
            # simplified corpus is its own normal form, and the index is the biggest file of the site.
            simplified = normal if normal != text else ""
            traditional = traditional if traditional != text else ""
            sentences.append([number, sentence_id, text, simplified, traditional, english, pinyin])
    terms = [
        [
            v.term.zh,
            v.traditional,
            v.term.pinyin,
            " ".join(v.toneless.lower().split()),
            v.term.english,
            f"term/{v.slug}.html",
        ]
        for v in site.terms
    ]
    return {
        "version": 2,
        "fields": {"sentence": ["document", "id", "text", "simplified", "traditional", "english", "pinyin"]},
        "documents": documents,
        "sentences": sentences,
        "terms": terms,
    }


def search_index_script(site: SiteView) -> str:
    # JSON is a valid JavaScript expression; sort_keys keeps the bytes stable.
    data = json.dumps(search_index(site), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # U+2028/2029 are legal in JSON strings but ended lines in older JavaScript.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.READER_SEARCH = {data};\n"
