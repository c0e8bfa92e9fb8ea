"""CLI commands for the site area: ``reader serve`` (``reader build`` writes the site)."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.options import open_project, project_option


def register(cli: click.Group) -> None:
    """Add this area's commands to the main group."""
    cli.add_command(serve_command)


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1.")
@project_option
def serve_command(port: int, project_dir: Path | None) -> None:
    """Serve the built site (builds/site) at http://127.0.0.1:PORT/ for this machine only."""
    from reader.site.serve import serve

    serve(open_project(project_dir).site_dir, port)
