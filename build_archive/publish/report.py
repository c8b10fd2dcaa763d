"""The build report: every raw input and what became of it, on screen and in a file.

`read = published + duplicates + skipped` must always hold, so an editor can account for every file the
scrapers delivered.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..model import Article, IndexStats, Skipped
from ..settings import Settings
from ..urls import page_path

if TYPE_CHECKING:  # only named here: the report is written without loading Whoosh
    from ..actors.resolve import Ambiguous
    from .output import Changes


class Duplicate(NamedTuple):
    """An article whose text was already published from another source."""

    article: Article
    of: str  # the source of the published copy


@dataclass
class Report:
    published: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    seconds: float = 0.0
    written: int = 0
    removed: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    index: IndexStats | None = None  # what this build changed in the search index
    files_read: int = 0  # raw files read by this build; the others were unchanged since the last
    articles_analysed: int = 0  # articles whose actors this build found; the others were cached
    actors_interpreted: bool = False  # some found by the interpreted source, not the compiled
    # The archive-wide resolution made from the last build's, redone for what changed only.
    resolved_in_part: bool = False
    processor_seconds: dict[str, float] = field(default_factory=dict)  # read, actors: all workers
    peak_mb: dict[str, float] = field(default_factory=dict)  # the build process's peak after each stage
    settings: Settings = field(default_factory=Settings)  # the editor's settings this build used
    # Surnames held apart because several full-name persons of their period end with them
    # (resolve.Ambiguous): for the editor to settle in the register (`archive actors --review`).
    ambiguous: list[Ambiguous] = field(default_factory=list)
    # What this build changed in the published tree, for the MkDocs plugin (not in the report file).
    changes: Changes | None = None

    @property
    def read(self) -> int:
        return len(self.published) + len(self.duplicates) + len(self.skipped)

    def entries(self) -> list[dict]:
        rows = [
            {"source": a.source, "status": "published", "id": a.id, "page": page_path(a)}
            | ({"notes": list(a.notes)} if a.notes else {})
            for a in self.published
        ]
        rows += [{"source": a.source, "status": "duplicate", "of": of} for a, of in self.duplicates]
        rows += [{"source": s.source, "status": "skipped", "reason": s.reason} for s in self.skipped]
        return sorted(rows, key=lambda row: row["source"])

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "published": len(self.published),
            "duplicates": len(self.duplicates),
            "skipped": len(self.skipped),
            "seconds": round(self.seconds, 3),
            "timings": {stage: round(t, 3) for stage, t in self.timings.items()},
            "processor_seconds": {stage: round(t, 3) for stage, t in self.processor_seconds.items()},
            "peak_mb": {stage: round(mb) for stage, mb in self.peak_mb.items()},
            "index": dataclasses.asdict(self.index) if self.index is not None else None,
            "files_read": self.files_read,
            "articles_analysed": self.articles_analysed,
            "actors_interpreted": self.actors_interpreted,
            "resolved_in_part": self.resolved_in_part,
            "ambiguous_surnames": [
                {
                    "surname": a.surname,
                    "id": a.actor_id,
                    "articles": a.articles,
                    "candidates": [c._asdict() for c in a.candidates],
                }
                for a in self.ambiguous
            ],
            "entries": self.entries(),
        }

    def summary(self, report_path: Path | None = None, max_lines: int = 15) -> str:
        """One screen: the counts, then the skipped files with their reasons."""
        written = (
            f" ({self.written} pages written, {self.removed} removed) in {self.seconds:.1f} s"
            if self.seconds
            else ""
        )
        lines = [
            f"archive: {self.read} read, {len(self.published)} published, {len(self.duplicates)} duplicates, "
            f"{len(self.skipped)} skipped{written}"
        ]
        for article in [a for a in self.published if a.notes][:max_lines]:
            lines.append(f"  note {article.source}: {'; '.join(article.notes)}")
        for article, of in self.duplicates[:max_lines]:
            lines.append(f"  duplicate {article.source}: same text as {of}")
        for item in self.skipped[:max_lines]:
            lines.append(f"  skipped {item.source}: {item.reason}")
        if len(self.skipped) > max_lines:
            lines.append(f"  ... and {len(self.skipped) - max_lines} more")
        if self.seconds:
            lines.append(
                f"  {self.files_read} files read, {self.articles_analysed} articles analysed; "
                "the rest unchanged since the last build"
            )
        if self.actors_interpreted:
            lines.append(f"  {INTERPRETED}")
        if self.ambiguous:
            shown = "; ".join(
                f"{a.surname} ({', '.join(c.name for c in a.candidates)})" for a in self.ambiguous[:5]
            )
            more = f"; ... and {len(self.ambiguous) - 5} more" if len(self.ambiguous) > 5 else ""
            lines.append(
                f"  {len(self.ambiguous)} names held apart, each the name of several persons: "
                f"{shown}{more} (archive actors --review)"
            )
        if self.index is not None:
            lines.append(f"  {index_line(dataclasses.asdict(self.index))}")
        if report_path:
            lines.append(f"  report: {report_path}")
        return "\n".join(lines)


INTERPRETED = (
    "actor finding ran interpreted, slower: `make install` compiles it (with a C compiler and "
    "the Python headers)"
)


def index_line(figures: Mapping[str, int]) -> str:
    """What a build changed in the search index (`IndexStats` as a mapping, as the MkDocs plugin
    is told it), in one line."""
    return (
        f"search index: {figures['added']} added, {figures['updated']} updated, "
        f"{figures['deleted']} deleted, {figures['unchanged']} unchanged"
    )


def write_report(report: Report, path: Path) -> None:
    _write(report.as_dict(), path)


def _write(data: dict, path: Path) -> None:
    from .output import write_if_changed

    write_if_changed(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
