"""Where an archive keeps what its builds keep between runs.

A module of its own, without the build's imports, so that the MkDocs plugin can find an
archive's state without loading the build into MkDocs' process.
"""

from __future__ import annotations

import os
from pathlib import Path


def state_folder(docs: Path) -> Path:
    """Where the archive published in `docs` keeps what its builds keep between runs (its
    generations, cache, report, lock and search index): `build/` beside a folder named `docs`,
    as MkDocs' default layout has it, else `.archive/<name>/` beside it. Derived from the docs
    folder, so that two archives built from one working folder never share them: the published
    pages are links into the generations, so a shared state would make one archive show the
    other's articles."""
    folder = Path(os.path.abspath(docs))
    beside = docs.parent if docs.name else folder.parent  # `--docs .`: beside the folder, not in it
    if folder.name == "docs":
        return beside / "build"
    return beside / ".archive" / folder.name
