"""One version: the package's, the project's and the changelog's latest release."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO

import build_archive


def test_the_package_the_project_and_the_changelog_name_the_same_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    changelog = (REPO / "CHANGELOG.md").read_text()
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert build_archive.__version__ == project == released[0]
    assert f"[{released[0]}]: " in changelog  # the release links to its tag
