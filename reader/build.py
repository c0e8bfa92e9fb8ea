"""The main job as a library call: edition, then site, then EPUB.

Each output is written atomically by its renderer, so an error in any stage
leaves the previous site and EPUB as they were.
"""

from __future__ import annotations

from pathlib import Path

from reader.project import Project


def build_project(
    project_dir: str | Path | None = None,
    *,
    engine: str | None = None,
    epub: bool = True,
    layout: str = "interleaved",
    progress: bool = False,
) -> dict:
    """Build everything for a project and return a summary of what was done."""
    from reader.edition import build_edition
    from reader.qa import qa_report
    from reader.site import render_site

    project = Project.at(project_dir)
    edition = build_edition(project, engine=engine, progress=progress)
    render_site(edition, project.site_dir)
    epub_path = None
    if epub:
        from reader.epub import write_epub

        epub_path = write_epub(edition, project.builds_dir / f"{edition.slug}.epub", layout=layout)

    report = qa_report(edition)
    per_document = {d.document.id: d.coverage() for d in edition.documents}
    totals: dict[str, int] = {}
    for coverage in per_document.values():
        for key, value in coverage.items():
            totals[key] = totals.get(key, 0) + value
    return {
        "title": edition.title,
        "documents": len(edition.documents),
        "engine": {
            "name": edition.engine.name,
            "model": edition.engine.model,
            "is_gloss": edition.engine.is_gloss,
            "notice": edition.engine.notice,
        },
        "totals": totals,
        "per_document": per_document,
        "terms": {
            "checked_occurrences": report.checked_occurrences,
            "placed": report.placed,
            "flagged": report.flagged_occurrences,
            "silent_misses": report.silent_misses,
        },
        "site": str(project.site_dir),
        "epub": str(epub_path) if epub_path else None,
    }
