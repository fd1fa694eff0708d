"""l10n: carry United Nations texts into Arabic, Chinese, English, French, Russian and Spanish."""

from __future__ import annotations

__version__ = "0.1.0"

OFFICIAL_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")

__all__ = ["OFFICIAL_LANGUAGES", "__version__", "segment_text"]


def __getattr__(name: str):
    if name == "segment_text":
        from .segment import segment_text

        return segment_text
    raise AttributeError(name)
