"""The static parallel-reading site: ``render_site`` writes it, ``serve`` shows it on 127.0.0.1."""

from reader.site.render import render_site
from reader.site.serve import make_server, serve

__all__ = ["render_site", "serve", "make_server"]
