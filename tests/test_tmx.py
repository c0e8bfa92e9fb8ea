"""TMX export and import: round trip, post-edits become human, broken files change nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import run_reader

from reader.errors import InputError
from reader.translate import HumanEntry, MachineEntry, MemoryKey, TranslationMemory
from reader.translate.tmx import XML_LANG, export_tmx, import_tmx

MT = [
    MachineEntry(MemoryKey("影子银行的风险很大。", "argos", "argos:translate-zh_en-1.9", "影子银行=shadow banking"),
                 "The risk of shadow banking is large.", "substitute"),
    MachineEntry(MemoryKey("资本。", "argos", "argos:translate-zh_en-1.9", ""), "Capital & <labour>.", "model"),
]
HUMAN = [HumanEntry("特里芬悖论。", "The Triffin dilemma.", "checked by A.")]


def filled(path):
    with TranslationMemory(path) as memory:
        memory.store(MT)
        memory.store_human(HUMAN)
    return path


def contents(path):
    with TranslationMemory(path) as memory:
        machine = sorted((e.key.source, e.key.engine, e.key.model, e.key.terms, e.english, e.method, e.created)
                         for e in memory.machine_entries())
        human = sorted((e.source, e.english, e.note, e.created) for e in memory.human_entries())
    return machine, human


def test_export_is_tmx_1_4_with_origin_props(tmp_path):
    with TranslationMemory(filled(tmp_path / "m.sqlite")) as memory:
        document = export_tmx(memory)
    root = ET.fromstring(document)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "zh"
    units = root.find("body").findall("tu")
    assert len(units) == 3
    for tu in units:
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["zh", "en"]
    props = {p.get("type"): p.text for p in units[1].findall("prop")}
    assert props["x-origin"] == "mt" and props["x-engine"] == "argos"
    assert props["x-model"] == "argos:translate-zh_en-1.9" and props["x-terms"] == "影子银行=shadow banking"
    assert {p.get("type"): p.text for p in units[0].findall("prop")}["x-origin"] == "human"


def test_round_trip_into_an_empty_memory(tmp_path):
    source = filled(tmp_path / "a.sqlite")
    with TranslationMemory(source) as memory:
        document = export_tmx(memory)
    exported = tmp_path / "memory.tmx"
    exported.write_text(document, encoding="utf-8")
    target = tmp_path / "b.sqlite"
    with TranslationMemory(target) as memory:
        result = import_tmx(exported, memory)
        assert (result.human, result.machine) == (1, 2)
        assert export_tmx(memory).count("<tu") == document.count("<tu")
    assert contents(target) == contents(source)


def test_post_edited_machine_translations_come_back_human(tmp_path):
    memory_path = filled(tmp_path / "m.sqlite")
    with TranslationMemory(memory_path) as memory:
        document = export_tmx(memory)
    edited = document.replace("The risk of shadow banking is large.", "Shadow banking carries great risk.")
    path = tmp_path / "edited.tmx"
    path.write_text(edited, encoding="utf-8")
    with TranslationMemory(memory_path) as memory:
        result = import_tmx(path, memory)
        assert (result.human, result.machine) == (2, 1)
        assert memory.human("影子银行的风险很大。").english == "Shadow banking carries great risk."


def test_foreign_tmx_in_traditional_script_is_normalized(tmp_path):
    path = tmp_path / "other.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-TW"/><body>'
        '<tu><tuv xml:lang="zh-TW"><seg>影子銀行的風險。</seg></tuv><tuv xml:lang="en-US"><seg>Risk.</seg></tuv></tu>'
        '<tu><tuv xml:lang="zh"><seg>只有中文</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        result = import_tmx(path, memory)
        assert (result.human, result.skipped) == (1, 1)
        assert memory.human("影子银行的风险。").english == "Risk."


@pytest.mark.parametrize(
    "text, line, message",
    [
        ('<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu><tuv>\n</body></tmx>', 5, "not well-formed XML"),
        ('<?xml version="1.0"?>\n<html><body/></html>', None, "is not a TMX file"),
        ('<tmx version="1.4"><body></body></tmx>', None, "no translation units"),
    ],
)
def test_broken_tmx_is_an_input_error_and_changes_nothing(tmp_path, text, line, message):
    memory_path = filled(tmp_path / "m.sqlite")
    before = contents(memory_path)
    path = tmp_path / "broken.tmx"
    path.write_text(text, encoding="utf-8")
    with TranslationMemory(memory_path) as memory:
        with pytest.raises(InputError, match=message) as caught:
            import_tmx(path, memory)
    assert caught.value.path == str(path) and caught.value.line == line
    assert contents(memory_path) == before


def test_cli_export_import_and_broken_file(project):
    memory_path = project / "builds" / ".cache" / "memory.sqlite"
    filled(memory_path)
    output = project / "out" / "memory.tmx"
    result = run_reader("tm", "export", "--format", "tmx", "--output", str(output), "--project", str(project))
    assert result.code == 0, result.err
    assert "1 human and 2 machine" in result.err
    stdout = run_reader("tm", "export", "--format", "tmx", "--project", str(project))
    assert stdout.out == output.read_text(encoding="utf-8")
    result = run_reader("tm", "import", str(output), "--project", str(project), "--json")
    assert result.code == 0 and '"machine": 2' in result.out
    broken = project / "broken.tmx"
    broken.write_text("<tmx>\n<body>\n<tu>\n", encoding="utf-8")
    before = contents(memory_path)
    result = run_reader("tm", "import", str(broken), "--project", str(project))
    assert result.code == 2
    assert result.err.strip().count("\n") == 0 and f"{broken}:4" in result.err
    assert contents(memory_path) == before


def test_characters_xml_cannot_carry_are_left_out_and_the_file_still_round_trips(tmp_path):
    entry = MachineEntry(MemoryKey("资本。", "argos", "m-1", ""), "Capital\x00\x1b stays.", "model")
    with TranslationMemory(tmp_path / "a.sqlite") as memory:
        memory.store([entry])
        document = export_tmx(memory)
    ET.fromstring(document)  # well-formed
    path = tmp_path / "out.tmx"
    path.write_text(document, encoding="utf-8")
    with TranslationMemory(tmp_path / "b.sqlite") as memory:
        assert import_tmx(path, memory).machine == 1
        assert memory.machine(entry.key).english == "Capital stays."


def test_word_glosses_are_exported_only_on_request(tmp_path, project):
    memory_path = filled(project / "builds" / ".cache" / "memory.sqlite")
    gloss = MachineEntry(MemoryKey("资本。", "gloss", "gloss-2", "资本=capital"), "capital.", "gloss")
    with TranslationMemory(memory_path) as memory:
        memory.store([gloss])
        assert export_tmx(memory).count("</tu>") == 3
        assert export_tmx(memory, include_gloss=True).count("</tu>") == 4
    output = tmp_path / "with-gloss.tmx"
    result = run_reader("tm", "export", "--include-gloss", "-o", str(output), "--project", str(project))
    assert result.code == 0 and "1 human and 3 machine" in result.err
    target = tmp_path / "b.sqlite"
    with TranslationMemory(target) as memory:
        import_tmx(output, memory)
        assert memory.machine(gloss.key).english == "capital."  # and it comes back as the gloss it was
