"""Where l10n keeps what it can make again: compiled glossaries, learnt words, number and
month tables, the default translation memory.

The folder is ``$L10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/l10n``, else ``~/.cache/l10n``;
``L10N_NO_CACHE=1`` turns caching off. Everything kept there is checked when read, and a
cache that cannot be written only costs time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, TypeVar

from .fs import atomic_write

T = TypeVar("T")

CACHE_ENV = "L10N_CACHE_DIR"
NO_CACHE_ENV = "L10N_NO_CACHE"


def cache_root() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found: no cache
            return None
    return Path(base) / "l10n"


def kept_json(relative: str, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """``build()``, a value JSON can hold, kept in the cache folder under ``relative``: read
    back when the file is there and ``valid`` accepts it, else made and written (a damaged or
    foreign file is made again, never trusted; a cache that cannot be written only costs time,
    and caching off means always made)."""
    root = cache_root()
    path = root / relative if root is not None else None
    if path is not None:
        try:
            value = json.loads(path.read_text("utf-8"))
            if valid(value):
                return value
        except (OSError, ValueError):
            pass  # not there yet, or unreadable: made again below
    value = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps(value, ensure_ascii=False, sort_keys=True), sync=False)
        except OSError:
            pass
    return value
