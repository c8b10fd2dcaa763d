"""One build at a time: the lock a build holds on its archive's state, and how long a second
build waits for it before it stops with a message."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError

LOCK_WAIT = 10.0  # seconds a build waits for another build's lock on the index


@contextmanager
def build_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """One build at a time per project: a second one waits up to `wait` seconds for the first,
    then stops with a message; two writers would interleave pages, exports and the index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BuildError(
                        f"another archive build is running (lock {path}); waited {wait:.0f} s. "
                        "Try again when it has finished."
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
