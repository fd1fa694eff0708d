"""l10n: carry United Nations texts into Arabic, Chinese, English, French, Russian and Spanish."""

from __future__ import annotations

__version__ = "0.1.0"

from .locales import OFFICIAL_LANGUAGES

__all__ = ["OFFICIAL_LANGUAGES", "__version__", "segment_spans", "segment_text"]

# Imported on first use, so that `import l10n` (and the command line's start-up) stays cheap.
_LAZY = {"segment_text": "segment", "segment_spans": "segment"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'l10n' has no attribute {name!r}")
