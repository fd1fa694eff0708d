"""Plain text: paragraphs, layout-only separator lines, and one-line translated paragraphs."""

from __future__ import annotations

import pytest

from l10n.formats.text import FORMAT, is_layout
from l10n.model import Rendition

from formats.helpers import identity


@pytest.mark.parametrize(
    "line, layout",
    [("", True), ("\n", True), (" \t\r\n", True), ("\u00a0\n", True), ("\u3000\u3000\n", True),
     ("a\n", False), ("\u202f\n", False), (".\n", False)],
    ids=["empty", "newline", "spaces-tabs-crlf", "nbsp", "ideographic-space", "letter", "narrow-nbsp", "dot"],
)
def test_layout_lines(line, layout):
    assert is_layout(line) is layout


@pytest.mark.parametrize(
    "source, expected",
    [
        ("One line\nand another\n\nSecond paragraph\n", [("One line and another", 1), ("Second paragraph", 4)]),
        ("First\n\u00a0\nSecond\n\u3000\nThird", [("First", 1), ("Second", 3), ("Third", 5)]),
        ("Tabs\there\n", [("Tabs here", 1)]),
        ("Doha\u00a0: 4\u202f000 people\n", [("Doha\u00a0: 4\u202f000 people", 1)]),
        ("2025\n\n---\n\nhttps://www.un.org/\n\nWords\n", [("Words", 7)]),
    ],
    ids=["fold-lines", "layout-separators", "tab", "nbsp-kept", "not-prose"],
)
def test_paragraph_units(source, expected):
    document = FORMAT.parse(source, "t.txt")
    assert [(u.text, u.line) for u in document.units] == expected
    assert all(u.role == "paragraph" and u.comment == "paragraph" and u.atomic == () for u in document.units)
    assert all(u.splittable for u in document.units)


def test_translated_paragraph_on_one_line_separators_kept():
    source = "  Title line\r\n\u00a0\r\n\r\nFirst line\r\nsecond line\r\n\r\nEnd"
    document = FORMAT.parse(source, "t.txt")
    renditions = [Rendition("Titre"), Rendition("Une seule ligne"), Rendition("Fin")]
    assert FORMAT.render(document, renditions, lang="fr") == "  Titre\r\n\u00a0\r\n\r\nUne seule ligne\r\n\r\nFin"
    assert FORMAT.render(document, identity(document), lang="fr") == source
