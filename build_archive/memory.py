"""The cycle collector and the build's large loads.

A build loads hundreds of thousands of small objects that are never in a cycle (the cache's
articles and mentions, the lexicon); the collector's passes over them while they load are wasted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc() -> Iterator[None]:
    """The collector paused while a large structure loads (loading the build cache took half as
    long again with it running)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
