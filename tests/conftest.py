"""Shared fixtures: a throwaway copy of the project, so end-to-end builds never touch the repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "site_src" / "articles" / "000_fb7a615be5fad9d3.txt"
BIN = Path(sys.executable).parent


def copy_project(target: Path, with_articles: bool = True) -> Path:
    """mkdocs.yml, the hand-written docs and the editor's folder, as a fresh clone has them."""
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    # What a clone has: tracked files and new ones that are not ignored (generated pages are).
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "docs", "site_src", "overrides"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for rel in tracked:
        if not with_articles and rel.startswith("site_src/articles/"):
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, target / rel)
    (target / "site_src" / "articles").mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def run(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def archive(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return run([str(BIN / "archive"), *args], cwd=cwd, check=check)


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([str(BIN / "mkdocs"), *args], cwd=cwd)
