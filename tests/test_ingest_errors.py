"""Bad input through the real CLI: exit 2, one line naming the file, no traceback, nothing written."""

from __future__ import annotations

import random

import pytest

from conftest import TEXTS, run_reader


def _bad_inputs(tmp_path):
    rng = random.Random(7)
    random_bytes = bytes(rng.randrange(128, 256) for _ in range(4000))
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n\n",
        "binary.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "nul.txt": "正文。".encode() + b"\x00" + "更多。".encode(),
        "controls.txt": bytes(range(1, 9)) * 50,
        "unknown.txt": random_bytes,
        "chrome-only.txt": "登录 | 注册 | 帮助\n返回顶端\n不能在本论坛发表新主题\n文章: 12\n".encode(),
        "unclosed.md": "---\ntitle: 一\n正文。\n".encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder.txt").mkdir()
    return list(files) + ["folder.txt", "missing.txt"]


def test_bad_inputs_exit_2_with_one_line(tmp_path):
    names = _bad_inputs(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for name in names:
        path = tmp_path / name
        result = run_reader("ingest", str(path), cwd=tmp_path)
        assert result.code == 2, (name, result)
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, (name, result.err)
        # Run from the file's directory, so the message names it as the user would: relative.
        assert lines[0].startswith(f"reader: error: {name}:"), (name, lines[0])
        assert "Traceback" not in result.err and result.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    "name,phrase",
    [("empty.txt", "is empty"), ("nul.txt", "NUL"), ("unknown.txt", "unknown text encoding"),
     ("folder.txt", "directory"), ("missing.txt", "does not exist"), ("binary.png", "PNG"),
     ("chrome-only.txt", "no readable text"), ("unclosed.md", "front matter")],
)
def test_messages_say_what_is_wrong(tmp_path, name, phrase):
    _bad_inputs(tmp_path)
    result = run_reader("ingest", str(tmp_path / name), "--json", cwd=tmp_path)
    assert result.code == 2 and phrase in result.err


def test_ingest_command_prints_the_model():
    result = run_reader("ingest", str(TEXTS / "03-super-ai-capital-matrix.md"))
    assert result.code == 0, result.err
    assert "超级AI资本矩阵" in result.out and "utf-8" in result.out and "simplified" in result.out
    assert "table (5 rows x 5 columns)" in result.out
    assert "heading level 2" in result.out


def test_ingest_json_has_the_full_model():
    import json

    result = run_reader("ingest", str(TEXTS / "05-liquidity-crisis-ai-bubble.md"), "--json", "--words")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["script"] == "traditional" and data["encoding"] == "utf-8"
    sentence = data["blocks"][1]["segments"][0]["sentences"][0]
    assert set(sentence) >= {"id", "text", "start", "end", "normal", "normal_offsets"}
    assert data["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    words = data["words"][sentence["id"]]
    assert "".join(word["text"] for word in words) == sentence["text"]
    assert "removals" in data and "meta" in data


def test_several_files_give_a_json_array_and_one_bad_file_gives_nothing(tmp_path):
    import json

    first, second = TEXTS / "01-digital-capital-contradictions.md", TEXTS / "05-liquidity-crisis-ai-bubble.md"
    result = run_reader("ingest", str(first), str(second), "--json")
    assert result.code == 0, result.err
    assert [item["id"] for item in json.loads(result.out)] == [first.stem, second.stem]
    human = run_reader("ingest", str(first), str(second))
    assert human.code == 0 and "数字时代的资本矛盾深化" in human.out and "當流動性危機遇上AI泡沫" in human.out
    missing = tmp_path / "missing.md"
    result = run_reader("ingest", str(first), str(missing), "--json")
    assert result.code == 2 and result.out == "" and str(missing) in result.err


def test_a_directory_is_refused_with_a_hint(tmp_path):
    result = run_reader("ingest", str(TEXTS))
    assert result.code == 2 and result.out == ""
    assert "is a directory" in result.err and "*.md" in result.err and len(result.err.strip().splitlines()) == 1


def test_json_is_valid_for_hostile_text_and_any_locale(tmp_path):
    import json

    text = "<script>alert(1)</script>\n{{ x }} \"引号\" \\ 反斜杠。\t制表\u3000全角。\n🚀𠀀\u2028\u2029行分隔。\n"
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    for env in ({}, {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}):
        result = run_reader("ingest", str(path), "--json", "--words", env=env)
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert "<script>alert(1)</script>" in data["text"] and "🚀𠀀" in data["text"]
        human = run_reader("ingest", str(path), env=env)
        assert human.code == 0 and "Traceback" not in human.err, human.err
