"""The one error that stops a build (a bad article never does: it is only reported)."""

from __future__ import annotations


class BuildError(Exception):
    """The build itself cannot run (as opposed to a bad article, which is only reported)."""
