"""Whoosh imported without three modules it imports and a search never uses.

Whoosh's compatibility module imports `urllib.request` (and with it HTTP, e-mail and SSL) for a
download helper; the `cached_property` package its readers use imports `asyncio` for coroutine
properties, of which Whoosh has none; its query module imports English morphology for a kind of
query (`Variations`) that the archive's parser never makes. A cold `archive search` paid for them
as for much of the rest of Whoosh. While Whoosh is imported, each is stood in for by a module
that hands the names Whoosh takes from it over to the real module when they are used; once Whoosh
is imported the stand-ins leave `sys.modules`, so that any other import gets the real modules.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any


def _handed_over(module: str, name: str) -> Callable[..., Any]:
    """A function that calls the real `module.name`, imported at the first call."""

    def handed_over(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    handed_over.__name__ = handed_over.__qualname__ = name
    return handed_over


def _is_coroutine_function(func: object) -> bool:
    """asyncio's `iscoroutinefunction` without importing asyncio for it: beyond `inspect`'s
    check, it knows only a mark that asyncio itself puts on functions, which none can carry
    while asyncio is not imported."""
    import inspect

    real = sys.modules.get("asyncio")
    if real is not None and not isinstance(real, _StandIn):
        return bool(real.iscoroutinefunction(func))
    return inspect.iscoroutinefunction(func)


class _StandIn(types.ModuleType):
    """A module standing in for the real one while Whoosh is imported."""


# module -> what Whoosh's modules take from it as they are imported, and what stands for each
STAND_INS: dict[str, dict[str, Callable[..., Any]]] = {
    "urllib.request": {"urlretrieve": _handed_over("urllib.request", "urlretrieve")},  # whoosh.compat
    "asyncio": {  # cached_property, which looks its functions up as it is used
        "iscoroutinefunction": _is_coroutine_function,
        "ensure_future": _handed_over("asyncio", "ensure_future"),
    },
    # whoosh.query
    "whoosh.lang.morph_en": {"variations": _handed_over("whoosh.lang.morph_en", "variations")},
}
# The modules of Whoosh that import them, and the rest of what every search imports of Whoosh
# (its query parser imports none of them, and only a search by words needs it).
WHOOSH = ("whoosh.compat", "cached_property", "whoosh.fields", "whoosh.query")


def import_whoosh() -> None:
    """Import Whoosh's modules that the archive uses, with the stand-ins for the modules that
    are not imported yet."""
    if all(name in sys.modules for name in WHOOSH):
        return
    standing = {}
    for module, names in STAND_INS.items():
        if module not in sys.modules:
            stand_in = standing[module] = _StandIn(module)
            stand_in.__dict__.update(names)
    sys.modules.update(standing)
    try:
        for name in WHOOSH:
            importlib.import_module(name)
    finally:
        for module, stand_in in standing.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]
