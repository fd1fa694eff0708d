"""What makes a TMX import fast, shown to change nothing: the month names written as a trie,
the stream reader's short paths."""

from __future__ import annotations

import re

import pytest

from l10n.tm.text import trie_alternation

WORDS = ["mai", "maio", "mayo", "mars", "marzo", "marte", "ma", "juin", "juillet", "junio",
         "julio", "сентябрь", "сентябрём", "сентябрем", "сентября", "十一月", "十月", "一月",
         "كانون الثاني", "كانون الأول", "آب"]
TEXTS = ["mai maio mayo ma mar mars marzo marte martes", "juin juillet juilletx junio julio",
         "MAIO Mayo JUIN", "сентябрёмы сентябрем сентябрь сентября сентябр",
         "十一月十月一月十一", "كانون الثاني كانون الأولى آب آبا", "", "m", "maimai"]


@pytest.mark.parametrize("after", ["", r"(?!\w)", r"(?=\s|$)"])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_trie_matches_what_the_longest_first_alternation_matches(after, flags):
    plain = re.compile(f"(?:{'|'.join(sorted(WORDS, key=len, reverse=True))}){after}", flags)
    trie = re.compile(f"(?:{trie_alternation(WORDS)}){after}", flags)
    for text in TEXTS:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert trie.pattern.count("|") < plain.pattern.count("|")  # it shares the prefixes


def test_a_trie_of_no_word_matches_nothing():
    assert re.search(trie_alternation([]), "anything") is None
    with pytest.raises(ValueError):
        trie_alternation(["a", ""])
