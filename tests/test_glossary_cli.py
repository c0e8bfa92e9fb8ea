"""The glossary commands as a user runs them: list, --json everywhere, errors as one line."""

from __future__ import annotations

import json

import pytest

from conftest import run_reader


def test_list_filters_and_json(project):
    everything = json.loads(run_reader("glossary", "list", "--json", cwd=project).out)
    assert len(everything) >= 200
    finance = json.loads(run_reader("glossary", "list", "--domain", "finance", "--json", cwd=project).out)
    assert finance and all(t["domain"] == "finance" for t in finance)
    assert len(finance) < len(everything)
    drafts = json.loads(run_reader("glossary", "list", "--status", "draft", "--json", cwd=project).out)
    assert all(t["status"] == "draft" for t in drafts)
    table = run_reader("glossary", "list", "--domain", "finance", cwd=project)
    assert table.code == 0 and "影子银行" in table.out and f"{len(finance)} terms" in table.out


def test_unknown_domain_is_a_one_line_error(project):
    result = run_reader("glossary", "list", "--domain", "sport", cwd=project)
    assert result.code == 2
    assert result.err.strip().startswith("reader: error: unknown domain 'sport'; known domains: finance")
    assert len(result.err.strip().splitlines()) == 1


def test_broken_glossary_file_stops_commands_with_file_line_and_status_2(project):
    (project / "glossary" / "zz-broken.toml").write_text('[[term]]\nzh = "x"\nzh2 = \n', encoding="utf-8")
    for args in (("list",), ("lookup", "影子银行"), ("export", "--format", "json")):
        result = run_reader("glossary", *args, cwd=project)
        assert result.code == 2, args
        assert "glossary/zz-broken.toml:3: is not valid TOML" in result.err
        assert "Traceback" not in result.err


def test_not_utf8_glossary_file(project):
    (project / "glossary" / "zz-gbk.toml").write_bytes('[[term]]\nzh = "算力"\n'.encode("gbk"))
    result = run_reader("glossary", "lookup", "算力", cwd=project)
    assert result.code == 2 and "glossary/zz-gbk.toml:2: is not UTF-8 text" in result.err


def _snapshot(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


BROKEN_FILES = {
    "toml": ('[[term]]\nzh = "测试"\nenglish = "test\n', "glossary/zz-bad.toml:3: is not valid TOML"),
    "field": ('[[term]]\nzh = "测试"\npinyin = "cèshì"\nenglish = "test"\ndomain = "finance"\ncolour = "red"\n',
              "glossary/zz-bad.toml:6: unknown field 'colour' in term 测试"),
    "utf8": ('[[term]]\nzh = "测试"\n'.encode("gbk"), "glossary/zz-bad.toml:2: is not UTF-8 text"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_FILES))
def test_bad_glossary_file_through_the_cli(project, kind):
    """Every reading command stops with one line naming file and line, exit 2; nothing on disk changes."""
    content, expected = BROKEN_FILES[kind]
    bad = project / "glossary" / "zz-bad.toml"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = _snapshot(project / "glossary")
    output = project / "out.csv"
    for args in (("lookup", "影子银行"), ("list", "--json"), ("export", "--format", "csv", "-o", str(output))):
        result = run_reader("glossary", *args, cwd=project)
        assert result.code == 2, (args, result.err)
        assert result.err.startswith("reader: error: " + expected), (args, result.err)
        assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert not output.exists()
    validate = run_reader("glossary", "validate", cwd=project)
    assert validate.code == (1 if kind == "field" else 2) and expected in validate.out
    assert "Traceback" not in validate.err
    assert _snapshot(project / "glossary") == before


@pytest.mark.parametrize("rows, expected", [
    ("测试,test,finance\n测试二,,finance\n", "broken.csv:3: row has no english"),
    ("测试,test,finance\n测试二,test two\n", "broken.csv:3: row has 2 cells but the header has 3"),
    ("测试,test,sport\n", "broken.csv:2: cannot import this row, nothing was imported: term 测试: unknown domain"),
])
def test_broken_import_file_through_the_cli(project, rows, expected):
    broken = project / "broken.csv"
    broken.write_text("zh,english,domain\n" + rows, encoding="utf-8")
    before = _snapshot(project / "glossary")
    result = run_reader("glossary", "import", "broken.csv", cwd=project)
    assert result.code == 2 and result.err.startswith("reader: error: " + expected), result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert _snapshot(project / "glossary") == before
