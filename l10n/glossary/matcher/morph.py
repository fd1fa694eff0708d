"""From text to matching units: one normalised form and one or more morphological keys per word.

A *unit* is what the term automaton sees: usually one word, but a French or Spanish contraction
("du", "del") gives two units over the same characters. Each unit has a primary key (Snowball
stem, Russian lemma stem, Arabic word without its dual/plural ending...) and may have
alternative analyses:

* Arabic proclitics (و ف ب ل ك and their stacks, لل = ل + ال) peeled from a word. They are
  tried only on the first word of a match, because in a construct phrase the clitic sits on the
  first word ("لأمير دولة قطر").
* Russian homographs: every lemma pymorphy3 proposes, plus the Snowball stem of the word
  itself (for names pymorphy3 guesses badly), plus the place a relational adjective is made
  from ("Пекинская платформа действий" names Пекин). These can occur on any word of a match.

Lemmatising and stemming are cached per word form, so a long text costs one dictionary look-up
per distinct word.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from .normalise import Rules, cased_form, fold_chars, joins, split_words, strip_marks


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

    text = resources.files("l10n.glossary.matcher").joinpath("data/english_plurals.json").read_text("utf-8")
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
def _romance_tables() -> dict:
    import json
    from importlib import resources

    text = resources.files("l10n.glossary.matcher").joinpath("data/romance_inflection.json").read_text("utf-8")
    return json.loads(text)


_VOWELS = frozenset("aeiouáéíóúàâäèêëîïôöùûüœæy")


@lru_cache(maxsize=200_000)
def romance_key(lang: str, word: str) -> str:
    """The number-and-gender key of a casefolded Spanish or French word, accents kept while it is
    worked out and folded at the end (see data/romance_inflection.json).

    "Secretarías" -> "secretaria" (the accent on í marks another lemma: no gender ending),
    "Secretario" and "Secretaria" -> "secretari", "Presidenta" -> "president", "naciones" ->
    "nacion", fr "générales" -> "general", "Ambassadrice" -> "ambassadeur".
    """
    table = _romance_tables()[lang]
    least = table["min_stem"]
    key = word
    for ending, replacement, *when in table["plural"]:
        if key.endswith(ending) and len(key) - len(ending) >= least:
            before = key[-len(ending) - 1]
            if when and (before in _VOWELS) != (when[0] == "vowel"):
                continue
            if ending == "s" and before in table["accented"]:
                continue  # país, jamás: a stressed final vowel before s is no plural
            key = key[: -len(ending)] + replacement
            break
    for ending, replacement in table["feminine"]:
        if key.endswith(ending) and len(key) - len(ending) >= least:
            key = key[: -len(ending)] + replacement
            break
    vowels = table["gender_vowels"]
    if vowels and key[-1:] in vowels and len(key) > least and key[-2] not in table["accented"]:
        key = key[:-1]
    return _fold_accents(key)


def _fold_accents(word: str) -> str:
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def morph_analyzer():
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
    for parse in morph_analyzer().parse(word):
        key = stem("russian", parse.normal_form.replace("ё", "е"))
        if key not in keys:
            keys.append(key)
    own = stem("russian", word)
    if own not in keys:
        keys.append(own)
    for key in _place_of_adjective(own):
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def _place_of_adjective(own: str) -> tuple[str, ...]:
    """The place a Russian relational adjective is made from, as the key of its noun: the
    regular -ский adjectives ("пекинская" → Пекин, "женевских" → Женева) and -инский from a
    noun in -а ("дохинская" → Доха). ``own`` is the Snowball stem of the word ("пекинск"); the
    noun's key is its stem, which the adjective's stem holds before the suffix. Irregular ones
    (московский) are terms of the glossary (part of speech adjective)."""
    if not own.endswith("ск") or len(own) < 6:
        return ()
    base = own[:-2]
    if base.endswith("ин") and len(base) >= 5:
        return (base, base[:-2])
    return (base,)


def _strip_suffix(form: str, rules: Rules) -> str:
    """Remove the first matching ending; "تين>ه" replaces it (the feminine dual وثيقتين stands
    for وثيقة, whose ة the normaliser folds to ه)."""
    for rule in rules.suffixes:
        suffix, _, replacement = rule.partition(">")
        if form.endswith(suffix) and len(form) - len(suffix) >= rules.min_stem:
            return form[: -len(suffix)] + replacement
    return form


def _accusative(form: str, rules: Rules) -> bool:
    """Whether an Arabic word ends in the alif of the indefinite accusative (tanwin fath, its
    harakah already dropped): a word without the article, of three letters or more before
    the alif (عضوا, ممثلا), which is not a dual or plural ending (ان, ون, ين stay)."""
    article = rules.indefinite_article or ""
    return (form.endswith("ا") and len(form) >= rules.min_stem + 1
            and not (article and form.startswith(article)))


def load_analysers(rules: Rules) -> None:
    """Load what analysing words of this language needs (pymorphy3's dictionaries take 0.1 s)
    now: a term index restored from the cache analyses no term, and the checks' worker
    processes would otherwise each load them again instead of sharing the parent's."""
    if rules.morph == "pymorphy3":
        morph_analyzer()
    elif rules.stemmer == "english-plural":
        _english_plurals()
    elif rules.stemmer in ROMANCE:
        _romance_tables()


ROMANCE = {"spanish-number-gender": "es", "french-number-gender": "fr"}


def word_keys(form: str, cased: str, rules: Rules, accented: str | None = None) -> tuple[str, ...]:
    """Morphological keys of one case-folded word form, primary first; ``accented`` is the
    form before diacritics were folded (the number-gender reducers need it)."""
    if form in rules.protected:
        return (form,)
    if rules.acronym_plural and re.fullmatch(r"[A-Z0-9]{2,}" + rules.acronym_plural, cased):
        return (form[: -len(rules.acronym_plural)],)
    if rules.morph == "pymorphy3":
        return russian_keys(form)
    if rules.stemmer == "english-plural":
        return (english_singular(form),)
    if rules.stemmer in ROMANCE:
        return (romance_key(ROMANCE[rules.stemmer], accented or form),)
    if rules.stemmer:
        return (stem(rules.stemmer, form),)
    if rules.suffixes:
        if rules.accusative_alif and _accusative(form, rules):
            form = form[:-1]  # عضوا: the indefinite accusative of عضو
        singular = _singular(form, rules)
        return (singular if singular is not None else _strip_suffix(form, rules),)
    return (form,)


def _singular(form: str, rules: Rules) -> str | None:
    """The singular of a broken plural the data lists (دول -> دولة, الأعضاء -> العضو), or None:
    a term and a text may name a concept in either number ("Member States" / "13 دولة عضوا",
    a number from 11 to 99 counts a singular)."""
    if not rules.singulars:
        return None
    if form in rules.singulars:
        return rules.singulars[form]
    article = rules.indefinite_article
    if article and form.startswith(article) and form[len(article):] in rules.singulars:
        return article + rules.singulars[form[len(article):]]
    return None


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
        accented = None
        if rules.stemmer in ROMANCE and not raw.isascii():
            accented = strip_marks(raw, rules).translate(rules.char_table).casefold()
            if accented.endswith("'") or _fold_accents(accented) != form:
                accented = None  # an elided or otherwise changed word: its folded form
        return cased, ((form, word_keys(form, cased, rules, accented)),)
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
def token_plan(raw: str, rules: Rules, peel: bool) -> tuple:
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
    """The matching units of ``text``; ``peel`` adds Arabic clitic readings (off for terms)."""
    parts = split_words(text, rules)
    return list(TextUnits(parts, rules, [token_plan(word, rules, peel) for word in parts[1::2]]))


class TextUnits:
    """The matching units of one text, each placed the first time it is asked for.

    ``parts`` is the text as ``split_words`` cuts it (gap, word, gap, ..., gap) and ``plans``
    holds each word's ``token_plan`` (the per-word work, cached). Placing a unit means giving
    it its word's offsets and marking the word boundaries (joined words cannot start or end a
    match where ``rules.word_boundaries`` holds). ``analyse`` places every unit; the term
    matcher asks only for the few around its hits, and reads the forms and keys of the others
    from their plans (``planned``), so a long text with one term costs no object per word.
    """

    __slots__ = ("_parts", "_rules", "_plans", "_owners", "_offsets", "_placed")

    def __init__(self, parts: list[str], rules: Rules, plans: list[tuple]):
        self._parts = parts
        self._rules = rules
        self._plans = plans
        count = sum(map(len, plans))
        # unit -> (word, part): needed only when a word gives two units ("du" = de + le)
        self._owners = None if count == len(plans) else [
            (t, k) for t, plan in enumerate(plans) for k in range(len(plan))]
        self._offsets: list[int] | None = None  # where each part ends, once a unit is placed
        self._placed: list[Unit | None] = [None] * count

    def __len__(self) -> int:
        return len(self._placed)

    def __iter__(self):
        return (self[u] for u in range(len(self._placed)))

    def __getitem__(self, u: int) -> Unit:
        unit = self._placed[u]
        if unit is None:
            unit = self._placed[u] = self._place(u)
        return unit

    def planned(self, u: int) -> tuple:
        """``(cased, form, key, alternatives)`` of unit ``u`` without placing it; each
        alternative is ``(key, form, offset from the word's start, clean, anywhere)``."""
        if self._owners is None:
            return self._plans[u][0]
        t, k = self._owners[u]
        return self._plans[t][k]

    def first_of_word(self, u: int) -> bool:
        """Whether unit ``u`` is its word's first (False for the "le" of "du")."""
        return self._owners is None or self._owners[u][1] == 0

    def span(self, i: int, j: int) -> tuple[int, int, bool]:
        """``(start, end, bounded)`` of units ``i`` to ``j - 1``: where the first starts, where
        the last ends, and whether a match may start at the first and end at the last (the
        ``head`` of ``self[i]`` and the ``tail`` of ``self[j - 1]``), without placing them."""
        if self._owners is None:
            t, k, t2, bounded = i, 0, j - 1, True
        else:
            (t, k), (t2, k2) = self._owners[i], self._owners[j - 1]
            bounded = k2 == len(self._plans[t2]) - 1
        offsets = self._offsets or self._measure()
        if bounded and self._rules.word_boundaries:
            # ``_joined`` written out (it runs for every hit): the gap before word t, if it
            # is not the first, and the gap after word t2, if it is not the last
            parts, joiners = self._parts, self._rules.joiner_chars
            before = parts[2 * t] if k == 0 and t else ""
            after = parts[2 * t2 + 2] if t2 + 1 < len(self._plans) else ""
            bounded = not (before and not before.strip(joiners)) \
                and not (after and not after.strip(joiners))
        return offsets[2 * t], offsets[2 * t2 + 1], bounded

    def _place(self, u: int) -> Unit:
        t, k = (u, 0) if self._owners is None else self._owners[u]
        offsets = self._offsets or self._measure()
        start, end = offsets[2 * t], offsets[2 * t + 1]
        plan = self._plans[t]
        cased, form, key, specs = plan[k]
        alts = _alts(specs, start) if specs else ()
        head, tail = True, k == len(plan) - 1  # the halves of "du" stay together
        if self._rules.word_boundaries:
            if k == 0:
                head = not self._joined(t)
            if tail:
                tail = not self._joined(t + 1)
        return _new(Unit, (start, end, cased, form, key, alts, head, tail, k == 0))

    def _measure(self) -> list[int]:
        """Where each part ends: word ``t`` spans ``offsets[2t]`` to ``offsets[2t + 1]``."""
        self._offsets = list(itertools.accumulate(map(len, self._parts)))
        return self._offsets

    def _joined(self, t: int) -> bool:
        """Whether word ``t`` is tied to the previous one by joiners ("Secretary-General");
        False for the first word and past the last."""
        return 0 < t < len(self._plans) and joins(self._parts[2 * t], self._rules.joiner_chars)


_new = tuple.__new__  # NamedTuple construction without the keyword-handling wrapper


def _alts(specs: tuple, start: int) -> tuple[Alt, ...]:
    return tuple([_new(Alt, (a, f, start + o, c, w)) for a, f, o, c, w in specs])
