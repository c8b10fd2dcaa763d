"""Shared fixtures: a throwaway copy of the project, so end-to-end builds never touch the repo."""

from __future__ import annotations

import os
import random
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


def run(
    args: list[str], cwd: Path, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def archive(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return run([str(BIN / "archive"), *args], cwd=cwd, check=check)


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([str(BIN / "mkdocs"), *args], cwd=cwd)


PERSONS = ["Mark Rutte", "Dick Schoof", "Ursula von der Leyen", "Olaf Scholz", "Emmanuel Macron"]
COUNTRIES = ["Duitsland", "Frankrijk", "België", "Polen", "Italië", "Spanje"]


def write_articles(folder: Path, numbers: range, edition: str = "") -> None:
    rng = random.Random(len(numbers) + len(edition))
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        who, where = rng.choice(PERSONS), rng.choice(COUNTRIES)
        text = (
            f"Bericht {n}{edition} over {where}\n\n"
            + f"{who} sprak op dag {n} in {where} over de begroting en de gesprekken met de buurlanden. " * 8
        )
        (folder / f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}-bericht-{n}.txt").write_text(text)


def docs_state(root: Path) -> dict[str, bytes]:
    """Every file of docs/ as the site builder sees it, through the build's symlinks."""
    docs, state = root / "docs", {}
    for folder, _, files in os.walk(docs, followlinks=True):
        for name in files:
            path = Path(folder, name)
            state[path.relative_to(docs).as_posix()] = path.read_bytes()
    return state


def index_state(root: Path) -> dict[str, str]:
    """Article id -> signature, as a reader of the search index sees it now."""
    from whoosh import index

    with index.open_dir(str(root / "build" / "index")).searcher() as searcher:
        return {doc["id"]: doc["signature"] for doc in searcher.all_stored_fields()}
