"""Errors injected into copies of official pairs: one kind at a time, where the kind applies.

Each kind is a function ``(pair, rng, terms) -> str | None``: the translation with one error of
that kind, or None when the pair offers no place for it (no number both sides share, no
glossary term, no full-width comma...). The random choices (which number, which digit, which
comma) come from a generator seeded per pair and kind, so a run is repeatable and a pair's
injection does not depend on which other pairs or languages are evaluated.

The places are found from the text alone (own patterns and the glossary file), never from what
l10n reports, so an injection is not steered towards what the checker already sees.
"""

from __future__ import annotations

import csv
import random
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from benchmarks.quality.corpus import NBSP, NNBSP, Pair

SEED = 20151  # fixed: every run injects the same errors

_DIGIT_RUN = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]+")
_ZEROS = (0x30, 0x660, 0x6F0, 0xFF10)
# A UN document symbol: capital letters, then at least one "/" part, with a digit somewhere
# (A/69/767, S/2015/128, A/CONF.224/2, E/C.19/2015/6, S/PRST/2015/2).
_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])[A-Z]{1,8}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+")

# A word in each language that says nothing about the concept, for a term with no deprecated
# rendering to fall back to.
GENERIC = {"ar": "الجهات", "es": "entidades", "fr": "entités", "ru": "структуры",
           "zh": "有关方面"}


def _ascii(char: str) -> int:
    code = ord(char)
    zero = max(z for z in _ZEROS if z <= code)
    return code - zero


def _in_script(value: int, like: str) -> str:
    """The digit ``value`` in the script of the digit ``like``."""
    code = ord(like)
    return chr(max(z for z in _ZEROS if z <= code) + value)


def _plain(run: str) -> str:
    return "".join(str(_ascii(c)) for c in run)


def _symbol_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SYMBOL.finditer(text) if any(c.isdigit() for c in m.group())]


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in spans)


def _number_runs(text: str) -> list[re.Match]:
    """Digit runs of ``text`` that are not part of a document symbol."""
    spans = _symbol_spans(text)
    return [m for m in _DIGIT_RUN.finditer(text) if _outside(spans, *m.span())]


def _change_digit(run: str, rng: random.Random) -> str:
    """``run`` with one digit replaced by another (never a new leading zero)."""
    positions = [i for i, c in enumerate(run) if c.isdigit()]
    index = rng.choice(positions)
    old = _ascii(run[index])
    choices = [d for d in range(10) if d != old and not (d == 0 and index == 0 and len(run) > 1)]
    return run[:index] + _in_script(rng.choice(choices), run[index]) + run[index + 1:]


def digit(pair: Pair, rng: random.Random, terms: "Terms") -> str | None:
    """A digit changed in a number both sides share (outside document symbols)."""
    shared = {_plain(m.group()) for m in _number_runs(pair.source)}
    runs = [m for m in _number_runs(pair.target) if _plain(m.group()) in shared]
    if not runs:
        return None
    match = rng.choice(runs)
    start, end = match.span()
    return pair.target[:start] + _change_digit(match.group(), rng) + pair.target[end:]


# A resolution cited by number and year, as the Security Council's are: "resolution 2127
# (2013)", "第2127(2013)号决议" (the document S/RES/2127 (2013)).
_RESOLUTION = re.compile(r"(?<![\d/])([0-9\u0660-\u0669]{1,4}) ?\(([0-9\u0660-\u0669]{4})\)")
_CITES = re.compile(r"\b(?:resolutions?|decisions?)\b", re.IGNORECASE)


def _reference_spans(text: str, source: bool) -> dict[tuple[int, int], str]:
    """Document symbols and resolution numbers of ``text`` by span, with a comparable key."""
    spans = {(a, b): text[a:b] for a, b in _symbol_spans(text)}
    if not source or _CITES.search(text):
        for match in _RESOLUTION.finditer(text):
            spans[match.span(1)] = f"{_plain(match.group(1))} ({_plain(match.group(2))})"
    return spans


def symbol(pair: Pair, rng: random.Random, terms: "Terms") -> str | None:
    """A digit changed in a document symbol, or in a resolution's number, that both sides
    write alike (the corpus's English holds no "/" at all, so here it is always a resolution
    cited as "resolution 2127 (2013)")."""
    shared = set(_reference_spans(pair.source, True).values())
    spans = [span for span, key in _reference_spans(pair.target, False).items() if key in shared]
    if not spans:
        return None
    start, end = rng.choice(sorted(spans))
    return pair.target[:start] + _change_digit(pair.target[start:end], rng) + pair.target[end:]


@dataclass(frozen=True)
class Concept:
    source: tuple[str, ...]  # English preferred and admitted terms
    targets: dict[str, tuple[str, ...]]  # per language, preferred and admitted terms
    deprecated: dict[str, tuple[str, ...]]  # per language, deprecated terms


class Terms:
    """The glossary's concepts, read from the research CSV (long shape), for injection."""

    def __init__(self, path: Path | None):
        self.concepts: list[Concept] = []
        if path is None or not Path(path).exists():
            return
        by_id: dict[str, dict[str, dict[str, list[str]]]] = {}
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                status = "deprecated" if row["status"] == "deprecated" else "ok"
                langs = by_id.setdefault(row["concept_id"], {"ok": {}, "deprecated": {}})
                for term in _variants(row["term"]):
                    langs[status].setdefault(row["lang"], []).append(term)
        for kinds in by_id.values():
            ok, bad = kinds["ok"], kinds["deprecated"]
            if ok.get("en"):
                self.concepts.append(Concept(
                    tuple(ok["en"]), {k: tuple(v) for k, v in ok.items() if k != "en"},
                    {k: tuple(v) for k, v in bad.items()}))

    def __len__(self) -> int:
        return len(self.concepts)

    def named(self, concept: Concept, source: str) -> bool:
        """True when the English ``source`` names ``concept`` (one of its English terms)."""
        return any(_term_pattern(t, "en").search(source) for t in concept.source)

    def names_any(self, source: str) -> bool:
        return any(self.named(concept, source) for concept in self.concepts)


def _variants(term: str) -> list[str]:
    """"Ambassadeur / Ambassadrice" -> both; "Qatar (le)" -> "Qatar"."""
    parts = [re.sub(r"\s*\([^)]*\)$", "", p).strip() for p in term.split(" / ")]
    return [p for p in parts if p and "[" not in p]


@lru_cache(maxsize=None)
def _term_pattern(term: str, lang: str) -> re.Pattern:
    """``term`` as it may appear in running text: a lower-case first letter may be capital (at
    the start of a sentence), not the reverse ("member States" is not "Member States"); Russian
    words with any ending, Arabic with a leading conjunction or preposition."""
    words = re.split(r"(\s+|-)", term)
    parts = []
    for word in words:
        if not word or word.isspace() or word == "-":
            parts.append(r"\s+" if word and word.isspace() else re.escape(word))
        elif lang == "ru" and len(word) > 4:
            parts.append(re.escape(word[:-2]) + r"\w{0,4}")
        else:
            parts.append(re.escape(word))
    body = "".join(parts)
    first = term[:1]
    if first.islower():
        either = f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
        body = either + body[len(re.escape(first)):]
    prefix = r"(?:[وفبل]{1,2})?" if lang == "ar" else ""
    edge = "" if lang == "zh" else r"(?<!\w)"
    tail = "" if lang == "zh" else r"(?!\w)"
    return re.compile(edge + prefix + "(" + body + ")" + tail)


def term(pair: Pair, rng: random.Random, terms: Terms) -> str | None:
    """A glossary concept's terms in the translation all replaced by the concept's deprecated
    term in that language or, when it has none, by a generic word; only where the source names
    the concept and the translation renders it with a preferred or admitted term. Every
    occurrence goes (one left behind would still render the concept)."""
    found: dict[int, list[tuple[int, int]]] = {}
    for number, concept in enumerate(terms.concepts):
        if not terms.named(concept, pair.source):
            continue
        spans = [m.span(1) for rendering in concept.targets.get(pair.lang, ())
                 for m in _term_pattern(rendering, pair.lang).finditer(pair.target)]
        if spans:
            found[number] = spans
    if not found:
        return None
    number = rng.choice(sorted(found))
    concept = terms.concepts[number]
    replacement = rng.choice(concept.deprecated.get(pair.lang) or (GENERIC[pair.lang],))
    text, last = pair.target, len(pair.target) + 1
    for start, end in sorted(set(found[number]), reverse=True):
        if end <= last:  # from the end; a match overlapping one already replaced is left
            text, last = text[:start] + replacement + text[end:], start
    return text


def untranslated(pair: Pair, rng: random.Random, terms: Terms) -> str | None:
    """The English left as the translation."""
    return pair.source if pair.source != pair.target else None


def zh_comma(pair: Pair, rng: random.Random, terms: Terms) -> str | None:
    """One full-width comma "，" made ASCII ","."""
    places = [i for i, c in enumerate(pair.target) if c == "，"]
    if not places:
        return None
    index = rng.choice(places)
    return pair.target[:index] + "," + pair.target[index + 1:]


def fr_nbsp(pair: Pair, rng: random.Random, terms: Terms) -> str | None:
    """The no-break space before one ":" or ";" removed ("Objectif: inclusion")."""
    places = [i for i in range(1, len(pair.target))
              if pair.target[i] in ":;" and pair.target[i - 1] in (NBSP, NNBSP)]
    if not places:
        return None
    index = rng.choice(places)
    return pair.target[:index - 1] + pair.target[index:]


def quotes(pair: Pair, rng: random.Random, terms: Terms) -> str | None:
    """One pair of « » (with the spaces inside) replaced by straight quotes "..."."""
    text = pair.target
    openings = [i for i, c in enumerate(text) if c == "«"]
    rng.shuffle(openings)
    for start in openings:
        depth = 0
        for end in range(start, len(text)):
            depth += {"«": 1, "»": -1}.get(text[end], 0)
            if depth == 0:
                inner = text[start + 1:end].strip(NBSP + NNBSP + " ")
                return text[:start] + '"' + inner + '"' + text[end + 1:]
    return None


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    langs: tuple[str, ...]  # languages where the kind can apply at all
    inject: Callable[[Pair, random.Random, Terms], str | None]
    fitting: tuple[str, ...]  # the checks meant to catch it


ALL = ("ar", "es", "fr", "ru", "zh")
KINDS = (
    Kind("digit", "a digit changed in a number both sides share", ALL, digit,
         ("number-mismatch",)),
    Kind("symbol", "a document symbol or resolution number changed", ALL, symbol,
         ("symbol-mismatch", "symbol-merge", "number-mismatch")),
    Kind("term", "a glossary term replaced by its deprecated form or a generic word", ALL, term,
         ("term-missing", "term-deprecated", "term-near-miss", "term-partial")),
    Kind("untranslated", "the English left untranslated", ALL, untranslated,
         ("copied-source", "source-script-run", "wrong-script")),
    Kind("zh-comma", "a zh full-width comma made ASCII", ("zh",), zh_comma,
         ("zh-ascii-punctuation",)),
    Kind("fr-nbsp", "a French no-break space removed before : or ;", ("fr",), fr_nbsp,
         ("fr-spacing",)),
    Kind("quotes", "fr or ru « » replaced by straight quotes", ("fr", "ru"), quotes,
         ("quotes", "paired-marks", "fr-spacing")),
)


def rng_for(pair: Pair, kind: Kind) -> random.Random:
    """The generator for one pair and kind: fixed seed, the corpus line, the language, the kind."""
    key = f"{SEED}:{pair.index}:{pair.lang}:{kind.slug}".encode()
    return random.Random(zlib.crc32(key))


def injected(pair: Pair, kind: Kind, terms: Terms) -> str | None:
    """The pair's translation with one error of ``kind``, or None where it does not apply."""
    if pair.lang not in kind.langs:
        return None
    text = kind.inject(pair, rng_for(pair, kind), terms)
    return text if text is not None and text != pair.target else None
