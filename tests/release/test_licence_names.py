"""Every licence file the wheel carries has a name a PEP 639 ``license-files`` pattern may
match (letters, digits, ``.``, ``-``, ``_``): setuptools warns about any other character and
stops building such a project from 2027-02-18, so an npm scope's ``@`` has no place in them."""

from __future__ import annotations

import re

from tests.conftest import PROJECT

VENDORED = PROJECT / "game" / "studio" / "static" / "vendor" / "licenses"
ALLOWED = re.compile(r"[A-Za-z0-9._-]+")


def test_the_vendored_licences_have_names_pep_639_allows():
    names = sorted(p.name for p in VENDORED.iterdir())
    assert "cytoscape.LICENSE" in names
    assert [n for n in names if not ALLOWED.fullmatch(n)] == []


def test_every_package_in_the_versions_list_has_its_licence():
    """The names lose the scope's ``@`` and join scope and package with ``__``."""
    names = {p.name for p in VENDORED.iterdir()}
    for row in (VENDORED / "VERSIONS.txt").read_text("utf-8").splitlines():
        package = row.split()[0]
        stem = package.lstrip("@").replace("/", "__")
        assert any(n.startswith(stem + ".") for n in names), package
