"""EPUB 3 export of a parallel edition: ``write_epub(edition, path)``.

One chapter per document in one of three layouts (``interleaved``, ``zh``,
``en``), glossary terms linked to an appendix that links back, flagged and
untranslated sentences marked, a generated cover and title page.
"""

from reader.epub.book import EpubBook, build_epub, output_path, write_epub
from reader.epub.chapters import LAYOUTS

__all__ = ["LAYOUTS", "EpubBook", "build_epub", "output_path", "write_epub"]
