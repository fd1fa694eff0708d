"""Terminology checks: the glossary's concepts carried correctly from the source into the target.

Seven checks, codes T001 to T007, all slugs "term-...". Six read one shared analysis of each
(source, translation) pair (``term_analysis.analyse_pair``); term-name-consistency looks across
all the files of a language. They work between any two of the six languages: the source
language is the entry's ``source_lang``. Per-language exclusions (check_as_source,
check_as_target) are honoured by the indexes; a do_not_translate source term must reappear
verbatim in the translation.

Examples (``examples_fail`` / ``examples_pass``) are ``(target_lang, msgid, msgstr)`` with an
English source; they hold for the research glossary (terminology.csv). For the project check
term-name-consistency the examples of each list are one project together.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from typing import Iterable

import ahocorasick

from ..glossary.model import Status
from ..locales import base_lang
from ..model import Finding, Severity
from ..util.counts import counted
from .base import Check, CheckContext, Entry, ProjectCheck
from .term_analysis import (LOOKALIKE_DOTS, Verdict, analyse_pair, quoted,
                            suggested_terms, walk)


class _TermCheck(Check):
    """Shared plumbing: run the analysis on each (source, translation) pair, report one kind."""

    kind = ""

    def prepare(self, context: CheckContext, langs, source_lang: str) -> None:
        _prepare_indexes(context, langs, source_lang)

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        """The findings of this check's kind, one per (concept, found text) of the entry.

        A list rather than a generator, and an entry without plurals takes its one pair
        directly: this runs for every entry and every term check, and almost always finds
        nothing, so what it costs is its own overhead."""
        if context.glossary is None:
            return ()
        source_lang, target_lang = base_lang(entry.source_lang), base_lang(entry.lang)
        pairs = entry.pairs() if entry.msgid_plural else ((entry.msgid, entry.msgstr),)
        kind = self.kind
        findings: list[Finding] = []
        reported: set[tuple] = set()
        for source, target in pairs:
            if not target:
                continue
            for verdict in analyse_pair(source, target, source_lang, target_lang,
                                        context).verdicts:
                if verdict.kind == kind and (verdict.concept, verdict.found) not in reported:
                    reported.add((verdict.concept, verdict.found))
                    findings.append(self.report(entry, verdict, context))
        return findings

    def report(self, entry: Entry, verdict: Verdict, context: CheckContext) -> Finding:
        raise NotImplementedError


class TermMissing(_TermCheck):
    """A glossary term of the source has no acceptable rendering in the translation.

    Anti-pattern: "Second World Summit for Social Development" translated "第二届会议", or a
    paraphrase that drops the official name. Better: an acceptable term of the same concept,
    preferred or admitted, in any inflected, cliticised or contracted form
    ("Вторую Всемирную встречу на высшем уровне...", "بمؤتمر القمة العالمي الثاني...").
    """

    code = "T001"
    slug = "term-missing"
    severity = Severity.ERROR
    kind = "missing"
    examples_fail = [
        ("zh", "The Second World Summit for Social Development opened in Doha.", "第二届会议在多哈开幕。"),
        ("fr", "Civil society took part.", "Les organisations non gouvernementales y ont pris part."),
    ]
    examples_pass = [
        ("zh", "The Second World Summit for Social Development opened in Doha.",
         "第二届社会发展问题世界首脑会议在多哈开幕。"),
        ("ru", "Delegates travelled to Doha for the Second World Summit for Social Development.",
         "Делегаты прибыли в Доху на Вторую Всемирную встречу на высшем уровне в интересах "
         "социального развития."),
    ]

    def report(self, entry: Entry, verdict: Verdict, context: CheckContext) -> Finding:
        message = (f'"{verdict.source_text}" should be rendered {quoted(verdict.expected)} '
                   f"({verdict.concept}); not found")
        return self.finding(entry, message, concept=verdict.concept, expected=verdict.expected)


class TermDeprecated(_TermCheck):
    """The translation uses a deprecated term of a glossary concept.

    Anti-pattern: "第二届世界社会发展峰会" (峰会 is web register), "Catar", "États membres" for UN
    Member States. Better: the preferred term ("第二届社会发展问题世界首脑会议", "Qatar",
    "États Membres"), or an admitted one when the language has no preferred term. A deprecated
    form is reported only where the source names its concept: elsewhere the same words may be
    right for another meaning (États membres of the European Union, ru "сопредседатели" for
    co-chairs where it is deprecated for co-facilitators).
    """

    code = "T002"
    slug = "term-deprecated"
    severity = Severity.ERROR
    kind = "deprecated"
    examples_fail = [
        ("zh", "The Second World Summit for Social Development opened.", "第二届世界社会发展峰会开幕。"),
        ("es", "She served in Beijing.", "Prestó servicios en Pekín."),
    ]
    examples_pass = [
        ("zh", "The Second World Summit for Social Development opened.",
         "第二届社会发展问题世界首脑会议开幕。"),
        ("es", "She served in Beijing.", "Prestó servicios en Beijing."),
    ]

    def report(self, entry: Entry, verdict: Verdict, context: CheckContext) -> Finding:
        lang = base_lang(entry.lang)
        message = (f'"{verdict.found}" is deprecated for {verdict.concept} in {lang}; '
                   f"use {quoted(verdict.expected)}")
        return self.finding(entry, message, concept=verdict.concept,
                            expected=verdict.expected, found=verdict.found)


def _prepare_indexes(context: CheckContext, langs, source_lang: str) -> None:
    """Build the source index and the target indexes the terminology checks will use."""
    if context.glossary is None:
        return
    from ..glossary.cache import build_indexes

    wanted = [(base_lang(source_lang), "source")] + [(base_lang(lang), "target") for lang in langs]
    build_indexes(context.glossary, wanted)  # those not compiled yet, on every core
    for lang, role in wanted:
        context.term_index(lang, role)


class TermNearMiss(_TermCheck):
    """A name from the glossary is misspelt in the translation ("did you mean ...").

    Anti-pattern: "António Guteres", "阿尔萨尼" for 阿勒萨尼, "Omar Hilal" for "Omar Hilale".
    Better: the glossary spelling. Only names of persons, places and bodies are compared, only
    when the term itself is absent, by edit similarity over spans of about the term's length.
    """

    code = "T003"
    slug = "term-near-miss"
    severity = Severity.ERROR
    kind = "near-miss"
    examples_fail = [
        ("fr", "António Guterres opened the Summit.", "António Guteres a ouvert le Sommet."),
        ("zh", "Sheikh Tamim bin Hamad Al Thani spoke.", "塔米姆·本·哈马德·阿尔萨尼发言。"),
    ]
    examples_pass = [
        ("fr", "António Guterres opened the Summit.", "António Guterres a ouvert le Sommet."),
        ("zh", "Sheikh Tamim bin Hamad Al Thani spoke.", "塔米姆·本·哈马德·阿勒萨尼发言。"),
    ]

    def report(self, entry: Entry, verdict: Verdict, context: CheckContext) -> Finding:
        message = (f'"{verdict.found}" for "{verdict.source_text}": did you mean '
                   f'"{verdict.expected[0]}"? ({verdict.concept}, similarity {verdict.score:.0f} %)')
        return self.finding(entry, message, concept=verdict.concept, expected=verdict.expected,
                            found=verdict.found)


class TermPartial(_TermCheck):
    """Only part of a glossary title or name is rendered (a shorter concept it contains).

    Anti-pattern: "秘书长" alone for "Under-Secretary-General for Economic and Social Affairs",
    "卡塔尔国" for "Amir of the State of Qatar". Better: the whole title
    ("主管经济和社会事务副秘书长", "卡塔尔国埃米尔").
    """

    code = "T004"
    slug = "term-partial"
    severity = Severity.WARNING
    kind = "partial"
    examples_fail = [
        ("zh", "The Amir of the State of Qatar welcomed the delegates.", "卡塔尔国欢迎各位代表。"),
    ]
    examples_pass = [
        ("zh", "The Amir of the State of Qatar welcomed the delegates.", "卡塔尔国埃米尔欢迎各位代表。"),
    ]

    def report(self, entry: Entry, verdict: Verdict, context: CheckContext) -> Finding:
        message = (f'"{verdict.source_text}" is rendered only in part: "{verdict.found}"; '
                   f"expected {quoted(verdict.expected)} ({verdict.concept})")
        return self.finding(entry, message, concept=verdict.concept, expected=verdict.expected,
                            found=verdict.found)


class TermLookalikeDot(_TermCheck):
    """A transliterated Chinese name is written with a look-alike of the middle dot.

    Anti-pattern: "安东尼奥•古特雷斯" (U+2022 BULLET), "・" (katakana middle dot), "．".
    Better: U+00B7 MIDDLE DOT, as UN Chinese writes every transliterated name: "安东尼奥·古特雷斯".
    """

    code = "T007"
    slug = "term-lookalike-dot"
    severity = Severity.ERROR
    languages = ("zh",)
    kind = "lookalike-dot"
    examples_fail = [
        ("zh", "António Guterres spoke.", "安东尼奥•古特雷斯发言。"),
        ("zh", "António Guterres spoke.", "安东尼奥・古特雷斯发言。"),
    ]
    examples_pass = [("zh", "António Guterres spoke.", "安东尼奥·古特雷斯发言。")]

    def report(self, entry: Entry, verdict: Verdict, context: CheckContext) -> Finding:
        dots = sorted({ch for ch in verdict.found or "" if ch in LOOKALIKE_DOTS})
        names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch)}" for ch in dots)
        message = (f'"{verdict.found}" separates the name with {names}; write U+00B7 MIDDLE DOT: '
                   f'"{verdict.expected[0]}" ({verdict.concept})')
        return self.finding(entry, message, concept=verdict.concept, expected=verdict.expected[:1],
                            found=verdict.found)


class TermSourceDeprecated(_TermCheck):
    """The source text itself uses a deprecated glossary term.

    Anti-pattern: "Second World Summit on Social Development" in an English source.
    Better: fix the source ("Second World Summit for Social Development"); translators will
    still be asked for the concept's proper target term.
    """

    code = "T006"
    slug = "term-source-deprecated"
    severity = Severity.WARNING
    needs_translation = False
    prepare = _TermCheck.prepare
    examples_fail = [
        ("fr", "The Second World Summit on Social Development opens in Doha.",
         "Le Deuxième Sommet mondial pour le développement social s'ouvre à Doha."),
    ]
    examples_pass = [
        ("fr", "The Second World Summit for Social Development opens in Doha.",
         "Le Deuxième Sommet mondial pour le développement social s'ouvre à Doha."),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        glossary = context.glossary
        source_lang = base_lang(entry.source_lang)
        if glossary is None or source_lang == base_lang(entry.lang):
            return
        index = context.term_index(source_lang, "source")
        sources = dict.fromkeys(s for s, _ in entry.pairs())
        for source in sources:
            for match in walk(index.find(source) if index else ()):
                if match.term.status is Status.DEPRECATED:
                    concept = glossary.concepts[match.concept_id]
                    expected = tuple(t.text for t in suggested_terms(concept, source_lang))
                    message = (f'"{match.text}" is deprecated in the {source_lang} source '
                               f"({concept.id}); the source should say {quoted(expected)}")
                    yield self.finding(entry, message, concept=concept.id, expected=expected,
                                       found=match.text)


class TermNameConsistency(ProjectCheck):
    """A person's name is written in more than one way across a language's files.

    Anti-pattern: "Аль Тани" in one file and "Аль-Тани" in another; "索菲·德斯梅特" and
    "索菲·德·斯梅特"; "бин" here and "бен" there (both admitted, but not both at once).
    Better: one written form per person and language; inflection (Тамима, Тамиму) is not a
    difference. The forms used less often are reported, naming the most frequent one.
    """

    code = "T005"
    slug = "term-name-consistency"
    severity = Severity.WARNING
    examples_fail = [
        ("zh", "Sophie De Smedt opened the meeting.", "索菲·德斯梅特宣布会议开幕。"),
        ("zh", "Sophie De Smedt spoke.", "索菲·德斯梅特发言。"),
        ("zh", "Sophie De Smedt closed the meeting.", "索菲·德·斯梅特宣布会议闭幕。"),
    ]
    examples_pass = [
        ("ru", "Sheikh Tamim bin Hamad Al Thani spoke.", "Шейх Тамим бин Хамад Аль Тани выступил."),
        ("ru", "They thanked Sheikh Tamim bin Hamad Al Thani.",
         "Они поблагодарили шейха Тамима бин Хамада Аль Тани."),
    ]

    def prepare(self, context: CheckContext, langs, source_lang: str) -> None:
        if context.glossary is not None:
            for lang in langs:
                context.term_index(base_lang(lang), "target")
                _person_needles(context, base_lang(lang))

    def gather(self, entry: Entry, context: CheckContext) -> tuple | None:
        """The person names of one entry (computed where the entry is checked)."""
        if context.glossary is None:
            return None
        return tuple(self._names(entry, context))

    def check_all(self, entries: list[Entry], context: CheckContext) -> Iterable[Finding]:
        if context.glossary is None:
            return
        gathered = context.gathered.get(self.slug, {})
        uses: dict[tuple[str, str], list[tuple[Entry, str, tuple]]] = defaultdict(list)
        for entry in entries:
            if self.applies(entry):
                names = gathered.get(entry)
                if names is None:
                    names = self._names(entry, context)
                for concept_id, surface, key in names:
                    uses[(base_lang(entry.lang), concept_id)].append((entry, surface, key))
        for (lang, concept_id), found in sorted(uses.items(), key=lambda item: item[0]):
            yield from self._report(lang, concept_id, found)

    def _names(self, entry: Entry, context: CheckContext):
        """(concept, surface, shape) of every person name in the entry's translations."""
        lang = base_lang(entry.lang)
        index = context.term_index(lang, "target")
        if index is None:
            return
        persons, automaton = _person_needles(context, lang)
        for _, target in entry.pairs():
            spans: set[tuple[int, int]] = set()
            for match in walk(index.find(target)):
                concept = context.glossary.concepts.get(match.concept_id)
                if concept is not None and concept.domain == "person" \
                        and match.term.status is not Status.DEPRECATED:
                    spans.add((match.start, match.end))
                    yield match.concept_id, match.text, name_shape(match.term.text, match.text)
            if automaton is None:
                continue  # no person in this language's glossary: nothing to spell
            letters = _Letters(target)
            for concept, term in _persons_spelt_in(letters, persons, automaton):
                for start, end in find_unseparated(target, term.text, lang, letters):
                    if not any(start < b and a < end for a, b in spans):
                        spans.add((start, end))
                        surface = target[start:end]
                        yield concept.id, surface, name_shape(term.text, surface)

    def _report(self, lang: str, concept_id: str, found: list) -> Iterable[Finding]:
        counts = Counter(key for _, _, key in found)
        if len(counts) < 2:
            return
        first_seen = {key: n for n, (_, _, key) in reversed(list(enumerate(found)))}
        usual = max(counts, key=lambda key: (counts[key], -first_seen[key]))
        example = next(surface for _, surface, key in found if key == usual)
        reported: set[tuple] = set()
        for entry, surface, key in found:
            if key == usual or (entry, key) in reported:
                continue
            reported.add((entry, key))
            message = (f'{concept_id} is written "{surface}" here but "{example}" in '
                       f"{counted(counts[usual], 'other place')} of the {lang} files; write a person's "
                       "name alike everywhere")
            yield self.finding(entry, message, concept=concept_id, expected=(example,),
                               found=surface)


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"


def _letters_key(text: str) -> str:
    """The letters and digits of ``text``, case-folded: what find_unseparated compares."""
    return _NOT_ALNUM.sub("", text).casefold()


def _person_needles(context: CheckContext, lang: str):
    """The acceptable person-name terms of ``lang`` in glossary order, and an Aho-Corasick
    automaton over their letters (built once per run), so each translation is scanned once
    instead of once per name: checking time then hardly grows with the glossary."""

    def build():
        persons, needles = [], {}
        from ..glossary.cache import concepts_where

        for concept in concepts_where(context.glossary, domain="person"):
            for term in concept.terms(lang):
                key = _letters_key(term.text)
                if term.status is not Status.DEPRECATED and key:
                    needles.setdefault(key, []).append(len(persons))
                    persons.append((concept, term))
        if not needles:
            return persons, None
        automaton = ahocorasick.Automaton()
        for key, numbers in needles.items():
            automaton.add_word(key, tuple(numbers))
        automaton.make_automaton()
        return persons, automaton

    return context.cached(("person-needles", lang), build)


def _persons_spelt_in(letters: "_Letters", persons: list, automaton) -> list:
    """The (concept, term) pairs whose letters occur in the target's ``letters``, in glossary
    order (the order the spans are claimed in)."""
    found = {n for _, numbers in automaton.iter(letters.key) for n in numbers}
    return [persons[n] for n in sorted(found)]


class _Letters:
    """A text's letters and digits, case-folded (``key``, what find_unseparated searches), and
    where each of them stands in the text (``position``): read once per translation, however
    many names its letters spell."""

    __slots__ = ("text", "key", "_runs")

    def __init__(self, text: str):
        self.text = text
        self.key = _letters_key(text)
        self._runs: tuple[list[int], list[int], int] | None = None

    def position(self, n: int) -> int:
        """The text offset of the letter or digit that gives character ``n`` of ``key``.
        Worked out from the runs of letters (about one per word), found when first asked; a
        letter whose case-folding is longer ("İ", "ß") makes each key character placed
        one by one instead (the runs would count it as one)."""
        if self._runs is None:
            starts, firsts, count = [], [], 0
            for run in _ALNUM_RUN.finditer(self.text):
                starts.append(run.start())
                firsts.append(count)
                count += run.end() - run.start()
            if count != len(self.key):
                starts = [i for i, ch in enumerate(self.text) if ch.isalnum()
                          for _ in ch.casefold()]
                firsts = list(range(len(starts)))
                count = len(starts)
            self._runs = (starts, firsts, count)
        starts, firsts, count = self._runs
        if not 0 <= n < count:
            raise IndexError(n)
        r = bisect_right(firsts, n) - 1
        return starts[r] + n - firsts[r]


_ALNUM_RUN = re.compile(r"[^\W_]+")  # runs of str.isalnum() characters (see _NOT_ALNUM)


def name_shape(term_text: str, surface: str) -> tuple:
    """What must agree between two writings of one name: the glossary term they come from, the
    separators between the words and the capitals after the first word (not the endings)."""
    surface = surface.translate({ord(ch): "\u00b7" for ch in LOOKALIKE_DOTS})
    separators = tuple(re.sub(r"\s+", " ", sep) for sep in re.findall(r"[^\w]+", surface))
    capitals = tuple(word[0].isupper() for word in re.findall(r"\w+", surface)[1:])
    return (term_text, separators, capitals)


def find_unseparated(text: str, term: str, lang: str,
                     letters: _Letters | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` that spell ``term`` letter for letter but with other separators
    ("索菲·德·斯梅特" for "索菲·德斯梅特", "Аль-Тани" for "Аль Тани"), whole words only.
    ``letters``: the text's ``_Letters``, when the caller has them already (a translation is
    searched for every name its letters spell: its letters are then read once)."""
    if letters is None:
        letters = _Letters(text)
    haystack = letters.key
    needle = _letters_key(term)
    spans = []
    start = haystack.find(needle) if needle else -1
    while start >= 0:
        first, last = letters.position(start), letters.position(start + len(needle) - 1) + 1
        spaced = lang not in ("zh", "ja")
        bounded = not spaced or ((first == 0 or not text[first - 1].isalnum())
                                 and (last == len(text) or not text[last].isalnum()))
        if bounded:
            spans.append((first, last))
        start = haystack.find(needle, start + 1)
    return spans


TERMINOLOGY_CHECKS: tuple[type[Check], ...] = (
    TermMissing,
    TermDeprecated,
    TermNearMiss,
    TermPartial,
    TermNameConsistency,
    TermSourceDeprecated,
    TermLookalikeDot,
)
