"""Loading and validating glossary files: every problem located by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GLOSSARY, run_reader
from reader.errors import InputError
from reader.glossary import load_glossary, validate
from reader.glossary.load import read_glossary

DOMAINS = '[domains]\nfinance = "Finance"\ngeopolitics = "Geopolitics"\n'
GOOD = '''# a comment
[[term]]
zh = "影子银行"
pinyin = "yǐngzi yínháng"
english = "shadow banking"
accepted = ["shadow bank"]
domain = "finance"
status = "checked"
checked_by = "tester"
checked_on = 2026-11-22
note = """Credit outside the *regulated* banks."""
'''


def make(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    directory = tmp_path / "glossary"
    directory.mkdir(exist_ok=True)
    (directory / "domains.toml").write_text(DOMAINS, encoding="utf-8")
    for name, content in files.items():
        path = directory / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return directory


def term(zh="特里芬悖论", pinyin="tèlǐfēn bèilùn", english="Triffin dilemma", extra="", domain="finance",
         status="draft") -> str:
    return (f'\n[[term]]\nzh = "{zh}"\npinyin = "{pinyin}"\nenglish = "{english}"\n'
            f'domain = "{domain}"\nstatus = "{status}"\n{extra}')


def messages(directory: Path) -> list[str]:
    return [p.format() for p in validate(directory) if p.level == "error"]


def test_good_file_loads_with_generated_traditional_forms(tmp_path):
    glossary = load_glossary(make(tmp_path, {"finance.toml": GOOD}))
    shadow = glossary.get("影子银行")
    assert shadow.traditional == ("影子銀行",)
    assert shadow.checked_on == "2026-11-22" and shadow.is_checked
    assert shadow.line == 2 and shadow.file.endswith("finance.toml")
    assert glossary.domains == {"finance": "Finance", "geopolitics": "Geopolitics"}
    assert validate(make(tmp_path, {})) == []


def test_taiwan_forms_come_from_opencc_and_overrides_replace_them(tmp_path):
    text = term("芯片", "xīnpiàn", "chip") + term("数字人民币", "shùzì rénmínbì", "e-CNY",
                                                  extra='traditional = ["數位人民幣"]\n')
    glossary = load_glossary(make(tmp_path, {"a.toml": text}))
    assert glossary.get("芯片").traditional == ("晶片",)  # s2t gives 芯片 itself, s2twp 晶片
    assert glossary.get("数字人民币").traditional == ("數位人民幣",)


@pytest.mark.parametrize(
    "text, line, expected",
    [
        (term(english=""), 2, "english is empty"),
        (term(pinyin="tèlǐfēn"), 2, "has 3 syllables but the headword has 5 Chinese characters"),
        (term(pinyin="tèlǐfēn bèilùnx"), 2, "not made of valid pinyin syllables"),
        (term(domain="sport"), 2, "unknown domain 'sport'"),
        (term(status="checked"), 2, "is checked but has no checked_by or checked_on"),
        (term(extra='note = "see [BIS](https://www.bis.org"\n'), 2, "link is not closed"),
        (term(extra='note = "a *bold claim"\n'), 2, "emphasis that is never matched"),
        (term(extra='note = "<b>loud</b>"\n'), 2, "raw HTML"),
        (term(extra='note = """```\\ncode"""\n'), 2, "never closed"),
        (term(extra='colour = "red"\n'), 8, "unknown field 'colour'"),
        (term(extra='accepted = "shadow bank"\n'), 8, "accepted must be a list of strings"),
        (term(extra='checked_on = "2026-11-22"\n'), 8, "checked_on must be a TOML date"),
        (term(status="done"), 7, "status must be \"checked\" or \"draft\""),
        ('\n[[term]]\nzh = "算力"\npinyin = "suànlì"\ndomain = "finance"\n', 2, "has no 'english'"),
        (term() + term(), 9, "duplicate headword 特里芬悖论"),
    ],
)
def test_each_problem_is_reported_with_file_and_line(tmp_path, text, line, expected):
    found = messages(make(tmp_path, {"bad.toml": text}))
    assert any(f"bad.toml:{line}: " in m and expected in m for m in found), found


def test_duplicates_across_files_and_shared_traditional_forms(tmp_path):
    directory = make(tmp_path, {
        "a.toml": GOOD,
        "b.toml": term("影子银行", "yǐngzi yínháng", "shadow banking")
        + term("影子银行业", "yǐngzi yínhángyè", "shadow banking sector", extra='traditional = ["影子銀行"]\n'),
    })
    found = messages(directory)
    assert any("b.toml:2: duplicate headword 影子银行: already defined at" in m and "a.toml:2" in m for m in found)
    assert any("traditional form 影子銀行 of 影子银行业 is also a form of 影子银行" in m for m in found)


def test_traditional_form_may_not_be_another_headword(tmp_path):
    directory = make(tmp_path, {"a.toml": term("芯片", "xīnpiàn", "chip") + term("晶片", "jīngpiàn", "wafer")})
    found = messages(directory)
    assert any("traditional form 晶片 of 芯片 is the headword of another term" in m for m in found), found


def test_broken_toml_gives_parser_line_and_column(tmp_path):
    directory = make(tmp_path, {"broken.toml": GOOD + '\n[[term]]\nzh = "x\n'})
    with pytest.raises(InputError) as caught:
        load_glossary(directory)
    assert caught.value.line == 14
    assert "is not valid TOML" in caught.value.message and "column" in caught.value.message
    assert caught.value.path.endswith("broken.toml")


def test_non_utf8_file_is_named_with_line(tmp_path):
    directory = make(tmp_path, {"gbk.toml": GOOD.encode("utf-8") + term("算力", "suànlì", "compute").encode("gbk")})
    problems = validate(directory)
    assert problems[0].unreadable and "is not UTF-8" in problems[0].message and problems[0].line == 14


def test_load_glossary_stops_at_first_error_and_counts_the_rest(tmp_path):
    directory = make(tmp_path, {"bad.toml": term(english="") + term("算力", "suàn", "compute")})
    with pytest.raises(InputError) as caught:
        load_glossary(directory)
    assert "english is empty" in caught.value.message and "1 more" in caught.value.message


def test_missing_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="glossary directory not found"):
        read_glossary(tmp_path / "nowhere")


def test_unlikely_reading_is_only_a_warning(tmp_path):
    directory = make(tmp_path, {"a.toml": term("算力", "suànhé", "compute")})
    problems = validate(directory)
    assert [p.level for p in problems] == ["warning"]
    assert "'hé' is not a known reading of 力" in problems[0].message


def test_the_shipped_glossary_is_valid():
    glossary, problems = read_glossary(GLOSSARY)
    assert [p.format() for p in problems if p.level == "error"] == []
    assert len(glossary) >= 200


def test_validate_command_exit_statuses(tmp_path):
    clean = run_reader("glossary", "validate", "--project", str(tmp_path), cwd=tmp_path) if make(
        tmp_path, {"a.toml": GOOD}) else None
    assert clean.code == 0 and "Glossary is valid: 1 terms" in clean.out
    (tmp_path / "glossary" / "b.toml").write_text(term(english=""), encoding="utf-8")
    bad = run_reader("glossary", "validate", cwd=tmp_path)
    assert bad.code == 1
    assert "glossary/b.toml:2: term 特里芬悖论: english is empty" in bad.out
    (tmp_path / "glossary" / "c.toml").write_text("[[term]\n", encoding="utf-8")
    broken = run_reader("glossary", "validate", cwd=tmp_path)
    assert broken.code == 2 and "glossary/c.toml:1: is not valid TOML" in broken.out
    assert "Traceback" not in broken.err + broken.out
    as_json = run_reader("glossary", "validate", "--json", cwd=tmp_path)
    assert '"level": "error"' in as_json.out and as_json.code == 2
