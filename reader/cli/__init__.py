"""The ``reader`` command line: thin commands over the library.

Each area registers its commands from its own module (``reader.cli.ingest``,
``reader.cli.glossary`` ...). ``main`` is the only place that turns errors
into exit statuses: a ``ReaderError`` becomes one line on stderr, usage errors
exit 2, and no Python traceback ever reaches the user (set ``READER_DEBUG=1``
to see one).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from reader import __version__
from reader.errors import ReaderError

_AREAS = ("ingest", "glossary", "translate", "site", "epub", "build")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reader")
def cli() -> None:
    """Bilingual Chinese-English parallel editions with an enforced glossary."""


def _register_commands() -> None:
    for area in _AREAS:
        importlib.import_module(f"reader.cli.{area}").register(cli)


def error(message: str) -> None:
    """Print one error line to stderr."""
    click.echo(f"reader: error: {message}", err=True)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["--help"]
    try:
        _register_commands()
        result = cli.main(args=args, prog_name="reader", standalone_mode=False)
    except ReaderError as exc:
        error(exc.format())
        return _exit(exc.exit_code)
    except click.exceptions.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "reader"
        error(f"{exc.format_message()} (see '{command} --help')")
        return _exit(2)
    except click.exceptions.ClickException as exc:
        error(exc.format_message())
        return _exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        error("interrupted")
        return _exit(130)
    except BrokenPipeError:
        return _exit(0)
    except Exception as exc:  # the last line of defence: never a traceback
        if os.environ.get("READER_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (run with READER_DEBUG=1 for details)")
        return _exit(70)
    return _exit(result if isinstance(result, int) else 0)


def _exit(code: int) -> int:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return code


def run() -> None:
    sys.exit(main())
