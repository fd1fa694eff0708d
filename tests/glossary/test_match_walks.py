"""Walks skip what the automaton already found, and words whose other analyses are covered.

``TermIndex._walk`` reports only paths that take another analysis somewhere, and a word is not
walked at all for an analysis its primary key covers (``Cover``). These tests compare ``find``
with a brute-force search that tries every analysis of every unit from every unit, reports
every path, and leaves the deduplication to ``_candidates``, as the matcher did before.
"""

from __future__ import annotations

import pytest

from glossary.test_match_core import make_glossary
from glossary.test_match_screen import EVAL, eval_texts, text_units
from l10n.checks.text import mask_markup
from l10n.glossary.matcher.index import SEP, TermIndex, in_text_order
from l10n.glossary.matcher.records import MAX_KEY_PATHS, Cover
from l10n.glossary.store import load_glossary


@pytest.fixture(scope="module")
def eval_glossary():
    return load_glossary(EVAL / "glossary.csv")


def brute_hits(index: TermIndex, units) -> list[tuple]:
    """Every hit of every analysis path from every unit; the primary-first ones first, as the
    automaton and the walks report them (the first of two equal candidates is kept)."""
    ac = index._automaton
    hits = []
    for i in range(len(units)):
        unit = units[i]
        stack = [(SEP + unit.key + SEP, None, i)]
        stack += [(SEP + alt.key + SEP, alt, i) for alt in unit.alts]
        while stack:
            prefix, alt, k = stack.pop(0)
            if not ac.match(prefix):
                continue
            value = ac.get(prefix, None)
            if value is not None:
                hits.append((i, k + 1, alt, value[1]))
            if k + 1 < len(units) and k + 1 - i < index._max_units:
                after = units[k + 1]
                for key in dict.fromkeys([after.key] + [a.key for a in after.alts if a.anywhere]):
                    stack.append((prefix + key + SEP, alt, k + 1))
    return sorted(hits, key=lambda hit: hit[2] is not None)


def brute_find(index: TermIndex, text: str) -> list:
    units = text_units(text, index.lang)
    if not len(units) or not len(index):
        return []
    cands = index._candidates(text, units, brute_hits(index, units))
    cands.sort(key=in_text_order)
    everything = (cands, [c.i for c in cands])
    return index._resolve(text, cands, everything, top_only=True, exclude=frozenset())


@pytest.mark.parametrize("lang", ["ru", "ar"])
@pytest.mark.parametrize("role", ["source", "target"])
def test_find_equals_the_brute_force_search(eval_glossary, lang, role):
    index = TermIndex(eval_glossary, lang, role=role)
    texts = [mask_markup(text) for text in eval_texts(lang)]
    assert sum(bool(index.find(text)) for text in texts) > len(texts) // 3
    for text in texts:
        assert index.find(text) == brute_find(index, text), text


CASES = [
    # the text word is the term word: its other lemmas are covered, no walk is needed
    ("same-word", {"STEEL": ["черная сталь"], "ORG": ["Организация стали"]},
     "Организация стали и черная сталь"),
    # стали: стать first, сталь second; the term has only сталь: not covered, walked
    ("later-word", {"STEEL": ["черная сталь"]}, "производство черной стали"),
    ("first-word", {"STEEL": ["сталь"]}, "запасы стали"),
    # both: one term accepts стали under every reading, another only as сталь
    ("mixed", {"ORG": ["Организация стали"], "STEEL": ["сталь"]}, "Организация стали, стали"),
    ("nothing", {"STEEL": ["черная сталь"]}, "они стали черными"),
]


@pytest.mark.parametrize("name,terms,text", CASES, ids=[c[0] for c in CASES])
def test_homograph_texts_equal_the_brute_force_search(name, terms, text):
    index = TermIndex(make_glossary("ru", terms), "ru")
    assert index.find(text) == brute_find(index, text)


def test_a_covered_word_is_not_walked():
    index = TermIndex(make_glossary("ru", {"ORG": ["Организация стали"]}), "ru")
    text = "Организация стали"
    assert [m.text for m in index.find(text)] == [text]
    words = index._split(text)[1::2]
    assert not index._words.alternating.intersection(words)  # no word needs a walk
    steel = TermIndex(make_glossary("ru", {"STEEL": ["черная сталь"]}), "ru")
    assert [m.text for m in steel.find("черной стали")] == ["черной стали"]
    assert "стали" in steel._words.alternating  # its other lemma is the term's only one


def unit(key: str, *others: str) -> tuple:
    """A planned unit (cased, form, key, alternatives) with homograph alternatives."""
    return (key, key, key, tuple((other, other, 0, False, True) for other in others))


COVER = [
    ("same-options", [[unit("a", "b")], [unit("a", "b")]], {"a": {"a", "b"}, "b": {"a", "b"}}),
    ("narrower-elsewhere", [[unit("a", "b")], [unit("a", "c")]],
     {"a": {"a"}, "b": {"a", "b"}, "c": {"a", "c"}}),
    ("alone-elsewhere", [[unit("a", "b")], [unit("b")]], {"a": {"a", "b"}}),
    ("cut-at-max-paths", [[unit(f"k{n}", f"x{n}") for n in range(7)]], {}),
]


@pytest.mark.parametrize("name,forms,covers", COVER, ids=[c[0] for c in COVER])
def test_cover_keeps_the_keys_accepted_alongside(name, forms, covers):
    assert 2 ** 7 > MAX_KEY_PATHS  # the last case has more combinations than are indexed
    cover = Cover()
    for planned in forms:
        options = [tuple(dict.fromkeys((u[2],) + tuple(s[0] for s in u[3]))) for u in planned]
        cover.note(planned, options)
    assert cover.done() == {key: frozenset(keys) for key, keys in covers.items()}
