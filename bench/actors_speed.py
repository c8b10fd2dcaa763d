"""Actor finding's speed against another commit, or interpreted against compiled, on real text,
in one process.

    python bench/actors_speed.py REV [--rounds 5] [SET.jsonl ...]
    python bench/actors_speed.py --interpreted [--rounds 5] [SET.jsonl ...]

On a shared machine two runs one after the other can differ by a quarter with the load, so the
package as it is in this working tree and the package at REV (read from git into a temporary
folder, under another name) are imported side by side and `find_actors` is timed article by
article, the two in alternating order (processor time, lists loaded, one warm-up pass, the best
of `--rounds`). Each set is read as `bench/actors_eval.py` reads it (by default every set in
../shared/data/ner-dev/ and the news of ../shared/data/news-open/). The mentions, actors and
candidates of every article are also compared: a change of speed must not change a single
actor, and the script says so, naming the first article that differs.

With `--interpreted`, the other side is this working tree's own source, copied under another
name, which never imports the compiled modules (build_archive/compiled.py): actor finding
interpreted against actor finding as this tree imports it, compiled when `make install` has
compiled the sources as they are.

The package at REV runs interpreted unless `--compiled` is given: then REV's actor finding is
compiled as well, by its own `compile_actors` (a few minutes), so that a compiled tree is
compared with a compiled REV and a change is not credited with what compiling gives. The script
says which of the two sides ran compiled.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SETS = REPO.parent / "shared" / "data" / "ner-dev"
NEWS = REPO.parent / "shared" / "data" / "news-open"
OLD = "build_archive_old"


@dataclass
class Side:
    """One version of the package: its actor finding and what it needs."""

    find: ModuleType
    lexicon: ModuleType
    register: ModuleType
    readers: ModuleType

    def articles(self, documents: list[dict], language: str) -> list[Any]:
        result = []
        for number, doc in enumerate(documents, start=1):
            meta = {"title": doc.get("title") or "t", "lang": doc.get("lang") or language}
            try:
                result.append(self.readers.make_article(f"set.jsonl#{number}", doc["text"], meta, language))
            except self.readers.BadInput:
                continue  # what the build would report and not publish
        return result

    def found(self, article: Any, lexicon: Any) -> Any:
        return self.find.find_actors(article, lexicon, self.register.Register())


def side(package: str) -> Side:
    return Side(
        find=importlib.import_module(f"{package}.actors.find"),
        lexicon=importlib.import_module(f"{package}.actors.lexicon"),
        register=importlib.import_module(f"{package}.actors.register"),
        readers=importlib.import_module(f"{package}.read.readers"),
    )


def unpack(revision: str, folder: Path) -> None:
    """The package at `revision`, written under `folder` as OLD (its imports are relative)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision, "build_archive"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "build_archive").rename(folder / OLD)


# The two lines of REV's compiled.py that tie its compiled build to the virtual environment's
# folder and to the package's own name; `compile_other` points them at a folder of its own and
# at OLD, the rest of REV's compiling and importing is REV's.
COMPILED_LINES = (
    ('FOLDER = Path(sys.prefix) / "build_archive-compiled"', "FOLDER = Path({folder!r})"),
    ('PACKAGE == "build_archive"', f'PACKAGE == "{OLD}"'),
)


def pointed(source: str, folder: Path) -> str:
    """The text of a revision's compiled.py with its build in `folder` and imported under OLD;
    ValueError naming the line it lacks (a revision from before actor finding was compiled)."""
    for old, new in COMPILED_LINES:
        if old not in source:
            raise ValueError(f"no line with {old!r}")
        source = source.replace(old, new.format(folder=str(folder)))
    return source


def compile_other(revision: str, folder: Path) -> None:
    """The package at `revision` (unpacked under `folder` as OLD) compiled by its own
    `compile_actors` into `folder`/compiled, which its `compiled.py` then imports."""
    source = folder / OLD / "compiled.py"
    try:
        source.write_text(pointed(source.read_text(encoding="utf-8"), folder / "compiled"), encoding="utf-8")
    except (OSError, ValueError) as error:
        sys.exit(f"{revision}: its build_archive/compiled.py cannot be compiled apart: {error}")
    config = subprocess.run(  # mypy's settings of that revision (its ignored imports)
        ["git", "-C", str(REPO), "show", f"{revision}:pyproject.toml"], check=True, capture_output=True
    ).stdout
    (folder / "pyproject.toml").write_bytes(config)
    subprocess.run([sys.executable, "-m", f"{OLD}.compile_actors"], cwd=folder, check=True)


def copy_source(folder: Path) -> None:
    """This working tree's package, its source only, written under `folder` as OLD."""
    shutil.copytree(REPO / "build_archive", folder / OLD, ignore=shutil.ignore_patterns("__pycache__"))


def found(article: Any) -> tuple:
    """What actor finding gave an article, as plain values (the two packages' classes differ)."""
    return (
        [tuple(m) for m in article.mentions],
        list(article.actors),
        [tuple(m) for m in article.candidates],
    )


def compare(path: Path, old: Side, new: Side, rounds: int) -> dict:
    documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    language = documents[0].get("lang") or "en"
    sides = {"before": old, "after": new}
    articles = {name: s.articles(documents, language) for name, s in sides.items()}
    lexicons = {name: s.lexicon.load_lexicon(language, s.register.Register()) for name, s in sides.items()}
    differs = None
    for a, b in zip(articles["before"], articles["after"], strict=True):  # also the warm-up pass
        if found(old.found(a, lexicons["before"])) != found(new.found(b, lexicons["after"])):
            differs = differs or a.source
    best = dict.fromkeys(sides, float("inf"))
    for round_ in range(rounds):
        spent = dict.fromkeys(sides, 0.0)
        order = list(sides) if round_ % 2 == 0 else list(sides)[::-1]
        for index in range(len(articles["before"])):
            for name in order:
                started = time.process_time()
                sides[name].found(articles[name][index], lexicons[name])
                spent[name] += time.process_time() - started
        best = {name: min(best[name], spent[name]) for name in sides}
    megabytes = sum(len(article.body.encode()) for article in articles["after"]) / 1e6
    return {
        "megabytes": megabytes,
        "seconds": best,
        "mb_per_s": {name: megabytes / seconds for name, seconds in best.items()},
        "same_actors": differs is None,
        "first_difference": differs,
    }


def mode(package: str) -> str:
    """Whether the package imported under this name runs its actor finding compiled."""
    try:
        compiled = importlib.import_module(f"{package}.compiled")
    except ImportError:
        return "interpreted"  # a revision from before actor finding was compiled
    return "compiled" if compiled.IN_USE is not None else "interpreted"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", nargs="?", help="the commit to compare with (git rev)")
    parser.add_argument(
        "--interpreted", action="store_true", help="compare with this tree's own source, interpreted"
    )
    parser.add_argument("--compiled", action="store_true", help="compile REV's actor finding too")
    parser.add_argument("sets", nargs="*", type=Path, help="JSONL sets (default: ner-dev and news-open)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.interpreted and args.revision is not None:  # no commit: every name is a set's
        args.sets, args.revision = [Path(args.revision), *args.sets], None
    if args.revision is None and not args.interpreted:
        parser.error("name a commit, or --interpreted")
    if args.compiled and args.interpreted:
        parser.error("--compiled compiles REV: not with --interpreted")
    paths = args.sets or sorted(SETS.glob("*.jsonl")) + sorted(NEWS.glob("*.jsonl"))
    with tempfile.TemporaryDirectory() as folder:
        if args.interpreted:
            copy_source(Path(folder))
        else:
            unpack(args.revision, Path(folder))
            if args.compiled:
                compile_other(args.revision, Path(folder))
        sys.path[:0] = [folder, str(REPO)]
        old, new = side(OLD), side("build_archive")
        modes = [mode(package) for package in (OLD, "build_archive")]
        before = "this tree's source" if args.interpreted else args.revision
        print(f"before: {before}, {modes[0]}; now: this tree, {modes[1]}", flush=True)
        for path in paths:
            result = compare(path, old, new, args.rounds)
            speeds, seconds = result["mb_per_s"], result["seconds"]
            print(
                f"{path.stem} ({result['megabytes']:.2f} MB): before {speeds['before']:.2f} MB/s "
                f"({seconds['before']:.2f} s), now {speeds['after']:.2f} MB/s ({seconds['after']:.2f} s), "
                f"x{seconds['before'] / seconds['after']:.3f}, load {os.getloadavg()[0]:.1f}; "
                + (
                    "same actors"
                    if result["same_actors"]
                    else f"ACTORS DIFFER from {result['first_difference']}"
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
