"""Numbers, dates and document symbols: the same in the translation as in the source (N-codes).

What is compared is the multiset of values after normalisation, so word order, date order and
each language's way of writing numbers do not matter:

- digits of any script count alike (٠١٢٣٤٥٦٧٨٩, ۰۱۲۳۴۵۶۷۸۹, full-width ０-９);
- decimal marks and thousands separators are read per language (``data/numbers.json``):
  "3.5" (en) = "3,5" (fr, es, ru); "1,000" (en) = "1 000" (fr) = "1.000" (es);
- magnitude words multiply: "1.2 million" = "120万" = "1,2 млн";
- month names become their number, from Babel's CLDR names (with the derived case forms the
  data file asks for), so "4 to 6 November 2025" = "2025年11月4日至6日" = "4–6 ноября 2025 года";
- clock times become the hour on the 24-hour clock: "3 p.m." = "15 heures" = "下午3时";
- numbers in words ("eleventh", "одиннадцатом", "الحادية عشرة", "第十一", "LVII") never raise a
  finding, but account for a number the other side writes in digits; so do a number written
  less often on one side and a footnote mark glued to a word, when nothing else differs
  (docs/checks.md lists what N003 understands).

Document symbols (A/RES/78/261, E/CN.5/2025/1, A/CONF.166/9) and resolution numbers (78/261)
are compared apart from other numbers, and two of them glued together ("78/26178/318") get a
finding of their own.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable

from babel import Locale

from ..model import Finding
from ..locales import base_lang
from .text import data, lang_script, script_of, visible
from .base import Check, CheckContext, Entry, Severity

SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])[A-Z][A-Z0-9]*(?:\.[0-9]+)?(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+"
)
RESOLUTION = re.compile(r"(?<![\d/.,])\d{1,4}/\d{1,4}(?![\d/])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９",
                        "012345678901234567890123456789")


# Enclosed numbers as the digits they hold: ①-⑳, ⑴-⒇ ("两⑵名"), ⒈-⒛.
_DIGITS.update({0x2460 + i: str(i + 1) for i in range(20)})
_DIGITS.update({0x2474 + i: f"({i + 1})" for i in range(20)})
_DIGITS.update({0x2488 + i: f"{i + 1}." for i in range(20)})
_OTHER_DIGITS = re.compile("[٠-٩۰-۹０-９\u2460-\u249b]")

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
    if "الساعة" in text:
        text = _AR_CLOCK.sub(lambda m: " " * len(m.group()), text)
    found = [(m.start(), m.group()) for m in SYMBOL.finditer(text) if re.search(r"\d", m.group())]
    rest = SYMBOL.sub(lambda m: " " * len(m.group()), text)
    found += [(m.start(), m.group()) for m in RESOLUTION.finditer(rest)]
    return tuple(ref for _, ref in sorted(found))


# "الساعة 47/10" (at 10.47): UN Arabic text often writes a time after "the hour" with a slash,
# minutes first; it is a time, not a resolution number.
_AR_CLOCK = re.compile(r"الساعة\s?\d{1,2}/\d{1,2}(?![\d/])")


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


@lru_cache(maxsize=None)
def _rules(lang: str) -> dict:
    table = data("numbers.json")
    return {**table["default"], **table.get(base_lang(lang), {})}


@lru_cache(maxsize=None)
def _number_pattern(lang: str) -> re.Pattern:
    rules = _rules(lang)
    # "." always joins digits into one token: parse_number decides what it means there.
    seps = "".join(re.escape(c) for c in dict.fromkeys(rules["decimal"] + rules["group"] + ["."]))
    magnitude, end = _magnitude_words(lang)
    about = "".join(rules.get("approximately", []))
    about = f"[{about}]?" if about else ""
    return re.compile(rf"\d+(?:[{seps}]\d+)*(?:\s?{about}(?P<mag>{magnitude or '(?!)'}){end})?",
                      re.IGNORECASE)


@lru_cache(maxsize=None)
def _bracketed_pattern(lang: str) -> re.Pattern:
    """A number in brackets right before a magnitude word: "(80) million US dollars"."""
    magnitude, end = _magnitude_words(lang)
    return re.compile(rf"\((\d+(?:[.,]\d+)*)\)(?=\s?(?:{magnitude}){end})", re.IGNORECASE)


def _magnitude_words(lang: str) -> tuple[str, str]:
    """The alternation of the language's magnitude words, and what must follow one. In Latin
    script the word ends there or after a plural "s" ("2 millions"; "dos (2) militantes" is not
    "2 mil"); Cyrillic and Arabic ones take case endings ("2 миллиона", "مليونا"), and Chinese
    ones need no space after them ("200万美元")."""
    words = sorted(_rules(lang).get("magnitudes", {}), key=len, reverse=True)
    magnitude = "|".join(re.escape(w) for w in words)
    if lang_script(lang) == "LATIN":
        return magnitude, r"(?:s?(?![^\W\d_]))"
    return magnitude, ""


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
def _numbers(text: str, lang: str, clock: bool = True) -> Counter:
    """``numbers``, remembered per text (a source is read once per target language); callers
    get a copy, so the remembered Counter never changes. Without ``clock``, clock times are
    read as they are written (the check's first, quicker look: most pairs agree so)."""
    if clock and not _clock_hint(lang).search(text):
        return _numbers(text, lang, False)  # no clock time here: the same reading
    text = normalise_digits(visible(text))
    text = SYMBOL.sub(" ", text)
    if clock:  # before resolution numbers: "الساعة 47/10" is a time
        text = _clock_times(text, lang)
    text = RESOLUTION.sub(" ", text)
    if _rules(lang).get("reversed_groups"):
        text = _REVERSED_GROUPS.sub(_reverse_groups, text)
    found: Counter = Counter()
    if "." in text:
        labels = [m for m in _MULTI_LABEL.finditer(text)
                  if not all(len(part) == 3 for part in m.group().split(".")[1:])]
        for label in reversed(labels):  # "3.2.1", alike in every language
            found[label.group()] += 1
            text = text[: label.start()] + " " + text[label.end():]
    magnitudes = {k.lower(): v for k, v in _rules(lang).get("magnitudes", {}).items()}
    if "(" in text and magnitudes:  # "(80) million": the number in brackets, then its word
        text = _bracketed_pattern(lang).sub(r" \1", text)
    for match in _number_pattern(lang).finditer(text):
        token = match.group()[: match.start("mag") - match.start()] if match.group("mag") else match.group()
        token = token.rstrip("".join(_rules(lang).get("approximately", [])))
        unit = _UNIT.match(text, match.end())
        values = parse_number(token.strip(), lang, quantity=unit is not None)
        if match.group("mag"):
            values[-1] *= magnitudes[match.group("mag").lower()]
        found.update(_canonical(v) for v in values)
    found.update(str(month) for month in months(text, lang))
    return found


_MULTI_LABEL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{1,3}){2,}(?![\d,]|\.\d)")


def _canonical(value: Decimal) -> str:
    return format(value.normalize(), "f")


@lru_cache(maxsize=None)
def _clock_hint(lang: str) -> re.Pattern:
    return re.compile(_rules(lang)["clock_hint"])


@lru_cache(maxsize=None)
def _time_pattern(lang: str) -> re.Pattern:
    """The language's clock times, then every language's, as one pattern (one pass a text);
    the groups of the i-th pattern are suffixed _i."""
    rules = _rules(lang)
    patterns = [*rules.get("times", []), *rules.get("clock", [])]
    return re.compile("|".join(
        "(?:" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", p) + ")" for i, p in enumerate(patterns)))


def _clock_times(text: str, lang: str) -> str:
    """Clock times as the hour on the 24-hour clock and the minutes unless 00, so that "3 p.m."
    = "15 heures" = "15.00 horas" = "15:00" = "下午3时" (15), and "10.30 a.m." = "10 h 30"."""
    return _time_pattern(lang).sub(_clock_time, text)


def _clock_time(match: re.Match) -> str:
    suffix = next(k for k, v in match.groupdict().items() if k.startswith("h_") and v)[1:]
    groups = {k[: -len(suffix)]: v for k, v in match.groupdict().items() if k.endswith(suffix)}
    after_noon = bool(groups.get("pm"))
    text = _hour(groups["h"], groups.get("m"), after_noon)
    if groups.get("h2"):  # a range under one "p.m." or 下午: 下午3时至6时
        text += _hour(groups["h2"], groups.get("m2"), after_noon)
    return text


def _hour(hour: str, minutes: str | None, after_noon: bool) -> str:
    value = int(hour) + (12 if after_noon and int(hour) < 12 else 0)
    return f"|{value}|" + (f"{int(minutes)}|" if minutes and int(minutes) else "")


# Digit groups stored last group first ("967 687 41" for 41 687 967, "000 4" for 4 000,
# "630.8 1" for 1 630.8): groups of three then a shorter one, or a first group "0..", which no
# number written in the usual order has.
_REVERSED_GROUPS = re.compile(
    r"(?<![\d.,٫٬])\d{3}(?:[.٫]\d+(?=[ \u00a0\u202f]\d{1,3}(?![\d.,٫٬])))?"
    r"(?:[ \u00a0\u202f]\d{3})*[ \u00a0\u202f]\d{1,3}(?![\d.,٫٬])")


def _reverse_groups(match: re.Match) -> str:
    groups = re.split(r"[ \u00a0\u202f]", match.group())
    if len(groups[-1]) == 3 and not groups[0].startswith("0"):
        return match.group()
    return ",".join(reversed(groups))  # "630.8 1": 1,630.8


# ------------------------------------------------------------------------------ month names


def month_locales(lang: str) -> list[str]:
    """The CLDR locales whose month names ``lang`` is written with (the data's
    ``month_locales``: Arabic has five ways to name the months)."""
    return list(_rules(lang).get("month_locales", [base_lang(lang)]))


@lru_cache(maxsize=None)
def month_names(lang: str) -> dict[str, int]:
    """Month name -> number for ``lang`` from CLDR (format and stand-alone wide names)."""
    rules = _rules(lang)
    script = lang_script(lang)
    names: dict[str, int] = {}
    for code in month_locales(lang):
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
    names = _lower_month_names(lang)
    found = []
    for match in pattern.finditer(text):
        first = _month_number(match.group(1), names, lang)
        found.append(first)
        if match.group(2):
            second = _month_number(match.group(2), names, lang)
            if second != first:
                found.append(second)
    return found


def other_months(text: str, lang: str) -> Counter:
    """Month numbers the text names in the languages the data file lists as ``month_also``, in
    their own script and case ("6 February 2015" left in English in a Russian text is the same
    date). Read only for entries whose numbers differ at all."""
    found: Counter = Counter()
    for other in _rules(lang).get("month_also", []):
        if lang_script(other) != "LATIN" or _LATIN.search(text):  # a quick test first
            found.update(str(month) for month in months(normalise_digits(visible(text)), other))
    return found


_LATIN = re.compile("[A-Za-z]")


@lru_cache(maxsize=None)
def _lower_month_names(lang: str) -> dict[str, int]:
    return {name.lower(): number for name, number in month_names(lang).items()}


def _month_number(word: str, names: dict[str, int], lang: str) -> int:
    word = word.lower()
    if word in names:
        return names[word]
    return names[word[1:]]  # a clitic before the name (بنوفمبر)


# ------------------------------------------------------------------------------ number words

# Numbers written in words ("eleventh", "Forty-three", "одиннадцатом", "الحادية عشرة", "第十一")
# are read only to account for a number the other side writes in digits: a word never raises
# a finding of its own ("one of the", "un rapport" are not numbers a reviser counts).
_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")  # words; digits and punctuation end a number
_DASHES = re.compile(r"[-‐‑–]")
_AR_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
_AR_LETTERS = str.maketrans("أإآٱى", "ااااي")  # alef forms to alef, alef maqsura to yeh
_CJK_NUMERAL = re.compile(r"[〇零一二三四五六七八九十百千万亿两]+")
_MULTIPLIERS = (1000, 10**6, 10**9, 10**12)


def _normal_word(word: str, lang: str) -> str:
    word = word.lower()
    if lang == "ar":
        word = _AR_MARKS.sub("", word).translate(_AR_LETTERS)
    return word


def _spelled(text: str, lang: str) -> list[str]:
    """The words of a text as the number tables hold them (lower case, hyphens as spaces)."""
    return _WORD.findall(_normal_word(_DASHES.sub(" ", text), lang))


@lru_cache(maxsize=None)
def number_words(lang: str) -> dict[str, int]:
    """Word -> value for the cardinal and ordinal number words of ``lang``.

    Written by num2words for 0-100 and the hundreds (a compound such as "sixty-ninth" or
    "cent trente et unième" is read word by word), plus the forms the data file lists
    (``number_words``), the feminine forms its ``feminine`` endings derive, and for Russian
    every case, gender and number form pymorphy3 knows of each word. Languages whose table
    needs pymorphy3 keep it in the l10n cache folder (as compiled glossaries are kept), so that
    later runs and their worker processes do not load the Russian dictionary for it.
    """
    if not _rules(lang).get("inflect"):
        return _build_number_words(lang)
    from ..util.cache import kept_json

    return kept_json(f"numbers/words-{base_lang(lang)}-{_table_key()}.json",
                     lambda: _build_number_words(lang), lambda table: isinstance(table, dict))


def _table_key() -> str:
    """What a cached word table depends on: the data file and the libraries that wrote it."""
    from importlib import metadata

    parts = [json.dumps(data("numbers.json"), sort_keys=True)]
    for name in ("num2words", "pymorphy3", "pymorphy3-dicts-ru"):
        try:
            parts.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            parts.append("-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _build_number_words(lang: str) -> dict[str, int]:
    from num2words import num2words

    base = base_lang(lang)
    rules = _rules(lang)
    table: dict[str, int] = {}
    for value in [*range(0, 101), *range(200, 1001, 100)]:
        for kind in ("cardinal", "ordinal"):
            try:
                words = _spelled(num2words(value, lang=base, to=kind), base)
            except (NotImplementedError, KeyError, ValueError, TypeError, AttributeError):
                continue
            if len(words) == 1:
                table.setdefault(words[0], value)
    for word, value in rules.get("magnitudes", {}).items():
        if " " not in word:
            table.setdefault(_normal_word(word, base), value)
    for word, value in rules.get("number_words", {}).items():
        table[_normal_word(word, base)] = value
    for ending, feminine in rules.get("feminine", []):
        for word, value in list(table.items()):
            if word.endswith(ending) and len(word) > len(ending):
                table.setdefault(word[: len(word) - len(ending)] + feminine, value)
    if rules.get("inflect"):
        table.update(_inflected(table))
    words = list(table.items())
    for prefix in rules.get("number_prefixes", []):  # Arabic clitics: والحادية, بخمسة
        for word, value in words:
            table.setdefault(prefix + word, value)
    return table


def _inflected(table: dict[str, int]) -> dict[str, int]:
    """Every form pymorphy3 knows of each Russian number word (одиннадцатом, двенадцати)."""
    from ..glossary.matcher.morph import morph_analyzer

    morph = morph_analyzer()
    forms: dict[str, int] = {}
    for word, value in table.items():
        for parse in morph.parse(word)[:3]:
            if parse.normal_form != word:
                continue
            if not {"NUMR", "ADJF", "NOUN"} & {parse.tag.POS}:
                continue
            for form in parse.lexeme:
                forms.setdefault(form.word.replace("ё", "е"), value)
    return {form: value for form, value in forms.items() if form not in table}


@lru_cache(maxsize=TEXT_MEMO)
def spelled_numbers(text: str, lang: str) -> Counter:
    """The values a text writes in words: "Forty-three" 43, "eleventh" 11, "الحادية عشرة" 11,
    "одиннадцатом" 11, "第十九条" 19, "二〇一五年" 2015, "两百万" 2000000."""
    if lang_script(lang) == "CJK":
        return Counter(_canonical(Decimal(v)) for v in _cjk_numbers(text))
    roman = Counter(str(_roman_value(m.group())) for m in _ROMAN.finditer(text)
                    if len(m.group()) > 1 or text[m.start() - 1: m.start()] == "("
                    or _LONE_ROMAN.match(text, m.start()))
    rules = _rules(lang)
    if rules.get("not_numbers"):  # "first of all" counts nothing
        text = _idioms(lang).sub(" ", text)
    table = number_words(lang)
    joiners = set(rules.get("number_joiners", []))
    found: Counter = Counter()
    run: list[int] = []
    for word in _spelled(text, base_lang(lang)) + [""]:
        value = table.get(word)
        if value is not None:
            run.append(value)
        elif word in joiners and run:
            continue
        elif run:
            found.update(_canonical(Decimal(v)) for v in _compose(
                run, units_first=rules.get("units_first", False),
                vigesimal=rules.get("vigesimal", False)))
            run = []
    return found + roman


@lru_cache(maxsize=None)
def _idioms(lang: str) -> re.Pattern:
    """The data file's ``not_numbers``: phrases whose number word is no number."""
    phrases = sorted(_rules(lang)["not_numbers"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


# Roman numerals in capitals, as in "resolution 1894 (LVII)" and "article XII": they account
# for the digits the other side writes ("(د-57)", "المادة 12").
_ROMAN = re.compile(r"\b(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b")
# "I" is a numeral in brackets or after a word and before punctuation or "and", "to", "of"
# ("annex I.", "chapters I and II"), not the pronoun ("I have the honour").
_LONE_ROMAN = re.compile(r"(?<=[a-z] )I(?=$|[.,;:()]|\s(?:and|to|of|in|or)\b)")
_ROMAN_DIGITS = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_DIGITS[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, values[1:] + [0]))


def _compose(values: list[int], *, units_first: bool = False,
             vigesimal: bool = False) -> list[int]:
    """Number words in a row as the numbers they write: [40, 3] 43 (and Arabic [3, 40] 43,
    [1, 10] 11), [1, 100, 30, 1] 131, [2, 1000000] 2000000; [2, 3] two numbers."""
    numbers, total, current, last = [], 0, None, None
    for value in values:
        if current is None:
            current = last = value
        elif value in _MULTIPLIERS and total + current < value:
            total, current, last = (total + current) * value, 0, value
        elif value == 100 and 0 < current < 10 and last == current:
            current, last = current * 100, 100
        elif vigesimal and value == 20 and current == last == 4:
            current = last = 80  # quatre-vingt(s), quatre-vingtième, quatre-vingt-onze
        elif _follows(last, value, units_first):
            current, last = current + value, value
        else:
            numbers.append(total + current)
            total, current, last = 0, value, value
    if current is not None:
        numbers.append(total + current)
    return numbers


def _follows(last: int, value: int, units_first: bool) -> bool:
    """Whether ``value`` continues the number ending in ``last``: a smaller order after a larger
    one (60 and 80 also take 10-19: soixante-dix, quatre-vingt-onze); with ``units_first``
    (Arabic) a unit comes before its ten instead (ثلاثة وأربعون, أحد عشر), never after it."""
    if last == 0:
        return False
    if units_first and value % 100 == 0 and value < 1000 and last < 100:
        return True  # الحادية والثلاثون بعد المائة: 31 after the hundred, 131
    if last % 100 == 0:
        return value < last
    if last % 10 == 0:
        # Arabic writes a unit before its ten, never after: "العشرة الأولى" is "the first
        # ten", not eleven
        return not units_first and (value < 10 or (last in (60, 80) and value < 20))
    return units_first and last < 10 and value % 10 == 0 and 10 <= value < 100


def _cjk_numbers(text: str) -> list[int]:
    """Chinese numerals: "十九", "二〇一五", "一五六" (digit by digit), "两百万"; a single
    numeral counts only after 第, after "附件" or "附录" (annex, appendix: "附件一") or before
    a measure word ("一项", not "统一")."""
    values = []
    for match in _CJK_NUMERAL.finditer(text):
        numeral = match.group()
        if len(numeral) == 1:
            before = text[match.start() - 1: match.start()]
            after = text[match.end(): match.end() + 1]
            if before != "第" and (not after or after not in _CJK_MEASURES) and \
                    text[max(match.start() - 2, 0): match.start()] not in _CJK_LABELS:
                continue
        value = _cjk_value(numeral)
        if value is not None:
            values.append(value)
    return values


@lru_cache(maxsize=4096)
def _cjk_value(numeral: str) -> int | None:
    import cn2an

    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


_CJK_LABELS = ("附件", "附录")
_CJK_MEASURES = set("个名次条项年月日号届位种人天周岁倍家国份时点款段章节期轮批所架起")


# ------------------------------------------------------------------------------ the checks


def _differences(source: Counter, target: Counter) -> tuple[list[str], list[str]]:
    missing = sorted((source - target).elements(), key=_sort_key)
    extra = sorted((target - source).elements(), key=_sort_key)
    return missing, extra


def _sort_key(value: str) -> tuple:
    return (0, Decimal(value), value) if re.fullmatch(r"\d+(?:\.\d+)?", value) else (1, 0, value)


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
    number, clock times as the 24-hour hour ("3 p.m." = "15 heures"), and numbers in words
    account for digits on the other side ("eleventh meeting" = "11e séance" = "第十一次会议").
    """

    code = "N003"
    slug = "number-mismatch"
    severity = Severity.WARNING
    examples_fail = [
        ("zh", "4 to 6 November 2025", "2025年11月4日至5日"),
        ("fr", "3.5 per cent", "35 pour cent"),
        ("ru", "in 1995", "в 1996 году"),
        ("es", "held in November 2025", "celebrada en octubre de 2025"),
        ("fr", "In October 2014, the Mission visited the prison.",
         "En octobre, la Mission s'est rendue à la prison."),
        ("fr", "at 3 p.m.", "à 16 heures"),
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
        ("fr", "at 3 p.m.", "à 15 heures"),
        ("ru", "at its 11th meeting", "на своем одиннадцатом заседании"),
        ("zh", "$12,500", "12 500美元"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            glue = glued(references(source), target)
            for first, second in glue:
                target = normalise_digits(target).replace(first + second, f"{first} {second}")
            missing, extra = _differences(_numbers(source, entry.source_lang, False),
                                          _numbers(target, entry.lang, False))
            if missing or extra:  # clock times read on the 24-hour clock: "3 p.m." = "15 h"
                missing, extra = _differences(_numbers(source, entry.source_lang),
                                              _numbers(target, entry.lang))
                missing, extra = _hyphenated_labels(missing, extra, target)
            if missing or extra:
                missing, extra = _reconcile(missing, extra, source, target, entry)
            if missing or extra:
                if not missing and _years_made_explicit(extra, source, target):
                    yield self.finding(entry, "a year the source leaves to the context (made "
                                       f"explicit?): {', '.join(extra)}", severity=Severity.INFO,
                                       found=", ".join(extra))
                    continue
                yield self.finding(entry, "numbers differ: " + _describe(missing, extra),
                                   expected=missing, found=", ".join(extra) or None)


_YEAR = re.compile(r"(?<!\d)(?<!\d[.,/])(?:19|20)\d\d(?!\d|[.,/]\d)")


def _years_made_explicit(extra: list[str], source: str, target: str) -> bool:
    """Whether every number only the translation has is a year written as one ("2014年8月13日"
    for "13 August", "en 1996" for "in the same year", "la loi de 2004" for "POCA"): official
    translations make a date or a reference explicit that way. A year dropped, or changed,
    is still a difference; so is a year one digit away from a year of the source (a typo as
    likely as an addition: "2014 ... 2019" for "2014 ... 2014")."""
    years = _YEAR.findall(normalise_digits(target))
    if not extra or not all(value in years for value in extra):
        return False
    stated = set(_YEAR.findall(normalise_digits(source)))
    return not any(sum(a != b for a, b in zip(value, year)) == 1
                   for value in extra for year in stated)


def _reconcile(missing: list[str], extra: list[str], source: str, target: str,
               entry: Entry) -> tuple[list[str], list[str]]:
    """What is left of the differences once the ways official translations legitimately write
    the same numbers otherwise are accounted for (only on entries that differ at all)."""
    source_lang, lang = entry.source_lang, entry.lang
    # A month named in another language (a date left in English): "6 February 2015".
    if missing and _rules(lang).get("month_also"):
        missing = _without(missing, other_months(target, lang))
    if extra and _rules(source_lang).get("month_also"):
        extra = _without(extra, other_months(source, source_lang))
    # Written in words on one side: "11" = "onzième", "第十一". Words that both sides write
    # ("annex III" / "المرفق الثالث") account for each other, not for a digit.
    if missing and not set(missing).isdisjoint(spelled_numbers(target, lang)):
        missing = _without(missing, spelled_numbers(target, lang)
                           - spelled_numbers(source, source_lang))
    if extra and not set(extra).isdisjoint(spelled_numbers(source, source_lang)):
        extra = _without(extra, spelled_numbers(source, source_lang)
                         - spelled_numbers(target, lang))
    if any(_DECADE.fullmatch(v) for v in missing):
        missing = _decades(missing, spelled_numbers(target, lang))
    if any(_DECADE.fullmatch(v) for v in extra):
        extra = _decades(extra, spelled_numbers(source, source_lang))
    missing, extra = _same_digits(missing, extra, lang)
    if missing and extra:
        missing, extra = _marked_numbers(missing, extra)
        extra, missing = _marked_numbers(extra, missing)
    if missing and extra:
        return missing, extra  # a number changed: nothing below explains that
    # Left on one side only: a number both sides write, only not as often (a language repeats
    # a year, or says "it" for "the An-26"), or a footnote mark or a code glued to a word
    # ("Crime1", "ranges\"18", "km2", "B2C", "UF6") that the other side leaves out or spells.
    # Or a resolution's year of adoption after its number ("resolution 2118" / "第2118(2013)号
    # 决议", "résolution 2118 (2013)").
    if missing:
        target_numbers = _numbers(target, lang)
        missing = _without([v for v in missing if v not in target_numbers],
                           glued_numbers(source, source_lang)
                           + _years_after(source, target_numbers))
    else:
        source_numbers = _numbers(source, source_lang)
        extra = _without([v for v in extra if v not in source_numbers],
                         glued_numbers(target, lang) + _years_after(target, source_numbers))
    return missing, extra


_YEAR_AFTER = re.compile(r"(?<![\d.,/])(\d{1,4})\s?[(（]((?:19[4-9]|20\d)\d)[)）]")


def _years_after(text: str, other: Counter) -> Counter:
    """Years in brackets right after a number the other side writes too ("2118 (2013)"): the
    year a resolution was adopted, which a translation may add to its number or leave out."""
    if "(" not in text and "（" not in text:
        return Counter()
    text = normalise_digits(text)
    return Counter(m.group(2) for m in _YEAR_AFTER.finditer(text) if other[m.group(1)]
                   and not other[m.group(2)])


def _marked_numbers(values: list[str], others: list[str]) -> tuple[list[str], list[str]]:
    """A number and the footnote mark after it (one or two digits) on one side, written as one
    number on the other ("2014-2015 for the Office ... Crime1" / "2014-20151": the mark's
    superscript lost): both parts left out of ``values``, the joined one out of ``others``."""
    for other in list(others):
        for mark in [v for v in values if len(v) <= 2 and v.isdigit()]:
            number = other[: -len(mark)]
            if other.endswith(mark) and number in values and number != mark and \
                    number.isdigit() and len(number) >= 3:
                values = list(values)
                values.remove(mark)
                values.remove(number)
                others = list(others)
                others.remove(other)
                break
    return values, others


def _decades(values: list[str], words: Counter) -> list[str]:
    """``values`` less the decades the other side writes as a word: "the 1960s" /
    "шестидесятых годов" / "الستينيات" (60 for 1960)."""
    if not words:
        return values
    return _without(values, Counter({decade: words[decade[2:]] for decade in values
                                     if _DECADE.fullmatch(decade) and words[decade[2:]]}))


def _same_digits(missing: list[str], extra: list[str], lang: str) -> tuple[list, list]:
    """The same digits read as a decimal with three places on one side and as a whole number
    on the other ("Act No. 18.561" / "18561", "6,987" in a Spanish text): one number written
    in another language's notation; also Arabic groups stored last group first ("734 156"),
    and a decade written with two digits ("the 1960s" / "les années 60")."""
    for value in list(missing):
        for other in extra:
            if _one_number(value, other, lang):
                missing.remove(value)
                extra.remove(other)
                break
    return missing, extra


_DECADE = re.compile(r"(?:19|20)[1-9]0")


def _one_number(first: str, second: str, lang: str) -> bool:
    for a, b in ((first, second), (second, first)):
        if _DECADE.fullmatch(a) and b == a[2:]:  # the 1960s / les années 60
            return True
        if "." not in a and len(b.split(".")[-1]) == 3 and b.count(".") == 1 \
                and b.replace(".", "") == a:
            return True
    if _rules(lang).get("reversed_groups") and first.isdigit() and second.isdigit() \
            and len(first) == len(second) and len(first) % 3 == 0 and len(first) > 3:
        groups = [second[i: i + 3] for i in range(0, len(second), 3)]
        return "".join(reversed(groups)) == first
    return False


# A letter of an alphabet (Chinese characters stand against digits in every number: 第4段).
_LETTER = "A-Za-z\u00c0-\u024f\u0400-\u04ff\u0621-\u064a"
_GLUED = re.compile(rf"(?:(?<=[{_LETTER}])|(?<=[{_LETTER}][\"”’'»)\].,;:])|(?<=[{_LETTER}]\[)|(?<=[{_LETTER}][.,;:]\[))\d{{1,4}}"
                    # Chinese: a footnote mark between the last character of a clause and its
                    # stop ("活动1。"); a number inside Chinese text is glued to it anyway.
                    r"|(?<=[\u4e00-\u9fff])\d{1,2}(?=[。，；：！？]|$)")


@lru_cache(maxsize=TEXT_MEMO)
def glued_numbers(text: str, lang: str) -> Counter:
    """Numbers written against a letter, or against the punctuation after a word: footnote
    marks ("Crime1", "ranges\"18", "Questions,3", "[23]", "活动1。") and codes ("km2", "B2C",
    "UF6")."""
    text = normalise_digits(visible(text))
    return Counter(_canonical(Decimal(m.group())) for m in _GLUED.finditer(text))


def _without(values: list[str], words: Counter) -> list[str]:
    """``values`` less those the other side writes in words (each word accounts for one)."""
    if not words:
        return values
    words = Counter(words)
    kept = []
    for value in values:
        if words[value] > 0:
            words[value] -= 1
        else:
            kept.append(value)
    return kept


def _hyphenated_labels(missing: list[str], extra: list[str], target: str) -> tuple[list, list]:
    """A label "1.3" written "1-3" (UN Arabic numbers SDG targets so: "الغاية 1-3"; "3.2.1" as
    "3-2-1") is the same label: drop it from both sides when the target holds exactly that
    hyphenated form."""
    digits = normalise_digits(target)
    for label in [m for m in missing if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", m)]:
        parts = label.split(".")  # 1.3 as 1-3, 3.2.1 as 3-2-1
        hyphenated = r"\s?[-‐‑–]\s?".join(parts)
        left = Counter(extra)
        if re.search(rf"(?<![\d.]){hyphenated}(?![\d.])", digits) and not Counter(parts) - left:
            missing.remove(label)
            for part in parts:
                extra.remove(part)
    return missing, extra


NUMBER_CHECKS = (SymbolMismatch, SymbolMerge, NumberMismatch)
