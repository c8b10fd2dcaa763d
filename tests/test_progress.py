"""A long build shows its progress on stderr: bars on a terminal, lines with counts and rates
elsewhere (under MkDocs, in CI logs); never on stdout, which other tools read."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import struct
import subprocess
import termios
import threading

from conftest import BIN, copy_project, run, write_articles

from build_archive.progress import SHOWN_FROM, Progress

LINE = re.compile(r"^archive build: (.+)$", re.M)


def test_lines_every_interval_give_counts_of_total_and_rate():
    stream = io.StringIO()
    items = list(Progress(stream, every=0).count(range(300), 300, "reading", "files", scale=300))
    assert items == list(range(300))
    lines = LINE.findall(stream.getvalue())
    assert lines[0].startswith("reading: 1/300 files (0%), ") and lines[0].endswith(" files/s")
    assert lines[-2].startswith("reading: 299/300 files (100%), ")
    assert re.fullmatch(r"reading: 300/300 files \(100%\) in [\d.]+ s, [\d,]+ files/s", lines[-1])


def test_small_builds_and_silent_progress_print_nothing():
    stream = io.StringIO()
    assert list(
        Progress(stream, every=0).count(range(5), 5, "reading", "files", scale=SHOWN_FROM - 1)
    ) == list(range(5))
    with Progress(stream, every=0).waiting("search index", "5 articles", scale=5):
        pass
    assert stream.getvalue() == ""
    assert list(Progress().count(range(300), 300, "reading", "files", scale=300)) == list(range(300))


def test_a_bar_on_a_terminal_starts_no_thread_that_would_keep_the_build_from_forking():
    # build.ProcessPool forks its workers only from a process with no other thread, and reads
    # the articles while the reading's bar is drawn.
    before = set(threading.enumerate())
    during: set[threading.Thread] = set()
    progress = Progress(io.StringIO(), every=0, terminal=True)
    for _ in progress.count(range(SHOWN_FROM), SHOWN_FROM, "reading", "files", scale=SHOWN_FROM):
        during |= set(threading.enumerate())
    assert during - before == set()


def test_archive_build_off_a_terminal_prints_stage_lines_on_stderr_and_keeps_stdout_the_summary(tmp_path):
    write_articles(tmp_path / "site_src" / "articles", range(SHOWN_FROM + 20))
    built = run([str(BIN / "archive"), "build"], cwd=tmp_path)
    stages = LINE.findall(built.stderr)
    assert any(
        re.fullmatch(r"reading and finding actors: 220/220 files \(100%\) in .+ files/s", s) for s in stages
    )
    assert any(re.fullmatch(r"resolving actors: done in [\d.]+ s", s) for s in stages)
    assert any(re.fullmatch(r"pages: [\d,]+ files in [\d.]+ s, [\d,]+ files/s", s) for s in stages)
    assert "search index: 220 articles" in stages and any(
        s.startswith("search index: done in") for s in stages
    )
    assert "archive build:" not in built.stdout and "220 published" in built.stdout
    assert "\r" not in built.stderr  # no bars in a log
    # The build report's JSON is untouched by it.
    assert json.loads((tmp_path / "build" / "report.json").read_text())["published"] == 220


def test_archive_build_on_a_terminal_draws_a_bar_per_stage(tmp_path):
    write_articles(tmp_path / "site_src" / "articles", range(SHOWN_FROM + 20))
    leader, follower = pty.openpty()
    # A terminal of 100 columns (a new one has none, and a bar would be drawn in none).
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [str(BIN / "archive"), "build"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower,
        env=os.environ,
    )  # fmt: skip
    os.close(follower)
    chunks: list[bytes] = []

    def drain() -> None:  # a full terminal buffer would hold the build up
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end is closed: the build has ended
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout, _ = process.communicate(timeout=600)
    reader.join(timeout=10)
    os.close(leader)
    terminal = b"".join(chunks).decode(errors="replace")
    assert process.returncode == 0
    assert "\r" in terminal  # bars redraw in place
    assert re.search(r"reading and finding actors: 100%\|.*\| 220/220", terminal)
    assert re.search(r"pages: [\d,]+ files", terminal) and "search index (220 articles)" in terminal
    assert b"220 published" in stdout and b"\r" not in stdout


def test_mkdocs_build_shows_the_archive_builds_progress_in_its_log_unless_quiet(tmp_path):
    root = copy_project(tmp_path, with_articles=False)
    write_articles(root / "site_src" / "articles", range(SHOWN_FROM + 20))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=root, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stderr
    stages = LINE.findall(built.stderr)
    assert any(s.startswith("reading and finding actors: 220/220 files (100%) in ") for s in stages)
    assert any(s.startswith("search index: done in ") for s in stages)
    # The build's own log (whose errors the plugin shows) holds none of it.
    assert "archive build: reading" not in (root / "build" / "build.log").read_text()
    quiet = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--quiet"], cwd=root, capture_output=True, text=True, env=env
    )
    assert quiet.returncode == 0 and not LINE.findall(quiet.stderr)
