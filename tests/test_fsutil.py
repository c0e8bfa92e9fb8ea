"""Atomic writes never leave half-written files or lose the previous output."""

from __future__ import annotations

import pytest

from reader.fsutil import atomic_directory, write_text_atomic


def test_write_text_atomic_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "out" / "file.txt"
    write_text_atomic(target, "first")
    write_text_atomic(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    write_text_atomic(target, "old")

    class Exploding(str):
        def encode(self, *args, **kwargs):
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_text_atomic(target, Exploding("new"))
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_atomic_directory_swaps_in_on_success(tmp_path):
    site = tmp_path / "site"
    with atomic_directory(site) as staging:
        (staging / "index.html").write_text("v1")
    with atomic_directory(site) as staging:
        (staging / "index.html").write_text("v2")
    assert (site / "index.html").read_text() == "v2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_atomic_directory_failure_leaves_previous_intact(tmp_path):
    site = tmp_path / "site"
    with atomic_directory(site) as staging:
        (staging / "index.html").write_text("good")
    with pytest.raises(ValueError):
        with atomic_directory(site) as staging:
            (staging / "index.html").write_text("half")
            raise ValueError("render failed")
    assert (site / "index.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_outputs_get_ordinary_permissions(tmp_path):
    import os
    import stat

    mask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "f.txt", "x")
        with atomic_directory(tmp_path / "site") as staging:
            (staging / "a").write_text("x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o755
