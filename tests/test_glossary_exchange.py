"""Export and import: lossless round trips for TBX, CSV and JSON; OmegaT TSV; broken rows refused."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import GLOSSARY, run_reader
from reader.errors import InputError
from reader.glossary.exchange import export_glossary, import_glossary, term_to_dict
from reader.glossary.load import load_glossary
from reader.glossary.model import Evidence

TBX = "{urn:iso:std:iso:30042:ed-2}"


@pytest.fixture(scope="module")
def shipped():
    glossary = load_glossary(GLOSSARY)
    # Give one term every optional field so the round trip covers them all.
    first = next(iter(glossary))
    from dataclasses import replace

    glossary.terms[first.zh] = replace(first, evidence=(Evidence("02-x", "一句“话”,带<尖括号>&符号。"),),
                                       note=first.note + '\n\n- a "quoted" item\n- `code`, a second line')
    return glossary


def empty_project(tmp_path: Path) -> Path:
    (tmp_path / "glossary").mkdir(parents=True)
    shutil.copy(GLOSSARY / "domains.toml", tmp_path / "glossary" / "domains.toml")
    return tmp_path / "glossary"


def fields(glossary) -> dict:
    return {t.zh: {k: v for k, v in term_to_dict(t).items() if k not in ("file", "line")} for t in glossary}


@pytest.mark.parametrize("fmt", ["tbx", "csv", "json"])
def test_round_trip_loses_nothing(tmp_path, shipped, fmt):
    source = tmp_path / f"export.{fmt}"
    source.write_text(export_glossary(shipped, fmt), encoding="utf-8")
    directory = empty_project(tmp_path / "target")
    report = import_glossary(source, directory)
    assert report["added"] == len(shipped) and report["skipped"] == []
    assert fields(load_glossary(directory)) == fields(shipped)


def test_omegat_tsv_keeps_all_but_notes_and_evidence(tmp_path, shipped):
    source = tmp_path / "export.tsv"
    text = export_glossary(shipped, "tsv")
    source.write_text(text, encoding="utf-8")
    assert all(len(line.split("\t")) == 3 for line in text.splitlines()[1:])
    directory = empty_project(tmp_path / "target")
    import_glossary(source, directory)
    expected = fields(shipped)
    for record in expected.values():
        record["note"], record["evidence"] = "", []
    assert fields(load_glossary(directory)) == expected


def test_tbx_is_tbx_basic_with_data_categories(shipped):
    root = ET.fromstring(export_glossary(shipped, "tbx").encode("utf-8"))
    assert root.tag == f"{TBX}tbx" and root.get("type") == "TBX-Basic"
    entries = root.findall(f".//{TBX}conceptEntry")
    assert len(entries) == len(shipped)
    shadow = next(e for e in entries if e.find(f".//{TBX}term").text == "影子银行")
    assert shadow.find(f"{TBX}descrip[@type='subjectField']").text == "finance"
    langs = {sec.get("{http://www.w3.org/XML/1998/namespace}lang") for sec in shadow.findall(f"{TBX}langSec")}
    assert langs == {"zh-Hans", "zh-Hant", "zh-Latn-pinyin", "en"}
    english = shadow.find(f"{TBX}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='en']")
    statuses = [t.text for t in english.iter(f"{TBX}termNote") if t.get("type") == "administrativeStatus"]
    assert statuses[0] == "preferredTerm-admn-sts"
    assert shadow.find(f".//{TBX}transacNote[@type='responsibility']") is not None


def test_import_skips_existing_headwords(tmp_path, shipped):
    directory = empty_project(tmp_path / "target")
    source = tmp_path / "export.json"
    source.write_text(export_glossary(shipped, "json"), encoding="utf-8")
    import_glossary(source, directory, into="first.toml")
    again = import_glossary(source, directory, into="second.toml")
    assert again["added"] == 0 and len(again["skipped"]) == len(shipped)
    assert not (directory / "second.toml").exists()


@pytest.mark.parametrize(
    "name, content, line, message",
    [
        ("bad.csv", "zh,english,domain\n影子银行,shadow banking,finance\n算力,,compute\n", 3, "has no english"),
        ("bad.csv", "zh,english,domain\n影子银行,shadow banking\n", 2, "2 cells but the header has 3"),
        ("bad.csv", "zh,english,colour\n", 1, "unknown column 'colour'"),
        ("bad.csv", "zh,english,domain,checked_on\n算力,compute,compute,soon\n", 2, "is not a date"),
        ("bad.tsv", "影子银行\tshadow banking\n算力\n", 2, "source<TAB>target"),
        ("bad.json", '{"terms": [\n  {"zh": "算力", "english": "compute", "domain": "compute"},\n'
                     '  {"zh": "影子银行", "domain": "finance"}\n]}\n', 3, "has no english"),
        ("bad.json", '{"terms": [}', 1, "is not valid JSON"),
        ("bad.tbx", "<tbx><text><body><conceptEntry>\n<langSec xml:lang='en'>\n</tbx>", 3, "not well-formed XML"),
        # Problems found by validating the would-be glossary point at the import row, not at imported.toml.
        ("bad.csv", "zh,english,domain,pinyin\n债券,bonds,finance,zhàiquàn\n算力,compute,compute,suàn\n", 3,
         "has 1 syllables"),
        ("bad.csv", "zh,english,domain\n测试,test,sport\n", 2, "unknown domain 'sport'"),
    ],
)
def test_broken_rows_are_refused_with_file_and_line(tmp_path, name, content, line, message):
    directory = empty_project(tmp_path / "target")
    before = sorted(p.name for p in directory.iterdir())
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_glossary(source, directory, domain="finance" if name.endswith(".tsv") else None)
    assert message in caught.value.message
    assert caught.value.line == line and caught.value.path.endswith(name)
    assert sorted(p.name for p in directory.iterdir()) == before


def test_import_clash_with_an_existing_term_names_that_term(tmp_path):
    directory = empty_project(tmp_path / "target")
    import_glossary(_csv(tmp_path / "first.csv", "影子银行,shadow banking,finance"), directory)
    with pytest.raises(InputError) as caught:
        import_glossary(_csv(tmp_path / "second.csv", "测试,test,finance,影子銀行"), directory)
    assert "影子銀行 of 测试 is also a form of 影子银行" in caught.value.message
    assert caught.value.path.endswith("second.csv") and caught.value.line == 2


def test_import_file_not_utf8_and_into_outside_the_glossary(tmp_path):
    directory = empty_project(tmp_path / "target")
    source = tmp_path / "gbk.csv"
    source.write_bytes("zh,english,domain\n测试,test,finance\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        import_glossary(source, directory)
    assert "is not UTF-8" in caught.value.message and caught.value.line == 2
    good = _csv(tmp_path / "good.csv", "测试,test,finance")
    for into in ("../outside.toml", "sub/x.toml", "domains.toml", "notes.txt"):
        with pytest.raises(InputError, match="--into must name"):
            import_glossary(good, directory, into=into)
    assert sorted(p.name for p in directory.iterdir()) == ["domains.toml"]
    assert not (tmp_path / "outside.toml").exists()


def _csv(path: Path, row: str) -> Path:
    header = "zh,english,domain,traditional" if row.count(",") == 3 else "zh,english,domain"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def test_cli_export_and_import(tmp_path):
    directory = empty_project(tmp_path)
    out = run_reader("glossary", "export", "--format", "json", cwd=GLOSSARY.parent)
    assert out.code == 0 and json.loads(out.out)["format"] == "reader-glossary"
    exported = tmp_path / "g.csv"
    written = run_reader("glossary", "export", "--format", "csv", "--output", str(exported), cwd=GLOSSARY.parent)
    assert written.code == 0 and exported.read_text(encoding="utf-8").startswith("zh,traditional,pinyin")
    imported = run_reader("glossary", "import", str(exported), "--json", cwd=tmp_path)
    assert imported.code == 0, imported.err
    assert json.loads(imported.out)["added"] == len(load_glossary(GLOSSARY))
    broken = tmp_path / "broken.csv"
    broken.write_text("zh,english,domain\n影子银行,,finance\n", encoding="utf-8")
    before = (directory / "imported.toml").read_bytes()
    refused = run_reader("glossary", "import", str(broken), cwd=tmp_path)
    assert refused.code == 2 and "broken.csv:2: row has no english" in refused.err
    assert (directory / "imported.toml").read_bytes() == before
