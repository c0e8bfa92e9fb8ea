"""reader: bilingual Chinese-English parallel reading editions.

The pipeline runs in stages, each a module with a small public function and
typed dataclasses passed between them:

    ingest -> document model -> annotate -> translate -> render (site, epub)
"""

__version__ = "0.1.0"
