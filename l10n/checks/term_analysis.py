"""The analysis behind the terminology checks: one verdict per glossary concept of a pair.

For one (source, translation) pair: the glossary concepts found in the source by the
source-language index, and for each of them one verdict on the target: found, deprecated form,
partial title, near-miss spelling, look-alike dot, or missing. Every term check reads the same
analysis (computed once and cached on the CheckContext) and reports one kind of verdict, so one
problem gives one finding: a deprecated term is not also "missing", a near-miss spelling is not
also "missing", a partial title is reported as partial only.

Matching is the glossary matcher's (``l10n.glossary.match``): inflected, cliticised, elided and
contracted forms count as found, which is what keeps false alarms down in ru, ar, fr and es.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from rapidfuzz import fuzz

from ..glossary.model import Concept, Status, Term
from ._text import mask_markup
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
EDGE_PUNCT = " \t,.;:!?()[]«»\"'“”‘’„《》「」、，。；：！？（）"


@lru_cache(maxsize=256)
def base_lang(lang: str) -> str:
    """"zh" for "zh_CN" or "zh-Hans": the glossary is keyed by the bare language code."""
    return re.split(r"[_\-@.]", lang, maxsplit=1)[0].lower()


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


@dataclass(frozen=True)
class Verdict:
    """What became of one glossary concept of the source in the translation."""

    kind: str  # "found" | "missing" | "deprecated" | "partial" | "near-miss" | "lookalike-dot"
    concept: str
    source_text: str  # the source term as written ("" for a deprecated term not in the source)
    expected: tuple[str, ...]
    found: str | None = None
    score: float = 0.0
    in_source: bool = True


@dataclass(frozen=True)
class PairAnalysis:
    source_matches: tuple  # top-level matches in the source
    verdicts: tuple[Verdict, ...]


_NOTHING = PairAnalysis((), ())  # a pair without any term (shared: it is frozen)


# -- the shared analysis ----------------------------------------------------------------------


def analyse_pair(source: str, target: str, source_lang: str, target_lang: str,
                 context: CheckContext) -> PairAnalysis:
    """The verdicts for one pair, computed once per context (every term check reads them)."""
    memo = context.cache.get("term-analysis")
    if memo is None:
        memo = context.cache.setdefault("term-analysis", {})
    key = (source, target, source_lang, target_lang)
    found = memo.get(key)
    if found is None:
        if len(memo) >= ANALYSIS_MEMO:
            memo.clear()  # the term checks of one entry ask one after the other: keep it small
        found = memo[key] = _analyse(source, target, source_lang, target_lang, context)
    return found


def _analyse(source: str, target: str, source_lang: str, target_lang: str,
             context: CheckContext) -> PairAnalysis:
    glossary = context.glossary
    if glossary is None or source_lang == target_lang:
        return _NOTHING
    src_index = _index(context, source_lang, "source")
    tgt_index = _index(context, target_lang, "target")
    if src_index is None or tgt_index is None:
        return _NOTHING
    source_matches = tuple(src_index.find(mask_markup(source)))
    plain = target.translate(_UNDOT) if target_lang in UNSPACED else target
    target_matches = tgt_index.find(mask_markup(plain))
    if not source_matches and not target_matches:
        return _NOTHING
    work = _Work(glossary, target, target_lang, target_matches, context)
    verdicts: list[Verdict] = []
    seen: set[str] = set()
    for match in source_matches:
        verdicts.extend(work.judge(match, seen))
    judged = {v.concept for v in verdicts if v.kind == "deprecated"}
    verdicts.extend(work.deprecated_elsewhere(judged, source_matches))
    return PairAnalysis(source_matches, tuple(verdicts))


def _index(context: CheckContext, lang: str, role: str):
    """``context.term_index(lang, role)``, remembered in a plain dict: asked twice per pair."""
    indexes = context.cache.get("term-analysis-indexes")
    if indexes is None:
        indexes = context.cache.setdefault("term-analysis-indexes", {})
    index = indexes.get((lang, role), indexes)
    if index is indexes:
        index = indexes[(lang, role)] = context.term_index(lang, role)
    return index


def _undot(text: str) -> str:
    """Look-alike dots replaced by U+00B7 one for one (offsets stay valid)."""
    return text.translate(_UNDOT)


class _Work:
    """The target side of one pair: its matches by concept, and the judging of source concepts."""

    def __init__(self, glossary, target: str, lang: str, matches: list, context: CheckContext):
        self.glossary = glossary
        self.target = target
        self.lang = lang
        self.matches = matches
        self.context = context
        self.by_concept: dict[str, list] = {}
        for match in walk(matches) if any(m.contained for m in matches) else matches:
            found = self.by_concept.get(match.concept_id)
            if found is None:
                self.by_concept[match.concept_id] = [match]
            else:
                found.append(match)

    def judge(self, match, seen: set[str]) -> list[Verdict]:
        """The verdict for one source match (or its contained ones when it cannot be checked)."""
        concept = self.glossary.concepts.get(match.concept_id)
        if concept is None or match.concept_id in seen:
            return []
        if match.term.do_not_translate:
            seen.add(match.concept_id)
            kind = "found" if match.text in self.target else "missing"
            return [Verdict(kind, concept.id, match.text, (match.text,))]
        section = concept.languages.get(self.lang)
        expected = self._expected(concept)
        if section is None or not section.check_as_target or not expected:
            out: list[Verdict] = []
            for inner in match.contained:
                out.extend(self.judge(inner, seen))
            return out
        seen.add(concept.id)
        return [self._verdict(concept, match.text, expected)]

    def _expected(self, concept: Concept) -> tuple[str, ...]:
        """The acceptable target terms of a concept, preferred first (once per run)."""
        memo = self.context.cache.get("term-expected")
        if memo is None:
            memo = self.context.cache.setdefault("term-expected", {})
        key = (concept.id, self.lang)
        expected = memo.get(key)
        if expected is None:
            expected = memo[key] = tuple(t.text for t in acceptable_terms(concept, self.lang))
        return expected

    def _verdict(self, concept: Concept, source_text: str, expected: tuple[str, ...]) -> Verdict:
        found = self.by_concept.get(concept.id, [])
        good = [m for m in found if m.term.status is not Status.DEPRECATED]
        if good:
            return self._found(concept, source_text, expected, good)
        if found:
            return Verdict("deprecated", concept.id, source_text,
                           tuple(t.text for t in suggested_terms(concept, self.lang)), found[0].text)
        if concept.domain in NAME_DOMAINS:
            near = self._near_miss(concept, expected)
            if near is not None:
                return Verdict("near-miss", concept.id, source_text, (near[0],), near[1], near[2])
        part = self._part_of(concept)
        if part is not None:
            return Verdict("partial", concept.id, source_text, expected, part)
        return Verdict("missing", concept.id, source_text, expected)

    def _found(self, concept: Concept, source_text: str, expected: tuple[str, ...], good: list) -> Verdict:
        """Found; unless written with a look-alike dot, or a person's name that the matcher took
        for an inflected form in a language where names keep their spelling ("Hilal")."""
        original = self.target[good[0].start:good[0].end]
        if _LOOKALIKE.search(original):
            return Verdict("lookalike-dot", concept.id, source_text, expected, original)
        if concept.domain == "person" and self.lang in KEEP_SPELLING:
            if not any(_spelt_alike(m.term.text, m.text) for m in good):
                term = max(expected, key=lambda t: fuzz.ratio(t.casefold(), original.casefold()))
                score = fuzz.ratio(term.casefold(), original.casefold())
                return Verdict("near-miss", concept.id, source_text, (term,), original, score)
        return Verdict("found", concept.id, source_text, expected, original)

    def deprecated_elsewhere(self, judged: set[str], source_matches) -> list[Verdict]:
        """Deprecated target terms not yet reported (top level only: a deprecated form inside a
        longer accepted term belongs to that term, e.g. 78/261号决议 inside 第78/261号决议)."""
        unjudged = [m for m in self.matches
                    if m.term.status is Status.DEPRECATED and m.concept_id not in judged]
        if not unjudged:
            return []
        in_source = {m.concept_id for m in walk(source_matches)}
        out = []
        for match in unjudged:
            concept = self.glossary.concepts[match.concept_id]
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
