"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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
