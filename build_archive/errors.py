"""The errors that stop a command (a bad article never does: it is only reported)."""

from __future__ import annotations


class BuildError(Exception):
    """The build itself cannot run (as opposed to a bad article, which is only reported)."""


class IndexError_(Exception):  # noqa: N801 - not the builtin IndexError
    """The search index cannot be written or read; the message says what to do."""
