"""Placeable substitution: reuse a translation whose source differs from the new one only in
numbers, digit dates or document symbols ("A/RES/78/261" -> "A/RES/79/12"), as Trados and
memoQ do.

The memory's source and the new source must have the same skeleton (text.skeleton) and so the
same number of placeables. Each placeable that changed must be found in the memory's
translation, compared by value (a document symbol as written; a number by its digits, so that
"1,000" in English finds "1 000" in French), and is replaced there by the new value written
in the translation's own style (its group and decimal separators). When a changed placeable
is not found in the translation (a number the translator wrote in words, 第十九条), or one old
value would become two new ones, there is no substitution and the match stays fuzzy.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import SYMBOL, keyed_placeables, month_numbers, skeleton

_SYMBOL = re.compile(SYMBOL)
_DIGITS = re.compile(r"\d+")
_NON_DIGIT = re.compile(r"\D")
_NUMBER_TOKEN = re.compile(r"[\d.,\u00a0\u202f ]+")
_DOT_DECIMAL = {"en", "zh"}  # sources whose decimal sign is "."; the others write ","
_GROUP = {"en": ",", "zh": ",", "fr": "\u202f", "es": "\u202f", "ru": "\u00a0", "ar": ","}
_DECIMAL = {"en": ".", "zh": ".", "fr": ",", "es": ",", "ru": ",", "ar": "."}


def _split_number(token: str, lang: str) -> tuple[str, str]:
    """(integer digits, fraction digits) of a number written in ``lang``'s style."""
    decimal = "." if lang in _DOT_DECIMAL else ","
    for sign in (decimal, "." if decimal == "," else ","):
        head, sep, tail = token.rpartition(sign)
        if sep and len(tail) != 3 and tail.isdigit():
            return _NON_DIGIT.sub("", head), tail
        if sep and sign == decimal and tail.isdigit() and not _NON_DIGIT.search(head):
            # "2,500" in French is two and a half; "2.500" in English too
            return head, tail
    return _NON_DIGIT.sub("", token), ""


def _write_like(new: str, old_target: str, source_lang: str, target_lang: str) -> str:
    """The new placeable written as the translation wrote the old one."""
    if _SYMBOL.fullmatch(new) or not _NUMBER_TOKEN.fullmatch(new):
        return new  # a symbol, a digit date: the same in every language
    integer, fraction = _split_number(new, source_lang)
    separators = _NON_DIGIT.findall(old_target)
    old_integer, old_fraction = _split_number(old_target, target_lang)
    decimal = _DECIMAL.get(target_lang, ".")
    if old_fraction:
        decimal = old_target[len(old_target) - len(old_fraction) - 1]
    group = ""
    inner = [sep for sep in separators if sep != decimal] if old_fraction else separators
    if inner:
        group = inner[0]
    elif len(old_integer) < 4 and len(integer) >= 5:
        group = _GROUP.get(target_lang, "")  # the old number was too short to show its style
    if group:
        head = len(integer) % 3 or 3
        parts = [integer[:head]] + [integer[i:i + 3] for i in range(head, len(integer), 3)]
        integer = group.join(parts)
    return integer + (decimal + fraction if fraction else "")


def _month_forms(number: int, written: str) -> str | None:
    """Month ``number`` in the form (language, case, capitals) ``written`` has, for another
    month: "novembre" -> "décembre", "ноября" -> "декабря", "تشرين الثاني" -> "كانون الأول"."""
    old = month_numbers().get(written.lower())
    if old is None:
        return None
    for table in _month_tables():
        if table.get(old, "").lower() == written.lower() and number in table:
            name = table[number]
            if written[:1].isupper() and not name[:1].isupper():
                name = name[:1].upper() + name[1:]
            elif written[:1].islower():
                name = name[:1].lower() + name[1:]
            return name
    return None


@lru_cache(maxsize=1)
def _month_tables() -> list[dict[int, str]]:
    """Every set of twelve month names (per language, context and form) that month_numbers
    knows, each as number -> name."""
    from babel import Locale

    from ..checks.numbers import month_locales

    codes = dict.fromkeys(code for lang in ("ar", "en", "es", "fr", "ru", "zh")
                          for code in month_locales(lang))
    tables = []
    for code in codes:
        for context in ("format", "stand-alone"):
            tables.append(dict(Locale.parse(code).months[context]["wide"]))
    genitive = dict(Locale.parse("ru").months["format"]["wide"])
    tables.append({number: name[:-1] + "е" for number, name in genitive.items()})  # в ноябре
    return tables


def _replacement(key: str, new_token: str, new_key: str, written: str, source_lang: str,
                 target_lang: str) -> str | None:
    """How the translation writes the new placeable, where it wrote ``written`` for the old."""
    if new_key.startswith("m"):
        month = int(new_key[1:])
        if written.isdigit():
            return str(month)  # 11月 -> 12月
        return _month_forms(month, written)
    if key.startswith("m"):
        return None
    return _write_like(new_token, written, source_lang, target_lang)


def substitute(new_source: str, old_source: str, old_target: str, *, source_lang: str,
               target_lang: str) -> str | None:
    """``old_target`` with the placeables that changed from ``old_source`` to ``new_source``
    replaced; None when the sources differ in more than placeables or a changed placeable
    cannot be found in the translation."""
    shape = skeleton(new_source)
    if not shape or shape != skeleton(old_source):
        return None
    new, old = keyed_placeables(new_source), keyed_placeables(old_source)
    if len(new) != len(old):
        return None
    changes: dict[str, tuple[str, str]] = {}
    for (_, _, before), (start, end, after) in zip(old, new):
        if before == after:
            continue
        if before in changes and changes[before][1] != after:
            return None  # the same old value becomes two new ones: which is which?
        changes[before] = (new_source[start:end], after)
    if not changes:
        return old_target if new_source != old_source else None
    found: set[str] = set()
    pieces, last = [], 0
    for start, end, key in keyed_placeables(old_target):
        if key not in changes:
            continue
        token, new_key = changes[key]
        replacement = _replacement(key, token, new_key, old_target[start:end], source_lang,
                                   target_lang)
        if replacement is None:
            return None
        pieces += [old_target[last:start], replacement]
        last = end
        found.add(key)
    if found != set(changes):
        return None
    return "".join(pieces) + old_target[last:]
