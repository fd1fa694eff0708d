"""Text keys and similarity for the memory, the same for every backend.

- ``normalise``: what lookups compare: inline tags and entities dropped, case folded,
  whitespace runs folded to one space. Character based, so it works for Chinese (no spaces).
- ``grams``: the character trigrams of the normalised text, the fuzzy index's keys.
- ``skeleton``: the normalised text with every placeable (number, date, document symbol)
  replaced by one mark, so that "A/RES/78/261 of 2023" and "A/RES/79/12 of 2024" share it.
- ``similarity``: a percentage as CAT tools give it: 100 only for identical text; a difference
  in tags, whitespace, case or punctuation only costs a point or two; otherwise an edit
  distance similarity (rapidfuzz's normalised Indel distance, as msgmerge-like tools use) of
  the normalised texts, at most 99.
"""

from __future__ import annotations

import html
import re
import unicodedata

# An inline tag as the catalogues hold them (HTML or XML, opening, closing or empty).
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_SPACE = re.compile(r"\s+")
_PUNCT_TRANSLATE = {ord(c): None for c in ".,;:!?¿¡\"'«»“”‘’„‹›()[]{}…—–-،؛؟。，、；：！？（）《》「」『』"}
# Placeables: document symbols (A/RES/78/261, S/2015/123, E/CN.6/2015/3, A/C.3/79/L.12),
# dates written with digits (2025-11-04, 04/11/2025), numbers (12, 1,000, 3.5, 1 000 000).
SYMBOL = r"(?<![A-Za-z0-9_/])(?:[A-Z]{1,4}(?:\.\d+)?/)+(?:[A-Z0-9]+(?:\.\d+)?[-/]?)*[A-Z0-9]+(?:\.\d+)?(?![A-Za-z0-9_/])"
# Digits next to letters of unspaced scripts count (第78/261号, 2025年): only Latin letters
# and digits around a number make it part of a word (A4, 3D).
NUMBER = (r"(?<![A-Za-z0-9_.,])\d{1,3}(?:(?:[,\u00a0\u202f ]\d{3})+|(?:\.\d{3})+(?!\d))(?:[.,]\d+)?"
          r"(?![A-Za-z0-9_])|(?<![A-Za-z0-9_.,/])\d+(?:/\d+)*(?:[.,]\d+)?(?![A-Za-z0-9_/])")
PLACEABLE = re.compile(f"{SYMBOL}|\\d{{4}}-\\d{{2}}-\\d{{2}}|\\d{{1,2}}/\\d{{1,2}}/\\d{{4}}|{NUMBER}")
MARK = "\uf8ff"  # a private-use character: never in a UN text


def strip_tags(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)) if "<" in text or "&" in text else text


def normalise(text: str) -> str:
    """The text lookups compare: tags dropped, NFKC, case folded, whitespace folded."""
    text = unicodedata.normalize("NFKC", strip_tags(text)).casefold()
    return _SPACE.sub(" ", text).strip()


def grams(key: str) -> set[str]:
    """The distinct character trigrams of a normalised text (a shorter text is its own gram)."""
    if len(key) < 3:
        return {key} if key else set()
    return {key[i:i + 3] for i in range(len(key) - 2)}


def placeables(text: str) -> list[str]:
    """The placeables of ``text`` in order (numbers, digit dates, document symbols)."""
    return PLACEABLE.findall(strip_tags(text))


def skeleton(text: str) -> str:
    """The normalised text with each placeable replaced by MARK ("" when it has none, so that
    only texts with placeables share skeletons)."""
    plain = unicodedata.normalize("NFKC", strip_tags(text))
    if not PLACEABLE.search(plain):
        return ""
    marked = PLACEABLE.sub(MARK, plain)
    return _SPACE.sub(" ", marked.casefold()).strip()


def similarity(new: str, old: str) -> float:
    """How alike two source texts are, in percent (see the module's docstring)."""
    if new == old:
        return 100.0
    a, b = normalise(new), normalise(old)
    tags_differ = _TAG.findall(new) != _TAG.findall(old)
    if a == b:
        # Only tags, case, whitespace or entities differ: nearly identical.
        penalty = (2 if tags_differ else 0) + (1 if new.casefold() != old.casefold() else 0)
        return 100.0 - max(1, min(penalty, 3))
    if a.translate(_PUNCT_TRANSLATE) == b.translate(_PUNCT_TRANSLATE):
        return 97.0 - (1 if tags_differ else 0)
    from rapidfuzz.fuzz import ratio

    score = min(ratio(a, b), 99.0)
    return max(0.0, score - (1 if tags_differ else 0))
