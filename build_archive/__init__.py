"""Build a static, searchable news archive with a page for every actor."""
