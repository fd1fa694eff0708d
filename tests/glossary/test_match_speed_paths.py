"""The matcher's fast paths keep its behaviour: remembered finds, cached word plans, tokens."""

from __future__ import annotations


import pytest

from glossary.test_match_core import EN, make_glossary, top
from l10n.glossary.matcher.index import TermIndex
from l10n.glossary.matcher.morph import analyse
from l10n.glossary.matcher.normalise import load_rules, tokenise


@pytest.mark.parametrize("lang,text,joined", [
    ("en", "Under-Secretary-General", [False, True, True]),
    ("en", "H.E. Mr. Guterres", [False, True, False, False]),
    ("en", "social - development", [False, False]),
    ("en", "Doha.-Qatar", [False, True]),
    ("en", "Doha. Qatar", [False, False]),
    ("ru", "Аль-Тани", [False, True]),
    ("zh", "多哈-卡塔尔", [False, False, False, False, False]),
], ids=["hyphens", "full-stops", "spaced-hyphen", "two-joiners", "stop-and-space", "russian",
        "chinese-has-no-joiners"])
def test_tokens_joined_only_by_joiners(lang, text, joined):
    assert [t.joined for t in tokenise(text, load_rules(lang))] == joined


def test_word_plans_are_placed_at_each_occurrence():
    rules = load_rules("ar")
    text = "والدوحة ثم والدوحة"
    first, _, second = analyse(text, rules)
    assert first.key == second.key and first.start == 0 and second.start == 11
    [clitic_1] = [a for a in first.alts if not a.anywhere]
    [clitic_2] = [a for a in second.alts if not a.anywhere]
    assert (clitic_1.start, clitic_2.start) == (1, 12) and clitic_1.clean


def test_contraction_units_keep_their_boundaries():
    text = "le développement du Qatar"
    units = analyse(text, load_rules("fr"))
    du = [u for u in units if u.start == text.index("du")]
    assert [(u.form, u.head, u.tail, u.token_first) for u in du] == [
        ("de", True, False, True), ("le", True, True, False)]


def test_remembered_find_returns_a_fresh_list():
    index = TermIndex(EN, "en")
    text = "The Secretary-General spoke in Doha."
    first = index.find(text)
    first.clear()
    assert top(index, text) == [("SG", "Secretary-General"), ("DOHA", "Doha")]
    assert index.find(text) == index.find(text) and index.find(text) is not index.find(text)




def test_indexes_remember_their_own_texts():
    first = TermIndex(make_glossary("en", {"A": ["Doha"]}), "en")
    second = TermIndex(make_glossary("en", {"B": ["Doha"]}), "en")
    assert top(first, "Doha") == [("A", "Doha")] and top(second, "Doha") == [("B", "Doha")]
