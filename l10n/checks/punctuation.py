"""Punctuation and typography per language (P-codes).

Each language's marks are data: the facts of the script in ``data/punctuation.json``, the
conventions a house chooses in a house style (``l10n/data/house/un.json`` by default, see
``l10n.house_style`` and the ``house-style`` setting); the checks read the text a reader
sees (tags, placeholders and URLs taken out), so "https://un.org" or an attribute's quotes never
count as punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from ..model import Finding
from ..util.counts import counted
from .. import house_style as house
from ..locales import base_lang
from .text import data, is_han, script_of, visible
from .base import Check, CheckContext, Entry, Severity


def _rules() -> dict:
    return data("punctuation.json")


def _house(context: CheckContext, lang: str) -> dict:
    """The chosen house style's conventions for ``lang`` (the project's ``house-style``,
    "un" without a project)."""
    config = context.config
    style = (house.load(config.house_style, config.house_style_file) if config is not None
             else house.load())
    return house.for_lang(style, base_lang(lang))


def is_cjk_punct(char: str) -> bool:
    """Full-width and CJK punctuation (，。：（）《》 and the like)."""
    code = ord(char)
    return unicodedata.category(char).startswith("P") and (
        0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or char in "“”‘’…—·")


def _neighbours(text: str, index: int) -> tuple[str, str]:
    """The nearest characters before and after ``index`` that are not spaces."""
    before = text[:index].rstrip()
    after = text[index + 1:].lstrip()
    return before[-1:], after[:1]


def _quoted(marks: Iterable[str]) -> str:
    return ", ".join(f'"{m}"' for m in dict.fromkeys(marks))


def _marks(bad: list[str]) -> str:
    """"1 mark", "3 marks": how many to fix (a second wrong mark is a new finding)."""
    return counted(len(bad), "mark")


_ENUMERATOR = re.compile(r"\s*(?:[一二三四五六七八九十]+|\d+)\.")


class ChineseAsciiPunctuation(Check):
    """ASCII punctuation in Chinese text where full-width marks belong.

    Anti-pattern: "联合国大会通过决议,决定召开" or "目标是:建设" (ASCII , : ; ! ? . beside Chinese
    characters). Better: "通过决议，决定召开", "目标是：建设". A mark counts when a Chinese
    character or mark touches it; ASCII inside Latin runs stays: "A/RES/78/261",
    "UN Photo, New York", "10:30". The house style says which marks may also be written
    half-width: UN Chinese writes half-width parentheses ("第1874(2009)号决议", "(续)", "(a)"),
    so the "un" style does not report them; a style that wants "（）" does.
    """

    code = "P001"
    slug = "zh-ascii-punctuation"
    severity = Severity.WARNING
    languages = ("zh",)
    examples_fail = [
        ("zh", "adopted resolutions, deciding", "联合国大会通过决议,决定召开世界社会峰会"),
        ("zh", "Goal: resilient societies", "目标是:建设更具韧性的社会"),
    ]
    examples_pass = [
        ("zh", "resolution 1874 (2009)", "第1874(2009)号决议"),
        ("zh", "Consul General (2011-2013).", "瑞士联邦总领事(2011-2013)。"),
        ("zh", "II. Background", "二. 背景"),
        ("zh", "See [the page](https://www.un.org/).", "见[网页](https://www.un.org/)。"),
        ("zh", "resolution A/RES/78/261", "第A/RES/78/261号决议"),
        ("zh", "UN Photo", "联合国图片 UN Photo, New York"),
        ("zh", "at 10:30, in Doha", "10:30，在多哈"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        rules = _house(context, entry.lang)
        either = rules.get("either_width", "")
        table = {mark: wide for mark, wide in rules.get("fullwidth", {}).items()
                 if mark not in either}
        if not table:
            return
        for _, target in entry.pairs():
            text = visible(target, "")
            bad = []
            for index, char in enumerate(text):
                if char not in table:
                    continue
                if index and _ENUMERATOR.fullmatch(text[:index + 1]):
                    continue  # "一. 导言", "1. ": UN Chinese numbers headings and paragraphs so
                before, after = _beside(text, index, either)
                if char == ".":
                    wrong = bool(before) and is_han(before) and not after[:1].isdigit()
                else:
                    # after "%" no number goes on ("84%,2011年为85%"): the mark is the sentence's
                    wrong = before == "%" or any(c and (is_han(c) or is_cjk_punct(c))
                                                 for c in (before, after))
                if wrong:
                    bad.append(char)
            if bad:
                wanted = [table[c] for c in dict.fromkeys(bad)]
                yield self.finding(entry, f"ASCII {_quoted(bad)} in Chinese text; use "
                                   f"{_quoted(wanted)} ({_marks(bad)})", expected=wanted,
                                   found="".join(bad))


def _beside(text: str, index: int, skip: str) -> tuple[str, str]:
    """The characters before and after ``index``, looking past marks of ``skip`` (the style's
    either-width parentheses: in "会议(续)?" the "?" follows Chinese text)."""
    start, end = index - 1, index + 1
    while start >= 0 and text[start] in skip:
        start -= 1
    while end < len(text) and text[end] in skip:
        end += 1
    return text[start:start + 1] if start >= 0 else "", text[end:end + 1]


class PairedMarks(Check):
    """Paired marks (《》, “”, （）, « ») do not balance in the translation.

    Anti-pattern: "《2030年可持续发展议程" with no closing 》, or "« Sommet" left open.
    Better: every opening mark closed in order: "《2030年可持续发展议程》".
    """

    code = "P002"
    slug = "paired-marks"
    severity = Severity.WARNING
    languages = ("zh", "fr", "ru", "es")
    examples_fail = [
        ("zh", "the 2030 Agenda", "《2030年可持续发展议程"),
        ("zh", "the theme “Second Summit”", "主题为“第二届首脑会议"),
        ("fr", "the “Summit”", "le « Sommet"),
    ]
    examples_pass = [
        ("zh", "the 2030 Agenda", "《2030年可持续发展议程》"),
        ("ru", "the “Summit”", "«Встреча на высшем уровне»"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        pairs = _rules()["pairs"].get(base_lang(entry.lang), [])
        for source, target in entry.pairs():
            text = visible(target, "")
            for opening, closing in pairs:
                problem = _balance(text, opening, closing)
                if problem and not _quotation_goes_on(source, text, opening, closing):
                    yield self.finding(entry, problem, expected=(opening + closing,))


_QUOTATION_MARKS = "«»“”„\"‘’「」『』"


def _quotation_goes_on(source: str, text: str, opening: str, closing: str) -> bool:
    """Whether an unbalanced quotation mark is one end of a quotation of several sentences,
    each its own entry: the translation opens it as its first character and never closes it
    ("«Член Организации ... года."), or closes it as its last mark and never opens it; and the
    source does not close, in the same entry, a quotation it opens at its start (English may
    quote such a passage as an indented block, with no marks at all)."""
    if opening not in _QUOTATION_MARKS:
        return False
    stripped = text.strip()
    if stripped.startswith(opening) and closing not in stripped:
        edge = source.lstrip()[:1]
        return not (edge in _QUOTATION_MARKS and any(
            c in _QUOTATION_MARKS for c in source.lstrip()[1:]))
    if stripped.rstrip(_END_MARKS).endswith(closing) and opening not in stripped:
        tail = source.strip().rstrip(_END_MARKS)
        return not (tail[-1:] in _QUOTATION_MARKS and any(
            c in _QUOTATION_MARKS for c in tail[:-1]))
    return False


_END_MARKS = " .;:!?…。；：！？"


def _balance(text: str, opening: str, closing: str) -> str | None:
    depth = 0
    for char in text:
        if char == opening:
            depth += 1
        elif char == closing:
            if depth == 0:
                return f'"{closing}" closes nothing (no "{opening}" before it)'
            depth -= 1
    return f'"{opening}" is not closed with "{closing}"' if depth else None


class FrenchSpacing(Check):
    """French needs a no-break space before ; : ! ? » and after «.

    Anti-pattern: "Objectif : inclusion" with an ordinary space (the line may break before the
    colon) or "Objectif: inclusion" with none. Better: U+00A0 (or the narrow U+202F) before
    ; : ! ? » and after «: "Objectif\u00a0: inclusion", "«\u202fSommet\u202f»".
    """

    code = "P003"
    slug = "fr-spacing"
    severity = Severity.WARNING
    languages = ("fr",)
    examples_fail = [
        ("fr", "Goal: inclusion", "Objectif : inclusion"),
        ("fr", "Why?", "Pourquoi?"),
        ("fr", "the “Summit”", "le «Sommet»"),
    ]
    examples_pass = [
        ("fr", "Goal: inclusion", "Objectif\u00a0: inclusion"),
        ("fr", "the “Summit”?", "le «\u202fSommet\u202f»\u00a0?"),
        ("fr", "See https://un.org at 10:30", "Voir https://un.org à 10:30"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        rules = _house(context, entry.lang)
        spaces = rules.get("spaces", "")
        before_marks, after_marks = rules.get("space_before", ""), rules.get("space_after", "")
        closers = _rules()["closers"]
        if not spaces or not (before_marks or after_marks):
            return
        for _, target in entry.pairs():
            text = visible(target, "\u00a0")
            bad = []
            for index, char in enumerate(text):
                if char in before_marks and index > 0:
                    prev = text[index - 1]
                    digits = char == ":" and prev.isdigit() and text[index + 1:index + 2].isdigit()
                    # "?!" takes no space between its marks, but a closing "»" is a word's end:
                    # «\u00a0Parties\u00a0»\u00a0: (not »: nor »;)
                    doubled = prev in before_marks and prev not in closers
                    if prev not in spaces and not doubled and not digits:
                        bad.append(f'before "{char}"')
                elif char in after_marks and text[index + 1:index + 2] not in tuple(spaces):
                    bad.append(f'after "{char}"')
            if bad:
                yield self.finding(entry, "a no-break space (U+00A0 or U+202F) is needed "
                                   + ", ".join(dict.fromkeys(bad)))


class SpanishInvertedMarks(Check):
    """A Spanish question or exclamation lacks its opening ¿ or ¡.

    Anti-pattern: "Qué es la Cumbre?" Better: "¿Qué es la Cumbre?", "¡Bienvenidos!".
    """

    code = "P004"
    slug = "es-inverted-marks"
    severity = Severity.WARNING
    languages = ("es",)
    examples_fail = [
        ("es", "What is the Summit?", "Qué es la Cumbre?"),
        ("es", "Welcome!", "Bienvenidos!"),
    ]
    examples_pass = [
        ("es", "What is the Summit?", "¿Qué es la Cumbre?"),
        ("es", "The Summit, why now? Welcome!", "La Cumbre, ¿por qué ahora? ¡Bienvenidos!"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for _, target in entry.pairs():
            text = visible(target)
            for opening, closing in (("¿", "?"), ("¡", "!")):
                depth = 0
                for char in text:
                    if char == opening:
                        depth += 1
                    elif char == closing:
                        if depth == 0:
                            yield self.finding(entry, f'"{closing}" without an opening "{opening}"',
                                               expected=(opening,))
                            break
                        depth -= 1


class ArabicPunctuation(Check):
    """Latin , ; ? between Arabic words where ، ؛ ؟ belong.

    Anti-pattern: "الدوحة, قطر" or "ما هي القمة?". Better: "الدوحة، قطر", "ما هي القمة؟".
    Latin marks between digits or Latin words stay ("1,5", "A/RES/78/261, p. 3").
    """

    code = "P005"
    slug = "ar-punctuation"
    severity = Severity.WARNING
    languages = ("ar",)
    examples_fail = [
        ("ar", "Doha, Qatar", "الدوحة, قطر"),
        ("ar", "What is the Summit?", "ما هي القمة?"),
        ("ar", "poverty; inclusion", "الفقر; الإدماج"),
    ]
    examples_pass = [
        ("ar", "Doha, Qatar", "الدوحة، قطر"),
        ("ar", "What is the Summit?", "ما هي القمة؟"),
        ("ar", "see A/RES/78/261, para. 3", "انظر A/RES/78/261, para. 3"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        table = _rules()["ar_latin"]
        for _, target in entry.pairs():
            text = visible(target)
            bad = []
            for index, char in enumerate(text):
                if char not in table:
                    continue
                before, after = _neighbours(text, index)
                arabic_before = bool(before) and script_of(before) == "ARABIC"
                if arabic_before and (char == "?" or (after and script_of(after) == "ARABIC")):
                    bad.append(char)
            if bad:
                wanted = [table[c] for c in dict.fromkeys(bad)]
                yield self.finding(entry, f"Latin {_quoted(bad)} in Arabic text; use "
                                   f"{_quoted(wanted)} ({_marks(bad)})", expected=wanted,
                                   found="".join(bad))


# Double quotation marks of any language; the apostrophe and single quotes (’ ‘) are left
# alone, since French and English write ’ as an apostrophe.
_DOUBLE_QUOTES = '"“”„‟«»'


class Quotes(Check):
    """Quotation marks are not the language's: French and Russian quote with « », not "straight"
    or “English” quotes.

    Anti-pattern: fr 'le "Sommet"', ru 'так называемый "социальный саммит"' or “саммит”.
    Better: fr «\u00a0Sommet\u00a0» (with “ ” for quotes inside quotes: «\u00a0le “Sommet”\u00a0»),
    ru «социальный саммит» (with „ “ inside: «Декларация „Доха“»). The marks per language are
    the house style's ``quotes`` (outer pair, inner pair, inner only inside outer); a language
    the style gives no quotes is not checked ("un": fr, ru).
    """

    code = "P006"
    slug = "quotes"
    aliases = ("ru-quotes",)  # its slug while it knew Russian only: old flags still work
    severity = Severity.WARNING
    examples_fail = [
        ("ru", 'the "World Social Summit"', 'так называемый "Всемирный социальный саммит"'),
        ("ru", "the “Summit”", "“саммит”"),
        ("fr", 'the "Summit"', 'le "Sommet"'),
        ("fr", "the “Summit”", "le “Sommet”"),
    ]
    examples_pass = [
        ("ru", "the “Summit”", "«саммит»"),
        ("ru", 'the "Doha" declaration', "«Декларация „Доха“»"),
        ("ru", '<a href="/ru">Summit</a>', '<a href="/ru">Саммит</a>'),
        ("fr", "the “Summit”", "le «\u00a0Sommet\u00a0»"),
        ("fr", 'he said: "the “Summit”"', "il a dit\u00a0: «\u00a0le “Sommet”\u00a0»"),
        ("es", 'the "Summit"', 'la "Cumbre"'),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        rules = _house(context, entry.lang).get("quotes")
        if not rules:
            return
        outer, inner = rules.get("outer", ""), rules.get("inner", "")
        for _, target in entry.pairs():
            if not any(mark in target for mark in _DOUBLE_QUOTES):
                continue
            bad = _foreign_quotes(visible(target), outer, inner)
            if bad:
                wanted = f"{' '.join(outer)} for quotations" + (
                    f" (and {' '.join(inner)} inside them)" if inner else "")
                yield self.finding(entry, f"use {wanted}, not {_quoted(bad)} ({_marks(bad)})",
                                   expected=tuple(outer), found="".join(bad))


def _foreign_quotes(text: str, outer: str, inner: str) -> list[str]:
    """The double quotation marks of ``text`` that are not the language's: any not in its outer
    or inner pair, and inner ones outside an outer quotation."""
    opening, closing = (outer[0], outer[1]) if len(outer) == 2 else ("", "")
    depth, bad = 0, []
    for char in text:
        if char not in _DOUBLE_QUOTES:
            continue
        if opening and char == opening:
            depth += 1
        elif closing and char == closing:
            depth = max(depth - 1, 0)
        elif char not in inner or depth == 0:
            bad.append(char)
    return bad


def _ending(text: str) -> str:
    """The text up to the last mark a reader sees: closing quotes and brackets skipped, and a
    footnote reference after the last word or stop ("website.3", "planning.[23]",
    "الشبكي(3)"); "..." read as "…"."""
    text = visible(text, "").rstrip().replace("...", "…")
    return _without_footnote(text).rstrip(_rules()["closers"]).rstrip()


_FOOTNOTE = re.compile(r"(?:\d{1,3}|\[\d{1,3}\]|\(\d{1,3}\))$")
_STOPS = ".!?;:。？！；：؟؛"


def _without_footnote(text: str) -> str:
    """``text`` without a footnote reference at its end: one to three digits, bare or in
    brackets, written against a stop ("website.3", not "3.5") or a word that is not upper case
    ("Конференции3", "الشبكي(3)"; not "CO2", "A/RES/78/261" or "article 3")."""
    if not text or not (text[-1].isdigit() or text[-1] in ")]"):
        return text
    tail = text[-5:]
    found = _FOOTNOTE.search(tail)
    if not found or found.start() == 0 and len(tail) == len(text):
        return text
    start = len(text) - len(tail) + found.start()
    before = text[start - 1]
    if before in _STOPS:
        return text[:start] if not text[start - 2:start - 1].isdigit() else text
    if before.isalpha() and not before.isupper():
        return text[:start]
    return text


def _ends_in_abbreviation(text: str) -> bool:
    """Whether the final period of ``text`` is an abbreviation's ("3 p.m.", "etc.", "Corr."):
    a word of the source abbreviations (data) or dotted initials ("U.S.", "i.e.")."""
    if not text.endswith("."):
        return False
    word = text.rsplit(None, 1)[-1]
    if word.lower() in _abbreviations():
        return True
    return bool(_INITIALS.search(word))


_INITIALS = re.compile(r"(?:^|[^\w.])(?:[^\W\d_]\.){2,}$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(word.lower() for word in _rules()["abbreviations"])


class EndPunctuation(Check):
    """The translation does not end as the source does (full stop, question mark, colon...).

    Anti-pattern: a source ending with "?" and a Chinese target ending with "?" or nothing, an
    Arabic one with "?"; or a heading without a full stop that gets one. Better: the language's
    own mark (。？！：for Chinese, ؟ for Arabic), and no mark where the source has none.
    """

    code = "P007"
    slug = "end-punctuation"
    severity = Severity.WARNING
    examples_fail = [
        ("zh", "The Summit opens today.", "首脑会议今天开幕"),
        ("ar", "What is the Summit?", "ما هي القمة?"),
        ("fr", "Leadership of the Summit", "Direction du Sommet."),
        ("zh", "Leadership of the Summit", "首脑会议领导层。"),
    ]
    examples_pass = [
        ("zh", "The Summit opens today.", "首脑会议今天开幕。"),
        ("ar", "What is the Summit?", "ما هي القمة؟"),
        ("es", "What is the Summit?", "¿Qué es la Cumbre?"),
        ("ru", 'He said: "Welcome."', "Он сказал: «Добро пожаловать.»"),
        ("es", "Statement by H.E", "Declaración del Excmo. Sr."),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        table = _rules()["end"]
        mapping = {**table["default"], **table.get(base_lang(entry.lang), {})}
        for source, target in entry.pairs():
            source_end, target_end = _ending(source), _ending(target)
            if not source_end or not target_end:
                continue
            mark = source_end[-1]
            if mark in mapping:
                if mark == "." and _ends_in_abbreviation(source_end):
                    continue  # "at 3 p.m." is no full stop: "à 15 heures" needs none
                if mark == "." and _data_line(source_end, target_end):
                    continue  # "Population: 61,777 (2014)." / "Population : 61 777 (2014)"
                wanted = [ending for closing in _closing_marks(source_end, mapping)
                          for ending in mapping[closing]]
                if not target_end.endswith(tuple(wanted)):
                    found = target_end[-1]
                    recast = mark in _STATEMENT_MARKS and found in _STATEMENT_MARKS
                    heading = mark == ":" and _label(source_end) and _label(target_end + ":")
                    if recast:
                        said = f'with "{found}" (a sentence or list recast?)'
                    elif heading:
                        said = "with none (a heading without its colon?)"
                    else:
                        said = f"does not end with {_quoted(mapping[mark])}"
                    yield self.finding(entry, f'the source ends with "{mark}", the translation '
                                       + said, severity=Severity.INFO if recast or heading else None,
                                       expected=mapping[mark], found=found)
            elif source_end[-1].isalnum() and _adds_stop(target_end) \
                    and not _LIST_ITEM.match(visible(target, "")):
                yield self.finding(entry, "the source has no end punctuation (a heading?), the "
                                   f'translation ends with "{target_end[-1]}"', found=target_end[-1])


# A data line: a short label, a colon, a value ("Land area: 948.2 km².", "Superficie : ...").
_LABELLED = re.compile(r"^[^\W\d_][^:.;!?]{0,40}?\s?:\s+(?=\d|[^\W\d_])")
_LABEL_WORDS = 5


def _label(text: str) -> bool:
    """Whether ``text`` is a short heading that ends with a colon ("Recommendations:",
    "Vice-Presidents:"): at most three words and no other stop. A translation may set such a
    heading without its colon, as a heading sets no mark."""
    body = text[:-1]
    return text.endswith(":") and len(body.split()) <= 3 and not any(c in _STOPS for c in body)


# The marks that close a statement or a part of one. A translation that closes with another of
# them than its source (":" for ";", "." for ":", "," for ";") has recast the sentence or the
# list, as official translations often do; a question or an exclamation must stay one.
_STATEMENT_MARKS = frozenset(".:;,。：；，、،؛")


def _closing_marks(text: str, mapping: dict) -> list[str]:
    """The marks of the cluster that ends ``text`` which have renderings: ``"take?:"`` ends with
    a question mark and a colon, and a translation may end with either."""
    marks = []
    for char in reversed(text):
        if char not in mapping:
            break
        marks.append(char)
    return marks


def _data_line(source: str, target: str) -> bool:
    """Whether both sides are a "Label: value" line (a label of at most five words, then a
    colon) and the translation has no end mark at all: such lines are the rows of a fact sheet,
    whose final full stop languages write or leave out ("Population: 61,777 (2014)." /
    "Population : 61 777 habitants (2014)"). The value starts with a digit or a capital: "Note:
    the Committee met." is a sentence, and keeps its full stop."""
    if target[-1] in _STOPS or target[-1] in ".…":
        return False
    label = _LABELLED.match(source)
    if label is None or len(label.group().split()) > _LABEL_WORDS + 1:
        return False
    value = source[label.end()]
    return (value.isdigit() or value.isupper()) and _LABELLED.match(target) is not None


# A list item written with a dash or a bullet: languages close list items by their own
# rules (Russian ends each with ";" or ".", where English often writes none).
_LIST_ITEM = re.compile(r"\s*[-–—•▪●]\s")


def _adds_stop(text: str) -> bool:
    """Ends with a full stop that is not part of a short abbreviation ("Sr.", "S.E.")."""
    if text.endswith("。"):
        return True
    if not text.endswith("."):
        return False
    word = text[:-1].split()[-1] if text[:-1].split() else ""
    return len(word) >= 4 and "." not in word


class DoubledSpace(Check):
    """Two spaces in a row in the translation where the source has none.

    Anti-pattern: "la  Cumbre" (often left by an edit). Better: one space: "la Cumbre".
    """

    code = "P008"
    slug = "doubled-space"
    severity = Severity.WARNING
    examples_fail = [("es", "the Summit", "la  Cumbre"), ("ru", "the Summit", "эта  встреча")]
    examples_pass = [("es", "the Summit", "la Cumbre"), ("fr", "a  b", "a  b")]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            if "  " in target and "  " not in source:
                yield self.finding(entry, "two spaces in a row")


class EdgeWhitespace(Check):
    """The translation starts or ends with whitespace and the source does not (or the reverse).

    Anti-pattern: " La Cumbre" or "峰会 " when the source is "The Summit". Better: whitespace at
    the edges exactly as in the source (it often separates this string from the next).
    """

    code = "P009"
    slug = "edge-whitespace"
    severity = Severity.WARNING
    examples_fail = [
        ("es", "The Summit", " La Cumbre"),
        ("zh", "The Summit", "首脑会议 "),
        ("fr", "Summit ", "Sommet"),
    ]
    examples_pass = [("es", "The Summit", "La Cumbre"), ("fr", "Summit ", "Sommet ")]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            for where, pick in (("starts", lambda s: s[:1]), ("ends", lambda s: s[-1:])):
                src, tgt = pick(source).isspace(), pick(target).isspace()
                if src != tgt:
                    who = "translation" if tgt else "source"
                    other = "source" if tgt else "translation"
                    yield self.finding(entry, f"the {who} {where} with whitespace, the {other} "
                                       "does not")


PUNCTUATION_CHECKS = (ChineseAsciiPunctuation, PairedMarks, FrenchSpacing, SpanishInvertedMarks,
                      ArabicPunctuation, Quotes, EndPunctuation, DoubledSpace, EdgeWhitespace)
