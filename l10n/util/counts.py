"""Counts in messages: "1 concept", "2 concepts", "1 entry", "3 entries", never "concept(s)".

Every message that puts a number before a noun goes through ``counted``, so that the singular
and the plural are right for every count (English, the language of l10n's messages).
Percentages of work done (``floor_tenth``, ``percent_text``) are rounded down, in every
command that shows one, so that ``l10n stats`` and ``l10n build`` give the same figure.
"""

from __future__ import annotations

import math

__all__ = ["counted", "floor_tenth", "percent_text", "plural"]

# Nouns of l10n's messages whose plural is not the rule's: "1 info", "2 info".
_IRREGULAR = {"info": "info"}


def plural(noun: str) -> str:
    """The English plural of ``noun``, or of its last word ("term index" -> "term indexes")."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        word = _IRREGULAR[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def counted(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun`` as a message says them: "1 concept", "0 concepts", "2 entries";
    ``plural_form`` for a noun whose plural the rule does not make ("2 analyses")."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {plural_form or plural(noun)}"


def floor_tenth(value: float) -> float:
    """Rounded down to one decimal: a 99.96% document never reads as 100%."""
    return math.floor(value * 10 + 1e-9) / 10


def percent_text(value: float) -> str:
    """92.3% (rounded down to one decimal, so 99.96 never shows as 100), 100%, 0%."""
    return f"{floor_tenth(value):g}%"
