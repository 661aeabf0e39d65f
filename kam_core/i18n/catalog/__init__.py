"""String catalogues: each module here defines ``STRINGS = {key: (english, spanish)}``.

Modules are merged in name order; a key defined twice is an error (caught by the tests).
"""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in getattr(mod, "STRINGS", {}).items():
            if key in merged:
                raise ValueError(f"duplicate i18n key {key!r} in {info.name}")
            merged[key] = pair
    return merged


def duplicates() -> list[str]:
    seen: dict[str, str] = {}
    dups = []
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for key in getattr(mod, "STRINGS", {}):
            if key in seen:
                dups.append(key)
            seen[key] = info.name
    return dups
