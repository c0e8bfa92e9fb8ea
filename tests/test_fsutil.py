"""Atomic writes never leave half-written files or lose the previous output."""

from __future__ import annotations

from pathlib import Path

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


def _replace_with(monkeypatch, before_swap_in):
    """Patch os.replace in fsutil so that ``before_swap_in(src, dst)`` runs before each staging -> target rename."""
    import os

    from reader import fsutil

    real = os.replace

    def replace(src, dst):
        if Path(src).name.endswith(".new"):
            before_swap_in(Path(src), Path(dst))
        return real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace)


def test_another_build_landing_between_the_renames_does_not_fail(tmp_path, monkeypatch):
    site = tmp_path / "site"
    with atomic_directory(site) as staging:
        (staging / "index.html").write_text("first")
    landed = []

    def other_build_lands(src, dst):
        if not landed:  # another build's site arrives after ours moved the old one aside
            landed.append(dst)
            dst.mkdir()
            (dst / "index.html").write_text("other")

    _replace_with(monkeypatch, other_build_lands)
    with atomic_directory(site) as staging:
        (staging / "index.html").write_text("ours")
    assert landed == [site]
    assert (site / "index.html").read_text() == "ours"  # the last to finish wins
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left aside


def test_a_refused_swap_puts_the_previous_output_back(tmp_path, monkeypatch):
    site = tmp_path / "site"
    with atomic_directory(site) as staging:
        (staging / "index.html").write_text("good")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    _replace_with(monkeypatch, refuse)
    with pytest.raises(PermissionError):
        with atomic_directory(site) as staging:
            (staging / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staging_left_by_a_killed_build_is_cleaned_up_later(tmp_path):
    import os
    import time

    from reader.fsutil import STALE_STAGING_SECONDS

    old = tmp_path / ".site.abc123.new"
    (old / "doc").mkdir(parents=True)
    long_ago = time.time() - STALE_STAGING_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    recent = tmp_path / ".site.def456.new"  # may belong to a build running right now
    recent.mkdir()
    with atomic_directory(tmp_path / "site") as staging:
        (staging / "index.html").write_text("x")
    assert not old.exists()
    assert recent.exists()
    assert (tmp_path / "site" / "index.html").read_text() == "x"
