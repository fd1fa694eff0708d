"""Whitespace folding, the prose test and tag names: fast paths that give the plain answers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from l10n.formats._htmlsource import local_name
from l10n.formats._textutil import FOLDABLE, fold_runs, fold_ws, is_prose
from l10n.formats.html import FORMAT

URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+$|^[^\s@]+@[^\s@]+\.[a-z]{2,}$", re.I)


def plain_fold(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text)


def plain_is_prose(text: str) -> bool:
    """The definition: fold, then a letter and not a lone URL or e-mail address."""
    folded = plain_fold(text).strip(FOLDABLE)
    return any(c.isalpha() for c in folded) and not URL.match(folded)


@pytest.mark.parametrize(
    ("text", "runs", "stripped"),
    [("one two", "one two", "one two"),
     ("one  two", "one two", "one two"),
     (" \tone\n\n two\r\n", " one two ", "one two"),
     ("4\u00a0November\u202f2025", "4\u00a0November\u202f2025", "4\u00a0November\u202f2025"),
     ("a\fb\vc", "a b c", "a b c"),
     ("", "", "")],
    ids=["single-spaces", "double-space", "mixed-runs", "nbsp-kept", "form-feed-vtab", "empty"],
)
def test_folding(text: str, runs: str, stripped: str) -> None:
    assert (fold_runs(text), fold_ws(text)) == (runs, stripped)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The Summit", True),
     ("  2025 – 10:00  ", False),
     ("https://www.un.org/", False),
     ("\n https://www.un.org/ \n", False),
     ("see https://www.un.org/", True),
     ("https://www.un.org/\nmore", True),
     ("press@un.org", False),
     ("www.un.org\u00a0", True)],
    ids=["words", "digits-only", "url", "url-with-margins", "url-in-a-sentence",
         "url-then-a-line", "e-mail", "url-then-nbsp"],
)
def test_is_prose(text: str, expected: bool) -> None:
    assert is_prose(text) is expected
    assert plain_is_prose(text) is expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(" \t\n\r\f\v\u00a0a.:/@w") + ["www.", "http://", ".org"]),
                max_size=30).map("".join))
def test_fast_paths_match_the_definitions(text: str) -> None:
    assert fold_runs(text) == plain_fold(text)
    assert fold_ws(text) == plain_fold(text).strip(FOLDABLE)
    assert is_prose(text) is plain_is_prose(text)


def _html_element(tag: str) -> etree._Element:
    """The element lxml's HTML parser makes for ``<tag>`` (it keeps a prefix such as "o:")."""
    root = etree.fromstring(f"<html><body><{tag}>x</{tag}></body></html>", etree.HTMLParser())
    return root.find("body")[0]


@pytest.mark.parametrize(
    ("element", "expected"),
    [(etree.Element("p"), "p"),
     (_html_element("TD"), "td"),
     (etree.Element("{http://www.w3.org/1999/xhtml}Body"), "body"),
     (_html_element("o:p"), "o:p")],
    ids=["plain", "upper-case-html", "namespaced", "prefixed"],
)
def test_local_name(element: etree._Element, expected: str) -> None:
    assert local_name(element) == expected


def test_word_prefixed_tags_parse() -> None:
    """Word's <o:p> used to stop extraction with a ValueError from lxml's name check."""
    source = "<p>Delegates met in Doha.<o:p></o:p></p>"
    assert [unit.text for unit in FORMAT.parse(source, "page.html").units] == [
        "Delegates met in Doha."]
