"""Memory: the cycle collector and the build's large loads, and what MkDocs frees.

A build loads hundreds of thousands of small objects that are never in a cycle (the cache's
articles and mentions, the lexicon); the collector's passes over them while they load are wasted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc() -> Iterator[None]:
    """The collector paused while a large structure loads (it would run again and again over
    the objects being made), and what was loaded then moved out of its sight (`gc.freeze`):
    the structure lives as long as the build and holds no cycles, yet the collections that
    followed the load would walk its objects again and again, which grows with the archive.
    Frozen objects are still freed when no longer used."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@contextmanager
def collected_once() -> Iterator[None]:
    """One build of a warm builder, which holds the archive in memory from one build to the next:
    what the earlier builds left moved out of the collector's sight first (`gc.freeze`, as
    `without_gc` does after a load) and the collector paused while the build runs (its passes
    would walk the whole archive again and again before MkDocs could render), then one pass over
    everything once the build has ended: what the build replaced may have been in cycles, which
    a frozen object would keep for the builder's life."""
    was = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        gc.unfreeze()
        gc.collect()


def release_memory() -> None:
    """Hand the memory that Python freed back to the system (glibc's malloc_trim) before a large
    process of another program starts: Python frees the pages of a finished MkDocs build, but
    glibc keeps most of them for later allocations. Elsewhere, a no-op."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
