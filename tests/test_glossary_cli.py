"""The glossary commands as a user runs them: list, --json everywhere, errors as one line."""

from __future__ import annotations

import json

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
