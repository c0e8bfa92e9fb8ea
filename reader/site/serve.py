"""Serve a built site on this machine only (127.0.0.1), for ``reader serve``."""

from __future__ import annotations

import errno
import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reader.errors import InputError

HOST = "127.0.0.1"  # never 0.0.0.0: the site is for the person at this machine


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request drowns the URL the user needs to see


def make_server(site_dir: Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``site_dir`` bound to 127.0.0.1 (``port=0`` picks a free port)."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise InputError("no site has been built here yet; run `reader build` first", path=site_dir)
    handler = functools.partial(_Handler, directory=str(site_dir))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"port {port} is already in use; pick another with --port") from None
        if exc.errno == errno.EACCES:
            raise InputError(f"port {port} needs special rights; use a port above 1023 with --port") from None
        raise


def serve(site_dir: Path, port: int = 8000) -> None:
    """Serve ``site_dir`` at http://127.0.0.1:<port>/ until interrupted."""
    server = make_server(site_dir, port)
    with server:
        print(f"Serving {site_dir} at http://{HOST}:{server.server_address[1]}/ (press Ctrl+C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
