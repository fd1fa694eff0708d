"""From text to matching units: one normalised form and one or more morphological keys per word.

A *unit* is what the term automaton sees: usually one word, but a French or Spanish contraction
("du", "del") gives two units over the same characters. Each unit has a primary key (Snowball
stem, Russian lemma stem, Arabic word without its dual/plural ending...) and may have
alternative analyses:

* Arabic proclitics (و ف ب ل ك and their stacks, لل = ل + ال) peeled from a word. They are
  tried only on the first word of a match, because in a construct phrase the clitic sits on the
  first word ("لأمير دولة قطر").
* Russian homographs: every lemma pymorphy3 proposes, plus the Snowball stem of the word
  itself (for names pymorphy3 guesses badly). These can occur on any word of a match.

Lemmatising and stemming are cached per word form, so a long text costs one dictionary look-up
per distinct word.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from .normalise import Rules, cased_form, fold_chars, strip_marks, tokenise


class Alt(NamedTuple):
    """Another analysis of a unit: its key, its form, where its span starts and how it may be used."""

    key: str
    form: str
    start: int
    clean: bool  # the text still spells the form (a peeled "و"), not a merge such as لل
    anywhere: bool  # may occur inside a match, not only on its first unit


class Unit(NamedTuple):
    """One matching unit of a text or term, with its character span in that text."""

    start: int
    end: int
    cased: str  # normalised spelling with its case (for case-sensitive terms)
    form: str  # normalised, case-folded spelling
    key: str  # primary morphological key
    alts: tuple[Alt, ...]
    head: bool  # a match may start here (word boundary before)
    tail: bool  # a match may end here (word boundary after)
    token_first: bool  # first unit of its word (False for the "le" of "du")


_THREAD = threading.local()


def _stemmer(name: str):
    """A Snowball stemmer for this thread: stemmer objects keep state and are not thread-safe
    (l10n check runs catalogues in threads)."""
    stemmers = _THREAD.__dict__.setdefault("stemmers", {})
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


@lru_cache(maxsize=200_000)
def stem(name: str, word: str) -> str:
    """The Snowball stem of ``word`` (cached per word form)."""
    return _stemmer(name).stemWord(word)


@lru_cache(maxsize=None)
def _english_plurals() -> dict:
    import json
    from importlib import resources

    text = resources.files("l10n.glossary").joinpath("data/english_plurals.json").read_text("utf-8")
    data = json.loads(text)
    return {"irregular": data["irregular"], "invariant": frozenset(w.lower() for w in data["invariant"])}


@lru_cache(maxsize=200_000)
def english_singular(word: str) -> str:
    """The singular of an English word form, possessive removed ("States'" -> "state")."""
    for mark in ("'s", "’s", "'", "’"):
        if word.endswith(mark) and len(word) > len(mark) + 1:
            word = word[: -len(mark)]
            break
    table = _english_plurals()
    if word in table["irregular"]:
        return table["irregular"][word]
    if word in table["invariant"] or len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ous")):
        return word
    return word[:-1]


@lru_cache(maxsize=None)
def _morph_analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def russian_keys(word: str) -> tuple[str, ...]:
    """Stems of every pymorphy3 lemma of a Russian word, most likely first, then its own stem.

    Proper names unknown to the dictionary (Тамим, Хилаль, Гутерриш) get pymorphy3's guesses
    and the Snowball stem of the form itself, so their case forms still meet the term.
    """
    if not re.search(r"[а-яё]", word):
        return (word,)
    keys: list[str] = []
    for parse in _morph_analyzer().parse(word):
        key = stem("russian", parse.normal_form.replace("ё", "е"))
        if key not in keys:
            keys.append(key)
    own = stem("russian", word)
    if own not in keys:
        keys.append(own)
    return tuple(keys)


def _strip_suffix(form: str, rules: Rules) -> str:
    """Remove the first matching ending; "تين>ه" replaces it (the feminine dual وثيقتين stands
    for وثيقة, whose ة the normaliser folds to ه)."""
    for rule in rules.suffixes:
        suffix, _, replacement = rule.partition(">")
        if form.endswith(suffix) and len(form) - len(suffix) >= rules.min_stem:
            return form[: -len(suffix)] + replacement
    return form


def word_keys(form: str, cased: str, rules: Rules) -> tuple[str, ...]:
    """Morphological keys of one case-folded word form, primary first."""
    if form in rules.protected:
        return (form,)
    if rules.acronym_plural and re.fullmatch(r"[A-Z0-9]{2,}" + rules.acronym_plural, cased):
        return (form[: -len(rules.acronym_plural)],)
    if rules.morph == "pymorphy3":
        return russian_keys(form)
    if rules.stemmer == "english-plural":
        return (english_singular(form),)
    if rules.stemmer:
        return (stem(rules.stemmer, form),)
    if rules.suffixes:
        return (_strip_suffix(form, rules),)
    return (form,)


@lru_cache(maxsize=262_144)
def word_analysis(raw: str, rules: Rules) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The cased spelling of a raw word and its unit forms with their keys (cached per form).

    A French elided word ("l'") stands for its full form; a contraction ("du", "del") gives
    two unit forms.
    """
    cased = cased_form(raw, rules)
    form = cased.casefold()
    if form.endswith("'"):
        form = rules.elisions.get(form, form.rstrip("'"))
        cased = cased.rstrip("'")
    forms = rules.contractions.get(form, (form,))
    if len(forms) == 1:
        return cased, ((form, word_keys(form, cased, rules)),)
    return cased, tuple((part, word_keys(part, part, rules)) for part in forms)


def _raw_offset(raw: str, letters: int, rules: Rules) -> int:
    """Offset in ``raw`` of the first letter after ``letters`` letters (marks go with their letter)."""
    seen = 0
    for i, ch in enumerate(raw):
        if ch in rules.strip_chars:
            continue
        if seen == letters:
            return i
        seen += 1
    return len(raw)


@lru_cache(maxsize=262_144)
def clitic_readings(raw: str, rules: Rules) -> tuple[tuple[str, str, int, bool], ...]:
    """(key, form, offset, clean) for an Arabic word with its proclitics peeled.

    والدوحة → الدوحة (offset after و, clean), للأمم → الأمم (ل + ال: the span keeps the whole
    word, not clean). Cached per word form.
    """
    bare = strip_marks(raw, rules)
    out: list[tuple[str, str, int, bool]] = []
    seen: set[str] = set()
    for prefix, restore in rules.clitics:
        rest = bare[len(prefix) :]
        if not bare.startswith(prefix) or len(rest) < rules.min_remainder:
            continue
        cased = fold_chars(restore + rest, rules)
        form = cased.casefold()
        key = word_keys(form, cased, rules)[0]
        if key not in seen:
            seen.add(key)
            offset = 0 if restore else _raw_offset(raw, len(prefix), rules)
            out.append((key, form, offset, not restore))
    return tuple(out)


@lru_cache(maxsize=262_144)
def _token_plan(raw: str, rules: Rules, peel: bool) -> tuple:
    """Everything a word gives wherever it stands (cached per word form): per unit
    ``(cased, form, key, alternatives)``, each alternative ``(key, form, offset, clean,
    anywhere)`` with its offset from the word's start."""
    cased, parts = word_analysis(raw, rules)
    peeled = clitic_readings(raw, rules) if peel and rules.clitics else ()
    last = len(parts) - 1
    plan = []
    for k, (form, keys) in enumerate(parts):
        specs = tuple((key, form, 0, False, True) for key in keys[1:])
        if k == 0:
            specs += tuple((key, p_form, offset, clean, False)
                           for key, p_form, offset, clean in peeled if key != keys[0])
        plan.append((cased if last == 0 else form, form, keys[0], specs))
    return tuple(plan)


def analyse(text: str, rules: Rules, *, peel: bool = True) -> list[Unit]:
    """The matching units of ``text``; ``peel`` adds Arabic clitic readings (off for terms).

    The per-word work is cached (``_token_plan``); what is left here is placing each word's
    units at its offsets and marking the word boundaries (joined words cannot start or end a
    match where ``rules.word_boundaries`` holds).
    """
    tokens = tokenise(text, rules)
    units: list[Unit] = []
    append = units.append
    bounded = rules.word_boundaries
    count = len(tokens)
    for n, (start, end, raw, joined) in enumerate(tokens):
        plan = _token_plan(raw, rules, peel)
        head = not (bounded and joined)
        tail = not (bounded and n + 1 < count and tokens[n + 1][3])
        if len(plan) == 1:
            cased, form, key, specs = plan[0]
            alts = _alts(specs, start) if specs else ()
            append(_new(Unit, (start, end, cased, form, key, alts, head, tail, True)))
            continue
        last = len(plan) - 1
        for k, (cased, form, key, specs) in enumerate(plan):
            alts = _alts(specs, start) if specs else ()
            append(_new(Unit, (start, end, cased, form, key, alts, head if k == 0 else True,
                               tail if k == last else False, k == 0)))
    return units


_new = tuple.__new__  # NamedTuple construction without the keyword-handling wrapper


def _alts(specs: tuple, start: int) -> tuple[Alt, ...]:
    return tuple([_new(Alt, (a, f, start + o, c, w)) for a, f, o, c, w in specs])
