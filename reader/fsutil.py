"""Atomic writes: a reader never sees a half-written file or directory."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

# Renames tried when other builds keep landing their output at the same moment.
_SWAP_TRIES = 5


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


@contextmanager
def atomic_directory(target: str | Path) -> Iterator[Path]:
    """Yield a fresh temporary directory that replaces ``target`` on success.

    If the body raises, the temporary directory is removed and ``target`` is
    left exactly as it was: a failed build never destroys the previous one.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    # mkdtemp makes the directory private (0700); a site must be readable like any directory.
    os.chmod(staging, 0o777 & ~_umask())
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, target)


# A staging directory this old belongs to a build that was killed (SIGKILL,
# power loss) before it could clean up; a live build is never this slow.
STALE_STAGING_SECONDS = 3600


def _remove_stale_staging(target: Path) -> None:
    """Delete ``.<name>.*.new`` / ``.old`` directories left beside ``target`` by killed builds."""
    now = time.time()
    for pattern in (f".{target.name}.*.new", f".{target.name}.*.old"):
        for leftover in target.parent.glob(pattern):
            with suppress(OSError):
                abandoned = now - leftover.stat().st_mtime > STALE_STAGING_SECONDS
                if abandoned and leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(staging: Path, target: Path) -> None:
    """Move ``staging`` to ``target``, moving the previous ``target`` aside first.

    Two builds of one project may finish at the same moment: each moves the old
    directory into a place of its own (a shared ``.site.old`` would be deleted or
    replaced under the other), and when the other build's directory lands on
    ``target`` between our two renames, ours goes in on the next try: the last
    build to finish wins, and neither fails.
    """
    for attempt in range(_SWAP_TRIES):
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        previous = aside / target.name
        try:
            try:
                os.replace(target, previous)
            except FileNotFoundError:
                pass  # the first build, or another build is between its two renames
            try:
                os.replace(staging, target)
                return
            except OSError as exc:
                if previous.exists():
                    with suppress(OSError):  # put the previous output back rather than lose it
                        os.replace(previous, target)
                if exc.errno in (errno.ENOTEMPTY, errno.EEXIST) and attempt < _SWAP_TRIES - 1:
                    continue
                shutil.rmtree(staging, ignore_errors=True)
                raise
        finally:
            shutil.rmtree(aside, ignore_errors=True)

