"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The tiny-model fixtures (tiny_package, argos_dir, installed_tiny) for every module, and
# tiny_package built once per session rather than once per module that imports it.
pytest_plugins = ["tinymodel"]

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"
GLOSSARY = ROOT / "glossary"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_reader(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 600) -> CliResult:
    """Run the real ``reader`` command in a subprocess, as a user would."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def require_tool(available: bool, what: str) -> None:
    """The external checkers (epubcheck, pandoc, the Nu HTML checker) are part of the suite: on a
    machine without one the checks fail instead of passing unseen as skips, unless the run says
    on purpose that it goes without them."""
    if available:
        return
    if os.environ.get("READER_SKIP_MISSING_CHECKERS") == "1":
        pytest.skip(f"{what} is not installed (READER_SKIP_MISSING_CHECKERS=1)")
    pytest.fail(f"{what} is not installed: install it, or set READER_SKIP_MISSING_CHECKERS=1 to skip these checks")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the sample project (texts, glossary, reader.toml) to run commands in."""
    shutil.copytree(TEXTS, tmp_path / "texts")
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    shutil.copy2(ROOT / "reader.toml", tmp_path / "reader.toml")
    return tmp_path
