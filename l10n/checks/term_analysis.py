"""The analysis behind the terminology checks: one verdict per glossary concept of a pair.

For one (source, translation) pair: the glossary concepts found in the source by the
source-language index, and for each of them one verdict on the target: found, deprecated form,
partial title, near-miss spelling, look-alike dot, or missing. Every term check reads the same
analysis (computed once and cached on the CheckContext) and reports one kind of verdict, so one
problem gives one finding: a deprecated term is not also "missing", a near-miss spelling is not
also "missing", a partial title is reported as partial only.

Matching is the glossary matcher's (``l10n.glossary.matcher.index``): inflected, cliticised, elided and
contracted forms count as found, which is what keeps false alarms down in ru, ar, fr and es.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from rapidfuzz import fuzz

from ..glossary.matcher.termforms import SLOT
from ..glossary.model import Concept, Glossary, Status, Term
from ..locales import base_lang
from .text import mask_markup
from .base import CheckContext

RULES = json.loads((Path(__file__).parent / "data" / "term_rules.json").read_text("utf-8"))
LOOKALIKE_DOTS: str = RULES["lookalike_dots"]  # • ・ ･ ‧ ． (U+00B7 is the right one)
MIDDLE_DOT = "\u00b7"
_LOOKALIKE = re.compile("[" + re.escape(LOOKALIKE_DOTS) + "]")
_UNDOT = {ord(ch): MIDDLE_DOT for ch in LOOKALIKE_DOTS}
NAME_DOMAINS = tuple(RULES["name_domains"])
UNSPACED = tuple(RULES["unspaced_languages"])
KEEP_SPELLING = tuple(RULES["names_keep_their_spelling"])
NEAR_MISS = RULES["near_miss"]
ANALYSIS_MEMO = 4096  # pair analyses remembered per context (the matcher remembers texts too)
SOURCE_MEMO = 32_768  # sources whose kept matches are remembered per context (one per language)
EDGE_PUNCT = " \t,.;:!?()[]«»\"'“”‘’„《》「」、，。；：！？（）"


def walk(matches: Iterable) -> Iterator:
    """Every match, top-level first, then its contained ones (depth first)."""
    for match in matches:
        yield match
        yield from walk(match.contained)


def acceptable_terms(concept: Concept, lang: str) -> list[Term]:
    """Preferred terms first, then admitted ones (never deprecated)."""
    terms = [t for t in concept.terms(lang) if t.status is not Status.DEPRECATED]
    return sorted(terms, key=lambda t: t.status is not Status.PREFERRED)


def suggested_terms(concept: Concept, lang: str) -> list[Term]:
    """What to write instead of a deprecated term: the preferred, else the admitted ones."""
    terms = acceptable_terms(concept, lang)
    preferred = [t for t in terms if t.status is Status.PREFERRED]
    return preferred or terms


def quoted(texts: Iterable[str]) -> str:
    return " or ".join(f'"{text}"' for text in texts)


class Verdict(NamedTuple):
    """What became of one glossary concept of the source in the translation (a named tuple:
    a pair gets one per concept, and tuples are several times cheaper to make than frozen
    dataclasses)."""

    kind: str  # "found" | "missing" | "deprecated" | "partial" | "near-miss" | "lookalike-dot"
    concept: str
    source_text: str  # the source term as written ("" for a deprecated term not in the source)
    expected: tuple[str, ...]
    found: str | None = None
    score: float = 0.0
    in_source: bool = True


class PairAnalysis(NamedTuple):
    source_matches: tuple  # top-level matches in the source
    verdicts: tuple[Verdict, ...]


_NOTHING = PairAnalysis((), ())  # a pair without any term (shared: it is frozen)


class _Target(NamedTuple):
    """What judging needs of one concept in one target language, worked out once per run."""

    concept: Concept
    expected: tuple[str, ...]  # acceptable terms, preferred first
    checked: bool  # the language has the concept, checks it as a target and has a term for it
    keep_spelling: bool  # a person's name in a language where names keep their spelling


class _Langs(NamedTuple):
    """One language pair's indexes and the ``_Target`` of each concept judged so far."""

    source: Any  # TermIndex of the source language, role "source"
    target: Any  # TermIndex of the target language, role "target"
    concepts: dict  # concept id -> _Target | None, in the target language
    unspaced: bool  # the target language writes no spaces (look-alike dots are unified)
    # Whether a concept has a deprecated target term and no source term: only such a term is
    # reported in a translation whose source names no concept (``deprecated_elsewhere``).
    unsourced: bool


class _AnalysisMemo:
    """The analysis's per-run memory, kept in one ``context.cache`` slot: the pairs analysed
    last, per language pair its ``_Langs`` (so a pair costs a look-up or two), and per source
    text and language the source's matches that are judged (the same in every target
    language, so worked out once, not once per language)."""

    __slots__ = ("memo", "langs", "sources")

    def __init__(self) -> None:
        self.memo: dict[tuple, PairAnalysis] = {}
        self.langs: dict[tuple[str, str], _Langs | None] = {}
        self.sources: dict[tuple[str, str], tuple] = {}


# -- the shared analysis ----------------------------------------------------------------------


def analyse_pair(source: str, target: str, source_lang: str, target_lang: str,
                 context: CheckContext) -> PairAnalysis:
    """The verdicts for one pair, computed once per context (every term check reads them)."""
    state = context.cache.get("term-analysis")
    if state is None:
        state = context.cache.setdefault("term-analysis", _AnalysisMemo())
    memo = state.memo
    key = (source, target, source_lang, target_lang)
    found = memo.get(key)
    if found is None:
        if len(memo) >= ANALYSIS_MEMO:
            memo.clear()  # the term checks of one entry ask one after the other: keep it small
        found = memo[key] = _analyse(source, target, source_lang, target_lang, context, state)
    return found


def _analyse(source: str, target: str, source_lang: str, target_lang: str,
             context: CheckContext, state: _AnalysisMemo) -> PairAnalysis:
    glossary = context.glossary
    if glossary is None or source_lang == target_lang:
        return _NOTHING
    langs = state.langs.get((source_lang, target_lang), state)
    if langs is state:
        langs = state.langs[(source_lang, target_lang)] = _langs(context, source_lang, target_lang)
    if langs is None:
        return _NOTHING
    source_matches = _source_matches(source, source_lang, langs.source, glossary, state.sources)
    if not source_matches and not langs.unsourced:
        return _NOTHING  # nothing the translation holds could be judged: not looked for
    target_matches = langs.target.matches(mask_markup(_undot(target) if langs.unspaced else target))
    if not source_matches and not target_matches:
        return _NOTHING
    deprecated = [m for m in target_matches if m.term.status is _DEPRECATED]
    if not source_matches and not deprecated:
        return _NOTHING  # terms in the target only, none deprecated: nothing to judge
    work = _TargetSide(glossary, target, target_lang, target_matches, context, langs.concepts)
    verdicts: list[Verdict] = []
    seen: set[str] = set()
    for match in source_matches:
        work.judge(match, seen, verdicts)
    if deprecated:
        judged = {v.concept for v in verdicts if v.kind == "deprecated"}
        verdicts.extend(work.deprecated_elsewhere(judged, deprecated, source_matches,
                                                  source_lang))
    return PairAnalysis(source_matches, tuple(verdicts))


def _source_matches(source: str, lang: str, index, glossary, remembered: dict) -> tuple:
    """The source's matches that are judged: the index's, without title words that are no
    title there and without other bodies' terms. They depend on the source text and language
    only, and every target language asks for them: remembered (bounded) per context."""
    key = (source, lang)
    found = remembered.get(key)
    if found is None:
        found = index.matches(mask_markup(source))
        if found:
            found = _titles_only_as_titles(source, found, glossary)
            found = _without_other_bodies(source, lang, found, glossary)
        if len(remembered) >= SOURCE_MEMO:
            remembered.clear()
        remembered[key] = found
    return found


def _titles_only_as_titles(source: str, matches: tuple, glossary) -> tuple:
    """The source's matches without title words that are no title there: a word of a
    personal or place name ("Hassan Sheikh Mohamud": a capitalised word on both sides, the one
    before not itself a term), or a common noun in lower case where the glossary capitalises
    the title ("a goodwill ambassador for the campaign"). A name is carried over, not
    translated as a title; a common noun is rendered as such."""
    kept = [m for m in matches if not _not_a_title(source, m, matches, glossary)]
    return matches if len(kept) == len(matches) else tuple(kept)


def _not_a_title(source: str, match, matches: tuple, glossary) -> bool:
    concept = glossary.concepts.get(match.concept_id)
    if concept is None or concept.domain != "title" or not match.text:
        return False
    if match.text[0].islower() and match.term.text[:1].isupper():
        return True  # a common noun: "a goodwill ambassador"
    before = _NAME_BEFORE.search(source, 0, match.start)
    if before is None or not _NAME_AFTER.match(source, match.end):
        return False
    if any(m.start <= before.start(1) < m.end for m in matches):
        return False  # "His Highness Sheikh Tamim": the word before is a term
    return not _SENTENCE_END.search(source, 0, before.start(1))


_NAME_BEFORE = re.compile(r"\b([A-Z][\w'’-]*)[ \u00a0]+$")  # a capitalised word, then spaces only
_NAME_AFTER = re.compile(r"[ \u00a0]+[A-Z]")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;]\s*|^\s*)$")  # nothing, or a sentence's end, before the word


def _without_other_bodies(source: str, lang: str, matches: tuple, glossary) -> tuple:
    """The source's matches without a body's term qualified by another body's name: "LCBC
    Member States" and "Member States of the African Union" are that body's members, which
    UN French writes "États membres" (the glossary's deprecated form for UN Member States);
    "OAS General Assembly" is not the UN's. The rules are data (``another_body``)."""
    rules = _another_body(lang)
    if rules is None:
        return matches
    before, after, own = rules
    kept = []
    for match in matches:
        concept = glossary.concepts.get(match.concept_id)
        if concept is not None and concept.domain == "body":
            qualifier = before.search(source, 0, match.start) or after.match(source, match.end)
            if qualifier is not None and qualifier.group(1) not in own:
                continue
        kept.append(match)
    return matches if len(kept) == len(matches) else tuple(kept)


@lru_cache(maxsize=None)
def _another_body(lang: str) -> tuple[re.Pattern, re.Pattern, frozenset[str]] | None:
    rules = RULES.get("another_body", {}).get(base_lang(lang))
    if rules is None:
        return None
    return (re.compile(rules["before"]), re.compile(rules["after"]),
            frozenset(rules["own_acronyms"]) | frozenset(rules["own_names"]))


def _langs(context: CheckContext, source_lang: str, target_lang: str) -> _Langs | None:
    """The indexes of a language pair (None when the context has none)."""
    source = context.term_index(source_lang, "source")
    target = context.term_index(target_lang, "target")
    if source is None or target is None:
        return None
    unsourced = bool(target.concept_ids(deprecated=True) - source.concept_ids())
    return _Langs(source, target, {}, target_lang in UNSPACED, unsourced)


@lru_cache(maxsize=1024)
def _slot_frames(expected: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The words before and after the slot of each expected term that has one. The short word
    right before the slot (a preposition or a clitic: "de", "of", Arabic "لـ") goes with the
    filler in the text, where it contracts or joins it ("du Chili", "لشيلي"), so it is left
    out of the words before."""
    frames = []
    for term in expected:
        parts = SLOT.split(term)
        if len(parts) != 2:
            continue
        before, after = parts[0].split(), parts[1].strip()
        if len(before) > 1 and len(before[-1].rstrip("\u0640")) <= 3:
            before.pop()
        frames.append((" ".join(before), after))
    return tuple(frames)


def _undot(text: str) -> str:
    """Look-alike dots replaced by U+00B7 one for one (offsets stay valid). Looked for first:
    a regular expression finds that there is none several times faster than ``translate``
    with a table copies the text."""
    return text.translate(_UNDOT) if _LOOKALIKE.search(text) else text


_DEPRECATED = Status.DEPRECATED
_new = tuple.__new__  # NamedTuple construction without the keyword-handling wrapper


def _by_concept(matches: tuple) -> dict[str, list]:
    """The matches, contained ones too, per concept, in ``walk`` order."""
    by_concept: dict[str, list] = {}
    for match in matches:
        found = by_concept.get(match.concept_id)
        if found is None:
            by_concept[match.concept_id] = [match]
        else:
            found.append(match)
        if match.contained:
            for inner in walk(match.contained):
                by_concept.setdefault(inner.concept_id, []).append(inner)
    return by_concept


class _TargetSide:
    """The target side of one pair: its matches by concept, and the judging of source concepts."""

    def __init__(self, glossary, target: str, lang: str, matches: tuple, context: CheckContext,
                 targets: dict[str, _Target | None]):
        self.glossary = glossary
        self.target = target
        self.lang = lang
        self.matches = matches
        self.context = context
        self.targets = targets
        self.by_concept = _by_concept(matches)

    def judge(self, match, seen: set[str], out: list[Verdict]) -> None:
        """Add the verdict for one source match to ``out`` (or those of its contained matches
        when it cannot be checked)."""
        concept_id = match.concept_id
        if concept_id in seen:
            return
        target = self.targets.get(concept_id, self)
        if target is self:
            target = self.targets[concept_id] = self._target(concept_id)
        if target is None:
            return
        if match.term.do_not_translate:
            seen.add(concept_id)
            kind = "found" if match.text in self.target else "missing"
            out.append(Verdict(kind, concept_id, match.text, (match.text,)))
        elif not target.checked:
            for inner in match.contained:
                self.judge(inner, seen, out)
        else:
            seen.add(concept_id)
            verdict = self._verdict(target, match.text)
            out.append(verdict)
            if verdict.kind == "found" and concept_id not in self.by_concept:
                # found by its frame (``_framed``): the title is there, and what fills its
                # slot in the source ("Qatar") is judged on its own
                for inner in match.contained:
                    self.judge(inner, seen, out)

    def _target(self, concept_id: str) -> _Target | None:
        """The ``_Target`` of a concept in this pair's language (None: not in the glossary)."""
        concept = self.glossary.concepts.get(concept_id)
        if concept is None:
            return None
        section = concept.languages.get(self.lang)
        expected = tuple(t.text for t in acceptable_terms(concept, self.lang))
        checked = section is not None and section.check_as_target and bool(expected)
        keep = concept.domain == "person" and self.lang in KEEP_SPELLING
        return _Target(concept, expected, checked, keep)

    def _verdict(self, target: _Target, source_text: str) -> Verdict:
        concept, expected = target.concept, target.expected
        found = self.by_concept.get(concept.id, ())
        good = [m for m in found if m.term.status is not _DEPRECATED]
        if good:
            return self._found(target, source_text, good)
        if found:
            return Verdict("deprecated", concept.id, source_text,
                           tuple(t.text for t in suggested_terms(concept, self.lang)), found[0].text)
        if concept.domain in NAME_DOMAINS:
            near = self._near_miss(concept, expected)
            if near is not None:
                return Verdict("near-miss", concept.id, source_text, (near[0],), near[1], near[2])
        framed = self._framed(concept, expected)
        if framed is not None:
            return Verdict("found", concept.id, source_text, expected, framed)
        part = self._part_of(concept)
        if part is not None:
            return Verdict("partial", concept.id, source_text, expected, part)
        return Verdict("missing", concept.id, source_text, expected)

    def _framed(self, concept: Concept, expected: tuple[str, ...]) -> str | None:
        """A term with a slot ("الممثل الدائم لـ[بلد] لدى الأمم المتحدة") whose slot the
        translation fills with a name the slot's fillers lack (UN Arabic "شيلي" where CLDR
        writes "تشيلي"): the words before and after the slot, each found as the matcher finds
        terms (in any inflected form), in that order, one to four words apart. What fills a
        slot is the source's to say; the term check judges the title around it."""
        frames = _slot_frames(expected)
        if not frames:
            return None
        key = ("term-frames", self.lang, concept.id)
        cache = self.context.cache
        index = cache.get(key)
        if index is None:
            from ..glossary.matcher.index import TermIndex

            halves = Glossary()
            for n, (before, after) in enumerate(frames):
                for side, text in (("before", before), ("after", after)):
                    if text:
                        halves.add(Concept(f"{side}-{n}")).section(self.lang).terms.append(
                            Term(text))
            index = cache[key] = TermIndex(halves, self.lang, role="target")
        found = {m.concept_id: m for m in index.find(self.target)}
        for n, (before, after) in enumerate(frames):
            head, tail = found.get(f"before-{n}"), found.get(f"after-{n}")
            if (before and head is None) or (after and tail is None):
                continue
            start = head.end if head else 0
            end = tail.start if tail else len(self.target)
            if start > end:
                continue
            gap = self.target[start:end].split()
            if 1 <= len(gap) <= 4 or (not gap and self.lang in UNSPACED and start != end):
                return self.target[head.start if head else start:tail.end if tail else end]
        return None

    def _found(self, target: _Target, source_text: str, good: list) -> Verdict:
        """Found; unless written with a look-alike dot, or a person's name that the matcher took
        for an inflected form in a language where names keep their spelling ("Hilal")."""
        concept_id, expected = target.concept.id, target.expected
        original = self.target[good[0].start:good[0].end]
        if _LOOKALIKE.search(original):
            return Verdict("lookalike-dot", concept_id, source_text, expected, original)
        if target.keep_spelling:
            if not any(_spelt_alike(m.term.text, m.text) for m in good):
                term = max(expected, key=lambda t: fuzz.ratio(t.casefold(), original.casefold()))
                score = fuzz.ratio(term.casefold(), original.casefold())
                return Verdict("near-miss", concept_id, source_text, (term,), original, score)
        return _new(Verdict, ("found", concept_id, source_text, expected, original, 0.0, True))

    def deprecated_elsewhere(self, judged: set[str], deprecated: list, source_matches,
                             source_lang: str) -> list[Verdict]:
        """Deprecated target terms not yet reported (top level only: a deprecated form inside a
        longer accepted term belongs to that term, e.g. 78/261号决议 inside 第78/261号决议);
        ``deprecated`` holds the target's top-level matches of deprecated terms.

        A deprecated form is deprecated as a rendering of its concept: where the source does
        not name that concept, the same words may be right for another one (ru
        "сопредседатели" is wrong for co-facilitators and right for co-chairs; fr "États
        membres" for the members of another organization), so it is not reported. Only a
        concept with no term in the source language, whose presence in the source cannot be
        told, is still reported."""
        unjudged = [m for m in deprecated if m.concept_id not in judged]
        if not unjudged:
            return []
        in_source = {m.concept_id for m in walk(source_matches)}
        out = []
        for match in unjudged:
            concept = self.glossary.concepts[match.concept_id]
            if match.concept_id not in in_source and concept.terms(source_lang):
                continue
            suggestion = tuple(t.text for t in suggested_terms(concept, self.lang))
            out.append(Verdict("deprecated", concept.id, "", suggestion, match.text,
                               in_source=match.concept_id in in_source))
        return out

    def parts(self, concept: Concept) -> set[str]:
        """Concepts written inside this concept's own target terms (its partial titles)."""
        key = ("term-parts", self.lang, concept.id)
        cache = self.context.cache
        if key not in cache:
            index = self.context.term_index(self.lang, "target")
            found: set[str] = set()
            for term in concept.terms(self.lang):
                found |= index.concepts_in(term.text)
            cache[key] = frozenset(found - {concept.id})
        return cache[key]

    def _part_of(self, concept: Concept) -> str | None:
        """A shorter concept of this title standing on its own in the target; words inside a
        longer match of another concept ("Desarrollo Sostenible" inside "Objetivos de
        Desarrollo Sostenible") belong to that concept and are no partial title."""
        parts = self.parts(concept)
        for match in self.matches:
            if match.concept_id in parts and match.term.status is not Status.DEPRECATED:
                return match.text
        return None

    def _near_miss(self, concept: Concept, expected: tuple[str, ...]):
        """(term, span, score) of the closest spelling of a name in the target, or None."""
        allowed = self.parts(concept)
        blocked = [(m.start, m.end) for m in self.matches if m.concept_id not in allowed]
        best = None
        for term in expected:
            for span in candidate_spans(self.target, term, self.lang, blocked):
                score = fuzz.ratio(span.casefold(), term.casefold())
                if score >= near_miss_threshold(term) and score < 100:
                    if best is None or score > best[2]:
                        best = (term, span, score)
        return best


@lru_cache(maxsize=4096)
def _spelt_alike(term: str, surface: str) -> bool:
    """Every word of three letters or more of the term is in the surface (an article or a
    particle may be left out, and "Al Thani" may be "Al-Thani"; no letter may change).
    Remembered: a document names the same people again and again."""
    words = set(_WORD.findall(surface.casefold()))
    return all(w in words for w in _WORD.findall(term.casefold()) if len(w) >= 3)


_WORD = re.compile(r"\w+")


def near_miss_threshold(term: str) -> float:
    """Longer names tolerate more edits; short ones ("Doha") need a closer spelling."""
    length = len(term)
    if length < NEAR_MISS["never_below_length"]:
        return 101.0  # too short to tell a typo from another word
    if length < NEAR_MISS["long_from_length"]:
        return float(NEAR_MISS["short_threshold"])
    return float(NEAR_MISS["long_threshold"])


def candidate_spans(text: str, term: str, lang: str, blocked: list[tuple[int, int]]) -> Iterator[str]:
    """Spans of ``text`` about as long as ``term``, outside other concepts' matches."""
    if lang in UNSPACED:
        size = len(term)
        bounds = [(i, i + 1) for i in range(len(text))]
        widths = range(max(1, size - 2), size + 3)
    else:
        size = len(term.split())
        bounds = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        widths = range(max(1, size - 1), size + 2)
    for i in range(len(bounds)):
        for width in widths:
            if i + width > len(bounds):
                break
            start, end = bounds[i][0], bounds[i + width - 1][1]
            if any(start < b_end and b_start < end for b_start, b_end in blocked):
                continue
            span = text[start:end].strip(EDGE_PUNCT)
            if span:
                yield span
