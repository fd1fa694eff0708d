"""Where l10n keeps what it can make again: compiled glossaries, learnt words, number and
month tables, the default translation memory.

The folder is ``$L10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/l10n``, else ``~/.cache/l10n``;
``L10N_NO_CACHE=1`` turns caching off. Everything kept there is checked when read, and a
cache that cannot be written only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path

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
