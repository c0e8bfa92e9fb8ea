"""``reader serve`` and ``reader.site.serve``: 127.0.0.1 only, clear errors."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import run_reader
from reader.errors import InputError
from reader.site import make_server, render_site
from site_helpers import sample_edition


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project directory with builds/site in it."""
    root = tmp_path_factory.mktemp("served")
    render_site(sample_edition(), root / "builds" / "site")
    return root


def test_server_binds_localhost_only(built):
    server = make_server(built / "builds" / "site", 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_missing_site_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="run `reader build` first"):
        make_server(tmp_path / "builds" / "site", 0)


def test_port_in_use_is_an_input_error(built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(InputError, match="already in use"):
            make_server(built / "builds" / "site", taken.getsockname()[1])


def test_cli_serve_without_a_build_says_what_to_do(tmp_path):
    result = run_reader("serve", "--project", str(tmp_path))
    assert result.code == 2
    assert "run `reader build` first" in result.err and "Traceback" not in result.err
    assert result.err.count("\n") == 1


def test_cli_serve_serves_the_site(built):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--port", str(port), "--project", str(built)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/doc/policy-essay.html", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert "影子银行与东数西算" in response.read().decode("utf-8")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/search-index.js", timeout=10) as response:
            assert response.headers["Content-Type"].startswith("text/javascript")
    finally:
        proc.terminate()
        proc.wait(10)
