"""Model management: install from a local .argosmodel, list with version and size, remove."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import run_reader
from tinymodel import MODEL_ID, argos_env

from reader.errors import InputError, NotFound
from reader.translate.packages import find_zh_en_package, install_from_file, installed_models, remove_model


def test_install_list_remove(argos_dir, tiny_package):
    assert installed_models() == [] and find_zh_en_package() is None
    model = install_from_file(tiny_package)
    assert (model.from_code, model.to_code, model.version) == ("zh", "en", "0.1")
    assert model.model_id == MODEL_ID and model.path.parent == argos_dir
    assert model.size_bytes > 100_000 and (model.path / "model" / "model.bin").is_file()
    assert installed_models() == [model]
    assert find_zh_en_package() is not None
    removed = remove_model()
    assert removed == [model] and not model.path.exists()
    with pytest.raises(NotFound):
        remove_model()


def test_a_stray_directory_does_not_hide_installed_packages(installed_tiny, argos_dir):
    (argos_dir / "not-a-package").mkdir()
    assert [m.code for m in installed_models()] == ["translate-zh_en"]


def _zip(path, files: dict[str, str]):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize(
    "files, message",
    [
        (None, "is not an argos package"),
        ({"pkg/model/model.bin": "x"}, "metadata.json is missing"),
        ({"pkg/metadata.json": json.dumps({"from_code": "zh", "to_code": "en"})}, "model directory"),
        ({"pkg/metadata.json": "{not json", "pkg/model/model.bin": "x"}, "unreadable metadata.json"),
        ({"metadata.json": "{}", "model/model.bin": "x"}, "one directory"),
    ],
)
def test_bad_package_files_are_input_errors_naming_the_file(argos_dir, tmp_path, files, message):
    path = tmp_path / "bad.argosmodel"
    if files is None:
        path.write_text("not a zip")
    else:
        _zip(path, files)
    with pytest.raises(InputError, match=message) as caught:
        install_from_file(path)
    assert str(path) in caught.value.format()
    assert list(argos_dir.iterdir()) == []


def test_cli_install_list_remove_in_an_isolated_packages_dir(tmp_path, tiny_package):
    env = argos_env(tmp_path)
    result = run_reader("model", "list", "--json", env=env)
    assert result.code == 0 and json.loads(result.out)["models"] == []
    result = run_reader("model", "install", str(tiny_package), env=env)
    assert result.code == 0, result.err
    assert "translate-zh_en 0.1" in result.out
    listed = json.loads(run_reader("model", "list", "--json", env=env).out)
    assert [(m["code"], m["version"], m["model"]) for m in listed["models"]] == [("translate-zh_en", "0.1", MODEL_ID)]
    assert listed["models"][0]["size_bytes"] > 100_000
    assert listed["packages_dir"] == env["ARGOS_PACKAGES_DIR"]
    text = run_reader("model", "list", env=env).out
    assert "zh -> en" in text and "MB" in text
    result = run_reader("model", "remove", "zh_en", env=env)
    assert result.code == 0 and "Removed translate-zh_en" in result.out
    result = run_reader("model", "remove", env=env)
    assert result.code == 1 and "reader model list" in result.err


def test_cli_bad_package_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"PK\x03\x04 truncated")
    result = run_reader("model", "install", str(bad), env=argos_env(tmp_path))
    assert result.code == 2
    assert result.err.count("\n") == 1 and str(bad) in result.err and "Traceback" not in result.err


def test_cli_translate_argos_without_a_model_says_how_to_install(tmp_path):
    result = run_reader("translate", "资本", "--engine", "argos", env=argos_env(tmp_path), cwd=tmp_path)
    assert result.code == 2 and "reader model install" in result.err


def test_cli_install_from_a_package_index_over_http(tmp_path, tiny_package):
    """The index path end to end, against a local HTTP server standing in for the argos index."""
    import functools
    import http.server
    import shutil
    import threading

    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(tiny_package, served / tiny_package.name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        {"type": "translate", "from_code": "en", "to_code": "zh", "package_version": "9.9", "argos_version": "1.9",
         "links": [base + "missing.argosmodel"]},
        {"type": "translate", "from_code": "zh", "to_code": "en", "package_version": "0.1", "argos_version": "1.9",
         "from_name": "Chinese", "to_name": "English", "links": [base + tiny_package.name]},
    ]
    (served / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {**argos_env(tmp_path), "ARGOS_PACKAGE_INDEX": base}
        result = run_reader("model", "install", "--json", env=env)
        assert result.code == 0, result.err
        assert json.loads(result.out)["model"] == MODEL_ID
        listed = json.loads(run_reader("model", "list", "--json", env=env).out)["models"]
        assert [m["model"] for m in listed] == [MODEL_ID]
    finally:
        server.shutdown()


def test_cli_install_from_an_unreachable_index_says_how_to_install_offline(tmp_path):
    env = {**argos_env(tmp_path), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}  # nothing listens on port 9
    result = run_reader("model", "install", env=env)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "reader model install PATH.argosmodel" in result.err


def test_an_interrupted_install_leaves_no_half_package(argos_dir, tiny_package, monkeypatch):
    real_extract = zipfile.ZipFile.extract

    def extract_some_then_stop(self, path=None, members=None, pwd=None):
        # Unpack a few members, then stop as Ctrl-C would in the middle of extractall.
        for member in self.namelist()[:3]:
            real_extract(self, member, path)
        raise KeyboardInterrupt

    monkeypatch.setattr(zipfile.ZipFile, "extractall", extract_some_then_stop)
    with pytest.raises(KeyboardInterrupt):
        install_from_file(tiny_package)
    assert list(argos_dir.iterdir()) == []
    assert installed_models() == []
