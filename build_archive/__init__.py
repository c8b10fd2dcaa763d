"""Build a static, searchable news archive with a page for every actor."""

__version__ = "0.7.0"  # as pyproject.toml; the releases are in CHANGELOG.md
