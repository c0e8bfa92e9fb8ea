"""Edition settings read from reader.toml."""

from __future__ import annotations

import pytest

from reader.edition import EditionSettings
from reader.errors import InputError
from reader.project import Project


def test_settings_from_reader_toml(tmp_path):
    (tmp_path / "reader.toml").write_text('[edition]\ntitle = "读本"\nslug = "my-reader"\n', encoding="utf-8")
    settings = EditionSettings.load(Project.at(tmp_path))
    assert settings.title == "读本"
    assert settings.slug == "my-reader"


def test_settings_default_without_file(tmp_path):
    settings = EditionSettings.load(Project.at(tmp_path))
    assert settings.slug == "edition"
    assert settings.title


def test_broken_reader_toml_names_the_file(tmp_path):
    (tmp_path / "reader.toml").write_text("[edition\ntitle = 1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        EditionSettings.load(Project.at(tmp_path))
    assert "reader.toml" in str(info.value)
    assert "line 1" in str(info.value)
