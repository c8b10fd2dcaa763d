"""The editor's settings (`site_src/settings.yml`), with defaults for everything left out.

Settings are read once per build and passed on as a frozen value, so every stage sees the same
choices and a changed setting is part of what makes a build differ.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    language: str = "nl"  # the site's language: display names, undetectable articles
    latest: int = 20  # articles listed on the home page
    max_article_bytes: int = 5_000_000
    site_name: str = "Nieuwsarchief"
    # Above this many articles the theme's own search (one JSON index for the whole site, which
    # grows with every article and is loaded whole by the browser) gives way to the Pagefind page.
    theme_search_up_to: int = 2000
    # Above this many articles the Zoeken page's index (Pagefind, which holds every page it
    # indexes in memory) is made in shards of about this many, searched together in the browser.
    pagefind_shard_size: int = 10_000


def load_settings(source: Path) -> Settings:
    path = source / "settings.yml"
    if not path.exists():
        return Settings()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping of setting names to values")
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SettingsError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(known)}")
    values = {}
    for name, value in data.items():
        expected = type(getattr(Settings(), name))
        if not isinstance(value, expected) or isinstance(value, bool):
            raise SettingsError(f"{path}: {name} must be a {expected.__name__}, not {value!r}")
        values[name] = value
    return Settings(**values)
