"""Build a static, searchable news archive with a page for every actor."""

from .compiled import use_compiled

__version__ = "0.7.0"  # as pyproject.toml; the releases are in CHANGELOG.md

use_compiled()  # before any module of actor finding is imported (build_archive/compiled.py)
