"""Progress of a long build, on stderr: a build of tens of thousands of articles takes minutes,
and a build that prints nothing for minutes looks hung.

On a terminal each stage shows a bar (tqdm). Elsewhere (under `mkdocs build` or `mkdocs serve`,
whose plugin hands the build its own stderr, and in CI logs) a bar's carriage returns would be
noise, so a stage prints a line with its counts and rate every few seconds, and one when it ends.
Small builds end before either would help, and print nothing. Never on stdout: the command's
summary and JSON there are read by other tools.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

SHOWN_FROM = 200  # files or articles; smaller builds end before progress would help
EVERY = 5.0  # seconds between two lines when not on a terminal
PREFIX = "archive build: "


@dataclass(frozen=True)
class Progress:
    stream: TextIO | None = None  # None: silent
    every: float = EVERY
    terminal: bool = False  # bars (tqdm); else lines

    @classmethod
    def to(cls, stream: TextIO | None, every: float = EVERY) -> Progress:
        """Progress on `stream`, bars if it is a terminal, lines otherwise."""
        isatty = getattr(stream, "isatty", None)
        return cls(stream, every, bool(isatty and isatty()))

    def shown(self, scale: int) -> bool:
        return self.stream is not None and scale >= SHOWN_FROM

    def count(self, items: Iterable[T], total: int | None, stage: str, unit: str, scale: int) -> Iterator[T]:
        """`items` as they come, counted as `unit`s of `stage` (of `total`, when known);
        shown when the build's `scale` (its files or articles) is large enough."""
        if not self.shown(scale):
            yield from items
            return
        # Counted before each item is handed on: a consumer that takes exactly `total` items
        # never asks for the end of the iteration, and the last count must show all the same.
        bar = _bar(total=total, desc=stage, unit=f" {unit}", file=self.stream) if self.terminal else None
        started = last = time.monotonic()
        done = 0
        try:
            for item in items:
                done += 1
                now = time.monotonic()
                if bar is not None:
                    bar.update(1)
                    if done == total:
                        bar.close()
                elif done == total:
                    self._ended(stage, done, total, unit, now - started)
                elif now - last >= self.every:
                    last = now
                    self._line(
                        f"{stage}: {_counted(done, total, unit)}, {done / max(now - started, 1e-9):,.0f} {unit}/s"
                    )
                yield item
        finally:
            if bar is not None:
                bar.close()
            elif done != total:
                self._ended(stage, done, total, unit, time.monotonic() - started)

    def _ended(self, stage: str, done: int, total: int | None, unit: str, took: float) -> None:
        self._line(
            f"{stage}: {_counted(done, total, unit)} in {took:.1f} s, {done / max(took, 1e-9):,.0f} {unit}/s"
        )

    @contextmanager
    def waiting(self, stage: str, detail: str, scale: int) -> Iterator[None]:
        """A stage whose work cannot be counted from here (the search index): a line when it
        starts, then its elapsed time every few seconds (on a terminal, a bar with the elapsed
        time), and a line when it ends."""
        if not self.shown(scale):
            yield
            return
        started, stop = time.monotonic(), threading.Event()
        bar = None
        if self.terminal:
            bar = _bar(
                total=None, desc=f"{stage} ({detail})", bar_format="{desc}: {elapsed}", file=self.stream
            )
        else:
            self._line(f"{stage}: {detail}")

        def beat() -> None:
            while not stop.wait(1.0 if bar is not None else self.every):
                if bar is not None:
                    bar.refresh()
                else:
                    self._line(f"{stage}: {time.monotonic() - started:.0f} s")

        beating = threading.Thread(target=beat, daemon=True)
        beating.start()
        try:
            yield
        finally:
            stop.set()
            beating.join()
            if bar is not None:
                bar.close()
            self._line(f"{stage}: done in {time.monotonic() - started:.1f} s")

    def _line(self, text: str) -> None:
        assert self.stream is not None
        self.stream.write(f"{PREFIX}{text}\n")
        self.stream.flush()


SILENT = Progress()


def _counted(done: int, total: int | None, unit: str) -> str:
    if total:
        return f"{done:,}/{total:,} {unit} ({done / total:.0%})"
    return f"{done:,} {unit}"


def _bar(**options: Any) -> Any:
    """A tqdm bar without tqdm's monitor thread: the build forks its workers only from a process
    with no other thread (build.ProcessPool), and a monitor left running would keep a build on a
    terminal to one core."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0
    return tqdm(**options)
