"""Numbers, dates and document symbols: the same in the translation as in the source (N-codes).

What is compared is the multiset of values after normalisation, so word order, date order and
each language's way of writing numbers do not matter:

- digits of any script count alike (٠١٢٣٤٥٦٧٨٩, ۰۱۲۳۴۵۶۷۸۹, full-width ０-９);
- decimal marks and thousands separators are read per language (``data/numbers.json``):
  "3.5" (en) = "3,5" (fr, es, ru); "1,000" (en) = "1 000" (fr) = "1.000" (es);
- magnitude words multiply: "1.2 million" = "120万" = "1,2 млн";
- month names become their number, from Babel's CLDR names (with the derived case forms the
  data file asks for), so "4 to 6 November 2025" = "2025年11月4日至6日" = "4–6 ноября 2025 года";
- only digits count: "thirtieth" and "三十周年" hold no number.

Document symbols (A/RES/78/261, E/CN.5/2025/1, A/CONF.166/9) and resolution numbers (78/261)
are compared apart from other numbers, and two of them glued together ("78/26178/318") get a
finding of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable

from babel import Locale

from ..model import Finding
from ._text import base_lang, data, lang_script, script_of, visible
from .base import Check, CheckContext, Entry, Severity

SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])[A-Z][A-Z0-9]*(?:\.[0-9]+)?(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+"
)
RESOLUTION = re.compile(r"(?<![\d/.,])\d{1,4}/\d{1,4}(?![\d/])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９",
                        "012345678901234567890123456789")


_OTHER_DIGITS = re.compile("[٠-٩۰-۹０-９]")

# Texts whose references and numbers are remembered. Work is handed out a document at a time
# (its source and translations in every language, a few thousand distinct texts), and a text
# is asked for again only within its document, so a few documents' worth is enough; a larger
# memo only grows the worker processes on big projects.
TEXT_MEMO = 8_192


def normalise_digits(text: str) -> str:
    """Arabic-Indic, Eastern Arabic-Indic and full-width digits as ASCII digits."""
    if text.isascii() or not _OTHER_DIGITS.search(text):
        return text  # nothing to map: str.translate would only copy the text, slowly
    return text.translate(_DIGITS)


def references(text: str) -> list[str]:
    """Document symbols and resolution numbers, in order of appearance."""
    return list(_references(text))


@lru_cache(maxsize=TEXT_MEMO)
def _references(text: str) -> tuple[str, ...]:
    """``references``, remembered per text: three checks ask, and a source once per language."""
    text = normalise_digits(text)
    found = [(m.start(), m.group()) for m in SYMBOL.finditer(text) if re.search(r"\d", m.group())]
    rest = SYMBOL.sub(lambda m: " " * len(m.group()), text)
    found += [(m.start(), m.group()) for m in RESOLUTION.finditer(rest)]
    return tuple(ref for _, ref in sorted(found))


def glued(source_refs: Iterable[str], target: str) -> list[tuple[str, str]]:
    """Pairs of source references written together with nothing between them in the target."""
    target = normalise_digits(target)
    refs = list(dict.fromkeys(source_refs))
    pairs = []
    for first in refs:
        for second in refs:
            if first != second and first + second in target:
                pairs.append((first, second))
    return pairs


def _rules(lang: str) -> dict:
    table = data("numbers.json")
    return {**table["default"], **table.get(base_lang(lang), {})}


@lru_cache(maxsize=None)
def _number_pattern(lang: str) -> re.Pattern:
    rules = _rules(lang)
    # "." always joins digits into one token: parse_number decides what it means there.
    seps = "".join(re.escape(c) for c in dict.fromkeys(rules["decimal"] + rules["group"] + ["."]))
    words = sorted(rules.get("magnitudes", {}), key=len, reverse=True)
    magnitude = "|".join(re.escape(w) for w in words) or "(?!)"
    return re.compile(rf"\d+(?:[{seps}]\d+)*(?:\s?(?P<mag>{magnitude}))?", re.IGNORECASE)


_LABEL = re.compile(r"\d{1,3}\.\d{1,3}")
_UNIT = re.compile(r"\s?(?:%|‰|per ?cent|pour ?cent|por ?ciento|процент)", re.IGNORECASE)


def parse_number(token: str, lang: str, *, quantity: bool = False) -> list[Decimal]:
    """The values one number token stands for in ``lang`` (several when it is not one number).

    "1.3" where the language's decimal mark is a comma is a label (SDG target 1.3, section
    10.2), written alike in every language, so it is read as the number 1.3 rather than 1 and 3;
    but not a ``quantity`` (followed by a unit such as %): "3.5 %" in French is a wrong mark.
    """
    rules = _rules(lang)
    if not quantity and "." not in rules["decimal"] and _LABEL.fullmatch(token) and not (
            "." in rules["group"] and len(token.split(".")[1]) == 3):
        return [Decimal(token)]
    parts = re.split(r"(\D)", token)
    values, integer, fraction = [], parts[0], None
    for sep, group in zip(parts[1::2], parts[2::2]):
        if (sep in rules["group"] and fraction is None and len(group) == 3
                and _groups_ok(integer)):
            integer += "," + group
        elif sep in rules["decimal"] and fraction is None:
            fraction = group
        else:
            values.append(_value(integer, fraction))
            integer, fraction = group, None
    values.append(_value(integer, fraction))
    return values


def _groups_ok(integer: str) -> bool:
    """A grouped integer so far: a head of 1-3 digits, then groups of exactly three."""
    head, *groups = integer.split(",")
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def _value(integer: str, fraction: str | None) -> Decimal:
    text = integer.replace(",", "") + (f".{fraction}" if fraction else "")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return Decimal(0)


def numbers(text: str, lang: str) -> Counter:
    """The multiset of numbers (as normalised strings) a reader sees, months included."""
    return Counter(_numbers(text, lang))


@lru_cache(maxsize=TEXT_MEMO)
def _numbers(text: str, lang: str) -> Counter:
    """``numbers``, remembered per text (a source is read once per target language); callers
    get a copy, so the remembered Counter never changes."""
    text = normalise_digits(visible(text))
    text = SYMBOL.sub(" ", text)
    text = RESOLUTION.sub(" ", text)
    found: Counter = Counter()
    magnitudes = {k.lower(): v for k, v in _rules(lang).get("magnitudes", {}).items()}
    for match in _number_pattern(lang).finditer(text):
        token = match.group()[: match.start("mag") - match.start()] if match.group("mag") else match.group()
        unit = _UNIT.match(text, match.end())
        values = parse_number(token.strip(), lang, quantity=unit is not None)
        if match.group("mag"):
            values[-1] *= magnitudes[match.group("mag").lower()]
        found.update(_canonical(v) for v in values)
    found.update(str(month) for month in months(text, lang))
    return found


def _canonical(value: Decimal) -> str:
    return format(value.normalize(), "f")


# ------------------------------------------------------------------------------ month names


@lru_cache(maxsize=None)
def month_names(lang: str) -> dict[str, int]:
    """Month name -> number for ``lang`` from CLDR (format and stand-alone wide names)."""
    rules = _rules(lang)
    script = lang_script(lang)
    names: dict[str, int] = {}
    for code in rules.get("month_locales", [base_lang(lang)]):
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for number, name in locale.months[context]["wide"].items():
                if _written_in(name, script):
                    names[name] = number
    for number, name in Locale.parse(base_lang(lang)).months["format"]["wide"].items():
        for ending, replacement in rules.get("month_endings", []):
            if name.endswith(ending):
                names[name[: -len(ending)] + replacement] = number
    return names


def _written_in(name: str, script: str | None) -> bool:
    """Only names in the language's own script (no digits: "11月" is read as a number)."""
    letters = [c for c in name if not c.isspace()]
    return bool(letters) and all(script_of(c) == script for c in letters)


@lru_cache(maxsize=None)
def _month_pattern(lang: str) -> re.Pattern | None:
    names = sorted(month_names(lang), key=len, reverse=True)
    if not names:
        return None
    rules = _rules(lang)
    alternation = "|".join(re.escape(n) for n in names)
    if lang_script(lang) == "CJK":
        one = f"(?:{alternation})"
        edge_start = edge_end = ""
    else:
        prefixes = "".join(rules.get("month_prefixes", []))
        one = f"(?:[{prefixes}])?(?:{alternation})" if prefixes else f"(?:{alternation})"
        edge_start, edge_end = r"(?<!\w)", r"(?!\w)"
    flags = 0 if rules.get("case_sensitive_months") else re.IGNORECASE
    return re.compile(rf"{edge_start}({one}){edge_end}(?:\s*/\s*({one}){edge_end})?", flags)


def months(text: str, lang: str) -> list[int]:
    """Month numbers named in the text; "تشرين الثاني/نوفمبر" (one month twice) counts once."""
    pattern = _month_pattern(lang)
    if pattern is None:
        return []
    names = {name.lower(): number for name, number in month_names(lang).items()}
    found = []
    for match in pattern.finditer(text):
        first = _month_number(match.group(1), names, lang)
        found.append(first)
        if match.group(2):
            second = _month_number(match.group(2), names, lang)
            if second != first:
                found.append(second)
    return found


def _month_number(word: str, names: dict[str, int], lang: str) -> int:
    word = word.lower()
    if word in names:
        return names[word]
    return names[word[1:]]  # a clitic before the name (بنوفمبر)


# ------------------------------------------------------------------------------ the checks


def _differences(source: Counter, target: Counter) -> tuple[list[str], list[str]]:
    missing = sorted((source - target).elements(), key=_sort_key)
    extra = sorted((target - source).elements(), key=_sort_key)
    return missing, extra


def _sort_key(value: str) -> tuple:
    return (0, Decimal(value), value) if re.fullmatch(r"[\d.]+", value) else (1, 0, value)


def _describe(missing: list[str], extra: list[str]) -> str:
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("not in the source " + ", ".join(extra))
    return "; ".join(parts)


class SymbolMismatch(Check):
    """Document symbols and resolution numbers differ between source and translation.

    Anti-pattern: "resolution 78/261" translated as "第78/216号决议", or "A/RES/78/261" lost.
    Better: every symbol and resolution number of the source, exactly once, as in the source:
    "第78/261号决议", "القرار 78/261", "résolution 78/261". Digits of any script count alike.
    """

    code = "N001"
    slug = "symbol-mismatch"
    severity = Severity.ERROR
    examples_fail = [
        ("zh", "General Assembly resolution 78/261", "大会第78/216号决议"),
        ("fr", "See A/RES/78/261.", "Voir la résolution 78/261."),
        ("ar", "resolutions 78/261 and 78/318", "القرار 78/261"),
    ]
    examples_pass = [
        ("zh", "resolutions 78/261 and 78/318", "第78/261和78/318号决议"),
        ("ar", "resolution 78/261", "القرار ٧٨/٢٦١"),
        ("ru", "document E/CN.5/2025/1", "документ E/CN.5/2025/1"),
        ("fr", "report A/CONF.166/9", "rapport A/CONF.166/9"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            source_refs = references(source)
            fixed = target
            for first, second in glued(source_refs, target):
                fixed = normalise_digits(fixed).replace(first + second, f"{first} {second}")
            missing, extra = _differences(Counter(source_refs), Counter(references(fixed)))
            if missing or extra:
                yield self.finding(entry, "document symbols or resolution numbers differ: "
                                   + _describe(missing, extra), expected=missing,
                                   found=", ".join(extra) or None)


class SymbolMerge(Check):
    """Two document symbols or resolution numbers are glued together in the translation.

    Anti-pattern: "resolutions 78/261 and 78/318" translated as "78/26178/318号决议" (a real
    defect of a UN Chinese page: the conjunction was lost). Better: "第78/261和78/318号决议".
    """

    code = "N002"
    slug = "symbol-merge"
    severity = Severity.ERROR
    examples_fail = [
        ("zh", "resolutions 78/261 and 78/318", "联合国大会通过78/26178/318号决议"),
        ("ru", "resolutions 78/261 and 78/318", "резолюции 78/26178/318"),
    ]
    examples_pass = [
        ("zh", "resolutions 78/261 and 78/318", "第78/261和78/318号决议"),
        ("es", "resolutions 78/261 and 78/318", "las resoluciones 78/261 y 78/318"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            for first, second in glued(references(source), target):
                yield self.finding(
                    entry, f"{first} and {second} are written together as {first}{second}; "
                    "separate them as the source does", expected=(first, second),
                    found=first + second)


class NumberMismatch(Check):
    """Numbers and dates differ between source and translation.

    Anti-pattern: "4 to 6 November 2025" as "2025年11月4日至5日", or "3.5 per cent" as "35 %".
    Better: the same values in the language's own notation: "2025年11月4日至6日",
    "4–6 ноября 2025 года", "du 4 au 6 novembre 2025", "3,5 %". Month names count as their
    number; only digits count otherwise ("thirtieth" = "三十周年").
    """

    code = "N003"
    slug = "number-mismatch"
    severity = Severity.WARNING
    examples_fail = [
        ("zh", "4 to 6 November 2025", "2025年11月4日至5日"),
        ("fr", "3.5 per cent", "35 pour cent"),
        ("ru", "in 1995", "в 1996 году"),
        ("es", "held in November 2025", "celebrada en octubre de 2025"),
    ]
    examples_pass = [
        ("zh", "4 to 6 November 2025", "2025年11月4日至6日"),
        ("ru", "4 to 6 November 2025", "4–6 ноября 2025 года"),
        ("es", "4 to 6 November 2025", "del 4 al 6 de noviembre de 2025"),
        ("fr", "4 to 6 November 2025", "du 4 au 6 novembre 2025"),
        ("ar", "4 to 6 November 2025", "من 4 إلى 6 تشرين الثاني/نوفمبر 2025"),
        ("ar", "Target 1.3 of the Goals", "الغاية 1-3 من الأهداف"),
        ("ar", "in 2025", "في عام ٢٠٢٥"),
        ("fr", "3.5 per cent of 1,000,000 people", "3,5 % de 1 000 000 de personnes"),
        ("es", "1,500 delegates", "1.500 delegados"),
        ("zh", "1.2 million people", "120万人"),
        ("zh", "the thirtieth anniversary", "三十周年"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            glue = glued(references(source), target)
            for first, second in glue:
                target = normalise_digits(target).replace(first + second, f"{first} {second}")
            missing, extra = _differences(numbers(source, entry.source_lang),
                                          numbers(target, entry.lang))
            missing, extra = _hyphenated_labels(missing, extra, target)
            if missing or extra:
                yield self.finding(entry, "numbers differ: " + _describe(missing, extra),
                                   expected=missing, found=", ".join(extra) or None)


def _hyphenated_labels(missing: list[str], extra: list[str], target: str) -> tuple[list, list]:
    """A label "1.3" written "1-3" (UN Arabic numbers SDG targets so: "الغاية 1-3") is the same
    number: drop the pair from both sides when the target holds exactly that hyphenated form."""
    digits = normalise_digits(target)
    for label in [m for m in missing if re.fullmatch(r"\d{1,3}\.\d{1,3}", m)]:
        head, tail = label.split(".")
        if re.search(rf"(?<![\d.]){head}\s?[-‐‑–]\s?{tail}(?![\d.])", digits) \
                and head in extra and tail in extra:
            missing.remove(label)
            extra.remove(head)
            extra.remove(tail)
    return missing, extra


NUMBER_CHECKS = (SymbolMismatch, SymbolMerge, NumberMismatch)
