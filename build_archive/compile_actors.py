"""Compiles actor finding with mypyc: `python -m build_archive.compile_actors`, which `make install`
runs. Compiles the modules of `MODULES` as they are on disk into a build of their own under
`compiled.FOLDER`, named by the digest of its sources (`compiled.py` imports it only while that
digest holds), unless the current build already is of these sources. Without a C compiler or
the interpreter's headers, or when mypyc fails, it says so and actor finding runs interpreted.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from .compiled import FOLDER, MANIFEST, PACKAGE, ROOT, Compiled, current, digest

# Where the time of actor finding is (bench/history.md): the modules compiled, together.
MODULES = ("folding", "actors.spelling", "actors.rules", "actors.lists", "actors.tagger", "actors.find")
KEPT = 3  # compiled builds kept, so that switching back to a branch compiled before costs nothing


def imported_sources(root: Path, modules: tuple[str, ...]) -> tuple[str, ...]:
    """The source files of `modules` (relative names in the package at `root`) and of every
    module of the package they import, directly or not: compiled code relies on the types and
    constants of what it imports, so a change to any of them makes a build stale."""
    seen: set[str] = set()
    todo = [_source(root, module) for module in modules]
    while todo:
        source = todo.pop()
        if source is None or source in seen:
            continue
        seen.add(source)
        package = source.removesuffix(".py").removesuffix("/__init__").split("/")
        if not source.endswith("__init__.py"):
            package = package[:-1]
        for node in ast.walk(ast.parse((root / source).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                named = [*base, *(node.module.split(".") if node.module else [])]
                todo.append(_source(root, ".".join(named)))
                todo += [_source(root, ".".join([*named, alias.name])) for alias in node.names]
            elif isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                )
                todo += [
                    _source(root, n.removeprefix(PACKAGE + ".")) for n in names if n.startswith(PACKAGE + ".")
                ]
    return tuple(sorted(seen))


def _source(root: Path, module: str) -> str | None:
    """The file of a module of the package (a name relative to it), if there is one."""
    path = module.replace(".", "/")
    for candidate in (f"{path}.py", f"{path}/__init__.py"):
        if module and (root / candidate).is_file():
            return candidate
    return None


def toolchain() -> str | None:
    """What compiling needs and this machine lacks (a C compiler, the interpreter's headers),
    or None."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    missing = [f"a C compiler ({compiler})"] if shutil.which(compiler) is None else []
    missing += [] if headers.is_file() else [f"the headers of Python {sys.version.split()[0]} ({headers})"]
    return " and ".join(missing) or None


def build(folder: Path = FOLDER, modules: tuple[str, ...] = MODULES) -> Compiled:
    """Compile `modules` as they are on disk now into a new build under `folder` (or take the
    build kept for the same sources), and make it the current one. The source is copied first
    and the copy compiled, so that the digest is that of exactly what was compiled, whatever is
    edited meanwhile."""
    with tempfile.TemporaryDirectory(prefix="build_archive-compile-") as work:
        copy = Path(work) / PACKAGE
        shutil.copytree(ROOT, copy, ignore=_not_source)
        sources = imported_sources(copy, modules)
        compiled = Compiled(digest(copy, sources), sources, {})
        target = folder / compiled.digest
        if (target / MANIFEST).is_file():
            print("actor finding: a build kept for these sources is used again", flush=True)
        else:
            print("actor finding: compiling it with mypyc (a few minutes)", flush=True)
            _compile(Path(work), modules, target)
        names = {f"{PACKAGE}.{m}" for m in modules}
        files = {
            _module_name(path.relative_to(target)): path.relative_to(folder)
            for path in target.rglob("*")
            if path.name.endswith(EXTENSION_SUFFIXES[0])
        }
        assert names <= files.keys(), f"mypyc left out {sorted(names - files.keys())}"
        manifest = {
            "digest": compiled.digest,
            "sources": sources,
            "modules": {n: str(f) for n, f in files.items()},
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        _switch(folder, target / MANIFEST)
    return compiled._replace(modules={name: folder / file for name, file in files.items()})


def _not_source(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == "__pycache__" or not (n.endswith(".py") or Path(folder, n).is_dir())]


def _module_name(relative: Path) -> str:
    return ".".join([*relative.parent.parts, relative.name.removesuffix(EXTENSION_SUFFIXES[0])])


def _compile(work: Path, modules: tuple[str, ...], target: Path) -> None:
    """mypyc's C of `modules` (under `work`, the package's copy), compiled into `target`. In a
    process of its own: mypyc finds the package from the working folder, and setuptools changes
    the process it runs in."""
    files = [f"{PACKAGE}/{m.replace('.', '/')}.py" for m in modules]
    script = (
        "import setuptools, sys\n"
        "from mypyc.build import mypycify\n"
        f"setuptools.setup(name='{PACKAGE}-compiled', ext_modules=mypycify({files!r}),"
        " script_args=['build_ext', '--build-lib', sys.argv[1], '--build-temp', 'temp'])\n"
    )
    settings = ROOT.parent / "pyproject.toml"  # mypy's settings: the libraries without types
    if settings.is_file():
        shutil.copy(settings, work)
    built = work / "built"
    log = work / "mypyc.log"
    with log.open("w") as output:
        done = subprocess.run(
            [sys.executable, "-c", script, str(built)], cwd=work, stdout=output, stderr=subprocess.STDOUT
        )
    if done.returncode:
        raise CompileFailed(log.read_text(encoding="utf-8", errors="replace"))
    staged = target.with_name(target.name + ".part")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(built, staged)
    staged.rename(target)


class CompileFailed(Exception):
    """mypyc or the C compiler failed; the message is their output."""


def _switch(folder: Path, manifest: Path) -> None:
    """Make the build of `manifest` the current one; keep the last few others (a process that
    started with one of them may still import from it), delete the rest."""
    staged = folder / f"{MANIFEST}.{os.getpid()}"
    shutil.copy(manifest, staged)
    os.replace(staged, folder / MANIFEST)
    os.utime(manifest.parent)
    builds = sorted(
        (p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in builds[KEPT:]:
        shutil.rmtree(old, ignore_errors=True)


def main() -> int:
    """Compile actor finding unless the current build was compiled from the sources on disk;
    without a compiler, or if compiling fails, say why: actor finding then runs interpreted."""
    if current() is not None:
        print("actor finding: compiled, up to date")
        return 0
    missing = toolchain()
    if missing is not None:
        print(f"actor finding runs interpreted: compiling it needs {missing}", file=sys.stderr)
        return 0
    started = time.monotonic()
    try:
        compiled = build()
    except CompileFailed as failed:
        print("\n".join(str(failed).splitlines()[-40:]), file=sys.stderr)  # the errors come last
        print("actor finding runs interpreted: mypyc failed to compile it (above)", file=sys.stderr)
        return 0
    print(f"actor finding: compiled ({compiled.digest[:12]}), {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
