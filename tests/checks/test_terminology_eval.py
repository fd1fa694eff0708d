"""Evaluation of the terminology checks: false alarms on correct UN translations, caught errors.

tests/checks/data/term_eval/<lang>.tsv holds ``id, English source, target`` where each glossary
term of the (correct) target is marked ``{surface|CONCEPT}``. From each pair come:

* the correct pair (marks removed): any finding on it is a false alarm;
* per marked concept, a "deleted" variant (every surface of the concept replaced by an
  unrelated word) and, when the language has a deprecated term for the concept, a "deprecated"
  variant (every surface replaced by the first deprecated term): each must be reported with a
  finding for that concept to count as caught.

The baseline is what a Weblate-style glossary check does: one Aho-Corasick automaton over the
lower-cased source terms with non-word boundaries (none for Chinese), then a case-insensitive
whole-word regex per target term; no inflection, no clitics, no contractions.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import pytest

from l10n.checks.base import CheckContext, Entry, ProjectCheck
from l10n.checks.terminology import TERMINOLOGY_CHECKS
from l10n.glossary.model import Concept, Glossary, Status, Term

DATA = Path(__file__).resolve().parent / "data" / "term_eval"
LANGS = ("ar", "es", "fr", "ru", "zh")
UNRELATED = {"ar": "مشروع", "es": "proyecto", "fr": "projet", "ru": "проект", "zh": "项目"}
MARK = re.compile(r"\{([^{}|]+)\|([A-Z0-9-]+)\}")


def load_fixture_glossary(path: Path = DATA / "glossary.csv") -> Glossary:
    """The evaluation glossary, through the project's loader when it exists."""
    try:
        from l10n.glossary.store import load_glossary
    except ImportError:  # the store module is another helper's; fall back to a plain reader
        return _read_long_csv(path)
    return load_glossary(path)


def _read_long_csv(path: Path) -> Glossary:
    glossary = Glossary()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            concept = glossary.concepts.get(row["concept_id"]) or glossary.add(
                Concept(row["concept_id"], row["domain"] or None))
            concept.section(row["lang"]).terms.append(Term(row["term"], Status(row["status"])))
    return glossary


@dataclass(frozen=True)
class Pair:
    id: str
    source: str
    marked: str

    @property
    def target(self) -> str:
        return MARK.sub(lambda m: m.group(1), self.marked)

    def concepts(self) -> list[str]:
        return list(dict.fromkeys(m.group(2) for m in MARK.finditer(self.marked)))

    def replaced(self, concept: str, text: str) -> str:
        return MARK.sub(lambda m: text if m.group(2) == concept else m.group(1), self.marked)


@dataclass(frozen=True)
class Variant:
    pair: Pair
    concept: str
    kind: str  # "deleted" | "deprecated"
    target: str


def load_pairs(lang: str) -> list[Pair]:
    pairs = []
    for line in (DATA / f"{lang}.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pair_id, source, marked = line.split("\t")
            pairs.append(Pair(pair_id, source, marked))
    return pairs


def variants(pairs: list[Pair], lang: str, glossary: Glossary) -> list[Variant]:
    out = []
    for pair in pairs:
        for concept_id in pair.concepts():
            out.append(Variant(pair, concept_id, "deleted", pair.replaced(concept_id, UNRELATED[lang])))
            deprecated = [t for t in glossary.concepts[concept_id].terms(lang)
                          if t.status is Status.DEPRECATED]
            if deprecated:
                out.append(Variant(pair, concept_id, "deprecated",
                                   pair.replaced(concept_id, deprecated[0].text)))
    return out


# -- the two checkers under evaluation --------------------------------------------------------


class OurChecks:
    """Every per-entry terminology check; returns the concepts it reported."""

    def __init__(self, glossary: Glossary):
        self.context = CheckContext(glossary=glossary)
        self.checks = [cls() for cls in TERMINOLOGY_CHECKS if not issubclass(cls, ProjectCheck)]

    def findings(self, lang: str, source: str, target: str) -> list:
        entry = Entry("eval.po", 1, lang, "en", source, target)
        return [f for check in self.checks if check.applies(entry)
                for f in check.check(entry, self.context)]

    def concepts(self, lang: str, source: str, target: str) -> set[str]:
        return {f.concept for f in self.findings(lang, source, target)}


def _written_forms(text: str) -> list[str]:
    """"A / B (C.)" gives A, B and C; "Qatar (le)" gives Qatar: a fair split for the baseline."""
    forms = []
    inner = re.fullmatch(r"(.*?\S)\s*\(([^()]+)\)", text.strip())
    pieces = [text.strip()]
    if inner:
        pieces = [inner.group(1)] + ([inner.group(2)] if "." in inner.group(2) else [])
    for piece in pieces:
        forms.extend(p.strip() for p in re.split(r"\s+/\s+", piece) if p.strip())
    return forms


class WeblateBaseline:
    """Exact-form glossary check: what Weblate's glossary check does, per the field notes."""

    def __init__(self, glossary: Glossary, source_lang: str = "en"):
        self.glossary = glossary
        self.automaton = ahocorasick.Automaton()
        keys: dict[str, set[str]] = {}
        for concept in glossary.concepts.values():
            for term in concept.terms(source_lang):
                for form in _written_forms(term.text):
                    keys.setdefault(form.lower(), set()).add(concept.id)
        for key, concepts in keys.items():
            self.automaton.add_word(key, (key, frozenset(concepts)))
        self.automaton.make_automaton()

    def _source_concepts(self, source: str) -> set[str]:
        """Every (overlapping) term occurrence with non-word characters on both sides."""
        lowered = source.lower()
        found: set[str] = set()
        for end, (key, concepts) in self.automaton.iter(lowered):
            if _bounded(lowered, end - len(key) + 1, end + 1):
                found |= concepts
        return found

    def concepts(self, lang: str, source: str, target: str) -> set[str]:
        flagged = set()
        for concept_id in self._source_concepts(source):
            terms = self.glossary.concepts[concept_id].terms(lang)
            good = [f for t in terms if t.status is not Status.DEPRECATED for f in _written_forms(t.text)]
            bad = [f for t in terms if t.status is Status.DEPRECATED for f in _written_forms(t.text)]
            if good and not any(_whole_word(f, target, lang) for f in good):
                flagged.add(concept_id)
            if any(_whole_word(f, target, lang) for f in bad):
                flagged.add(concept_id)
        return flagged


def _bounded(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())


def _whole_word(term: str, text: str, lang: str) -> bool:
    if lang == "zh":
        return term.lower() in text.lower()
    return re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE) is not None


# -- the measurement ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    pairs: int
    false_alarms: int
    variants: int
    caught: int

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.pairs

    @property
    def catch_rate(self) -> float:
        return self.caught / self.variants


def measure(checker, lang: str, glossary: Glossary) -> tuple[Score, list[str]]:
    """The score of one checker on one language, and a line per miss or false alarm."""
    pairs = load_pairs(lang)
    notes = []
    false_alarms = 0
    for pair in pairs:
        flagged = checker.concepts(lang, pair.source, pair.target)
        if flagged:
            false_alarms += 1
            notes.append(f"false alarm {lang} {pair.id}: {sorted(flagged)}")
    injected = variants(pairs, lang, glossary)
    caught = 0
    for variant in injected:
        if variant.concept in checker.concepts(lang, variant.pair.source, variant.target):
            caught += 1
        else:
            notes.append(f"missed {lang} {variant.pair.id} {variant.kind} {variant.concept}")
    return Score(len(pairs), false_alarms, len(injected), caught), notes


# -- the tests ---------------------------------------------------------------------------------

MAX_FALSE_ALARMS = 0.03
MIN_CATCH = 0.95


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_fixture_glossary()


@pytest.fixture(scope="module")
def ours(glossary) -> OurChecks:
    return OurChecks(glossary)


@pytest.mark.parametrize("lang", LANGS)
def test_evaluation_set_is_well_formed(lang, glossary):
    """At least 40 pairs; every marked concept exists, has a term in the language and is
    found in the English source (otherwise an injected error would not be an error)."""
    from l10n.glossary.matcher.index import TermIndex

    pairs = load_pairs(lang)
    assert len(pairs) >= 40
    index = TermIndex(glossary, "en", role="source")
    for pair in pairs:
        assert "{" not in pair.target and "|" not in pair.target, pair.id
        for concept_id in pair.concepts():
            assert glossary.concepts[concept_id].terms(lang), (pair.id, concept_id)
            assert concept_id in index.concepts_in(pair.source), (pair.id, concept_id)


@pytest.mark.parametrize("lang", LANGS)
def test_false_alarms_and_catch_rate(lang, glossary, ours, capsys):
    """Under 3 % false alarms on correct pairs, at least 95 % of injected errors caught; the
    Weblate-style baseline is measured on the same data and printed beside ours."""
    score, notes = measure(ours, lang, glossary)
    base, _ = measure(WeblateBaseline(glossary), lang, glossary)
    with capsys.disabled():
        print(f"\n{lang}: ours false alarms {score.false_alarms}/{score.pairs} "
              f"({score.false_alarm_rate:.1%}), caught {score.caught}/{score.variants} "
              f"({score.catch_rate:.1%}) | baseline false alarms {base.false_alarms}/{base.pairs} "
              f"({base.false_alarm_rate:.1%}), caught {base.caught}/{base.variants} "
              f"({base.catch_rate:.1%})")
    assert score.false_alarm_rate < MAX_FALSE_ALARMS, "\n".join(notes)
    assert score.catch_rate >= MIN_CATCH, "\n".join(notes)
    assert score.false_alarm_rate <= base.false_alarm_rate
