"""The ``reader`` command line: thin commands over the library.

Each area registers its commands from its own module (``reader.cli.ingest``,
``reader.cli.glossary`` ...). ``main`` is the only place that turns errors
into exit statuses: a ``ReaderError`` becomes one line on stderr, usage errors
exit 2, and no Python traceback ever reaches the user (set ``READER_DEBUG=1``
to see one).
"""

from __future__ import annotations

import errno
import importlib
import os
import signal
import sys

import click

from reader import __version__
from reader.errors import ReaderError, shown_path

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
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # A terminal that cannot show Chinese gets escapes, not a crash in every command.
            stream.reconfigure(errors="backslashreplace")
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
    except OSError as exc:
        # A file the system refused (permissions, a read-only or full disk): the user can
        # fix that, so it gets the one-line treatment of bad input, naming the file.
        if exc.filename is None or os.environ.get("READER_DEBUG"):
            return _internal(exc)
        error(_file_problem(exc))
        return _exit(2)
    except Exception as exc:  # the last line of defence: never a traceback
        return _internal(exc)
    return _exit(result if isinstance(result, int) else 0)


def _internal(exc: Exception) -> int:
    if os.environ.get("READER_DEBUG"):
        raise exc
    error(f"internal error: {type(exc).__name__}: {exc} (run with READER_DEBUG=1 for details)")
    return _exit(70)


# What the user can do about the usual refusals (the same error can come from a read or a write).
_HINTS = {
    errno.EACCES: "check the permissions of this path",
    errno.EPERM: "check the permissions of this path",
    errno.EROFS: "reader needs to write here; build in a copy of the project on a writable disk",
    errno.ENOSPC: "free some space and run the command again",
}


def _file_problem(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    reason = reason[:1].lower() + reason[1:]  # it continues the sentence that names the file
    if exc.errno in _HINTS:
        reason += f"; {_HINTS[exc.errno]}"
    return f"{shown_path(exc.filename)}: {reason}"


def _exit(code: int) -> int:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return code


def run() -> None:
    if hasattr(signal, "SIGPIPE"):
        # Like cat or ls: `reader glossary list | head` ends quietly when head
        # has read enough, instead of an error (rich would exit 1 there).
        # Only for the console script; outputs are written atomically, so
        # being stopped this way never leaves a half-written file.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
