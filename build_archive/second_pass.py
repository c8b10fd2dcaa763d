"""MkDocs' second pass over two processes: the archive's pages rendered by MkDocs' process and
by a fork of it, side by side.

MkDocs puts every page into the theme's templates one after the other, in one process, and on
a large archive that second pass is most of `mkdocs build`; a plain build uses one core of a
machine with several. The archive's own pages (the plugin's deferred pages) depend on nothing
that rendering another page changes: each is read, rendered and written on its own, from what
the first pass gathered (the files, the nav, the theme's environment). So once MkDocs reaches
the first of them, its process forks; the fork holds the same state, and the two render them
with MkDocs' own `_build_page`, each claiming the next few pages from a counter they share, so
that neither waits while the other has pages left whatever else the machine runs. Each page
is rendered exactly as in the serial pass, by the same code from the same state, and written
to its own file: the site is the same bytes (tests/test_site.py compares it with a plain
build).

What the fork reports is handed back through a pipe once it has rendered its share: what it
logged at warning level or above (logged again by MkDocs' process, so that `--strict` counts
it), the plugin's own findings, and an error that stops the build as it would have stopped the
serial pass. A fork needs a process without other threads (so never under `mkdocs serve`), and
only the archive plugin may act on its pages (a plugin that collects every page, such as the
theme's search index, would miss the fork's): the plugin checks both before it splits.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Pages claimed at a time: few enough that the two processes end together, enough that the
# shared counter is rarely touched.
CHUNK = 16


class Logged(NamedTuple):
    """A record the fork logged, to be logged again by MkDocs' process."""

    logger: str
    level: int
    message: str


class Outcome(NamedTuple):
    """What the fork hands back: the pages it rendered, what it logged at warning level or
    above, what the caller asked it to collect, and the error that stopped it."""

    rendered: int
    logged: list[Logged]
    collected: Any
    error: str | None


@dataclass
class Split:
    """The pages that MkDocs' process and its fork render between them, claimed `CHUNK` at a
    time from `claimed` (a counter in memory the two share)."""

    pages: Sequence[Any]  # MkDocs' Page objects, in the order of the serial pass
    render: Callable[[Any], None]
    claimed: Any = field(default_factory=lambda: multiprocessing.get_context("fork").Value("q", 0))
    pid: int = 0
    answers: int = -1  # the pipe the fork answers through
    done_here: bool = False

    def render_claimed(self) -> int:
        """Render chunks of pages as long as some are left; the number rendered here."""
        rendered = 0
        while True:
            with self.claimed.get_lock():
                chunk = self.claimed.value
                self.claimed.value = chunk + 1
            pages = self.pages[chunk * CHUNK : (chunk + 1) * CHUNK]
            if not pages:
                return rendered
            for page in pages:
                self.render(page)
            rendered += len(pages)

    def start(self, collect: Callable[[], Any]) -> None:
        """Fork: the fork renders its share and answers with `collect()` once done."""
        read, write = os.pipe()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _fork(self, write, collect)  # never returns
        os.close(write)
        self.pid, self.answers = pid, read

    def render_here(self) -> int:
        """MkDocs' process's share, once."""
        if self.done_here:
            return 0
        self.done_here = True
        return self.render_claimed()

    def stop(self) -> None:
        """The fork ended at once (MkDocs' process has failed); `join` still waits for it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def join(self) -> Outcome:
        """The fork's answer, once it has ended."""
        with os.fdopen(self.answers, "rb") as answers:
            data = answers.read()
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if not data:
            return Outcome(0, [], None, f"the second process rendering pages ended with {code}")
        answer = json.loads(data)
        logged = [Logged(*record) for record in answer["logged"]]
        return Outcome(answer["rendered"], logged, answer["collected"], answer["error"])


class _Capture(logging.Handler):
    """Keeps what the fork logs at warning level or above, each record once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: dict[int, Logged] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.records.setdefault(id(record), Logged(record.name, record.levelno, record.getMessage()))


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno < logging.WARNING


def _fork(split: Split, answers: int, collect: Callable[[], Any]) -> None:
    """The fork's life: its share rendered, its answer written, and out without running
    anything of MkDocs' process's exit (handlers, buffers, the plugin's shutdown)."""
    code = 0
    try:
        # What the fork inherited is never its to collect: a pass of the collector would
        # touch, and so copy, every object MkDocs' process holds.
        gc.freeze()
        capture = _Capture()
        loggers = (logging.getLogger("mkdocs"), logging.getLogger())
        for logger in loggers:
            for handler in logger.handlers:
                handler.addFilter(_below_warning)  # shown by MkDocs' process instead
            logger.addHandler(capture)
        error, rendered = None, 0
        try:
            rendered = split.render_here()
        except Exception as exception:  # MkDocs has logged which page; the build stops with it
            error = f"{type(exception).__name__}: {exception}"
        logged = list(capture.records.values())
        answer = {"rendered": rendered, "logged": logged, "collected": collect(), "error": error}
        data = json.dumps(answer).encode()
        view = memoryview(data)
        while view:
            view = view[os.write(answers, view) :]
        sys.stderr.flush()
    except BaseException:
        code = 1
    finally:
        os._exit(code)
