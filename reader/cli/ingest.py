"""CLI commands for the ingest area."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Add this area's commands to the main group."""
