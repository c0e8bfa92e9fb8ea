"""Editing glossary files: comments and layout kept, invalid edits refused, writes atomic."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from conftest import run_reader
from reader.errors import InputError, NotFound
from reader.glossary.edit import add_term, check_term, remove_term
from reader.glossary.load import load_glossary

DOMAINS = '[domains]\nfinance = "Finance"\ncompute = "Compute"\n'
FINANCE = '''# Finance terms. This comment must survive every edit.

[[term]]
zh = "影子银行"   # the classic
pinyin = "yǐngzi yínháng"
english = "shadow banking"
domain = "finance"
status = "draft"

# A comment between terms.
[[term]]
zh = "特里芬悖论"
pinyin = "tèlǐfēn bèilùn"
english = "Triffin dilemma"
domain = "finance"
status = "checked"
checked_by = "someone"
checked_on = 2026-01-02
'''


@pytest.fixture
def glossary_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "glossary"
    directory.mkdir()
    (directory / "domains.toml").write_text(DOMAINS, encoding="utf-8")
    (directory / "finance.toml").write_text(FINANCE, encoding="utf-8")
    return directory


def test_add_appends_a_draft_with_generated_pinyin_and_keeps_comments(glossary_dir):
    term = add_term(glossary_dir, zh="国际清算银行", english="Bank for International Settlements",
                    domain="finance", abbreviation="BIS", note="Basel; *the central banks' bank*.")
    assert term.status == "draft" and term.pinyin == "guójì qīngsuàn yínháng"
    text = (glossary_dir / "finance.toml").read_text(encoding="utf-8")
    assert text.startswith(FINANCE.rstrip("\n"))
    assert 'abbreviation = "BIS"' in text
    assert load_glossary(glossary_dir).get("国际清算银行").abbreviation == "BIS"


def test_add_to_a_new_domain_file(glossary_dir):
    term = add_term(glossary_dir, zh="算力", english="computing power", domain="compute", pinyin="suànlì")
    assert Path(term.file).name == "compute.toml"
    assert (glossary_dir / "compute.toml").read_text(encoding="utf-8").startswith("# Terms added with")


def test_check_sets_checker_and_date_in_place(glossary_dir):
    term = check_term(glossary_dir, "影子银行", "Ada", on=dt.date(2026, 11, 22))
    assert (term.status, term.checked_by, term.checked_on) == ("checked", "Ada", "2026-11-22")
    text = (glossary_dir / "finance.toml").read_text(encoding="utf-8")
    assert 'zh = "影子银行"   # the classic' in text and "# A comment between terms." in text
    assert text.count('status = "checked"') == 2 and text.count("status =") == 2


def test_remove_keeps_the_rest(glossary_dir):
    remove_term(glossary_dir, "影子银行")
    glossary = load_glossary(glossary_dir)
    assert list(glossary.terms) == ["特里芬悖论"]
    text = (glossary_dir / "finance.toml").read_text(encoding="utf-8")
    assert text.startswith("# Finance terms. This comment must survive every edit.")
    remove_term(glossary_dir, "特里芬悖论")
    add_term(glossary_dir, zh="影子银行", english="shadow banking", domain="finance", pinyin="yǐngzi yínháng")
    assert list(load_glossary(glossary_dir).terms) == ["影子银行"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"zh": "影子银行", "english": "x", "domain": "finance"}, "already in the glossary"),
        ({"zh": "算力", "english": "compute", "domain": "sport", "pinyin": "suànlì"}, "unknown domain"),
        ({"zh": "算力", "english": "compute", "domain": "finance", "pinyin": "suàn"}, "has 1 syllables"),
        ({"zh": "算力", "english": " ", "domain": "finance", "pinyin": "suànlì"}, "english is empty"),
        ({"zh": "算力", "english": "c", "domain": "finance", "pinyin": "suànlì", "note": "**bold"}, "emphasis"),
    ],
)
def test_invalid_edits_are_refused_and_files_unchanged(glossary_dir, kwargs, message):
    before = {p.name: p.read_bytes() for p in glossary_dir.iterdir()}
    with pytest.raises(InputError, match=message):
        add_term(glossary_dir, **kwargs)
    assert {p.name: p.read_bytes() for p in glossary_dir.iterdir()} == before


def test_unknown_term_is_not_found(glossary_dir):
    with pytest.raises(NotFound):
        check_term(glossary_dir, "不存在", "Ada")


def test_a_failed_write_leaves_the_file_unchanged(glossary_dir, monkeypatch):
    before = (glossary_dir / "finance.toml").read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        check_term(glossary_dir, "影子银行", "Ada")
    assert (glossary_dir / "finance.toml").read_bytes() == before
    assert [p.name for p in glossary_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_add_check_remove(tmp_path, glossary_dir):
    added = run_reader("glossary", "add", "量化宽松", "--english", "quantitative easing", "--domain", "finance",
                       "--abbreviation", "QE", "--accepted", "QE programme", "--json", cwd=tmp_path)
    assert added.code == 0, added.err
    data = json.loads(added.out)
    assert data["status"] == "draft" and data["pinyin"] == "liànghuà kuānsōng" and data["accepted"] == ["QE programme"]
    checked = run_reader("glossary", "check", "量化宽松", "--by", "Ada", cwd=tmp_path)
    assert checked.code == 0 and "Checked 量化宽松" in checked.out and dt.date.today().isoformat() in checked.out
    listed = json.loads(run_reader("glossary", "list", "--status", "checked", "--json", cwd=tmp_path).out)
    assert {t["zh"] for t in listed} == {"特里芬悖论", "量化宽松"}
    refused = run_reader("glossary", "add", "量化宽松", "--english", "x", "--domain", "finance", cwd=tmp_path)
    assert refused.code == 2 and refused.err.startswith("reader: error: ") and "already in the glossary" in refused.err
    removed = run_reader("glossary", "remove", "量化宽松", cwd=tmp_path)
    assert removed.code == 0 and "量化宽松" not in (glossary_dir / "finance.toml").read_text(encoding="utf-8")
    missing = run_reader("glossary", "remove", "量化宽松", cwd=tmp_path)
    assert missing.code == 1 and "no term '量化宽松'" in missing.err


def test_a_file_with_a_byte_order_mark_that_loads_can_be_edited(glossary_dir):
    """Windows editors save UTF-8 with a BOM; the loader accepts it, so every edit must too."""
    (glossary_dir / "finance.toml").write_bytes(b"\xef\xbb\xbf" + FINANCE.encode("utf-8"))
    assert load_glossary(glossary_dir).get("影子银行").status == "draft"
    assert check_term(glossary_dir, "影子银行", "reviewer").status == "checked"
    add_term(glossary_dir, zh="国际清算银行", english="Bank for International Settlements", domain="finance")
    assert remove_term(glossary_dir, "特里芬悖论").zh == "特里芬悖论"
    loaded = load_glossary(glossary_dir)
    assert loaded.get("影子银行").checked_by == "reviewer" and "国际清算银行" in loaded and "特里芬悖论" not in loaded
    assert "This comment must survive every edit." in (glossary_dir / "finance.toml").read_text(encoding="utf-8")


def test_editing_a_file_that_is_not_utf8_is_one_error_naming_it(glossary_dir):
    (glossary_dir / "finance.toml").write_bytes(FINANCE.encode("gb18030"))
    with pytest.raises(InputError, match="not UTF-8") as caught:
        add_term(glossary_dir, zh="国际清算银行", english="Bank for International Settlements", domain="finance")
    assert caught.value.path.endswith("finance.toml")


def test_edits_keep_windows_line_ends(glossary_dir):
    path = glossary_dir / "finance.toml"
    path.write_bytes(FINANCE.replace("\n", "\r\n").encode("utf-8"))
    add_term(glossary_dir, zh="国际清算银行", english="Bank for International Settlements", domain="finance")
    check_term(glossary_dir, "国际清算银行", "Ada", on=dt.date(2026, 11, 22))
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")  # every line end is CRLF, none bare
    assert data.startswith(FINANCE.replace("\n", "\r\n").encode("utf-8").split(b"\r\n")[0] + b"\r\n")
    assert load_glossary(glossary_dir).get("国际清算银行").checked_by == "Ada"


def test_edits_keep_unix_line_ends(glossary_dir):
    add_term(glossary_dir, zh="国际清算银行", english="Bank for International Settlements", domain="finance")
    assert b"\r" not in (glossary_dir / "finance.toml").read_bytes()
