"""The archive build as the MkDocs plugin runs it: a process per build, or one warm builder.

A cold `archive build` first imports the build, loads the lists, the language model and the
tagger, and unpickles the build cache and the last resolution: for one new article in a large
archive, most of its time. Under `mkdocs serve`, which builds again on every saved article,
the plugin keeps one builder process instead (`archive warm-builder`): it builds one request
after another, each exactly as `archive build` with the same arguments, with what it loaded
kept between builds (the lists and models in their modules, what a build keeps on disk also in
memory: `cache.keep_in_memory`), and answers with the same messages. A build that fails ends
the builder, so that the next build starts afresh, as it would from the command line; so does
a builder killed meanwhile, or one whose code changed on disk since it started.

The messages, one line of JSON each, on a pipe of their own (the build's output goes to its
log): the published pages' summary, once MkDocs can render them; the search index's figures,
once it is updated; and from a warm builder `{"done": CODE}` at the end of each build, where a
cold one just ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO

from .cache import code_stamp

DONE = "done"  # a warm builder's last message of a build: its exit code
COMMAND = [sys.executable, "-m", "build_archive"]


class Ended(NamedTuple):
    """How a build ended: its exit code, and the search index's figures when it told them."""

    code: int
    figures: dict | None  # the search index's


@dataclass
class Builder:
    """A process that builds the archive and the pipe it answers on: one `archive build`
    (`cold`), or a warm builder that takes one request after another (`warm`)."""

    process: subprocess.Popen
    answers: TextIO
    warm: bool
    stamp: list = field(default_factory=list)  # the code it runs, as `code_stamp` saw it at its start
    ended: dict | None = None  # a warm builder's end of a build, read before `finish` asked for it

    @classmethod
    def cold(cls, args: list[str], log: Path, progress_fd: int | None = None) -> Builder:
        """`archive build ARGS`, its output to `log` and its progress to `progress_fd`."""
        told, tell = os.pipe()
        shown = [] if progress_fd is None else ["--progress-fd", str(progress_fd)]
        fds = (tell,) if progress_fd is None else (tell, progress_fd)
        with open(log, "w") as log_file:
            process = subprocess.Popen(
                [*COMMAND, "build", *args, "--published-fd", str(tell), *shown],
                stdout=log_file, stderr=subprocess.STDOUT, pass_fds=fds,
            )  # fmt: skip
        os.close(tell)
        return cls(process, os.fdopen(told, encoding="utf-8"), warm=False)

    @classmethod
    def start_warm(cls, progress_fd: int | None = None, log: Path | None = None) -> Builder:
        """A warm builder waiting for its first request; its progress to `progress_fd`, and
        what it says before its first build (an error as it starts) to `log`."""
        told, tell = os.pipe()
        shown = [] if progress_fd is None else ["--progress-fd", str(progress_fd)]
        fds = (tell,) if progress_fd is None else (tell, progress_fd)
        stamp = code_stamp()
        with open(log or os.devnull, "a") as log_file:
            process = subprocess.Popen(
                [*COMMAND, "warm-builder", "--answers-fd", str(tell), *shown],
                stdin=subprocess.PIPE, stdout=log_file, stderr=subprocess.STDOUT, pass_fds=fds,
                text=True, encoding="utf-8",
            )  # fmt: skip
        os.close(tell)
        return cls(process, os.fdopen(told, encoding="utf-8"), warm=True, stamp=stamp)

    def ready(self) -> bool:
        """A warm builder that can take a request: alive, and running the code on disk."""
        return self.warm and self.process.poll() is None and self.stamp == code_stamp()

    def request(self, args: list[str], log: Path) -> bool:
        """Ask a warm builder for `archive build ARGS`, its output to `log`; False if it is gone."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps({"args": args, "log": str(log)}) + "\n")
            self.process.stdin.flush()
        except OSError:  # it ended since it was asked whether it is ready
            return False
        return True

    def published(self) -> dict | None:
        """The published pages' summary, once the build has published them; None when the build
        ended before (the reason is in its log, and `finish` gives its exit code)."""
        message = self._message()
        if message is not None and DONE in message:
            self.ended = message
            return None
        return message

    def finish(self) -> Ended:
        """Wait for the end of the build (its search index), and how it ended. A warm builder
        stays for the next build unless this one failed or the builder was killed."""
        index, message, self.ended = None, self.ended or self._message(), None
        while message is not None and DONE not in message:
            index = message.get("index", index)
            message = self._message()
        if message is None:  # a cold build's end, or a warm builder gone
            code = self.process.wait()
            return Ended(code if code or not self.warm else 1, index)
        code = int(message[DONE])
        if code:  # a warm builder ends with a failed build
            self.process.wait()
        return Ended(code, index)

    def close(self) -> None:
        """End the builder: a warm one once its build has ended (no more requests come)."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):  # it ended already
                self.process.stdin.close()
        self.process.wait()
        self.answers.close()

    def _message(self) -> dict | None:
        try:
            line = self.answers.readline()
        except ValueError:  # closed: the builder was ended
            return None
        return json.loads(line) if line else None


def serve_builds(answers_fd: int, progress_fd: int | None) -> int:
    """The warm builder (`archive warm-builder`): one build per request line on stdin, each
    `archive build` with the request's arguments and its output to the request's log, answered
    on `answers_fd`; it ends when stdin closes or a build fails."""
    from . import build  # noqa: F401 - the whole build, before the first request comes
    from .cache import keep_in_memory
    from .cli import tell

    keep_in_memory()
    answers = os.fdopen(answers_fd, "w", encoding="utf-8")
    progress = sys.stderr if progress_fd is None else open(progress_fd, "w", encoding="utf-8")  # noqa: SIM115 - open for the builder's life
    requests = os.fdopen(sys.stdin.fileno(), "rb", buffering=0, closefd=False)  # see `_next_request`
    try:
        while line := _next_request(requests):
            request = json.loads(line)
            code = _one_build(request["args"], Path(request["log"]), answers, progress)
            tell(answers, {DONE: code})
            if code:
                return code
    except KeyboardInterrupt:  # MkDocs' Ctrl-C reaches its whole process group
        return 130
    return 0


IDLE = 1.0  # seconds without a request after which a warm builder writes what its builds kept


def _next_request(requests: BinaryIO) -> bytes:
    """The next request line (empty at the end of stdin). What the last build kept in memory
    only (`cache.save_later`: the resolution, whose pickling would cost every rebuild a second
    or more) is written once no request came for `IDLE` seconds, or at the end: an editor
    saving article after article gets each served without it."""
    if not select.select([requests], [], [], IDLE)[0]:
        _write_later()
    line = requests.readline()
    if not line:
        _write_later()
    return line


def _write_later() -> None:
    from .cache import write_later
    from .errors import BuildError
    from .publish.lock import build_lock

    # Not waiting for the lock: a build that holds it writes what it keeps itself, and one
    # waiting here would hold back the next request.
    with contextlib.suppress(BuildError):
        write_later(lambda lock: build_lock(lock, wait=0))


def _one_build(args: list[str], log: Path, answers: TextIO, progress: TextIO) -> int:
    from .cli import build_command, parse_build
    from .memory import collected_once

    sys.stdout.flush()
    sys.stderr.flush()
    with open(log, "w") as output:  # the build's stdout and stderr, as a cold build's
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
    try:
        with collected_once():
            return build_command(parse_build(args), answers, progress)
    except SystemExit as ended:  # arguments that `archive build` would refuse
        return ended.code if isinstance(ended.code, int) else 2
    except Exception:  # as an uncaught error ends a cold build: the traceback in the log
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
