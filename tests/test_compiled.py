"""Actor finding compiled by mypyc (build_archive/compiled.py): used only while it was compiled
from exactly the sources on disk, and then it finds exactly the actors the source finds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import REPO

import build_archive
from build_archive import compiled
from build_archive.compile_actors import MODULES

sys.path.insert(0, str(REPO / "bench"))
import actors_speed  # noqa: E402 - the bench's interpreted copy of the package, and its comparison

BUILD = compiled.current()
needs_build = pytest.mark.skipif(BUILD is None, reason="no compiled build of these sources: make install")

# Sentences for the lists (countries, towns, listed persons), the rules (titles, cues, legal
# forms, clubs) and the tagger (names no list holds), in Dutch and in English.
TEXTS = {
    "nl": [
        "Minister-president Mark Rutte sprak dinsdag in Den Haag met premier Olaf Scholz uit "
        "Duitsland over de gasprijzen. Volgens Rutte moet Nederland sneller af van Russisch gas.",
        "Burgemeester Femke Halsema van Amsterdam opende de nieuwe fabriek van Brinkhorst "
        "Techniek B.V. in Zaandam. Directeur Jolanda Verbeek-Oosterhout zei dat het bedrijf "
        "tweehonderd mensen aanneemt. ,,Dit is een goede dag voor de regio'', zei Verbeek-Oosterhout.",
        "PSV won zaterdag met 3-1 van Ajax. Aanvoerder Luuk de Jong scoorde twee keer. Trainer "
        "Peter Bosz was tevreden. De KNVB onderzoekt het vuurwerk in het Philips Stadion.",
        "De rechtbank in Utrecht veroordeelde Hendrik Zwanenburg (52) uit Woerden tot drie jaar "
        "cel. Zwanenburg werkte jarenlang bij de Rabobank en het ministerie van Financiën.",
        "Het kabinet overlegde met Ndileka Thembisa over de Zuid-Afrikaanse mijnen. Thembisa wil meer geld.",
    ],
    "en": [
        "President Joe Biden met Chancellor Olaf Scholz of Germany in Washington on Tuesday. "
        "Biden said the United States and the European Union would keep supporting Ukraine.",
        "Harwickton Industries Inc. said on Monday it would cut 3,000 jobs. Chief executive "
        "Marisol Quintanilla told analysts in Chicago that Harwickton expects lower sales.",
        "Manchester United beat Liverpool 2-1 at Old Trafford. Coach Erik ten Hag praised "
        "striker Rasmus Hojlund, who scored twice. Dr. Temitope Adeyemi-Okafor of the World Health "
        "Organization spoke in Geneva about the outbreak in Nigeria.",
        "The government held talks with Ndileka Thembisa about the mines. Thembisa wants more money.",
    ],
}


def test_a_build_is_current_only_for_the_sources_it_was_compiled_from(tmp_path):
    root, folder = tmp_path / "source", tmp_path / "compiled"
    (root / "actors").mkdir(parents=True)
    folder.mkdir()
    (root / "actors" / "rules.py").write_text("RULE = 1\n")
    (root / "model.py").write_text("FIELDS = 2\n")
    sources = ("actors/rules.py", "model.py")
    manifest = {"digest": compiled.digest(root, sources), "sources": sources, "modules": {"m": "d/m.so"}}
    (folder / compiled.MANIFEST).write_text(json.dumps(manifest))
    assert compiled.current(root, folder) == (manifest["digest"], sources, {"m": folder / "d" / "m.so"})

    (root / "model.py").write_text("FIELDS = 3\n")  # a module the compiled ones import, edited
    assert compiled.current(root, folder) is None
    (root / "model.py").write_text("FIELDS = 2\n")
    assert compiled.current(root, folder) is not None
    (root / "actors" / "rules.py").unlink()
    assert compiled.current(root, folder) is None
    (folder / compiled.MANIFEST).write_text("{not json")
    assert compiled.current(root, folder) is None


def _can_compile() -> bool:
    """What `make`'s compile step needs: a C compiler and the headers of this Python."""
    include = sysconfig.get_paths()["include"]
    return shutil.which("cc") is not None and os.path.exists(os.path.join(include, "Python.h"))


@pytest.mark.skipif(
    not _can_compile(), reason="no C compiler or Python headers: actor finding runs interpreted"
)
def test_make_compiled_the_sources_on_disk_where_it_can():
    # `make test` compiles before the tests run: a source mypyc cannot compile fails here, not
    # only in make's output (a pytest run after an edit, before `make install`, fails here too)
    assert BUILD is not None, "no compiled build of these sources: run make install"


@needs_build
def test_the_compiled_modules_are_the_ones_imported():
    assert BUILD is not None and compiled.IN_USE == BUILD
    for module in MODULES:
        name = f"{build_archive.__name__}.{module}"
        __import__(name)
        assert sys.modules[name].__file__ == str(BUILD.modules[name])
        assert not str(sys.modules[name].__file__).endswith(".py")


@needs_build
@pytest.mark.slow
def test_the_compiled_and_the_source_modules_find_the_same_actors(tmp_path):
    actors_speed.copy_source(tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        source, built = actors_speed.side(actors_speed.OLD), actors_speed.side("build_archive")
    finally:
        sys.path.remove(str(tmp_path))
    assert str(source.find.__file__).endswith(".py") and not str(built.find.__file__).endswith(".py")
    layers: set[str] = set()
    for language, texts in TEXTS.items():
        documents = [{"text": text, "lang": language} for text in texts]
        pairs = zip(source.articles(documents, language), built.articles(documents, language), strict=True)
        lexicons = [s.lexicon.load_lexicon(language, s.register.Register()) for s in (source, built)]
        for interpreted, compiled_ in pairs:
            expected = actors_speed.found(source.found(interpreted, lexicons[0]))
            assert actors_speed.found(built.found(compiled_, lexicons[1])) == expected, interpreted.body
            layers |= {f"{language} {mention[4].split(':')[0]}" for mention in expected[0]}
    assert {f"{language} {kind}" for language in TEXTS for kind in ("list", "rule", "model")} <= layers


def printed_by(code: str, folder: Path) -> str:
    """What `code` prints in a new interpreter that imports packages from `folder`."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"PYTHONPATH": str(folder)},
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_build
@pytest.mark.e2e
def test_a_compiled_build_of_other_sources_is_not_imported(tmp_path):
    """A copy of the package imports the compiled build while its sources are those compiled;
    once one of them is edited (a compiled module, or a module they import), the source."""
    copy = tmp_path / "build_archive"
    shutil.copytree(compiled.ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    rules = "build_archive.actors.rules"
    assert BUILD is not None

    def imported() -> str:
        return printed_by(f"import {rules} as m; print(m.__file__)", tmp_path).strip()

    assert imported() == str(BUILD.modules[rules])
    for edited in ("actors/rules.py", "model.py"):
        original = (copy / edited).read_text(encoding="utf-8")
        (copy / edited).write_text(original + "\n# edited after the compile\n", encoding="utf-8")
        assert imported() == str(copy / "actors" / "rules.py")
        (copy / edited).write_text(original, encoding="utf-8")
    assert imported() == str(BUILD.modules[rules])


def test_the_speed_bench_gives_another_revision_a_compiled_build_of_its_own(tmp_path):
    """`bench/actors_speed.py REV --compiled` compiles REV's actor finding under another name
    into a folder of its own, so that compiled is timed against compiled: REV's compiled.py,
    pointed there, reads that folder and imports a build under that name."""
    actors_speed.copy_source(tmp_path)
    copy, folder = tmp_path / actors_speed.OLD, tmp_path / "compiled"
    source = copy / "compiled.py"
    source.write_text(actors_speed.pointed(source.read_text(encoding="utf-8"), folder), encoding="utf-8")

    def imported() -> list[str]:
        code = f"import {actors_speed.OLD}.compiled as c; print(c.FOLDER, c.IN_USE is not None)"
        return printed_by(code, tmp_path).split()

    assert imported() == [str(folder), "False"]  # nothing compiled there yet: the source runs
    sources = ("actors/rules.py", "folding.py")
    folder.mkdir()
    manifest = {"digest": compiled.digest(copy, sources), "sources": sources, "modules": {}}
    (folder / compiled.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert imported() == [str(folder), "True"]
    with pytest.raises(ValueError, match="build_archive-compiled"):
        actors_speed.pointed('FOLDER = Path("/elsewhere")\n', folder)  # a revision it cannot point
